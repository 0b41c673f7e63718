import GongkaiContent

/// How often a rule must be fulfilled: once per month, quarter, half-year or year, or after each event.
public enum Cadence: String, CaseIterable, Sendable, Hashable, Comparable {
    case monthly
    case quarterly
    case halfYearly = "half-yearly"
    case yearly
    case onEvent = "on-event"
    /// Due a number of days before an event the page states (`event:`), e.g. the members' meeting.
    case beforeEvent = "before-event"

    /// 每月, 每季度, …: what the portal shows.
    public var chineseLabel: String {
        switch self {
        case .monthly: "每月"
        case .quarterly: "每季度"
        case .halfYearly: "每半年"
        case .yearly: "每年"
        case .onEvent: "随时"
        case .beforeEvent: "事前"
        }
    }

    public var englishLabel: String {
        switch self {
        case .monthly: "monthly"
        case .quarterly: "quarterly"
        case .halfYearly: "half-yearly"
        case .yearly: "yearly"
        case .onEvent: "on event"
        case .beforeEvent: "before the event"
        }
    }

    /// Months in one period; nil for on-event rules, which have no periods.
    public var months: Int? {
        switch self {
        case .monthly: 1
        case .quarterly: 3
        case .halfYearly: 6
        case .yearly: 12
        case .onEvent, .beforeEvent: nil
        }
    }

    public var isPeriodic: Bool { months != nil }

    /// The form of `period:` a page of this cadence uses, for messages.
    public var periodExample: String {
        switch self {
        case .monthly: "2026-10"
        case .quarterly: "2026-Q3"
        case .halfYearly: "2026-H2"
        case .yearly: "2026"
        case .onEvent, .beforeEvent: "2026-06-19"
        }
    }

    /// What a period of this cadence is called, for messages.
    public var periodNameZH: String {
        switch self {
        case .monthly: "月份"
        case .quarterly: "季度"
        case .halfYearly: "半年"
        case .yearly: "年度"
        case .onEvent: "事项发生的日期"
        case .beforeEvent: "会议（事项）的日期"
        }
    }

    public var periodNameEN: String {
        switch self {
        case .monthly: "a month"
        case .quarterly: "a quarter"
        case .halfYearly: "a half-year"
        case .yearly: "a year"
        case .onEvent: "the event's date"
        case .beforeEvent: "the meeting's (event's) date"
        }
    }

    /// Finer cadences sort first (monthly < quarterly < … < on-event < before-event).
    public static func < (a: Cadence, b: Cadence) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }

    /// Whether every period of `self` is made of whole periods of `finer` (a quarter of months, a year of halves).
    public func isSplit(into finer: Cadence) -> Bool {
        guard let mine = months, let theirs = finer.months else { return false }
        return theirs < mine && mine % theirs == 0
    }
}
