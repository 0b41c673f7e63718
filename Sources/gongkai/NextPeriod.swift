import GongkaiContent
import GongkaiDisclosure

/// The period a village should publish next for a periodic rule: the earliest period that has ended and
/// has no page yet (the check would call it missing or not yet due), else the current period, else the
/// first later one without a page. Drafts count as pages, so running `gongkai new` twice moves on.
enum NextPeriod {
    static func due(rule: DisclosureRule, village: String, content: SiteContent, rules: DisclosureRuleSet, today: Day) -> Period? {
        guard rule.cadence.isPeriodic else { return nil }
        let written = periodsWritten(rule: rule, village: village, content: content)
        let (report, _) = DisclosureCheck.evaluate(content, rules: rules, asOf: today)
        let open = report.results(of: village)
            .filter { $0.rule == rule.id && ($0.status == .missing || $0.status == .pending) }
            .compactMap(\.periodValue)
            .sorted()
        if let first = open.first(where: { !written.contains($0) }) { return first }
        guard var period = Period.containing(today, cadence: rule.cadence) else { return nil }
        while written.contains(period), let next = period.next { period = next }
        return period
    }

    /// Periods of `rule` that the village already has a page (or draft) for.
    static func periodsWritten(rule: DisclosureRule, village: String, content: SiteContent) -> Set<Period> {
        var periods = Set<Period>()
        for page in content.pages where page.kind == .disclosure && page.owner.villageID == village && page.fields.item == rule.id {
            if let text = page.fields.period, case .success(.period(let period)) = PeriodValue.parse(text),
                period.cadence == rule.cadence
            {
                periods.insert(period)
            }
        }
        return periods
    }
}
