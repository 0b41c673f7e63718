import Foundation

/// A calendar day in Asia/Shanghai, the zone every date of the content model is taken in.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= Day.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> Day { Day(dayNumber: dayNumber + days) }

    public var lastDayOfMonth: Day { Day(year: year, month: month, day: Day.daysIn(month: month, year: year))! }

    /// `2026-11-08`
    public var description: String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m)-\(d)"
    }

    /// `2026年11月8日`, the form Chinese portals use.
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Today in Asia/Shanghai (UTC+8 all year; China has had no daylight saving time since 1991).
    public static func todayInShanghai(secondsSince1970 now: Double) -> Day {
        Day(dayNumber: Int(((now + 8 * 3600) / 86400).rounded(.down)))
    }
}

/// A publication date: the day in Asia/Shanghai, plus an instant used only to order pages.
public struct PageDate: Hashable, Comparable, Sendable, Encodable {
    public let day: Day
    /// Seconds since 1970 in UTC; date-only values are midnight in Shanghai.
    public let instant: Int

    public init(day: Day, instant: Int) {
        self.day = day
        self.instant = instant
    }

    public init(day: Day) {
        self.day = day
        self.instant = day.dayNumber * 86400 - 8 * 3600
    }

    /// Parses `YYYY-MM-DD` or ISO 8601 date-time (`2026-11-10T23:30:00Z`, `…+08:00`, `2026-11-10 08:00`);
    /// a date-time without a zone is taken in Asia/Shanghai.
    public init?(parsing raw: String) {
        let text = raw.trimmingSpaces
        if let day = Day(iso: text) {
            self.init(day: day)
            return
        }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 16, let day = Day(iso: String(String.UnicodeScalarView(scalars[0..<10]))),
            scalars[10] == "T" || scalars[10] == "t" || scalars[10] == " "
        else { return nil }
        var rest = String(String.UnicodeScalarView(scalars[11...])).trimmingSpaces
        // Zone: Z, +08:00, +0800, -05:00
        var offset = 8 * 3600
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            offset = 0
            rest.removeLast()
        } else if let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = rest[rest.index(after: signIndex)...].replacingOccurrences(of: ":", with: "")
            guard zone.count == 4 || zone.count == 2, let value = Int(zone) else { return nil }
            let hours = zone.count == 4 ? value / 100 : value
            let minutes = zone.count == 4 ? value % 100 : 0
            guard hours <= 14, minutes < 60 else { return nil }
            offset = (hours * 3600 + minutes * 60) * (rest[signIndex] == "-" ? -1 : 1)
            rest = String(rest[..<signIndex]).trimmingSpaces
        }
        let timeParts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard timeParts.count == 2 || timeParts.count == 3,
            let hour = Int(timeParts[0]), let minute = Int(timeParts[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        var second = 0
        if timeParts.count == 3 {
            // Fractions of a second are allowed and ignored.
            let whole = timeParts[2].split(separator: ".", maxSplits: 1).first ?? ""
            guard whole.count == 2, let s = Int(whole), (0...60).contains(s) else { return nil }
            second = s
        }
        let instant = day.dayNumber * 86400 + hour * 3600 + minute * 60 + second - offset
        let shanghaiDay = Day(dayNumber: Int((Double(instant + 8 * 3600) / 86400).rounded(.down)))
        self.init(day: shanghaiDay, instant: instant)
    }

    public static func < (a: PageDate, b: PageDate) -> Bool {
        a.instant != b.instant ? a.instant < b.instant : a.day < b.day
    }
}

extension StringProtocol {
    /// Trims ASCII and full-width spaces, tabs, newlines and zero-width characters (editors paste text
    /// from Word and WeChat, which put invisible ones around it).
    var trimmingSpaces: String {
        // Nearly every value starts and ends with a character that is no space: said by its first and
        // last scalar (each space below is one scalar), without walking characters.
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !first.isTrimmedSpace && !last.isTrimmedSpace { return self as? String ?? String(self) }
        let isSpace: (Character) -> Bool = {
            $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0 == "\n" || $0 == "\r" || $0 == "\u{A0}"
                || $0 == "\u{200B}" || $0 == "\u{200C}" || $0 == "\u{200D}" || $0 == "\u{2060}" || $0 == "\u{FEFF}"
        }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        // Nothing to trim (the usual case): the string itself, without copying it.
        if start == startIndex, index(after: end) == endIndex, let whole = self as? String { return whole }
        return String(self[start...end])
    }
}

extension Unicode.Scalar {
    /// One of the characters `trimmingSpaces` trims.
    var isTrimmedSpace: Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x3000, 0xA0, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: true
        default: false
        }
    }
}
