import GongkaiContent

/// A published 村规民约 (village) or 居民公约 (community) fulfils the filing rule by itself
/// (`disclosure-rules.md`, section (d) "Regulations count for their own filing rule"): the event is
/// the day it was filed with the township (`filed`), else the day it was adopted (`adopted`); it is
/// published on its `date`. Each version of a `supersedes` chain is a page, so each is its own event.
enum RegulationFiling {
    /// The filing rules a regulation may count for, the one of its own type first.
    static func candidateRules(for type: VillageType) -> [String] {
        switch type {
        case .village: ["regulations-filed", "covenant-filed"]
        case .community: ["covenant-filed", "regulations-filed"]
        }
    }

    /// The filing rule a regulation of `village` counts for: the first candidate that the site's rules
    /// have and that binds the village; nil when none does (switched off, or the village is exempt).
    static func rule(for village: Village, rules: DisclosureRuleSet) -> DisclosureRule? {
        for id in candidateRules(for: village.type) {
            if let rule = rules.rule(id), rule.applies(to: village.type), !village.disclosureExempt.contains(id) {
                return rule
            }
        }
        return nil
    }

    /// The event a regulation reports: `filed`, else `adopted`.
    static func eventDay(_ page: Page) -> Day? {
        page.fields.filed ?? page.fields.adopted
    }

    /// The filing events of every published regulation of a village, and a warning for each one that
    /// has neither `filed` nor `adopted` (it cannot count: the check does not know when it was filed).
    static func events(in content: SiteContent, rules: DisclosureRuleSet)
        -> (events: [(key: PageIndex.RuleKey, event: PageIndex.Event)], diagnostics: [Diagnostic])
    {
        var villages: [String: Village] = [:]
        for village in content.villages { villages[village.id] = village }
        var events: [(key: PageIndex.RuleKey, event: PageIndex.Event)] = []
        var diagnostics: [Diagnostic] = []
        for page in content.pages where page.kind == .regulation && !page.draft {
            // County regulations bind no village.
            guard let villageID = page.owner.villageID, let village = villages[villageID],
                let rule = rule(for: village, rules: rules)
            else { continue }
            guard let day = eventDay(page) else {
                // `adopted:` left empty by `gongkai new` already has its warning on that line: one message is enough.
                let dayLines = ["filed", "adopted"].compactMap { page.keyLines[$0] }
                let alreadySaid = content.diagnostics.contains { $0.file == page.sourcePath && dayLines.contains($0.line ?? 0) }
                if alreadySaid { continue }
                diagnostics.append(
                    .warning(
                        page.sourcePath, line: page.keyLines["date"],
                        zh:
                            "这篇\(village.type == .community ? "居民公约" : "村规民约")没有写 filed（报乡镇备案的日期）或 adopted（\(village.type == .community ? "居民会议" : "村民会议")通过的日期），不计入公开检查“\(rule.id)”（\(rule.name)）。请在文件头加一行，如 filed: \(page.date.day)",
                        en:
                            "this regulation has neither filed (the day it was filed with the township) nor adopted (the day it was adopted), so it does not count for `\(rule.id)` in the disclosure check. Add one to the front matter, e.g. filed: \(page.date.day)"
                    ))
                continue
            }
            events.append((PageIndex.RuleKey(village: villageID, rule: rule.id), PageIndex.Event(page: page, day: day)))
        }
        return (events, diagnostics)
    }
}
