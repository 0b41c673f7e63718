import GongkaiContent

/// Reads `disclosure.yaml` into a rule set, collecting a diagnostic with the line of every offending key.
struct RuleFileReader {
    static let topKeys = ["rules", "disable", "defaults", "since", "health"]
    static let ruleKeys = ["id", "name", "applies-to", "cadence", "due", "basis", "satisfied-by"]

    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    /// A rule as written, before `satisfied-by` is checked against the others.
    struct Written {
        var rule: DisclosureRule
        var idLine: Int
        /// Line of `satisfied-by:` when the file writes it (a default's own link is not checked).
        var satisfiedByLine: Int?
    }

    mutating func read(_ top: YAMLFields) -> DisclosureRuleSet {
        var fields = top
        fields.warnUnknownKeys(known: Self.topKeys, what: "disclosure.yaml 中", whatEN: "disclosure.yaml")
        var since = fields.day("since")
        // Villages have had to publish since the Organic Law (trial) of 1987; earlier years are typos,
        // and would make the check walk through centuries of periods.
        if let day = since, day.year < 1988 || day.year > 2199 {
            fields.diagnostics.append(
                .error(
                    file, line: fields.lineOf("since"),
                    zh: "since（\(day)）不像是开始检查的日期，请检查年份。since 是开始检查公开情况的第一天，如 since: 2026-01-01",
                    en:
                        "since (\(day)) is not a plausible first day to check from; check the year. It is the first day disclosures are checked, e.g. since: 2026-01-01"
                ))
            since = nil
        }
        let health = readHealth(fields)
        let useDefaults = fields.bool("defaults") ?? true
        let disabled = readDisable(&fields)
        diagnostics += fields.diagnostics

        let defaultIDs = DisclosureRule.defaults.map(\.id)
        var switchedOff = Set(disabled)
        if !useDefaults { switchedOff = Set(defaultIDs) }
        var byID: [String: Written] = [:]
        for rule in DisclosureRule.defaults where !switchedOff.contains(rule.id) {
            byID[rule.id] = Written(rule: rule, idLine: 0, satisfiedByLine: nil)
        }

        var seen: [String: Int] = [:]
        var broken: Set<String> = []
        for item in ruleItems(fields) {
            var ruleFields = item
            guard let (id, idLine) = readID(&ruleFields) else {
                diagnostics += ruleFields.diagnostics
                continue
            }
            if let first = seen[id] {
                diagnostics.append(
                    .error(
                        file, line: idLine,
                        zh: "规则编号“\(id)”在第 \(first) 行已经写过。每个编号只能写一条规则；请删掉一条或改用新的编号",
                        en: "rule id `\(id)` is already written on line \(first). Each id names one rule; remove one or choose another id"))
                continue
            }
            seen[id] = idLine
            let base = byID[id].flatMap { $0.idLine == 0 ? $0.rule : nil }
            let written = readRule(
                &ruleFields, id: id, idLine: idLine, overriding: base,
                switchedOffDefault: base == nil && defaultIDs.contains(id))
            diagnostics += ruleFields.diagnostics
            if let written, !ruleFields.diagnostics.contains(where: \.isError) {
                byID[id] = written
            } else {
                broken.insert(id)
                if base == nil { byID[id] = nil }
            }
        }
        checkSatisfiedBy(&byID, broken: &broken)

        var ruleSet = DisclosureRuleSet(rules: byID.values.map(\.rule), since: since, switchedOff: switchedOff)
        ruleSet.lines = byID.compactMapValues { $0.idLine == 0 ? nil : $0.idLine }
        ruleSet.broken = broken
        ruleSet.health = health
        ruleSet.switchedOff = switchedOff.subtracting(byID.keys)
        return ruleSet
    }

    // MARK: Top level

    /// `disable: [ids]`; ids that are no default rule draw a warning naming the closest.
    mutating func readDisable(_ fields: inout YAMLFields) -> [String] {
        let ids = fields.stringList("disable")
        let line = fields.lineOf("disable")
        let defaultIDs = DisclosureRule.defaults.map(\.id)
        for id in ids where !defaultIDs.contains(id) {
            let hint = Suggest.closest(to: id, in: defaultIDs)
            diagnostics.append(
                .warning(
                    file, line: line,
                    zh: "disable 中的“\(id)”不是默认规则的编号（已忽略）" + (hint.map { "，是不是“\($0)”？" } ?? "。默认规则：\(defaultIDs.joined(separator: "、"))"),
                    en: "`\(id)` in disable: is not a default rule (ignored)"
                        + (hint.map { "; did you mean `\($0)`?" } ?? ". Default rules: \(defaultIDs.joined(separator: ", "))")))
        }
        return ids
    }

    /// The mappings under `rules:`; a non-list or non-mapping item is an error at its line.
    mutating func ruleItems(_ fields: YAMLFields) -> [YAMLFields] {
        guard let entry = fields.entry("rules") else { return [] }
        if entry.value.isNull { return [] }
        guard let sequence = entry.value.sequence else {
            diagnostics.append(
                .error(
                    file, line: entry.line,
                    zh: "rules 应是规则的列表，每条规则以“- id: …”开头，下面缩进写 name、cadence、due 等",
                    en: "rules must be a list of rules, each starting with `- id: …` and its name, cadence, due indented below"))
            return []
        }
        var items: [YAMLFields] = []
        for item in sequence {
            let line = item.line + fields.lineOffset
            guard let mapping = item.mapping else {
                diagnostics.append(
                    .error(
                        file, line: line,
                        zh: "rules 中的每一项应是一条规则，写成“- id: 规则编号”，下面缩进写 name、cadence、due 等",
                        en: "each item of rules must be a rule: `- id: rule-id` with name, cadence, due indented below"))
                continue
            }
            items.append(YAMLFields(file: file, lineOffset: fields.lineOffset, mapping: mapping, line: line))
        }
        return items
    }

    // MARK: One rule

    mutating func readID(_ fields: inout YAMLFields) -> (String, Int)? {
        fields.warnUnknownKeys(known: Self.ruleKeys, what: "规则中", whatEN: "a rule")
        guard let id = fields.string("id") else {
            if !fields.diagnostics.contains(where: \.isError) {
                fields.diagnostics.append(
                    .error(
                        file, line: fields.line,
                        zh: "这条规则缺少 id（规则编号，如 party-affairs-quarterly）。请加一行 id: …；公开页面的 item: 写的就是它",
                        en: "this rule has no id (e.g. party-affairs-quarterly). Add a line `id: …`; disclosure pages name it in item:"))
            }
            return nil
        }
        if id.contains(where: { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }) {
            fields.diagnostics.append(
                .error(
                    file, line: fields.lineOf("id"),
                    zh: "规则编号“\(id)”不能含有空格；请用连字符（-）连接，如 party-affairs-quarterly",
                    en: "rule id `\(id)` must not contain spaces; join words with hyphens, e.g. party-affairs-quarterly"))
            return nil
        }
        return (id, fields.lineOf("id") ?? fields.line)
    }

    /// A rule of the file: a new one (name, cadence and due required), or a default repeated to change it.
    mutating func readRule(
        _ fields: inout YAMLFields, id: String, idLine: Int, overriding base: DisclosureRule?,
        switchedOffDefault: Bool
    ) -> Written? {
        let cadence = readCadence(&fields, id: id, base: base)
        let due = readDue(&fields)
        let name = fields.string("name")
        let appliesTo = readAppliesTo(&fields)
        let (basis, dated) = readBasis(&fields)
        let satisfiedBy = fields.string("satisfied-by")

        if let base {
            var rule = base
            if let name { rule.name = name }
            if let appliesTo { rule.appliesTo = appliesTo }
            if let due { rule.due = due }
            if let basis {
                rule.basis = basis
                // A site's own basis replaces the defaults' dated one.
                rule.bases = dated ?? []
            }
            if let satisfiedBy { rule.satisfiedBy = satisfiedBy }
            return Written(rule: rule, idLine: idLine, satisfiedByLine: fields.lineOf("satisfied-by"))
        }
        let note =
            switchedOffDefault
            ? "（默认规则“\(id)”已停用，这里按新规则处理）" : ""
        let noteEN =
            switchedOffDefault
            ? " (the default rule `\(id)` is switched off, so this is a new rule)" : ""
        var missing: [(String, String, String)] = []
        if name == nil && !fields.has("name") { missing.append(("name", "名称，如 党务公开", "its name")) }
        if cadence == nil && !fields.has("cadence") {
            missing.append(
                (
                    "cadence", "周期：monthly、quarterly、half-yearly、yearly、on-event 或 before-event",
                    "monthly, quarterly, half-yearly, yearly, on-event or before-event"
                ))
        }
        if due == nil && !fields.has("due") { missing.append(("due", "期满后几天内公开，如 15", "days after the period by which it is due, e.g. 15")) }
        for (key, zh, en) in missing {
            fields.diagnostics.append(
                .error(
                    file, line: idLine,
                    zh: "新规则“\(id)”缺少 \(key)（\(zh)）\(note)。请在这条规则下加一行 \(key): …",
                    en: "the new rule `\(id)` has no \(key) (\(en))\(noteEN). Add a line `\(key): …` to the rule"))
        }
        guard let name, let cadence, let due else { return nil }
        var rule = DisclosureRule(
            id: id, name: name, appliesTo: appliesTo ?? [.village, .community], cadence: cadence,
            due: due, basis: basis ?? "", satisfiedBy: satisfiedBy)
        rule.bases = dated ?? []
        return Written(rule: rule, idLine: idLine, satisfiedByLine: fields.lineOf("satisfied-by"))
    }

    mutating func readCadence(_ fields: inout YAMLFields, id: String, base: DisclosureRule?) -> Cadence? {
        guard let written = fields.string("cadence") else { return nil }
        let line = fields.lineOf("cadence")
        let chinese: [String: Cadence] = [
            "每月": .monthly, "每季度": .quarterly, "每半年": .halfYearly,
            "每年": .yearly, "随时": .onEvent, "会前": .beforeEvent, "事前": .beforeEvent,
        ]
        guard let cadence = Cadence(rawValue: written) ?? chinese[written] else {
            let known = Cadence.allCases.map(\.rawValue)
            let hint = Suggest.closest(to: written, in: known)
            fields.diagnostics.append(
                .error(
                    file, line: line,
                    zh: "cadence“\(written)”无效" + (hint.map { "，是不是“\($0)”？" } ?? "。")
                        + "可用：monthly（每月）、quarterly（每季度）、half-yearly（每半年）、yearly（每年）、on-event（随时，事后公开）、before-event（会前，在页面 event: 写明的日期之前公开）",
                    en: "cadence `\(written)` is invalid" + (hint.map { "; did you mean `\($0)`?" } ?? "")
                        + ". Use monthly, quarterly, half-yearly, yearly, on-event or before-event"))
            return nil
        }
        if let base, base.cadence != cadence {
            fields.diagnostics.append(
                .error(
                    file, line: line,
                    zh: "默认规则“\(id)”的周期是 \(base.cadence.rawValue)，重写编号时只能改 name、applies-to、due、basis。要换周期，请把“\(id)”写进 disable:，再用新编号另立一条规则",
                    en:
                        "the default rule `\(id)` is \(base.cadence.rawValue); repeating its id changes only name, applies-to, due and basis. To change the cadence, list `\(id)` under disable: and write a rule with a new id"
                ))
            return nil
        }
        return cadence
    }

    mutating func readDue(_ fields: inout YAMLFields) -> Int? {
        guard let due = fields.int("due", example: 10) else { return nil }
        if due < 0 {
            fields.diagnostics.append(
                .error(
                    file, line: fields.lineOf("due"),
                    zh: "due 不能是负数（\(due)）。due 是期满（或事项发生）后几天内必须公开，如 due: 10；当天须公开写 due: 0",
                    en:
                        "due must not be negative (\(due)). It is the number of days after the period (or event) by which to publish, e.g. due: 10; 0 for the same day"
                ))
            return nil
        }
        // Ten years is more than any law allows; far larger numbers would overflow date arithmetic.
        if due > 3660 {
            fields.diagnostics.append(
                .error(
                    file, line: fields.lineOf("due"),
                    zh: "due 太大（\(due) 天）。due 是期满（或事项发生）后几天内必须公开，一般是几天到几十天，如 due: 10",
                    en:
                        "due is far too large (\(due) days). It is the number of days after the period (or event) by which to publish, usually days or weeks, e.g. due: 10"
                ))
            return nil
        }
        return due
    }

    mutating func readAppliesTo(_ fields: inout YAMLFields) -> [VillageType]? {
        guard fields.has("applies-to") else { return nil }
        let written = fields.stringList("applies-to")
        let line = fields.lineOf("applies-to")
        var types: [VillageType] = []
        for value in written {
            guard let type = VillageType(written: value) else {
                fields.diagnostics.append(
                    .error(
                        file, line: line,
                        zh: "applies-to 中的“\(value)”无效：村写 village，社区写 community，如 applies-to: [village, community]",
                        en: "`\(value)` in applies-to is invalid: use village and/or community, e.g. applies-to: [village, community]"))
                return nil
            }
            if !types.contains(type) { types.append(type) }
        }
        if types.isEmpty && !fields.diagnostics.contains(where: \.isError) {
            fields.diagnostics.append(
                .error(
                    file, line: line,
                    zh: "applies-to 不能为空：写 [village]、[community] 或 [village, community]。不需要的默认规则请写进 disable:",
                    en: "applies-to must not be empty: write [village], [community] or [village, community]. List unwanted default rules under disable:"))
            return nil
        }
        return types.isEmpty ? nil : types
    }

    // MARK: Across rules

    /// `satisfied-by` must name a rule in force whose periods split this rule's periods evenly.
    mutating func checkSatisfiedBy(_ byID: inout [String: Written], broken: inout Set<String>) {
        for id in byID.keys.sorted() {
            guard var written = byID[id], let target = written.rule.satisfiedBy else { continue }
            guard let line = written.satisfiedByLine else {
                // The defaults' own link: dropped quietly when the site switched the finer rule off.
                if byID[target] == nil {
                    written.rule.satisfiedBy = nil
                    byID[id] = written
                }
                continue
            }
            let rule = written.rule
            if let finer = byID[target]?.rule {
                if rule.cadence.isSplit(into: finer.cadence) { continue }
                diagnostics.append(
                    .error(
                        file, line: line,
                        zh:
                            "satisfied-by: \(target) 不合适：“\(target)”是\(finer.cadence.chineseLabel)公开，不能拼成“\(id)”的\(rule.cadence.periodNameZH)。只能写周期更短、能整段拼成本周期的规则（如季度规则写月度规则）",
                        en:
                            "satisfied-by: \(target) does not fit: `\(target)` is \(finer.cadence.rawValue) and its periods do not make up \(rule.cadence.periodNameEN) of `\(id)`. Name a finer rule whose periods fill this one (a monthly rule for a quarterly one)"
                    ))
            } else if !broken.contains(target) {
                let hint = Suggest.closest(to: target, in: byID.keys.sorted())
                diagnostics.append(
                    .error(
                        file, line: line,
                        zh: "satisfied-by: \(target) 不是现有规则的编号" + (hint.map { "，是不是“\($0)”？" } ?? ""),
                        en: "satisfied-by: \(target) names no rule in force" + (hint.map { "; did you mean `\($0)`?" } ?? "")))
            }
            broken.insert(id)
            written.rule.satisfiedBy = nil
            byID[id] = written
        }
    }
}
