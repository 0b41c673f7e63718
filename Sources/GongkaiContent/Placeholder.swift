/// What `gongkai init` and `gongkai new` leave for the editor to fill in, and how what is left of it is
/// found. The scaffolds write their placeholders through this type and the loader looks for exactly
/// these, so the two cannot drift apart: a placeholder that goes live unchanged gets a warning naming
/// its line (an error with `--strict`).
public enum Placeholder {
    /// Every instruction in a new page's body is `（在这里…）`: the editor replaces the whole bracket.
    public static let opening = "（在这里"
    public static let closing = "）"
    /// `（请在这里…）`: how village introductions of sites made by earlier versions begin.
    static let openings = [opening, "（请在这里"]
    static let openingBytes = openings.map { Array($0.utf8) }
    static let sampleNoteBytes = Array(sampleNote.utf8)

    /// `（在这里写正文。）` for `instruction("写正文。")`.
    public static func instruction(_ what: String) -> String { opening + what + closing }

    /// The first line of each sample page `gongkai init` writes.
    public static let sampleNote = "> 这是建站时自动生成的示例，可以照着它的格式写，写好自己的内容后删掉本篇。"

    /// Front matter keys `gongkai new` writes empty for the editor to fill, with what they are (each
    /// kind's spec says, `KindKey.toFill`). Keys it writes empty that may stay empty (`summary`, `filed`,
    /// `supersedes`) are not here.
    public static func keysToFill(_ kind: Kind) -> [(key: String, zh: String)] {
        kind.spec.keys.compactMap { key in key.toFill.map { (key.name, $0) } }
    }

    /// The example values `gongkai init` writes, commented out, for the footer of site.yaml; an editor
    /// who takes away the `# ` must also put in the real value. `address` is the township's name + this.
    public static let footerExamples: [String: String] = [
        "phone": "0000-0000000",
        "address": "某某路1号",
        "email": "office@example.org",
        "icp": "某ICP备00000000号-1",
        "police": "某公网安备00000000000000号",
        "site-code": "0000000000",
    ]

    /// A warning when the footer's `key` still has the example value.
    static func footerDiagnostic(file: String, key: String, value: String?, line: Int?) -> Diagnostic? {
        guard let value, let example = footerExamples[key], key == "address" ? value.hasSuffix(example) : value == example else { return nil }
        return .warning(
            file, line: line,
            zh: "页脚的“\(key)”还是模板里的示例“\(value)”，会显示在每一页底部：请换成真实的内容，暂时没有就在行首加回“# ”",
            en:
                "the footer's `\(key)` still has the template's example \"\(value)\", shown at the foot of every page: put in the real value, or comment the line out again with \"# \""
        )
    }

    /// `speaker:` with nothing after it (or `~`, or `""`); a key that is not there, or holds a list, is not empty.
    static func isEmpty(_ entry: YAMLFields.Entry?) -> Bool {
        guard let value = entry?.value, let scalar = value.scalar else { return false }
        return scalar.text.trimmingSpaces.isEmpty || value.isNull
    }

    /// Warnings for what is left of the scaffolding in a page or village profile.
    static func diagnostics(file: String, body: String, bodyLine: Int, kind: Kind?, fields: YAMLFields) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if let kind {
            for (key, name) in keysToFill(kind) where isEmpty(fields.entry(key)) {
                found.append(
                    .warning(
                        file, line: fields.lineOf(key),
                        zh: "“\(key)”（\(name)）还空着，是新建页面时留下的：请填写，不需要就删掉这一行",
                        en: "`\(key)` is empty, as the new page's template left it: fill it in, or delete the line if it does not apply"))
            }
        }
        // Only bodies that can hold one are searched: most pages are read without a pass over the text.
        let mayHave = openingBytes.contains { UTF8Search.contains(body.utf8, $0) } || UTF8Search.contains(body.utf8, sampleNoteBytes)
        guard mayHave else { return found }
        for (offset, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingCharacters(in: [" ", "\t", "\r", "\u{3000}"])
            if text == sampleNote {
                found.append(
                    .warning(
                        file, line: bodyLine + offset,
                        zh: "这是建站时自动生成的示例页面：照着它的格式写好自己的内容后，删掉本篇（改写过的，删掉这一行说明）",
                        en: "this is a sample page made with the site: write your own content in its form, then delete it (if rewritten, delete this line)"))
                continue
            }
            for open in openings {
                guard let start = text.range(of: open) else { continue }
                var shown = String(text[start.lowerBound...])
                if let end = shown.firstIndex(of: Character(closing)) { shown = String(shown[...end]) }
                if shown.count > 24 { shown = String(shown.prefix(22)) + "……" }
                found.append(
                    .warning(
                        file, line: bodyLine + offset,
                        zh: "“\(shown)”是模板里的提示，还没有换成实际内容：请照提示写好，并删掉这段提示（连同括号）",
                        en:
                            "\"\(shown)\" is the template's instruction, not yet replaced: write the content it asks for and delete the instruction with its brackets"
                    ))
                break
            }
        }
        return found
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var s = self
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
