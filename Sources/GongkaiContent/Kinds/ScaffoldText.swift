/// Small helpers for writing YAML and Markdown that editors will read and change by hand.
public enum ScaffoldText {
    /// A YAML scalar: as it is when plain text is safe, else double-quoted.
    public static func yaml(_ value: String) -> String {
        let safePunctuation: Set<Character> = ["·", "（", "）", "(", ")", "、", "，", "。", "-", "_", " ", "“", "”", "《", "》", "：", "；", "！", "？"]
        let plain =
            !value.isEmpty && !value.hasPrefix(" ") && !value.hasSuffix(" ") && !value.hasPrefix("-")
            && value.allSatisfy { $0.isLetter || $0.isNumber || safePunctuation.contains($0) }
            && !["true", "false", "yes", "no", "on", "off", "null", "~"].contains(value.lowercased())
            && Int(value) == nil && Double(value) == nil
        if plain { return value }
        var out = "\""
        for ch in value.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }

    /// How many columns `text` takes in a terminal or editor: East Asian characters take two.
    public static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            let v = scalar.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return sum + (wide ? 2 : 1)
        }
    }

    /// `code` padded to `column`, then `# comment`.
    public static func commented(_ code: String, _ comment: String, column: Int = 30) -> String {
        let padding = max(1, column - width(code))
        return code + String(repeating: " ", count: padding) + "# " + comment
    }

    /// `text` padded with spaces to `columns` display columns.
    public static func padded(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - width(text)))
    }
}
