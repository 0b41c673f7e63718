import GongkaiContent

/// Cadence `before-event`: an item due at least `due` days before an event the page states
/// (`event:`, e.g. the members' meeting of 农村集体经济组织法 第四十六条). Published when
/// `date ≤ event − due`; late when later, also (and said so) when after the event itself.
extension PageIndex {
    mutating func fileBeforeEvent(_ page: Page, village: String, rule: DisclosureRule, villages: [String: Village], asOf: Day) {
        let itemLine = page.keyLines["item"]
        guard rule.cadence == .beforeEvent else {
            // `event:` without `period:` on a page of a rule with periods: the period is what it needs.
            let example = rule.cadence.isPeriodic ? rule.cadence.periodExample : "2026-06-19"
            diagnostics.append(
                .error(
                    page.sourcePath, line: itemLine,
                    zh:
                        "“\(rule.id)”（\(rule.name)）是\(rule.cadence.chineseLabel)公开，要写 period（\(rule.cadence.periodNameZH)），如 period: \(example)；event: 只用于会前公开的规则（cadence: before-event）",
                    en:
                        "`\(rule.id)` is \(rule.cadence.rawValue) and needs period (\(rule.cadence.periodNameEN)), e.g. period: \(example); event: is for before-event rules only"
                ))
            return
        }
        guard let event = page.fields.event else {
            diagnostics.append(
                .error(
                    page.sourcePath, line: itemLine,
                    zh: "“\(rule.id)”（\(rule.name)）要在会议（事项）\(rule.due)天前公开，请在文件头写明会议日期，如 event: 2027-01-20（成员大会或成员代表大会召开的日期）",
                    en:
                        "`\(rule.id)` is due \(rule.due) days before a meeting (event): state its day in the front matter, e.g. event: 2027-01-20 (the day of the members' meeting)"
                ))
            return
        }
        if page.fields.period != nil {
            diagnostics.append(
                .warning(
                    page.sourcePath, line: page.keyLines["period"],
                    zh: "“\(rule.id)”是会前公开，看的是 event:（会议日期），period: 不起作用，可以删掉",
                    en: "`\(rule.id)` is due before the event: event: counts, period: is ignored and can be removed"))
        }
        if let owner = villages[village] { warnIfNotBinding(rule, village: owner, page: page) }
        guard page.date.day <= asOf else { return }
        beforeEvents[RuleKey(village: village, rule: rule.id), default: []].append(Event(page: page, day: event))
    }

    func beforeEvents(_ village: String, _ rule: String) -> [Event] {
        beforeEvents[RuleKey(village: village, rule: rule)] ?? []
    }
}

extension Evaluator {
    /// One result per event (meeting) from `since` on: the earliest page for it decides.
    func beforeEventResults(village: String, rule: DisclosureRule, since: Day) -> [DisclosureResult] {
        var byEvent: [Day: [Page]] = [:]
        for item in index.beforeEvents(village, rule.id) where item.day >= since {
            byEvent[item.day, default: []].append(item.page)
        }
        return byEvent.keys.sorted().map { event in
            let pages = byEvent[event]!.sorted(by: PageIndex.earliestFirst)
            let due = event.adding(days: -rule.due)
            let published = pages[0].date.day
            var result = DisclosureResult(
                village: village, rule: rule.id, period: event.description, periodStart: event,
                periodEnd: event, due: due, status: published <= due ? .published : .late,
                published: published, pages: pages.map(\.sourcePath))
            result.event = event
            return result
        }
    }
}

extension Wording {
    /// `会议（2027年1月20日）前10天即2027年1月10日前应公开，2027年1月8日公开` and the like.
    static func beforeEventOutcome(_ result: DisclosureResult, event: Day, _ language: Language) -> String {
        guard let due = result.due else { return "" }
        let published = result.published
        let zh = language == .zh
        let head =
            zh
            ? "会议（\(day(event, language))）前应公开，截止\(day(due, language))"
            : "due \(day(due, language)), before the meeting of \(day(event, language))"
        guard let published else { return head }
        if published <= due {
            return zh ? "\(day(published, language))公开（\(head)）" : "published \(day(published, language)) (\(head))"
        }
        if published > event {
            let after = published.dayNumber - event.dayNumber
            return zh
                ? "\(head)；\(day(published, language))才公开，已在会议之后（会后\(after)天）"
                : "\(head); published \(day(published, language)), after the meeting (\(after) days after)"
        }
        let late = published.dayNumber - due.dayNumber
        return zh
            ? "\(head)；\(day(published, language))才公开，逾期\(late)天，距会议只剩\(event.dayNumber - published.dayNumber)天"
            : "\(head); published \(day(published, language)), \(late) days late, \(event.dayNumber - published.dayNumber) days before the meeting"
    }
}
