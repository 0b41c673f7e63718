import GongkaiContent

/// Reads `health:` of disclosure.yaml: a profile name (`health: gov-2019`), or settings
/// (`profile:`, `stale:` days per section, `empty:`). Every problem names its line.
extension RuleFileReader {
    static let healthKeys = ["profile", "stale", "empty"]

    mutating func readHealth(_ top: YAMLFields) -> HealthSettings? {
        guard let entry = top.entry("health") else { return nil }
        if let scalar = entry.value.scalar?.text.trimmingBlanks {
            if ["", "false", "off", "no", "~", "null"].contains(scalar) { return nil }
            return profile(scalar, line: entry.line)
        }
        guard let mapping = entry.value.mapping else {
            diagnostics.append(
                .error(
                    file, line: entry.line,
                    zh: "health 应写成 health: gov-2019，或在下面缩进写 profile、stale、empty",
                    en: "health must be `health: gov-2019`, or profile, stale and empty indented below"))
            return nil
        }
        var fields = YAMLFields(file: file, lineOffset: top.lineOffset, mapping: mapping, line: entry.line)
        fields.warnUnknownKeys(known: Self.healthKeys, what: "health 设置中", whatEN: "health settings")
        var settings = HealthSettings()
        var failed = false
        if let name = fields.string("profile") {
            if let base = profile(name, line: fields.lineOf("profile") ?? entry.line) { settings = base } else { failed = true }
        }
        if let empty = fields.bool("empty") { settings.empty = empty }
        if let stale = fields.entry("stale") {
            if let days = readStale(stale, lineOffset: top.lineOffset) {
                settings.stale.merge(days) { _, new in new }
            } else {
                failed = true
            }
        }
        diagnostics += fields.diagnostics
        if fields.diagnostics.contains(where: \.isError) { failed = true }
        if !failed && settings.stale.isEmpty && !settings.empty {
            diagnostics.append(
                .warning(
                    file, line: entry.line,
                    zh: "health 没有设置任何检查：写 profile: gov-2019（国办《政府网站与政务新媒体检查指标》的标准），或在 stale: 下写各栏目的天数，如 news: 14",
                    en: "health checks nothing: write profile: gov-2019 (the State Council's checklist), or days per section under stale:, e.g. news: 14"))
        }
        return failed ? nil : settings
    }

    private mutating func profile(_ name: String, line: Int) -> HealthSettings? {
        if let found = HealthSettings.profiles[name] { return found }
        let known = HealthSettings.profiles.keys.sorted()
        let hint = Suggest.closest(to: name, in: known)
        diagnostics.append(
            .error(
                file, line: line,
                zh: "health 的标准“\(name)”不存在" + (hint.map { "，是不是“\($0)”？" } ?? "。")
                    + "可用：\(known.joined(separator: "、"))（国办秘函〔2019〕19号的检查指标）；也可以不写标准，在 stale: 下自己写天数",
                en: "health profile `\(name)` does not exist" + (hint.map { "; did you mean `\($0)`?" } ?? ".")
                    + " Known: \(known.joined(separator: ", ")); or write the days under stale: yourself"))
        return nil
    }

    /// `stale:` as `section: days`; the sections are the kinds' folders, `news` and `home`.
    private mutating func readStale(_ entry: YAMLFields.Entry, lineOffset: Int) -> [String: Int]? {
        let keys = HealthSection.all.map(\.key)
        guard let mapping = entry.value.mapping else {
            diagnostics.append(
                .error(
                    file, line: entry.line,
                    zh: "stale 下应写各栏目多少天不更新算“长期未更新”，如 news: 14（栏目：\(keys.joined(separator: "、"))）",
                    en: "stale must list days per section, e.g. news: 14 (sections: \(keys.joined(separator: ", ")))"))
            return nil
        }
        var fields = YAMLFields(file: file, lineOffset: lineOffset, mapping: mapping, line: entry.line)
        var days: [String: Int] = [:]
        var failed = false
        for item in fields.entries {
            guard HealthSection(key: item.key) != nil else {
                let hint = Suggest.closest(to: item.key, in: keys)
                fields.diagnostics.append(
                    .error(
                        file, line: item.line,
                        zh: "stale 中的“\(item.key)”不是栏目" + (hint.map { "，是不是“\($0)”？" } ?? "。")
                            + "可用：news（新闻动态）、notices（法治宣传）、lectures、regulations、models、disclosures、home（全站）",
                        en: "`\(item.key)` in stale is not a section" + (hint.map { "; did you mean `\($0)`?" } ?? ".")
                            + " Sections: \(keys.joined(separator: ", "))"))
                failed = true
                continue
            }
            guard let value = fields.int(item.key, example: 14) else { failed = true; continue }
            guard (1...3660).contains(value) else {
                fields.diagnostics.append(
                    .error(
                        file, line: item.line,
                        zh: "stale 的 \(item.key): \(value) 不合适：应是 1 到 3660 之间的天数，如 \(item.key): 14",
                        en: "stale \(item.key): \(value) does not fit: write a number of days from 1 to 3660, e.g. \(item.key): 14"))
                failed = true
                continue
            }
            days[item.key] = value
        }
        diagnostics += fields.diagnostics
        return failed ? nil : days
    }
}
