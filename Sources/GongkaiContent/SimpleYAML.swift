/// Front matter as nearly every file writes it, read straight into `YAMLValue` without going through
/// libyaml: one `key: value` per line, the value plain, in double quotes without escapes, or a flow
/// list `[a, "b"]` of those. Anything else — comments, blank or indented lines, tabs, `#` or `:` in a
/// value, other quoting, anchors, tags, block lists, control characters, duplicate keys — returns nil
/// and goes to Yams (`YAMLYams`), which also reports every error. Tests read every fixture and fuzzed
/// input both ways and require equal values, lines and styles included.
enum SimpleYAML {
    static func read(_ text: String) -> YAMLValue? {
        var text = text
        return text.withUTF8 { bytes -> YAMLValue? in
            var reader = Reader(bytes: bytes)
            return reader.document()
        }
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var line = 1

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        var atLineEnd: Bool { position == bytes.count || bytes[position] == 0x0A }

        mutating func document() -> YAMLValue? {
            guard !bytes.isEmpty else { return nil }
            var entries: [YAMLValue.Entry] = []
            var keys = Set<String>()
            while position < bytes.count {
                guard let key = key(), keys.insert(key).inserted else { return nil }
                skipSpaces()
                guard !atLineEnd, let value = value() else { return nil }
                skipSpaces()
                guard atLineEnd else { return nil }
                entries.append(YAMLValue.Entry(key: key, line: line, value: value))
                // The last line may end with a newline; no other line may be empty.
                if position < bytes.count { position += 1 }
                line += 1
            }
            // The mapping starts where its first key does: line 1.
            return .mapping(.init(entries, line: 1))
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

        mutating func value() -> YAMLValue? {
            switch bytes[position] {
            case 0x22: return quoted()
            case 0x5B: return list()
            default: return plain(inList: false)
            }
        }

        /// `[a, "b"]`: at least one item, no empty ones, no nesting.
        mutating func list() -> YAMLValue? {
            position += 1
            var items: [YAMLValue] = []
            skipSpaces()
            if position < bytes.count, bytes[position] == 0x5D {
                position += 1
                return .sequence(.init(items, line: line))
            }
            while true {
                guard !atLineEnd else { return nil }
                guard let item = bytes[position] == 0x22 ? quoted() : plain(inList: true) else { return nil }
                items.append(item)
                skipSpaces()
                guard position < bytes.count else { return nil }
                if bytes[position] == 0x5D {
                    position += 1
                    return .sequence(.init(items, line: line))
                }
                guard bytes[position] == 0x2C else { return nil }
                position += 1
                skipSpaces()
                guard position < bytes.count, bytes[position] != 0x5D else { return nil }
            }
        }

        /// `"text"` without escapes.
        mutating func quoted() -> YAMLValue? {
            position += 1
            let contentStart = position
            while position < bytes.count, bytes[position] != 0x22 {
                guard let length = printable(at: position), bytes[position] != 0x5C else { return nil }
                position += length
            }
            guard position < bytes.count else { return nil }
            let content = String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStart..<position]), as: UTF8.self)
            position += 1
            return .scalar(.init(content, style: .doubleQuoted, line: line))
        }

        /// Text up to the end of the line (in a list: up to `,` or `]`), less the spaces after it. It may
        /// not start with an indicator nor hold what could end it or start a comment.
        mutating func plain(inList: Bool) -> YAMLValue? {
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
            return .scalar(.init(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), style: .plain, line: line))
        }

        mutating func skipSpaces() {
            while position < bytes.count, bytes[position] == 0x20 { position += 1 }
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
