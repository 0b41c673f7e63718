import GongkaiContent

/// Phrases the text and JUnit reports share, in Chinese and English.
enum Wording {
    static func colon(_ language: Language) -> String { language == .zh ? "：" : ": " }

    /// `每月公开，期满后10天内` / `monthly, due 10 days after the period`.
    static func deadline(_ rule: DisclosureRule, _ language: Language) -> String {
        switch (rule.cadence, language) {
        case (.onEvent, .zh): return rule.due == 0 ? "随时公开，事项发生当天" : "随时公开，事项发生后\(rule.due)天内"
        case (.onEvent, .en): return "on event, due \(rule.due) day\(rule.due == 1 ? "" : "s") after the event"
        case (.beforeEvent, .zh): return rule.due == 0 ? "会议（事项）当天之前公开" : "会议（事项）\(rule.due)天前公开"
        case (.beforeEvent, .en): return "due \(rule.due) day\(rule.due == 1 ? "" : "s") before the meeting (event)"
        case (_, .zh): return "\(rule.cadence.chineseLabel)公开，" + (rule.due == 0 ? "期满当天" : "期满后\(rule.due)天内")
        case (_, .en): return "\(rule.cadence.englishLabel), due \(rule.due) day\(rule.due == 1 ? "" : "s") after the period"
        }
    }

    static func period(_ result: DisclosureResult, _ language: Language) -> String {
        if let event = result.event { return language == .zh ? "\(event.chinese)的会议" : "meeting of \(event)" }
        guard let value = result.periodValue else { return result.period ?? "" }
        return language == .zh ? value.chinese : value.english
    }

    static func day(_ day: Day, _ language: Language) -> String {
        language == .zh ? day.chinese : day.description
    }

    /// What happened to one periodic result, e.g. `应于2026年11月10日前公开，至今未公开`.
    static func outcome(_ result: DisclosureResult, asOf: Day, _ language: Language) -> String {
        if let event = result.event { return beforeEventOutcome(result, event: event, language) }
        guard let due = result.due else { return events(result, rule: nil, language) }
        let dueText = day(due, language)
        let publishedText = result.published.map { day($0, language) } ?? ""
        switch (result.status, language) {
        case (.missing, .zh): return "应于\(dueText)前公开，至今未公开（已超过截止日期\(asOf.dayNumber - due.dayNumber)天）"
        case (.missing, .en): return "due \(dueText), not published (\(asOf.dayNumber - due.dayNumber) days overdue)"
        case (.late, .zh): return "应于\(dueText)前公开，\(publishedText)才公开，逾期\(result.daysLate ?? 0)天"
        case (.late, .en): return "due \(dueText), published \(publishedText), \(result.daysLate ?? 0) days late"
        case (.pending, .zh): return "应于\(dueText)前公开，尚未公开"
        case (.pending, .en): return "due \(dueText), not yet published"
        case (.published, .zh): return "\(publishedText)公开（应于\(dueText)前）"
        case (.published, .en): return "published \(publishedText) (due \(dueText))"
        case (.none, _): return ""
        }
    }

    /// What an on-event result says: `已公开 3 项，其中 1 项逾期` / `暂无`.
    static func events(_ result: DisclosureResult, rule: DisclosureRule?, _ language: Language) -> String {
        let count = result.count ?? 0
        let late = result.late ?? 0
        if count == 0 { return language == .zh ? "暂无公开" : "none published" }
        switch language {
        case .zh:
            return "已公开 \(count) 项" + (late > 0 ? "，其中 \(late) 项逾期（晚于事项发生后\(rule?.due ?? 0)天）" : "，均按时")
        case .en:
            return "\(count) published" + (late > 0 ? ", \(late) late (more than \(rule?.due ?? 0) days after the event)" : ", all on time")
        }
    }
}

extension Period {
    /// The part after the year: `10月`, `第三季度`, `下半年`, `全年`.
    var chineseWithinYear: String {
        let full = chinese
        let prefix = "\(year)年"
        guard full.hasPrefix(prefix) else { return full }
        let rest = String(full.dropFirst(prefix.count))
        return rest == "度" ? "全年" : rest
    }

    /// `October`, `Q3`, `H2`, `full year`.
    var englishWithinYear: String {
        switch cadence {
        case .yearly, .onEvent, .beforeEvent: "full year"
        default: String(english.dropLast(" \(year)".count))
        }
    }
}
