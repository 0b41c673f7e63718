import GongkaiContent

/// `basis:` of a rule in `disclosure.yaml`: one text, or a list of texts by date
/// (`- {until: 2025-12-31, text: …}`, `- {from: 2026-01-01, text: …}`).
extension RuleFileReader {
    static let basisKeys = ["from", "until", "text"]

    /// The plain basis, or the dated entries with the plain basis set to the newest entry's text
    /// (what a list of the rule shows when it names no date). Errors name the line of the entry.
    mutating func readBasis(_ fields: inout YAMLFields) -> (text: String?, dated: [BasisEntry]?) {
        guard let entry = fields.entry("basis") else { return (nil, nil) }
        guard let sequence = entry.value.sequence else { return (fields.string("basis"), nil) }
        var entries: [BasisEntry] = []
        var failed = false
        for item in sequence {
            let line = item.line + fields.lineOffset
            guard let mapping = item.mapping else {
                fields.diagnostics.append(
                    .error(
                        file, line: line,
                        zh: "basis 列表的每一项应写成“- from: 2026-01-01”，下面缩进写 text: 依据的法规；或写成一段文字",
                        en: "each item of a basis list must be `- from: 2026-01-01` with `text: …` indented below; or write basis as one text"))
                failed = true
                continue
            }
            var item = YAMLFields(file: file, lineOffset: fields.lineOffset, mapping: mapping, line: line)
            item.warnUnknownKeys(known: Self.basisKeys, what: "basis 的一项中", whatEN: "a basis entry")
            let from = item.day("from"), until = item.day("until")
            let text = item.string("text")
            fields.diagnostics += item.diagnostics
            if item.diagnostics.contains(where: \.isError) { failed = true; continue }
            guard let text, !text.trimmingBlanks.isEmpty else {
                fields.diagnostics.append(
                    .error(
                        file, line: line,
                        zh: "basis 的这一项缺少 text（依据的法规名称和条款）。请加一行 text: 《……》第……条",
                        en: "this basis entry has no text (the law and article). Add a line `text: …`"))
                failed = true
                continue
            }
            if let from, let until, until < from {
                fields.diagnostics.append(
                    .error(
                        file, line: item.lineOf("until") ?? line,
                        zh: "basis 的这一项 until（\(until)）早于 from（\(from)）。from 是开始施行的日期，until 是最后一天",
                        en: "in this basis entry until (\(until)) is before from (\(from)). from is the first day in force, until the last"))
                failed = true
                continue
            }
            entries.append(BasisEntry(from: from, until: until, text: text))
        }
        if sequence.isEmpty {
            fields.diagnostics.append(
                .error(
                    file, line: entry.line,
                    zh: "basis 不能是空列表：写一段文字，或按日期列出依据，如 - {from: 2026-01-01, text: 《……》}",
                    en: "basis must not be an empty list: write one text, or list texts by date, e.g. - {from: 2026-01-01, text: …}"))
            failed = true
        }
        guard !failed else { return (nil, nil) }
        let newest = entries.max { ($0.from?.dayNumber ?? Int.min) < ($1.from?.dayNumber ?? Int.min) }
        return (newest?.text, entries)
    }
}
