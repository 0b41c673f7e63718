import GongkaiContent

/// One text of a rule's legal basis with the days it is in force: `from` (inclusive), `until`
/// (inclusive), or both; neither means always (a fallback when no dated entry covers a day).
public struct BasisEntry: Sendable, Hashable {
    public var from: Day?
    public var until: Day?
    public var text: String

    public init(from: Day? = nil, until: Day? = nil, text: String) {
        self.from = from
        self.until = until
        self.text = text
    }

    public func covers(_ day: Day) -> Bool {
        (from.map { $0 <= day } ?? true) && (until.map { day <= $0 } ?? true)
    }
}

extension DisclosureRule {
    /// The basis cited for a period ending on `day` (on-event: the event day): the entry in force on
    /// that day (the one with the latest `from` among those covering it), else the plain `basis`.
    public func basis(on day: Day) -> String {
        let covering = bases.filter { $0.covers(day) }
        let best = covering.max { a, b in
            let fa = a.from?.dayNumber ?? Int.min, fb = b.from?.dayNumber ?? Int.min
            if fa != fb { return fa < fb }
            return (a.until?.dayNumber ?? Int.max) > (b.until?.dayNumber ?? Int.max)
        }
        return best?.text ?? (bases.isEmpty ? basis : "")
    }

    /// The day a result's basis is taken on: a period's last day, a before-event item's event day,
    /// and for the on-event count (many events) the as-of day.
    public func basisDay(for result: DisclosureResult, asOf: Day) -> Day {
        result.event ?? result.periodEnd ?? asOf
    }
}

/// The defaults' bases by date: the 2018 texts for periods ending before 2026-01-01, the amended
/// organic laws from that day. The amended texts are renumbered and their consolidated text has not
/// been read, so they are cited without an article number (`disclosure-rules.md`, section (d)).
enum DatedBasis {
    static let amendedFrom = Day(year: 2026, month: 1, day: 1)!
    static let lastDayOf2018Text = Day(year: 2025, month: 12, day: 31)!

    static let villageLaw = "《中华人民共和国村民委员会组织法》"
    static let communityLaw = "《中华人民共和国城市居民委员会组织法》"

    /// From 2026-01-01, by rule id: the amended law named with the clause it concerns, article unverified.
    static let amended: [String: String] = [
        "finance-monthly": "\(villageLaw)（2025年修正，村务公开条款，条文序号待核）；《农村集体经济组织财务公开规定》",
        "village-affairs-quarterly": "\(villageLaw)（2025年修正，村务公开条款，条文序号待核）",
        "major-matters": "\(villageLaw)（2025年修正，村务公开条款，条文序号待核）",
        "meeting-decisions": "\(villageLaw)（2025年修正，村务公开条款、村民会议和村民代表会议条款，条文序号待核）",
        "regulations-filed": "\(villageLaw)（2025年修正，村规民约备案条款，条文序号待核）；民政部等七部门《关于做好村规民约和居民公约工作的指导意见》",
        "audit-results": "\(villageLaw)（2025年修正，经济责任审计条款，条文序号待核）",
        "covenant-filed": "\(communityLaw)（2025年修订，居民公约条款，条文序号待核）",
        "community-accounts": "\(communityLaw)（2025年修订，公益事业费用收支公布条款，条文序号待核）",
    ]

    /// The defaults with their dated bases: the 2018 text until 2025-12-31, the amended law after.
    static func dated(_ rules: [DisclosureRule]) -> [DisclosureRule] {
        rules.map { rule in
            guard let text = amended[rule.id] else { return rule }
            var dated = rule
            dated.bases = [BasisEntry(until: lastDayOf2018Text, text: rule.basis), BasisEntry(from: amendedFrom, text: text)]
            return dated
        }
    }
}

extension TextReport {
    /// The bases the listed results cite, in order; with more than one, each says which periods it is for:
    /// `（2025年12月31日及以前的各期）`, `（2026年1月1日起的各期）`.
    func citedBases(_ rule: DisclosureRule, results: [DisclosureResult]) -> [(String, String)] {
        var texts: [String] = []
        var first: [String: Day] = [:], last: [String: Day] = [:]
        for result in results {
            let day = rule.basisDay(for: result, asOf: report.asOf)
            let text = rule.basis(on: day)
            if first[text] == nil { texts.append(text) }
            first[text] = min(first[text] ?? day, day)
            last[text] = max(last[text] ?? day, day)
        }
        guard texts.count > 1 else { return texts.map { ($0, "") } }
        return texts.map { text in
            let from = first[text]!, to = last[text]!
            let entry = rule.bases.first { $0.text == text }
            // Name the entry's own dates where it has them, else the days of the periods listed.
            let start = entry?.from ?? from, end = entry?.until ?? to
            if zh {
                if entry?.from != nil { return (text, "（\(start.chinese)起的各期）") }
                if entry?.until != nil { return (text, "（\(end.chinese)及以前的各期）") }
                return (text, "（\(start.chinese)至\(end.chinese)的各期）")
            }
            if entry?.from != nil { return (text, " (periods from \(start))") }
            if entry?.until != nil { return (text, " (periods up to \(end))") }
            return (text, " (periods \(start) to \(end))")
        }
    }
}
