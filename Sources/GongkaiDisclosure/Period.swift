import GongkaiContent

/// One period of a periodic rule: a month (`2026-10`), quarter (`2026-Q3`), half-year (`2026-H2`) or year (`2026`).
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let cadence: Cadence
    public let year: Int
    /// 1-based position in the year: month 1–12, quarter 1–4, half 1–2, or 1 for a year.
    public let index: Int

    /// `cadence` must be periodic and `index` within the year; nil otherwise.
    public init?(cadence: Cadence, year: Int, index: Int) {
        guard let months = cadence.months, (1...9999).contains(year), index >= 1, index <= 12 / months else { return nil }
        self.cadence = cadence
        self.year = year
        self.index = index
    }

    var monthsLong: Int { cadence.months ?? 12 }

    /// First month of the period, 1–12.
    var firstMonth: Int { (index - 1) * monthsLong + 1 }

    public var start: Day { Period.day(year, firstMonth, 1) }

    public var end: Day {
        let lastMonth = firstMonth + monthsLong - 1
        return Period.day(year, lastMonth, Day.daysIn(month: lastMonth, year: year))
    }

    /// The day `due` days after the period's last day: the last day it may be published on time.
    public func dueDay(afterDays due: Int) -> Day { end.adding(days: due) }

    /// The period of this cadence that follows.
    public var next: Period? {
        let perYear = 12 / monthsLong
        return index < perYear
            ? Period(cadence: cadence, year: year, index: index + 1)
            : Period(cadence: cadence, year: year + 1, index: 1)
    }

    /// The period of `cadence` that contains `day`.
    public static func containing(_ day: Day, cadence: Cadence) -> Period? {
        guard let months = cadence.months else { return nil }
        return Period(cadence: cadence, year: day.year, index: (day.month - 1) / months + 1)
    }

    /// The periods of a finer cadence this period is made of (the three months of a quarter);
    /// empty when `finer` does not split it evenly.
    public func subPeriods(_ finer: Cadence) -> [Period] {
        guard cadence.isSplit(into: finer), let months = finer.months else { return [] }
        let first = (firstMonth - 1) / months + 1
        let count = monthsLong / months
        return (first..<(first + count)).compactMap { Period(cadence: finer, year: year, index: $0) }
    }

    /// Every period of `cadence` that starts on or after `since` and ends on or before `until`, in order.
    public static func all(_ cadence: Cadence, startingOnOrAfter since: Day, endingOnOrBefore until: Day) -> [Period] {
        guard var period = containing(since, cadence: cadence) else { return [] }
        if period.start < since {
            // Joined in the middle of a period: the first one checked is the next.
            guard let next = period.next else { return [] }
            period = next
        }
        var periods: [Period] = []
        while period.end <= until {
            periods.append(period)
            guard let next = period.next else { break }
            period = next
        }
        return periods
    }

    /// `2026-10`, `2026-Q3`, `2026-H2`, `2026`: the form pages write and the JSON report uses.
    public var description: String {
        switch cadence {
        case .monthly: index < 10 ? "\(year)-0\(index)" : "\(year)-\(index)"
        case .quarterly: "\(year)-Q\(index)"
        case .halfYearly: "\(year)-H\(index)"
        case .yearly, .onEvent, .beforeEvent: "\(year)"
        }
    }

    /// `2026年10月`, `2026年第三季度`, `2026年下半年`, `2026年度`.
    public var chinese: String {
        switch cadence {
        case .monthly: "\(year)年\(index)月"
        case .quarterly: "\(year)年第\(["一", "二", "三", "四"][index - 1])季度"
        case .halfYearly: index == 1 ? "\(year)年上半年" : "\(year)年下半年"
        case .yearly, .onEvent, .beforeEvent: "\(year)年度"
        }
    }

    /// `October 2026`, `Q3 2026`, `H2 2026`, `2026`.
    public var english: String {
        let monthNames = [
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December",
        ]
        switch cadence {
        case .monthly: return "\(monthNames[index - 1]) \(year)"
        case .quarterly: return "Q\(index) \(year)"
        case .halfYearly: return "H\(index) \(year)"
        case .yearly, .onEvent, .beforeEvent: return "\(year)"
        }
    }

    /// Chronological; periods of different cadences starting the same day put the shorter first.
    public static func < (a: Period, b: Period) -> Bool {
        if a.start != b.start { return a.start < b.start }
        return a.cadence < b.cadence
    }

    /// Only for values already validated (month and day in range).
    private static func day(_ year: Int, _ month: Int, _ day: Int) -> Day {
        Day(year: year, month: month, day: day) ?? Day(dayNumber: 0)
    }
}
