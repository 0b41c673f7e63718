import GongkaiContent

/// The disclosure check: for every village, every rule that binds it and every period due so far,
/// whether it is published, late, missing or not yet due.
public enum DisclosureCheck {
    /// Loads `disclosure.yaml` from `content.root` and checks the content as of `asOf`. The diagnostics
    /// are those of the rule file and of the disclosure pages (not the content loader's own), sorted.
    public static func evaluate(_ content: SiteContent, asOf: Day) -> (DisclosureReport, [Diagnostic]) {
        let (rules, ruleDiagnostics) = DisclosureRuleSet.load(site: content.root)
        let (report, pageDiagnostics) = evaluate(content, rules: rules, asOf: asOf)
        return (report, (ruleDiagnostics + pageDiagnostics).sorted())
    }

    /// Checks the content against a rule set already loaded.
    public static func evaluate(_ content: SiteContent, rules: DisclosureRuleSet, asOf: Day) -> (DisclosureReport, [Diagnostic]) {
        let siteSince = rules.since ?? Day(year: asOf.year, month: 1, day: 1) ?? asOf
        let index = PageIndex(content: content, rules: rules, asOf: asOf)
        let evaluator = Evaluator(rules: rules, index: index, asOf: asOf)
        var villages: [DisclosureVillage] = []
        var results: [DisclosureResult] = []
        for village in content.villages.sorted(by: { $0.id < $1.id }) {
            let since = max(siteSince, village.disclosureSince ?? siteSince)
            let binding = rules.rules.filter { $0.applies(to: village.type) && !village.disclosureExempt.contains($0.id) }
            villages.append(
                DisclosureVillage(
                    id: village.id, name: village.name, type: village.type, since: since,
                    exempt: village.disclosureExempt.sorted(), rules: binding.map(\.id)))
            for rule in binding {
                if rule.cadence.isPeriodic {
                    for period in Period.all(rule.cadence, startingOnOrAfter: since, endingOnOrBefore: asOf) {
                        results.append(evaluator.result(village: village.id, rule: rule, period: period))
                    }
                } else if rule.cadence == .beforeEvent {
                    results += evaluator.beforeEventResults(village: village.id, rule: rule, since: since)
                } else {
                    results.append(evaluator.eventResult(village: village.id, rule: rule, since: since))
                }
            }
        }
        var report = DisclosureReport(
            asOf: asOf, since: siteSince, rules: rules.rules, villages: villages, results: results,
            uncounted: UncountedPages.find(index, villages: villages))
        if let health = rules.health {
            report.healthSettings = health
            report.health = HealthCheck.evaluate(content, settings: health, asOf: asOf)
        }
        return (report, index.diagnostics.sorted())
    }
}

/// Works out the status of one (village, rule, period) from the filed pages.
struct Evaluator {
    let rules: DisclosureRuleSet
    let index: PageIndex
    let asOf: Day

    /// When a period counts as published, and by which pages.
    struct Fulfilment {
        var day: Day
        var pages: [Page]
    }

    func result(village: String, rule: DisclosureRule, period: Period) -> DisclosureResult {
        let due = period.dueDay(afterDays: rule.due)
        let status: DisclosureStatus
        let found = fulfilment(village: village, rule: rule, period: period)
        if let found {
            status = found.day <= due ? .published : .late
        } else {
            // The due day itself is not yet past.
            status = asOf > due ? .missing : .pending
        }
        return DisclosureResult(
            village: village, rule: rule.id, period: period.description, periodStart: period.start,
            periodEnd: period.end, due: due, status: status, published: found?.day,
            pages: found?.pages.map(\.sourcePath) ?? [])
    }

    /// The earliest page for the period itself, or, through `satisfied-by`, the finer rule published
    /// for every sub-period (dated by the latest of them), whichever is earlier.
    func fulfilment(village: String, rule: DisclosureRule, period: Period) -> Fulfilment? {
        let direct = index.pages(village, rule.id, period)
        var best = direct.first.map { Fulfilment(day: $0.date.day, pages: direct) }
        if let via = fulfilmentBySubPeriods(village: village, rule: rule, period: period) {
            let day = min(best?.day ?? via.day, via.day)
            let pages = (direct + via.pages).sorted(by: PageIndex.earliestFirst)
            best = Fulfilment(day: day, pages: pages)
        }
        return best
    }

    private func fulfilmentBySubPeriods(village: String, rule: DisclosureRule, period: Period) -> Fulfilment? {
        guard let finerID = rule.satisfiedBy, let finer = rules.rule(finerID) else { return nil }
        let subPeriods = period.subPeriods(finer.cadence)
        guard !subPeriods.isEmpty else { return nil }
        var latest: Day?
        var pages: [Page] = []
        for sub in subPeriods {
            // Recursion ends: each step goes to a strictly finer cadence.
            guard let part = fulfilment(village: village, rule: finer, period: sub) else { return nil }
            latest = max(latest ?? part.day, part.day)
            pages += part.pages
        }
        return latest.map { Fulfilment(day: $0, pages: pages) }
    }

    /// On-event rules: the items published from `since` to the as-of day, and how many of them late.
    func eventResult(village: String, rule: DisclosureRule, since: Day) -> DisclosureResult {
        let items = index.events(village, rule.id).filter { $0.page.date.day >= since }
        let late = items.filter { $0.page.date.day > $0.day.adding(days: rule.due) }.count
        return DisclosureResult(
            village: village, rule: rule.id, period: nil, periodStart: nil, periodEnd: nil, due: nil,
            status: items.isEmpty ? .none : .published, published: items.last?.page.date.day,
            pages: items.map(\.page.sourcePath), count: items.count, late: late)
    }
}
