import GongkaiContent

/// How a summary reads: the report's totals line and one village's headline (also `gongkai list`'s column).
/// Both come from the same counts, so a village's headline never contradicts the totals or its own lines.
extension DisclosureSummary {
    /// Every count, zeros included: `未公开 1 期，逾期公开 0 期，未到期 0 期，已按时公开 3 期；随时公开事项已公开 2 项，其中逾期 0 项`.
    public func totals(_ language: Language) -> String {
        switch language {
        case .zh:
            return "未公开 \(missing) 期，逾期公开 \(late) 期，未到期 \(pending) 期，已按时公开 \(published) 期；随时公开事项已公开 \(events) 项，其中逾期 \(eventsLate) 项"
        case .en:
            return
                "\(missing) missing, \(late) late, \(pending) not yet due, \(published) published on time; on-event items: \(events) published, \(eventsLate) of them late"
        }
    }

    /// One village in a phrase, naming only what is there:
    /// `未公开 2 期，已按时公开 3 期，随时公开 1 项`, `均已按时公开：定期公开 3 期，随时公开 1 项`, or
    /// `暂无公开（也没有逾期未公开的）` for a village that has published nothing and owes nothing yet.
    public func headline(_ language: Language) -> String {
        let zh = language == .zh
        if nothingPublished && allOnTime {
            return zh ? "暂无公开（也没有逾期未公开的）" : "nothing published yet (nothing overdue either)"
        }
        var events: String?
        if self.events > 0 {
            events =
                zh
                ? "随时公开 \(self.events) 项" + (eventsLate > 0 ? "（其中逾期 \(eventsLate) 项）" : "")
                : "\(self.events) on-event item\(self.events == 1 ? "" : "s")" + (eventsLate > 0 ? " (\(eventsLate) late)" : "")
        }
        if allOnTime {
            var parts: [String] = []
            if published > 0 { parts.append(zh ? "定期公开 \(published) 期" : "\(published) period\(published == 1 ? "" : "s")") }
            if let events { parts.append(events) }
            return (zh ? "均已按时公开：" : "all published on time: ") + parts.joined(separator: zh ? "，" : ", ")
        }
        var parts: [String] = []
        if missing > 0 { parts.append(zh ? "未公开 \(missing) 期" : "\(missing) missing") }
        if late > 0 { parts.append(zh ? "逾期公开 \(late) 期" : "\(late) late") }
        if pending > 0 { parts.append(zh ? "未到期 \(pending) 期" : "\(pending) not yet due") }
        if published > 0 { parts.append(zh ? "已按时公开 \(published) 期" : "\(published) published on time") }
        if let events { parts.append(events) }
        return parts.joined(separator: zh ? "，" : ", ")
    }
}
