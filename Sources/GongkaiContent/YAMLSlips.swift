/// Typing slips a clerk makes in front matter with a Chinese input method on — a full-width colon
/// `title：…`, a full-width space, a tab, no space after the colon — found on the line where they are.
/// libyaml notices most of them only on the next line and says so in its own English words; this
/// says what is wrong, where, and how the line should read.
enum YAMLSlips {
    struct Slip {
        /// 1-based line in the YAML text.
        var line: Int
        var zh: String
        var en: String
    }

    /// The first slip at or before `limit` (libyaml's error line), any slip when `limit` is nil.
    /// `parsed`: the text was read without error; then only slips YAML accepts silently but wrongly
    /// are looked for (a key `　date` with a full-width space, a line `date：2026-03-01` folded into
    /// the value above it).
    static func first(in text: String, upTo limit: Int? = nil, parsed: Bool = false) -> Slip? {
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if let limit, number > limit { return nil }
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if let slip = slip(in: line, number: number, parsed: parsed) { return slip }
        }
        return nil
    }

    static func slip(in line: Substring, number: Int, parsed: Bool) -> Slip? {
        let indent = line.prefix { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }
        let rest = line.dropFirst(indent.count)
        if rest.isEmpty || rest.hasPrefix("#") { return nil }
        let corrected = correctedLine(rest)
        if indent.contains("\u{3000}") && (!parsed || indent.first == "\u{3000}") {
            return Slip(
                line: number,
                zh: "这一行开头有全角空格“　”（中文输入法打出的空格）。文件头里不能用全角空格，请删掉它\(corrected.map { "，写成：\($0)" } ?? "")",
                en:
                    "this line starts with a full-width space (U+3000), typed with a Chinese input method. Front matter cannot use it: delete it\(corrected.map { ", so the line reads: \($0)" } ?? "")"
            )
        }
        if indent.contains("\t") && !parsed {
            return Slip(
                line: number,
                zh: "这一行开头是 Tab 键打出的制表符。文件头里缩进只能用空格：请把 Tab 删掉，换成两个空格（或不缩进）",
                en: "this line starts with a tab. Front matter is indented with spaces only: replace the tab with two spaces (or no indentation)")
        }
        // `key：value` and `key: value` with the colon's space missing or full-width.
        let body = rest.hasPrefix("- ") ? rest.dropFirst(2) : rest
        let key = body.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        guard !key.isEmpty else { return nil }
        let afterKey = body.dropFirst(key.count)
        let gap = afterKey.prefix { $0 == " " || $0 == "\u{3000}" }
        let separator = afterKey.dropFirst(gap.count)
        let value = separator.dropFirst().drop { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
        let fixed = written(key: key, value: value)
        if separator.first == ":" && gap.contains("\u{3000}") {
            return Slip(
                line: number,
                zh: "“\(key)”和冒号之间有全角空格“　”。请删掉它，写成：\(fixed)",
                en: "a full-width space (U+3000) stands between `\(key)` and its colon. Delete it: \(fixed)")
        }
        if separator.first == "：" {
            return Slip(
                line: number,
                zh: "“\(key)”后面是中文冒号“：”。文件头里要用英文冒号加一个空格，请写成：\(fixed)",
                en: "`\(key)` is followed by a full-width colon (：). Front matter needs an ASCII colon and a space: \(fixed)")
        }
        guard !parsed, separator.first == ":", gap.isEmpty else { return nil }
        let next = separator.dropFirst().first
        if next == "\u{3000}" {
            return Slip(
                line: number,
                zh: "“\(key):”后面是全角空格“　”。冒号后面要用英文空格，请写成：\(fixed)",
                en: "`\(key):` is followed by a full-width space (U+3000). Use an ASCII space after the colon: \(fixed)")
        }
        if let next, next != " ", next != "\t", next != ":", !value.isEmpty {
            return Slip(
                line: number,
                zh: "“\(key):”后面少了一个空格。冒号和值之间要有一个英文空格，请写成：\(fixed)",
                en: "no space after `\(key):`. Put one space between the colon and the value: \(fixed)")
        }
        return nil
    }

    /// The line as it should read, when it is a `key：value` or `key: value` with a slip in it.
    static func correctedLine(_ rest: Substring) -> String? {
        let key = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        guard !key.isEmpty else { return nil }
        let afterKey = rest.dropFirst(key.count).drop { $0 == " " || $0 == "\u{3000}" }
        guard afterKey.first == ":" || afterKey.first == "：" else { return nil }
        return written(key: key, value: afterKey.dropFirst())
    }

    /// `key: value` as the clerk should write it: an ASCII colon and one space, the value without the
    /// spaces around it or a trailing `# comment` (the scaffolds' explanations are not part of the fix).
    static func written(key: Substring, value: Substring) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
        var value = value.drop(while: blank)
        if let hash = value.indices.first(where: { value[$0] == "#" && $0 > value.startIndex && blank(value[value.index(before: $0)]) }) {
            value = value[..<hash]
        }
        while let last = value.last, blank(last) { value = value.dropLast() }
        return "\(key): \(value)"
    }

    /// libyaml's problems in the editor's words (the English message keeps libyaml's own).
    static func describe(problem: String) -> String? {
        let known: [(String, String)] = [
            ("mapping values are not allowed", "这里多了一个冒号：值里含有英文冒号“:”时，请给整个值加英文引号，如 title: \"通知：……\""),
            ("could not find expected ':'", "这一行（或上一行）不是“键: 值”的样子，缺少英文冒号“:”或冒号后的空格"),
            ("did not find expected key", "缩进不齐，或者值没有写在“键:”的同一行"),
            ("did not find expected ',' or ']'", "方括号列表没有写完：每项之间用英文逗号“,”分开，最后以英文“]”结束，如 tags: [普法, 消防]"),
            ("did not find expected ',' or '}'", "花括号没有写完：以英文“}”结束"),
            ("found unexpected end of stream", "引号没有配对：值以英文引号开头，就要以同样的引号结束"),
            ("found unknown escape character", "双引号里的反斜杠“\\”后面跟了不认识的字符：请把“\\”写成“\\\\”，或改用单引号"),
            ("found character that cannot start any token", "这里有一个不能出现在值开头的字符（如 Tab、@、`）：请删掉它，或给整个值加英文引号"),
            ("did not find expected node content", "这里缺少内容：检查是不是多了一个逗号、冒号或短横线"),
            ("block sequence entries are not allowed", "“- ”列表项的位置不对：列表项要单独起一行，并比上面的键多缩进两个空格"),
            ("did not find expected '-' indicator", "列表项的缩进不齐：每一项都以“- ”开头，并且上下对齐"),
            ("found undefined alias", "值以“*”开头：请给整个值加英文引号"),
            ("did not find expected alphabetic or numeric character", "值以“&”或“*”开头：请给整个值加英文引号"),
            ("found a tab character", "这里用了 Tab 键：请换成空格"),
            ("found duplicate anchor", "值里的“&”记号重复：请给这些值加英文引号"),
        ]
        for (english, chinese) in known where problem.contains(english) { return chinese }
        return nil
    }
}
