import GongkaiContent

/// What a disclosure page's `period:` says: one period of a periodic rule, or the date of an event.
public enum PeriodValue: Hashable, Sendable, CustomStringConvertible {
    case period(Period)
    case event(Day)

    /// The cadence this form of period belongs to (`2026-Q3` → quarterly, a date → on-event).
    public var cadence: Cadence {
        switch self {
        case .period(let period): period.cadence
        case .event: .onEvent
        }
    }

    public var description: String {
        switch self {
        case .period(let period): period.description
        case .event(let day): day.description
        }
    }

    /// Parses `2026-10`, `2026-Q3`, `2026-H2`, `2026` or `2026-06-19`; the problem says what is wrong.
    public static func parse(_ raw: String) -> Result<PeriodValue, PeriodProblem> {
        let text = raw.trimmingBlanks
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let yearText = parts.first, yearText.count == 4, yearText.allSatisfy(\.isASCIIDigit),
            let year = Int(yearText), year >= 1
        else {
            return .failure(.unrecognised)
        }
        switch parts.count {
        case 1:
            return Period(cadence: .yearly, year: year, index: 1).map { .success(.period($0)) } ?? .failure(.unrecognised)
        case 2:
            return parsePart(parts[1], year: year)
        case 3:
            guard parts[1].count == 2, parts[2].count == 2, parts[1].allSatisfy(\.isASCIIDigit),
                parts[2].allSatisfy(\.isASCIIDigit)
            else { return .failure(.unrecognised) }
            guard let day = Day(iso: text) else { return .failure(.noSuchDay) }
            return .success(.event(day))
        default:
            return .failure(.unrecognised)
        }
    }

    private static func parsePart(_ part: Substring, year: Int) -> Result<PeriodValue, PeriodProblem> {
        guard let first = part.first else { return .failure(.unrecognised) }
        let digits = first.isASCIIDigit ? part : part.dropFirst()
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let number = Int(digits) else {
            return .failure(.unrecognised)
        }
        let cadence: Cadence
        let problem: PeriodProblem
        switch first {
        case "Q", "q": (cadence, problem) = (.quarterly, .noSuchQuarter)
        case "H", "h": (cadence, problem) = (.halfYearly, .noSuchHalf)
        // A month is two digits: `2026-03`, not `2026-3`.
        case _ where first.isASCIIDigit && digits.count == 2: (cadence, problem) = (.monthly, .noSuchMonth)
        default: return .failure(.unrecognised)
        }
        guard digits.count <= 2, let period = Period(cadence: cadence, year: year, index: number) else {
            return .failure(problem)
        }
        return .success(.period(period))
    }
}

/// Why a `period:` value does not parse, in words an editor can act on.
public enum PeriodProblem: Error, Hashable, Sendable {
    case unrecognised
    case noSuchMonth
    case noSuchQuarter
    case noSuchHalf
    case noSuchDay

    public var zh: String {
        switch self {
        case .unrecognised: "写法不对"
        case .noSuchMonth: "月份只能是 01 到 12"
        case .noSuchQuarter: "季度只能是 Q1 到 Q4"
        case .noSuchHalf: "半年只能是 H1（上半年）或 H2（下半年）"
        case .noSuchDay: "没有这一天"
        }
    }

    public var en: String {
        switch self {
        case .unrecognised: "it is not a period"
        case .noSuchMonth: "months run from 01 to 12"
        case .noSuchQuarter: "quarters run from Q1 to Q4"
        case .noSuchHalf: "half-years are H1 or H2"
        case .noSuchDay: "there is no such day"
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and full-width spaces.
    var trimmingBlanks: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }
        guard let start = firstIndex(where: { !blank($0) }), let end = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[start...end])
    }
}
