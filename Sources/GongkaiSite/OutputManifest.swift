import Foundation
import GongkaiContent
import Synchronization

/// What the output folder holds, as the next build needs to know it: the groups of the build that
/// made it (by `OutputID`, with their keys and files) and the files copied from the site. Version 2
/// of the file: group ids are `OutputID.text`.
struct OutputManifest {
    var identity: String
    var groups: [OutputID: OutputMemo.Group]
    /// Files copied from the site (static files, attachments), stamped by the source's size and time.
    var copies: [OutputMemo.Entry]
    /// Which save of this process made it (`nextSerial`); 0 when read from a file. A session keeps the
    /// manifest it wrote (`ManifestCache`): the next build knows by the serial that the output is the
    /// one its last build made, and what that build recorded of it still holds.
    var serial: UInt64 = 0
    /// The groups' ids in a known order of their texts' bytes (`ByteOrderedIDs`): the order of the file
    /// the manifest was read from, or of the previous output's (its groups are mostly the same), which
    /// `write` follows when it holds the same ids; else (empty, or other ids) they are sorted.
    var order = ByteOrderedIDs()
    /// The file the manifest was read from, when it is as `write` writes one: a save that changes a
    /// few groups copies the others' lines from it (`write`, `changed`).
    var source: Source? = nil
    /// The ids whose groups differ from those of `source` (made, changed, gone; the rest are its
    /// own), when the memo knows them (`OutputMemo.groupsAndChanges`); nil: every group is written.
    var changed: [OutputID]? = nil

    private static let serials = Atomic<UInt64>(0)

    /// A serial no manifest of this process had before.
    static func nextSerial() -> UInt64 { serials.add(1, ordering: .relaxed).newValue }

    /// Every file it lists (a path listed twice: the copy's stamp, or the last group's).
    var files: FileTable {
        var all = FileTable(capacity: copies.count + groups.count * 2)
        for group in groups.values { for entry in group.files { all.add(entry.path, entry.stamp, replacing: true) } }
        for entry in copies { all.add(entry.path, entry.stamp, replacing: true) }
        return all
    }
}

extension OutputManifest {
    // MARK: File format: one line per group and file, tab-separated; read and written as bytes (a
    // large site's manifest has tens of thousands of lines, and it is read on every build).

    /// Returns whether `read` gives this manifest back: whether no text in it has the file's separators
    /// (tab, line break), found while writing.
    @discardableResult
    func write(to path: String) -> Bool {
        var head = Lines()
        head.out += Array("gongkai-output-manifest 2\nidentity\t\(identity)\n".utf8)
        head.plain = !identity.utf8.contains { $0 == 9 || $0 == 10 }
        let groupLines: [Lines]
        if let source, let changed, source.count == order.ids.count {
            // A few groups changed since the file it was read from: the others' lines are copied from it.
            groupLines = [patchedLines(source, changed: changed)]
        } else {
            // In the order of the ids' bytes, made in runs on every core (the build's stamp waits for the
            // manifest: at 10k it is 17k groups, the last thing a one-page edit build waits for).
            let ordered = inByteOrder(groups, known: order)
            let runs = stride(from: 0, to: ordered.count, by: 2048).map { $0..<min($0 + 2048, ordered.count) }
            groupLines = parallelMap(runs) { run -> Lines in
                var lines = Lines()
                lines.out.reserveCapacity(run.count * 160)
                for (id, group) in ordered[run] { lines.group(id, group) }
                return lines
            }
        }
        var tail = Lines()
        for entry in copies { tail.line(UInt8(ascii: "C"), { $0 += entry.path.utf8 }, entry.stamp.hash, entry.stamp.size) }
        let parts = [head] + groupLines + [tail]
        _ = OutputWriter.writeAtomically(parts.map(\.out), to: path)
        return parts.allSatisfy(\.plain)
    }

    /// Lines of the file, and whether no text in them has a tab or line break.
    struct Lines: Sendable {
        var out: [UInt8] = []
        var plain = true

        /// A group's line and its files' lines.
        mutating func group(_ id: OutputID, _ group: OutputMemo.Group) {
            line(UInt8(ascii: "G"), id.appendText, group.key, nil)
            for entry in group.files { line(UInt8(ascii: "F"), { $0 += entry.path.utf8 }, entry.stamp.hash, entry.stamp.size) }
        }

        mutating func line(_ tag: UInt8, _ text: (inout [UInt8]) -> Void, _ number: UInt64, _ size: Int?) {
            out.append(tag)
            out.append(9)
            let start = out.count
            text(&out)
            if plain {
                plain = out.withUnsafeBufferPointer { line in
                    let text = UnsafeRawPointer(line.baseAddress! + start), count = line.count - start
                    return memchr(text, 9, count) == nil && memchr(text, 10, count) == nil
                }
            }
            out.append(9)
            OutputManifest.appendHex(number, to: &out)
            if let size {
                out.append(9)
                OutputManifest.appendDecimal(size, to: &out)
            }
            out.append(10)
        }
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 {
            out += String(value).utf8
            return
        }
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        appendDigits(UInt64(value), count: digits, radix: 10, to: &out)
    }

    /// Lowercase, without leading zeros.
    static func appendHex(_ value: UInt64, to out: inout [UInt8]) {
        appendDigits(value, count: max(1, (67 - value.leadingZeroBitCount) / 4), radix: 16, to: &out)
    }

    /// The last `count` digits of `value`, written in place (not appended one by one).
    private static func appendDigits(_ value: UInt64, count: Int, radix: UInt64, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: count))
        out.withUnsafeMutableBufferPointer { buffer in
            var value = value
            for at in stride(from: start + count - 1, through: start, by: -1) {
                let digit = UInt8(truncatingIfNeeded: value % radix)
                buffer[at] = digit < 10 ? 48 + digit : 87 + digit
                value /= radix
            }
        }
    }

    static func read(_ path: String) -> OutputManifest? {
        guard let bytes = MappedFile(path) else { return nil }
        return bytes.withUnsafeBufferPointer { parse($0) }
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> OutputManifest? {
        var reader = Reader(bytes)
        guard let identity = reader.identity() else { return nil }
        var manifest = OutputManifest(identity: identity, groups: [:], copies: [])
        // About one group for each 160 bytes (an item's group is two lines): not rehashed as it grows.
        manifest.groups.reserveCapacity(bytes.count / 160)
        var group: (OutputID, OutputMemo.Group)?
        var order = ByteOrderedIDs(capacity: bytes.count / 160)
        // Where each group's lines and id are, while the file is as `write` writes one: no empty line,
        // the copies last, a line break at the end.
        var source: Source? = bytes.last == 10 ? Source(capacity: bytes.count / 160) : nil
        var copiesStart = bytes.count
        while true {
            let start = reader.position
            guard reader.nextLine() else { break }
            switch reader.tag {
            case nil:
                source = nil
                continue
            case UInt8(ascii: "G"):
                guard let (id, key) = reader.group() else { return nil }
                order.append(id, utf8: UnsafeBufferPointer(rebasing: bytes[reader.fields[1]]))
                if let (id, done) = group { manifest.groups[id] = done }
                group = (id, OutputMemo.Group(key: key, files: []))
                if !manifest.copies.isEmpty { source = nil }
                source?.group(at: start, id: reader.fields[1])
            case let tag:
                guard let entry = reader.entry() else { return nil }
                if tag == UInt8(ascii: "C") {
                    if manifest.copies.isEmpty { copiesStart = start }
                    manifest.copies.append(entry)
                } else {
                    guard group != nil else { return nil }
                    if !manifest.copies.isEmpty { source = nil }
                    group!.1.files.append(entry)
                }
            }
        }
        if let (id, done) = group { manifest.groups[id] = done }
        manifest.order = order
        // (Ids out of byte order, or a group listed twice: its groups are sorted when it is written again.)
        if var source, order.ids.count == manifest.groups.count {
            source.finish(bytes, end: copiesStart)
            manifest.source = source
        }
        return manifest
    }

    /// The files the manifest at `path` lists, by path (`read(path)?.files`, without its groups: what the
    /// spare holds, read on every `gongkai build`). Nil when `read` would give nil, or when a path is
    /// listed twice (then what the folder holds is not known: it is written whole).
    static func readFiles(_ path: String) -> FileTable? {
        guard let bytes = MappedFile(path) else { return nil }
        return bytes.withUnsafeBufferPointer { bytes in
            var reader = Reader(bytes)
            guard reader.identity() != nil else { return nil }
            // About one file for each 140 bytes (an item's group is two lines, most groups one file).
            var files = FileTable(capacity: bytes.count / 140)
            var inGroup = false
            while reader.nextLine() {
                switch reader.tag {
                case nil: continue
                case UInt8(ascii: "G"):
                    guard reader.groupIsValid() else { return nil }
                    inGroup = true
                case let tag:
                    guard let (path, stamp) = reader.entryFields(), tag == UInt8(ascii: "C") || inGroup,
                        files.add(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[path])), stamp)
                    else { return nil }
                }
            }
            return files
        }
    }

    /// The file's lines, each as its tab-separated fields (byte ranges, in one array kept from line to line).
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var fields: [Range<Int>] = []

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            fields.reserveCapacity(8)
        }

        /// The next line's fields (false after the last line). Its end and tabs are found with `memchr`
        /// (a manifest has tens of thousands of lines of some 75 bytes).
        mutating func nextLine() -> Bool {
            guard position < bytes.count, let base = bytes.baseAddress else { return false }
            fields.removeAll(keepingCapacity: true)
            let end = memchr(base + position, 10, bytes.count - position).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? bytes.count
            var start = position
            while let tab = memchr(base + start, 9, end - start) {
                let at = UnsafePointer(tab.assumingMemoryBound(to: UInt8.self)) - base
                fields.append(start..<at)
                start = at + 1
            }
            fields.append(start..<end)
            position = end + 1
            return true
        }

        /// The first two lines: the format's, and the output's identity (nil when they are not this format's).
        mutating func identity() -> String? {
            guard nextLine(), fields.count == 1, text(fields[0]) == "gongkai-output-manifest 2",
                nextLine(), fields.count == 2, text(fields[0]) == "identity"
            else { return nil }
            return text(fields[1])
        }

        /// The line's tag: nil for an empty line, 0 for one that has no tag of one byte.
        var tag: UInt8? {
            if fields.count == 1 && fields[0].isEmpty { return nil }
            return fields[0].count == 1 ? bytes[fields[0].lowerBound] : 0
        }

        /// A group's line (`G`): its id and key.
        func group() -> (OutputID, UInt64)? {
            guard fields.count == 3, let key = number(fields[2], radix: 16), let id = OutputID(utf8: UnsafeBufferPointer(rebasing: bytes[fields[1]])) else {
                return nil
            }
            return (id, key)
        }

        /// Whether the line is a group's that `group()` reads, without making its id.
        func groupIsValid() -> Bool {
            fields.count == 3 && number(fields[2], radix: 16) != nil && OutputID.isValid(utf8: UnsafeBufferPointer(rebasing: bytes[fields[1]]))
        }

        /// A file's line (`F` or `C`, nil for any other).
        func entry() -> OutputMemo.Entry? {
            entryFields().map { OutputMemo.Entry(path: text($0.path), stamp: $0.stamp) }
        }

        /// `entry()`, with the path as where its bytes are.
        func entryFields() -> (path: Range<Int>, stamp: FileStamp)? {
            guard fields.count == 4, fields[0].count == 1, bytes[fields[0].lowerBound] == UInt8(ascii: "F") || bytes[fields[0].lowerBound] == UInt8(ascii: "C"),
                let hash = number(fields[2], radix: 16), let size = number(fields[3], radix: 10), size <= UInt64(Int.max)
            else { return nil }
            return (fields[1], FileStamp(hash: hash, size: Int(size)))
        }

        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }

        func number(_ range: Range<Int>, radix: UInt64) -> UInt64? {
            guard !range.isEmpty, range.count <= 16 || radix == 10 else { return nil }
            var value: UInt64 = 0
            for i in range {
                let c = bytes[i]
                let digit: UInt64
                switch c {
                case 48...57: digit = UInt64(c - 48)
                case 97...102 where radix == 16: digit = UInt64(c - 87)
                default: return nil
                }
                let (times, overflow) = value.multipliedReportingOverflow(by: radix)
                guard !overflow else { return nil }
                value = times &+ digit
            }
            return value
        }
    }
}
