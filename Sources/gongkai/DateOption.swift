import GongkaiContent

/// The message for a date option (`--as-of`, `--date`) that is not `YYYY-MM-DD`: the day meant when it
/// can be read (`2026/10/3`, `2026年10月3日` → `2026-10-03`), else the form with an example.
enum DateOption {
    static func invalid(_ option: String, _ written: String, language: Language) -> String {
        switch DateIntent.read(written) {
        case .day(let day):
            return language.pick(
                "\(option) \(written) 不是有效日期：请写成 \(option) \(day)（年-月-日，月和日都写两位）",
                "\(option) \(written) is not a date: write \(option) \(day) (year-month-day, two-digit month and day)")
        case .noSuchDay(let y, let m, let d):
            return language.pick(
                "\(option) \(written) 不是有效日期：\(y)年\(m)月只有 \(Day.daysIn(month: m, year: y)) 天，没有 \(d) 日",
                "\(option) \(written) is not a date: \(m)/\(y) has \(Day.daysIn(month: m, year: y)) days, not \(d)")
        case .unreadable:
            return language.pick(
                "\(option) \(written) 不是有效日期：请写成 YYYY-MM-DD，如 \(option) 2026-11-23",
                "\(option) \(written) is not a date: write YYYY-MM-DD, e.g. \(option) 2026-11-23")
        }
    }
}
