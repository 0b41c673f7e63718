import GongkaiContent

/// The disclosure pages of a site, validated against the rules and filed by (village, rule, period).
struct PageIndex {
    struct PeriodKey: Hashable {
        let village: String
        let rule: String
        let period: Period
    }

    struct RuleKey: Hashable {
        let village: String
        let rule: String
    }

    /// One on-event item: the page and the day of the event it reports.
    struct Event {
        let page: Page
        let day: Day
    }

    /// Pages dated on or before the as-of day, per period, earliest first.
    private(set) var periodic: [PeriodKey: [Page]] = [:]
    /// On-event items dated on or before the as-of day, per village and rule, earliest first.
    private(set) var events: [RuleKey: [Event]] = [:]
    /// Before-event items dated on or before the as-of day, per village and rule, by event day.
    var beforeEvents: [RuleKey: [Event]] = [:]
    var diagnostics: [Diagnostic] = []

    /// Files every village disclosure page that is not a draft. Pages that break a rule of the
    /// content model become errors; pages for rules that do not bind their village become warnings.
    init(content: SiteContent, rules: DisclosureRuleSet, asOf: Day) {
        var villages: [String: Village] = [:]
        for village in content.villages { villages[village.id] = village }
        for page in content.pages where page.kind == .disclosure && !page.draft {
            // County disclosures are published but not checked: they bind no village.
            guard let villageID = page.owner.villageID,
                // The content loader already reported a disclosure without item (or without period and event).
                let item = page.fields.item, page.fields.period != nil || page.fields.event != nil,
                let rule = rule(named: item, page: page, rules: rules)
            else { continue }
            if rule.cadence == .beforeEvent || page.fields.period == nil {
                fileBeforeEvent(page, village: villageID, rule: rule, villages: villages, asOf: asOf)
                continue
            }
            guard let periodText = page.fields.period,
                let value = periodValue(periodText, page: page, rule: rule)
            else { continue }
            if let village = villages[villageID] {
                warnIfNotBinding(rule, village: village, page: page)
            }
            guard page.date.day <= asOf else { continue }
            switch value {
            case .period(let period):
                periodic[PeriodKey(village: villageID, rule: rule.id, period: period), default: []].append(page)
            case .event(let day):
                events[RuleKey(village: villageID, rule: rule.id), default: []].append(Event(page: page, day: day))
            }
        }
        // A published 村规民约 / 居民公约 is its own filing event (see `RegulationFiling`).
        let filings = RegulationFiling.events(in: content, rules: rules)
        diagnostics += filings.diagnostics
        for (key, event) in filings.events where event.page.date.day <= asOf { events[key, default: []].append(event) }
        for key in periodic.keys { periodic[key]?.sort(by: PageIndex.earliestFirst) }
        for key in events.keys { events[key]?.sort { PageIndex.earliestFirst($0.page, $1.page) } }
        for key in beforeEvents.keys { beforeEvents[key]?.sort { ($0.day, $0.page.sourcePath) < ($1.day, $1.page.sourcePath) } }
        for village in content.villages { checkExemptions(village, rules: rules) }
    }

    func pages(_ village: String, _ rule: String, _ period: Period) -> [Page] {
        periodic[PeriodKey(village: village, rule: rule, period: period)] ?? []
    }

    func events(_ village: String, _ rule: String) -> [Event] {
        events[RuleKey(village: village, rule: rule)] ?? []
    }

    /// By publication instant, then path, so equal dates still give one order.
    static func earliestFirst(_ a: Page, _ b: Page) -> Bool {
        if a.date != b.date { return a.date < b.date }
        return a.sourcePath < b.sourcePath
    }

    // MARK: Validation

    private mutating func rule(named item: String, page: Page, rules: DisclosureRuleSet) -> DisclosureRule? {
        if let rule = rules.rule(item) { return rule }
        let line = page.keyLines["item"]
        if rules.broken.contains(item) { return nil }
        if rules.switchedOff.contains(item) {
            diagnostics.append(
                .warning(
                    page.sourcePath, line: line,
                    zh: "item: \(item) 是已在 disclosure.yaml 中停用的默认规则：此页照常发布，但不计入公开检查",
                    en: "item: \(item) is a default rule switched off in disclosure.yaml: the page is published but not checked"))
            return nil
        }
        let known = rules.rules.map(\.id)
        let hint = Suggest.closest(to: item, in: known)
        diagnostics.append(
            .error(
                page.sourcePath, line: line,
                zh: "item: \(item) 不是任何公开规则的编号" + (hint.map { "，是不是“\($0)”？" } ?? "。")
                    + "可用的规则：\(known.joined(separator: "、"))（内置默认规则，可在 disclosure.yaml 中增加）",
                en: "item: \(item) names no disclosure rule" + (hint.map { "; did you mean `\($0)`?" } ?? ".")
                    + " Rules: \(known.joined(separator: ", ")) (built-in defaults; add more in disclosure.yaml)"))
        return nil
    }

    private mutating func periodValue(_ text: String, page: Page, rule: DisclosureRule) -> PeriodValue? {
        let line = page.keyLines["period"]
        let value: PeriodValue
        switch PeriodValue.parse(text) {
        case .success(let parsed): value = parsed
        case .failure(let problem):
            diagnostics.append(
                .error(
                    page.sourcePath, line: line,
                    zh:
                        "period: \(text) 无效：\(problem.zh)。“\(rule.id)”是\(rule.cadence.chineseLabel)公开，请写成\(rule.cadence.periodNameZH)，如 period: \(rule.cadence.periodExample)",
                    en:
                        "period: \(text) is invalid: \(problem.en). `\(rule.id)` is \(rule.cadence.rawValue); write \(rule.cadence.periodNameEN), e.g. period: \(rule.cadence.periodExample)"
                ))
            return nil
        }
        guard value.cadence == rule.cadence else {
            diagnostics.append(
                .error(
                    page.sourcePath, line: line,
                    zh:
                        "period: \(text) 是\(value.cadence.periodNameZH)，但“\(rule.id)”（\(rule.name)）是\(rule.cadence.chineseLabel)公开，period 应写\(rule.cadence.periodNameZH)，如 period: \(rule.cadence.periodExample)",
                    en:
                        "period: \(text) is \(value.cadence.periodNameEN), but `\(rule.id)` is \(rule.cadence.rawValue): period must be \(rule.cadence.periodNameEN), e.g. period: \(rule.cadence.periodExample)"
                ))
            return nil
        }
        return value
    }

    mutating func warnIfNotBinding(_ rule: DisclosureRule, village: Village, page: Page) {
        let line = page.keyLines["item"]
        if !rule.applies(to: village.type) {
            let types = rule.appliesTo.map(\.chineseName).joined(separator: "和")
            diagnostics.append(
                .warning(
                    page.sourcePath, line: line,
                    zh:
                        "规则“\(rule.id)”（\(rule.name)）只适用于\(types)，\(village.name)是\(village.type.chineseName)：此页照常发布，但不计入公开检查。若规则也适用于\(village.type.chineseName)，请在 disclosure.yaml 中改它的 applies-to",
                    en:
                        "rule `\(rule.id)` applies to \(rule.appliesTo.map(\.rawValue).joined(separator: " and ")) only and \(village.id) is a \(village.type.rawValue): the page is published but not checked. If the rule binds it too, change its applies-to in disclosure.yaml"
                ))
        } else if village.disclosureExempt.contains(rule.id) {
            diagnostics.append(
                .warning(
                    page.sourcePath, line: line,
                    zh: "\(village.name)在 _village.md 的 disclosure-exempt 中免除了“\(rule.id)”：此页照常发布，但不计入公开检查",
                    en: "\(village.id) is exempt from `\(rule.id)` (disclosure-exempt in _village.md): the page is published but not checked"))
        }
    }

    /// `disclosure-exempt` naming no rule is most likely a typo: warn with the closest id.
    private mutating func checkExemptions(_ village: Village, rules: DisclosureRuleSet) {
        let known = Set(rules.rules.map(\.id)).union(DisclosureRule.defaults.map(\.id))
        for id in village.disclosureExempt where !known.contains(id) {
            let hint = Suggest.closest(to: id, in: known.sorted())
            diagnostics.append(
                .warning(
                    village.sourcePath, line: village.keyLines["disclosure-exempt"],
                    zh: "disclosure-exempt 中的“\(id)”不是公开规则的编号（已忽略）" + (hint.map { "，是不是“\($0)”？" } ?? ""),
                    en: "`\(id)` in disclosure-exempt names no disclosure rule (ignored)" + (hint.map { "; did you mean `\($0)`?" } ?? "")))
        }
    }
}
