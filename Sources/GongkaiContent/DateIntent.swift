/// The day a clerk meant by a date written the way people write dates — `2026/10/3`, `2026.10.3`,
/// `2026年10月3日`, `２０２６－１０－０３`, `2026-10-3`, `20261003` — for a message that shows the
/// `YYYY-MM-DD` to write instead of a fixed example.
public enum DateIntent {
    public enum Reading: Equatable {
        /// The day meant, as `YYYY-MM-DD` would write it.
        case day(Day)
        /// Year, month and day are clear but there is no such day (2026年2月30日).
        case noSuchDay(year: Int, month: Int, day: Int)
        /// Not a date that can be read.
        case unreadable
    }

    public static func read(_ written: String) -> Reading {
        // Full-width digits and separators typed with a Chinese input method count as their ASCII forms.
        var text = ""
        for scalar in written.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: text.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0F, 0xFF0D, 0xFF0E, 0x3002, 0x2010...0x2015, 0x2212: text.append("-")
            case 0x20, 0x3000, 0x09, 0x200B, 0xFEFF: continue
            default: text.unicodeScalars.append(scalar)
            }
        }
        var numbers: [Int] = []
        if text.count == 8, text.allSatisfy({ $0.isASCII && $0.isNumber }), let all = Int(text) {
            // 20261003
            numbers = [all / 10000, all / 100 % 100, all % 100]
        } else {
            let parts = text.split(whereSeparator: { "-/.年月日号".contains($0) })
            for part in parts {
                guard part.count <= 4, part.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(part) else { return .unreadable }
                numbers.append(number)
            }
        }
        guard numbers.count == 3, (1000...9999).contains(numbers[0]) else { return .unreadable }
        let (y, m, d) = (numbers[0], numbers[1], numbers[2])
        if let day = Day(year: y, month: m, day: d) { return .day(day) }
        guard (1...12).contains(m), (1...31).contains(d) else { return .unreadable }
        return .noSuchDay(year: y, month: m, day: d)
    }

    /// The hint after “日期“…”无效”: the form to write, or why there is no such day.
    public static func hint(for written: String, key: String) -> (zh: String, en: String) {
        switch read(written) {
        case .day(let day):
            return (
                "。日期要写成“年-月-日”，月和日都写两位：\(key): \(day)",
                ". Write dates as year-month-day with two-digit month and day: \(key): \(day)"
            )
        case .noSuchDay(let y, let m, let d):
            let days = Day.daysIn(month: m, year: y)
            return (
                "：\(y)年\(m)月只有 \(days) 天，没有 \(d) 日。请检查日期，写成 YYYY-MM-DD，如 \(key): \(Day(year: y, month: m, day: days)!)",
                ": \(m)/\(y) has \(days) days, not \(d). Check the date; write it as YYYY-MM-DD, e.g. \(key): \(Day(year: y, month: m, day: days)!)"
            )
        case .unreadable:
            return (
                "，请写成 YYYY-MM-DD（年-月-日），如 \(key): 2026-11-08",
                " (use YYYY-MM-DD, e.g. \(key): 2026-11-08)"
            )
        }
    }
}
