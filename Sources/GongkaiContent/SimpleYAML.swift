import Foundation
import Yams

/// Front matter as nearly every file writes it, composed straight into the nodes Yams makes of it,
/// without going through libyaml: one `key: value` per line, the value plain, in double quotes
/// without escapes, or a flow list `[a, "b"]` of those. Anything else — comments, blank or indented
/// lines, tabs, `#` or `:` in a value, other quoting, anchors, tags, block lists, control characters,
/// duplicate keys — returns nil and goes to Yams, which also reports every error. Tests compare
/// both on every fixture and on fuzzed input, marks and styles included.
enum SimpleYAML {
    static func compose(_ text: String, resolver: Resolver, constructor: Constructor) -> Node? {
        var text = text
        return text.withUTF8 { bytes -> Node? in
            var reader = Reader(bytes: bytes, resolver: resolver, constructor: constructor)
            return reader.document()
        }
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let resolver: Resolver
        let constructor: Constructor
        var position = 0
        var line = 1
        var lineStart = 0
        var marks: [Mark] = []

        init(bytes: UnsafeBufferPointer<UInt8>, resolver: Resolver, constructor: Constructor) {
            self.bytes = bytes
            self.resolver = resolver
            self.constructor = constructor
        }

        var atLineEnd: Bool { position == bytes.count || bytes[position] == 0x0A }

        mutating func document() -> Node? {
            guard !bytes.isEmpty else { return nil }
            var pairs: [(Node, Node)] = []
            var keys = Set<String>()
            var mappingMark: Mark?
            while position < bytes.count {
                lineStart = position
                guard let lineMarks = MarkTable.shared.marks(line: line) else { return nil }
                marks = lineMarks
                // A mark for every place on the line.
                var characters = 0
                for i in lineStart..<bytes.count {
                    if bytes[i] == 0x0A { break }
                    if bytes[i] & 0xC0 != 0x80 { characters += 1 }
                }
                guard characters < marks.count else { return nil }
                guard let key = key(), keys.insert(key).inserted else { return nil }
                let keyNode = scalar(key, style: .plain, at: lineStart)
                // Yams hashes every key to find duplicates, which resolves its tag (a class, changed in place).
                _ = keyNode.tag
                mappingMark = mappingMark ?? keyNode.mark
                skipSpaces()
                guard !atLineEnd, let value = value() else { return nil }
                skipSpaces()
                guard atLineEnd else { return nil }
                pairs.append((keyNode, value))
                // The last line may end with a newline; no other line may be empty.
                if position < bytes.count { position += 1 }
                line += 1
            }
            guard let mappingMark else { return nil }
            return .mapping(.init(pairs, tag(), .any, mappingMark))
        }

        /// `name:` followed by a space at the start of a line: ASCII letters, digits, `-` and `_`.
        mutating func key() -> String? {
            let start = position
            guard position < bytes.count, isAlphanumeric(bytes[position]) else { return nil }
            while position < bytes.count, isAlphanumeric(bytes[position]) || bytes[position] == 0x2D || bytes[position] == 0x5F {
                position += 1
            }
            guard position - start <= 64, position + 1 < bytes.count, bytes[position] == 0x3A, bytes[position + 1] == 0x20 else { return nil }
            let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            position += 1
            return key
        }

        mutating func value() -> Node? {
            switch bytes[position] {
            case 0x22: return quoted()
            case 0x5B: return list()
            default: return plain(inList: false)
            }
        }

        /// `[a, "b"]`: at least one item, no empty ones, no nesting.
        mutating func list() -> Node? {
            let start = position
            position += 1
            var items: [Node] = []
            skipSpaces()
            if position < bytes.count, bytes[position] == 0x5D {
                position += 1
                return .sequence(.init(items, tag(), .any, mark(at: start)))
            }
            while true {
                guard !atLineEnd else { return nil }
                guard let item = bytes[position] == 0x22 ? quoted() : plain(inList: true) else { return nil }
                items.append(item)
                skipSpaces()
                guard position < bytes.count else { return nil }
                if bytes[position] == 0x5D {
                    position += 1
                    return .sequence(.init(items, tag(), .any, mark(at: start)))
                }
                guard bytes[position] == 0x2C else { return nil }
                position += 1
                skipSpaces()
                guard position < bytes.count, bytes[position] != 0x5D else { return nil }
            }
        }

        /// `"text"` without escapes.
        mutating func quoted() -> Node? {
            let start = position
            position += 1
            let contentStart = position
            while position < bytes.count, bytes[position] != 0x22 {
                guard let length = printable(at: position), bytes[position] != 0x5C else { return nil }
                position += length
            }
            guard position < bytes.count else { return nil }
            let content = String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStart..<position]), as: UTF8.self)
            position += 1
            return scalar(content, style: .doubleQuoted, at: start)
        }

        /// Text up to the end of the line (in a list: up to `,` or `]`), less the spaces after it. It may
        /// not start with an indicator nor hold what could end it or start a comment.
        mutating func plain(inList: Bool) -> Node? {
            let start = position
            guard !isIndicator(bytes[start]) else { return nil }
            var end = position
            while position < bytes.count {
                let b = bytes[position]
                if b == 0x0A || (inList && (b == 0x2C || b == 0x5D)) { break }
                if b == 0x23 || b == 0x3A || b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D || b == 0x2C { return nil }
                if inList && (b == 0x22 || b == 0x27) { return nil }
                guard let length = printable(at: position) else { return nil }
                position += length
                if b != 0x20 { end = position }
            }
            position = end
            guard end > start else { return nil }
            return scalar(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), style: .plain, at: start)
        }

        mutating func skipSpaces() {
            while position < bytes.count, bytes[position] == 0x20 { position += 1 }
        }

        func scalar(_ string: String, style: Node.Scalar.Style, at offset: Int) -> Node {
            // libyaml marks a quoted scalar "quoted implicit", which Yams reads as the tag !!str.
            .scalar(.init(string, tag(style == .plain ? .implicit : .str), style, mark(at: offset)))
        }

        func tag(_ name: Tag.Name = .implicit) -> Tag { Tag(name, resolver, constructor) }

        /// libyaml counts columns in code points.
        func mark(at offset: Int) -> Mark {
            var column = 0
            for i in lineStart..<offset where bytes[i] & 0xC0 != 0x80 { column += 1 }
            return marks[column]
        }

        /// The length of the character at `i` if libyaml reads it as printable and not as a line break
        /// or a blank: U+0020–U+007E, U+00A0–U+D7FF, U+E000–U+FFFD but U+FEFF, and above U+FFFF; not
        /// U+2028 or U+2029.
        func printable(at i: Int) -> Int? {
            let b = bytes[i]
            if b < 0x80 { return b >= 0x20 && b != 0x7F ? 1 : nil }
            if b < 0xE0 {
                return b > 0xC2 || (b == 0xC2 && bytes[i + 1] >= 0xA0) ? 2 : nil
            }
            if b < 0xF0 {
                let v = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                return v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF ? nil : 3
            }
            return 4
        }

        func isAlphanumeric(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
        }

        /// What may not start a plain scalar (`"` and `[` start the other values), and a space.
        func isIndicator(_ b: UInt8) -> Bool {
            "-?:,[]{}#&*!|>'\"%@` ".utf8.contains(b)
        }
    }
}

/// The marks Yams gives, by line: `Mark` has no public initialiser, so each line's marks are taken
/// once from what Yams itself makes of a line of one-letter items (columns 1 to 256).
final class MarkTable: @unchecked Sendable {
    static let shared = MarkTable()
    static let columns = 256
    private let lock = NSLock()
    private var rows: [Int: [Mark]] = [:]

    func marks(line: Int) -> [Mark]? {
        guard line <= 1000 else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if let row = rows[line] { return row.isEmpty ? nil : row }
        let row = MarkTable.row(line) ?? []
        rows[line] = row
        return row.isEmpty ? nil : row
    }

    private static func row(_ line: Int) -> [Mark]? {
        let above = String(repeating: "\n", count: line - 1)
        let items = Array(repeating: "x", count: columns / 2).joined(separator: ",")
        guard let first = try? Yams.compose(yaml: above + "x", .basic)?.mark,
              let even = try? Yams.compose(yaml: above + "[" + items + "]", .basic)?.sequence,
              let odd = try? Yams.compose(yaml: above + " [" + items + "]", .basic)?.sequence else { return nil }
        var row = [first]
        for (a, b) in zip(even, odd) {
            guard let a = a.mark, let b = b.mark else { return nil }
            row += [a, b]
        }
        // Each mark must be the one of its place.
        for (column, mark) in row.enumerated() where mark.line != line || mark.column != column + 1 { return nil }
        return row
    }
}
