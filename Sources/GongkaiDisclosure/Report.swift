import GongkaiContent

/// Where one (village, rule, period) stands on the as-of date.
public enum DisclosureStatus: String, Sendable, Hashable, CaseIterable {
    /// Published on or before the due day.
    case published
    /// Published, but only after the due day.
    case late
    /// The due day has passed and nothing is published.
    case missing
    /// The period is over, the due day not yet passed (the due day itself included), nothing published yet.
    case pending
    /// On-event rules only: nothing published in the time checked (which is not a failure: maybe nothing happened).
    case none

    /// 已公开, 逾期公开, 未公开, 未到期, 无: labels for the portal and the text report.
    public var chineseLabel: String {
        switch self {
        case .published: "已公开"
        case .late: "逾期公开"
        case .missing: "未公开"
        case .pending: "未到期"
        case .none: "无"
        }
    }

    public var englishLabel: String {
        switch self {
        case .published: "published"
        case .late: "late"
        case .missing: "missing"
        case .pending: "not yet due"
        case .none: "none"
        }
    }
}

/// The check of one rule for one village: one period of a periodic rule, or all events of an on-event rule.
public struct DisclosureResult: Sendable, Hashable {
    public let village: String
    public let rule: String
    /// `2026-10`, `2026-Q3`, …; nil for on-event rules.
    public let period: String?
    public let periodStart: Day?
    public let periodEnd: Day?
    /// Last day to publish on time; nil for on-event rules.
    public let due: Day?
    public let status: DisclosureStatus
    /// Periodic rules: the day the period counts as published. On-event rules: the day of the latest item.
    public let published: Day?
    /// Source paths (relative to the site folder) of the pages that fulfil it, earliest first.
    public let pages: [String]
    /// On-event rules only: items published from the effective since to the as-of date.
    public let count: Int?
    /// On-event rules only: how many of them were published more than `due` days after the event.
    public let late: Int?
    /// Before-event rules only: the day of the meeting (event) the item was due before.
    public var event: Day? = nil

    public init(
        village: String, rule: String, period: String?, periodStart: Day?, periodEnd: Day?, due: Day?,
        status: DisclosureStatus, published: Day?, pages: [String], count: Int? = nil, late: Int? = nil
    ) {
        self.village = village
        self.rule = rule
        self.period = period
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.due = due
        self.status = status
        self.published = published
        self.pages = pages
        self.count = count
        self.late = late
    }

    public var isOnEvent: Bool { period == nil }

    /// The period as a value (for its Chinese name); nil for on-event results.
    public var periodValue: Period? {
        guard let period, case .success(.period(let value)) = PeriodValue.parse(period) else { return nil }
        return value
    }

    /// Days after the due day it was published (late results only).
    public var daysLate: Int? {
        guard status == .late, let due, let published else { return nil }
        return published.dayNumber - due.dayNumber
    }

    /// Sorted by village, rule, then period (chronologically; on-event results have none).
    static func ordered(_ a: DisclosureResult, _ b: DisclosureResult) -> Bool {
        if a.village != b.village { return a.village < b.village }
        if a.rule != b.rule { return a.rule < b.rule }
        return (a.periodStart?.dayNumber ?? Int.min, a.period ?? "") < (b.periodStart?.dayNumber ?? Int.min, b.period ?? "")
    }
}

/// How many periodic results have each status, and how many on-event items were published (and of
/// them late). The report's totals and each village's headline are both made from it, so they agree.
public struct DisclosureSummary: Sendable, Hashable {
    public var published: Int
    public var late: Int
    public var missing: Int
    public var pending: Int
    /// On-event items published in the time checked, and how many of them late.
    public var events: Int
    public var eventsLate: Int

    public init(published: Int = 0, late: Int = 0, missing: Int = 0, pending: Int = 0, events: Int = 0, eventsLate: Int = 0) {
        self.published = published
        self.late = late
        self.missing = missing
        self.pending = pending
        self.events = events
        self.eventsLate = eventsLate
    }

    public init(_ results: [DisclosureResult]) {
        self.init()
        for result in results {
            if result.isOnEvent {
                events += result.count ?? 0
                eventsLate += result.late ?? 0
                continue
            }
            switch result.status {
            case .published: published += 1
            case .late: late += 1
            case .missing: missing += 1
            case .pending: pending += 1
            case .none: break
            }
        }
    }

    /// Nothing published at all: no period and no on-event item.
    public var nothingPublished: Bool { published == 0 && late == 0 && events == 0 }

    /// Nothing missing, late or still to publish.
    public var allOnTime: Bool { missing == 0 && late == 0 && pending == 0 && eventsLate == 0 }
}

/// A village as the check saw it: its name, type and the first day it is checked from.
public struct DisclosureVillage: Sendable, Hashable {
    public let id: String
    public let name: String
    public let type: VillageType
    /// The later of the site's `since` and the village's `disclosure-since`.
    public let since: Day
    /// Rule ids the village is exempt from (`disclosure-exempt`), sorted.
    public let exempt: [String]
    /// Ids of the rules checked for it (in force, applying to its type, not exempt), sorted.
    public let rules: [String]

    public init(id: String, name: String, type: VillageType, since: Day, exempt: [String], rules: [String]) {
        self.id = id
        self.name = name
        self.type = type
        self.since = since
        self.exempt = exempt
        self.rules = rules
    }
}

/// The outcome of a disclosure check: every village, rule and period as of one day.
public struct DisclosureReport: Sendable {
    public let asOf: Day
    /// The site's first day checked (`since:` of disclosure.yaml, else 1 January of the as-of year).
    public let since: Day
    /// The rules in force, sorted by id.
    public let rules: [DisclosureRule]
    /// Every village of the site, sorted by id.
    public let villages: [DisclosureVillage]
    /// Sorted by village, rule, period.
    public let results: [DisclosureResult]
    /// Column health (`health:` of disclosure.yaml); nil when the site has not turned it on.
    public var healthSettings: HealthSettings? = nil
    /// Column health per owner and section, site first, then the county, then villages by id.
    public var health: [HealthResult] = []
    /// Broken links, missing attachments and footer items, by file and line.
    public var findings: [SiteFinding] = []
    /// Disclosure pages for times before their village's check start, sorted by village and file.
    public let uncounted: [UncountedPage]
    /// Where the as-of day came from and how the check was run (set by the command that runs it).
    public var context = ReportContext()

    public init(
        asOf: Day, since: Day, rules: [DisclosureRule], villages: [DisclosureVillage], results: [DisclosureResult],
        uncounted: [UncountedPage] = []
    ) {
        self.asOf = asOf
        self.since = since
        self.rules = rules.sorted { $0.id < $1.id }
        self.villages = villages.sorted { $0.id < $1.id }
        self.results = results.sorted(by: DisclosureResult.ordered)
        self.uncounted = uncounted.sorted(by: UncountedPage.ordered)
    }

    /// Counts of the periodic results.
    public var summary: DisclosureSummary { DisclosureSummary(results) }

    public func rule(_ id: String) -> DisclosureRule? { rules.first { $0.id == id } }

    public func village(_ id: String) -> DisclosureVillage? { villages.first { $0.id == id } }

    /// The results of one village.
    public func results(of village: String) -> [DisclosureResult] { results.filter { $0.village == village } }

    /// The same report restricted to one village (its sections' health and its files' findings).
    public func only(village id: String) -> DisclosureReport {
        var report = DisclosureReport(
            asOf: asOf, since: since, rules: rules, villages: villages.filter { $0.id == id },
            results: results(of: id), uncounted: uncounted.filter { $0.village == id })
        report.context = context
        report.healthSettings = healthSettings
        report.health = health.filter { $0.owner == .village(id) }
        report.findings = findings.filter { $0.village == id }
        return report
    }

    /// The pages of one village not counted because they are for a time before its check start.
    public func uncounted(of village: String) -> [UncountedPage] { uncounted.filter { $0.village == village } }
}
