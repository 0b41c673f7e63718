import Foundation

extension OutputManifest {
    /// The file a manifest was read from, as `write` wrote it: each group's lines copied as they are
    /// into the next manifest when its group is unchanged. An edit build changes a few of 17k groups
    /// (at 10k pages): writing each one's lines again was most of the manifest's save, which the
    /// build's last step waits for.
    struct Source: Sendable {
        /// The file's bytes up to its copies' lines.
        private var bytes: [UInt8] = []
        /// Where each group's lines start (its `G` line), in the file's order (`OutputManifest.order`).
        private var starts: [Int] = []
        /// Where each group's id is.
        private var ids: [Range<Int>] = []

        init(capacity: Int) {
            starts.reserveCapacity(capacity)
            ids.reserveCapacity(capacity)
        }

        /// The next group's line starts at `start`, with its id at `id`.
        mutating func group(at start: Int, id: Range<Int>) {
            starts.append(start)
            ids.append(id)
        }

        /// The groups' lines end at `end` (where the copies' lines start); kept from `file`.
        mutating func finish(_ file: UnsafeBufferPointer<UInt8>, end: Int) { bytes = Array(file[..<end]) }

        var count: Int { starts.count }

        /// Group `n`'s lines.
        func lines(_ n: Int) -> Range<Int> { starts[n]..<(n + 1 < starts.count ? starts[n + 1] : bytes.count) }

        /// Lines `range` of the file appended to `out`.
        func append(_ range: Range<Int>, to out: inout [UInt8]) { out += bytes[range] }

        /// How group `n`'s id orders against `text` (an id's text): by bytes, a prefix first, as
        /// `inByteOrder` sorts ids; negative, zero or positive.
        func compare(_ n: Int, _ text: [UInt8]) -> Int {
            let id = ids[n]
            let common = min(id.count, text.count)
            let order = bytes.withUnsafeBufferPointer { file in
                text.withUnsafeBufferPointer { text in common == 0 ? 0 : Int(memcmp(file.baseAddress! + id.lowerBound, text.baseAddress!, common)) }
            }
            return order != 0 ? order : id.count - text.count
        }
    }

    /// The groups' lines when `changed` are the ids whose groups differ from `source`'s file (made,
    /// changed or gone): the other groups' lines copied from it in runs, and the changed ones'
    /// written where their ids' bytes put them, as `write` would write every one.
    func patchedLines(_ source: Source, changed: [OutputID]) -> Lines {
        var changes = changed.map { (text: Array($0.text.utf8), id: $0) }
        changes.sort { a, b in
            let common = min(a.text.count, b.text.count)
            let order = common == 0 ? 0 : memcmp(a.text, b.text, common)
            return order != 0 ? order < 0 : a.text.count < b.text.count
        }
        // (An id said twice is written once.)
        changes = changes.indices.filter { $0 == 0 || changes[$0].text != changes[$0 - 1].text }.map { changes[$0] }
        var lines = Lines()
        var run = 0..<0
        var next = 0
        func flush() {
            source.append(run, to: &lines.out)
            run = run.upperBound..<run.upperBound
        }
        func change(_ id: OutputID) {
            flush()
            if let group = groups[id] { lines.group(id, group) }
        }
        for n in 0..<source.count {
            // Changed ids before this group's (made since), then this group's own when it changed.
            while next < changes.count, source.compare(n, changes[next].text) > 0 {
                change(changes[next].id)
                next += 1
            }
            if next < changes.count, source.compare(n, changes[next].text) == 0 {
                change(changes[next].id)
                next += 1
                continue
            }
            let group = source.lines(n)
            if run.upperBound != group.lowerBound {
                flush()
                run = group.lowerBound..<group.lowerBound
            }
            run = run.lowerBound..<group.upperBound
        }
        flush()
        for (_, id) in changes[next...] { change(id) }
        return lines
    }
}
