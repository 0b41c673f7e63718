/// String literals for JSON and for JavaScript inside HTML, written by hand so output is byte-stable
/// and fast (reports, search indexes, the preview script all need them).
public enum JSONText {
    /// A JSON string literal: quotes, backslashes and control characters escaped, everything else as
    /// UTF-8. With `forScript`, also `<` and U+2028/2029, so the literal is safe inside `<script>` and
    /// in JavaScript source.
    public static func string(_ text: String, forScript: Bool = false) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<" where forScript: out += "\\u003c"
            case "\u{2028}" where forScript: out += "\\u2028"
            case "\u{2029}" where forScript: out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
