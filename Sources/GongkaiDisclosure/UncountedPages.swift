import GongkaiContent

/// A disclosure page the check does not count because it reports a time before the village's check
/// start (`since:` of disclosure.yaml, or `disclosure-since` of the village): a period that began
/// before it, or an on-event item published before it. The report lists each such page once, so a
/// clerk who wrote it is not left wondering why it is not there.
public struct UncountedPage: Sendable, Hashable {
    public let village: String
    public let rule: String
    /// `2026-06` for a periodic rule, the event day for an on-event one.
    public let period: String
    /// The page's publication day.
    public let published: Day
    /// Source path relative to the site folder.
    public let page: String
    /// The village's first day checked.
    public let since: Day

    public init(village: String, rule: String, period: String, published: Day, page: String, since: Day) {
        self.village = village
        self.rule = rule
        self.period = period
        self.published = published
        self.page = page
        self.since = since
    }

    /// The period as a value, for its Chinese name; nil for an event day.
    var periodValue: Period? {
        guard case .success(.period(let value)) = PeriodValue.parse(period) else { return nil }
        return value
    }

    static func ordered(_ a: UncountedPage, _ b: UncountedPage) -> Bool {
        (a.village, a.page, a.rule) < (b.village, b.page, b.rule)
    }
}

enum UncountedPages {
    /// The filed pages of rules that bind each village, for times before the village's check start.
    static func find(_ index: PageIndex, villages: [DisclosureVillage]) -> [UncountedPage] {
        var byID: [String: DisclosureVillage] = [:]
        for village in villages { byID[village.id] = village }
        var found: [UncountedPage] = []
        for (key, pages) in index.periodic {
            guard let village = byID[key.village], village.rules.contains(key.rule), key.period.start < village.since else { continue }
            for page in pages {
                found.append(
                    UncountedPage(
                        village: key.village, rule: key.rule, period: key.period.description,
                        published: page.date.day, page: page.sourcePath, since: village.since))
            }
        }
        for (key, events) in index.events {
            guard let village = byID[key.village], village.rules.contains(key.rule) else { continue }
            // Regulations older than the check are the village's history, not a filing that went missing.
            for event in events where event.page.kind == .disclosure && event.page.date.day < village.since {
                found.append(
                    UncountedPage(
                        village: key.village, rule: key.rule, period: event.day.description,
                        published: event.page.date.day, page: event.page.sourcePath, since: village.since))
            }
        }
        return found.sorted(by: UncountedPage.ordered)
    }
}
