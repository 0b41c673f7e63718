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

    private static let serials = Atomic<UInt64>(0)

    /// A serial no manifest of this process had before.
    static func nextSerial() -> UInt64 { serials.add(1, ordering: .relaxed).newValue }

    var files: [String: FileStamp] {
        var all: [String: FileStamp] = [:]
        for group in groups.values { for entry in group.files { all[entry.path] = entry.stamp } }
        for entry in copies { all[entry.path] = entry.stamp }
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
        // In the order of the ids' bytes, made in runs on every core (the build's stamp waits for the
        // manifest: at 10k it is 17k groups, the last thing a one-page edit build waits for).
        let ordered = inByteOrder(groups, known: order)
        let runs = stride(from: 0, to: ordered.count, by: 2048).map { $0..<min($0 + 2048, ordered.count) }
        let groupLines = parallelMap(runs) { run -> Lines in
            var lines = Lines()
            lines.out.reserveCapacity(run.count * 160)
            for (id, group) in ordered[run] {
                lines.line(UInt8(ascii: "G"), id.appendText, group.key, nil)
                for entry in group.files { lines.line(UInt8(ascii: "F"), { $0 += entry.path.utf8 }, entry.stamp.hash, entry.stamp.size) }
            }
            return lines
        }
        var tail = Lines()
        for entry in copies { tail.line(UInt8(ascii: "C"), { $0 += entry.path.utf8 }, entry.stamp.hash, entry.stamp.size) }
        let parts = [head] + groupLines + [tail]
        _ = OutputWriter.writeAtomically(parts.map(\.out), to: path)
        return parts.allSatisfy(\.plain)
    }

    /// Lines of the file, and whether no text in them has a tab or line break.
    private struct Lines: Sendable {
        var out: [UInt8] = []
        var plain = true

        mutating func line(_ tag: UInt8, _ text: (inout [UInt8]) -> Void, _ number: UInt64, _ size: Int?) {
            out.append(tag)
            out.append(9)
            let start = out.count
            text(&out)
            if plain { plain = !out[start...].contains { $0 == 9 || $0 == 10 } }
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
        while reader.nextLine() {
            switch reader.tag {
            case nil: continue
            case UInt8(ascii: "G"):
                guard let (id, key) = reader.group() else { return nil }
                order.append(id, utf8: UnsafeBufferPointer(rebasing: bytes[reader.fields[1]]))
                if let (id, done) = group { manifest.groups[id] = done }
                group = (id, OutputMemo.Group(key: key, files: []))
            case let tag:
                guard let entry = reader.entry() else { return nil }
                if tag == UInt8(ascii: "C") {
                    manifest.copies.append(entry)
                } else {
                    guard group != nil else { return nil }
                    group!.1.files.append(entry)
                }
            }
        }
        if let (id, done) = group { manifest.groups[id] = done }
        manifest.order = order
        return manifest
    }

    /// The files the manifest at `path` lists, by path (`read(path)?.files`, without its groups: what the
    /// spare holds, read on every `gongkai build`). Nil when `read` would give nil, or when a path is
    /// listed twice (then what the folder holds is not known: it is written whole).
    static func readFiles(_ path: String) -> [String: FileStamp]? {
        guard let bytes = MappedFile(path) else { return nil }
        return bytes.withUnsafeBufferPointer { bytes in
            var reader = Reader(bytes)
            guard reader.identity() != nil else { return nil }
            var files: [String: FileStamp] = [:]
            files.reserveCapacity(bytes.count / 80)
            var inGroup = false
            while reader.nextLine() {
                switch reader.tag {
                case nil: continue
                case UInt8(ascii: "G"):
                    guard reader.group() != nil else { return nil }
                    inGroup = true
                case let tag:
                    guard let entry = reader.entry(), tag == UInt8(ascii: "C") || inGroup,
                        files.updateValue(entry.stamp, forKey: entry.path) == nil
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

        /// The next line's fields (false after the last line).
        mutating func nextLine() -> Bool {
            guard position < bytes.count else { return false }
            fields.removeAll(keepingCapacity: true)
            var start = position
            while position < bytes.count && bytes[position] != 10 {
                if bytes[position] == 9 {
                    fields.append(start..<position)
                    start = position + 1
                }
                position += 1
            }
            fields.append(start..<position)
            position += 1
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

        /// A file's line (`F` or `C`, nil for any other).
        func entry() -> OutputMemo.Entry? {
            guard fields.count == 4, fields[0].count == 1, bytes[fields[0].lowerBound] == UInt8(ascii: "F") || bytes[fields[0].lowerBound] == UInt8(ascii: "C"),
                let hash = number(fields[2], radix: 16), let size = number(fields[3], radix: 10), size <= UInt64(Int.max)
            else { return nil }
            return OutputMemo.Entry(path: text(fields[1]), stamp: FileStamp(hash: hash, size: Int(size)))
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
