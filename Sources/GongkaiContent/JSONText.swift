/// String literals for JSON and for JavaScript inside HTML, written by hand so output is byte-stable
/// and fast (reports, search indexes, the preview script all need them).
public enum JSONText {
    /// A JSON string literal: quotes, backslashes and control characters escaped, everything else as
    /// UTF-8. With `forScript`, also `<` and U+2028/2029, so the literal is safe inside `<script>` and
    /// in JavaScript source. Works on the UTF-8 bytes: the search index writes megabytes of these.
    public static func string(_ text: String, forScript: Bool = false) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count + 2)
        append(text, forScript: forScript, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same literal, as UTF-8 added to `out`.
    public static func append(_ text: String, forScript: Bool = false, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        out.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            // The bytes since `run` need no escaping: they are copied in one go.
            var run = 0
            while i < bytes.count {
                let b = bytes[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x7F && !(forScript && (b == 0x3C || b == 0xE2)) {
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                switch b {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, 0x6E]
                case 0x0D: out += [0x5C, 0x72]
                case 0x09: out += [0x5C, 0x74]
                case 0x3C where forScript: out += [0x5C, 0x75, 0x30, 0x30, 0x33, 0x63]  // \u003c
                case 0..<0x20, 0x7F: out += [0x5C, 0x75, 0x30, 0x30, hex.utf8Start[Int(b >> 4)], hex.utf8Start[Int(b & 15)]]
                case 0xE2 where forScript && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    out += [0x5C, 0x75, 0x32, 0x30, 0x32, bytes[i + 2] == 0xA8 ? 0x38 : 0x39]  // \u2028, \u2029
                    i += 2
                default: out.append(b)
                }
                i += 1
                run = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
        }
        out.append(0x22)
    }
}
