import Foundation
import GongkaiContent
import GongkaiDisclosure

/// The rule and period of a new disclosure page: `--item` checked against the site's rules,
/// `--period` checked against the rule's cadence or, when left out, the one due next.
struct DisclosureChoice {
    let rule: DisclosureRule
    let period: String

    /// 财务收支公开（月度） → 财务收支公开
    var shortName: String {
        String(rule.name.split(separator: "（", maxSplits: 1).first ?? Substring(rule.name))
    }

    /// 杏花村2026年10月财务收支公开
    func defaultTitle(village: Village) -> String {
        if case .success(.period(let value)) = PeriodValue.parse(period) {
            return "\(village.name)\(value.chinese)\(shortName)"
        }
        return "\(village.name)\(shortName)"
    }

    static func make(
        item: String?, period: String?, village: Village, content: SiteContent,
        today: Day, asOf: Day? = nil, language: Language
    ) throws -> DisclosureChoice {
        let (rules, ruleDiagnostics) = DisclosureRuleSet.load(site: content.root)
        if let broken = ruleDiagnostics.first(where: \.isError) {
            throw UserError(broken.formatted(language), status: 1)
        }
        let binding = rules.rules.filter { $0.applies(to: village.type) && !village.disclosureExempt.contains($0.id) }
        let list = binding.map { rule in
            "  \(ScaffoldText.padded(rule.id, to: 28))\(rule.name)（\(language == .en ? rule.cadence.englishLabel : rule.cadence.chineseLabel)）"
        }.joined(separator: "\n")
        guard let item else {
            throw UserError(
                language.pick(
                    "公开文件要用 --item 写明履行哪条公开规则。\(village.name)适用的规则：\n\(list)",
                    "a disclosure needs --item naming the rule it fulfils. Rules for \(village.id):\n\(list)"))
        }
        guard let rule = rules.rule(item) else {
            let hint = Suggest.closest(to: item, in: rules.rules.map(\.id))
            throw UserError(
                language.pick(
                    "--item \(item)：没有这条公开规则" + (hint.map { "，是不是 \($0)？" } ?? "。") + "\(village.name)适用的规则：\n\(list)",
                    "--item \(item): no such rule" + (hint.map { "; did you mean \($0)?" } ?? ".") + " Rules for \(village.id):\n\(list)"))
        }
        guard rule.applies(to: village.type) else {
            let types = rule.appliesTo.map(\.chineseName).joined(separator: "和")
            throw UserError(
                language.pick(
                    "规则 \(rule.id)（\(rule.name)）只适用于\(types)，\(village.name)是\(village.type.chineseName)。\(village.name)适用的规则：\n\(list)",
                    "rule \(rule.id) applies to \(rule.appliesTo.map(\.rawValue).joined(separator: " and ")) only; \(village.id) is a \(village.type.rawValue). Rules for \(village.id):\n\(list)"
                ))
        }
        guard let written = period else {
            if let next = NextPeriod.due(rule: rule, village: village.id, content: content, rules: rules, today: asOf ?? today) {
                return DisclosureChoice(rule: rule, period: next.description)
            }
            return DisclosureChoice(rule: rule, period: today.description)
        }
        switch PeriodValue.parse(written) {
        case .success(let value) where value.cadence == rule.cadence:
            return DisclosureChoice(rule: rule, period: value.description)
        case .success(let value):
            throw UserError(
                language.pick(
                    "--period \(written) 是\(value.cadence.periodNameZH)，但 \(rule.id)（\(rule.name)）是\(rule.cadence.chineseLabel)公开，应写\(rule.cadence.periodNameZH)，如 --period \(rule.cadence.periodExample)",
                    "--period \(written) is \(value.cadence.periodNameEN), but \(rule.id) is \(rule.cadence.rawValue): write \(rule.cadence.periodNameEN), e.g. --period \(rule.cadence.periodExample)"
                ))
        case .failure(let problem):
            throw UserError(
                language.pick(
                    "--period \(written) 无效：\(problem.zh)。\(rule.id) 是\(rule.cadence.chineseLabel)公开，应写\(rule.cadence.periodNameZH)，如 --period \(rule.cadence.periodExample)",
                    "--period \(written) is invalid: \(problem.en). \(rule.id) is \(rule.cadence.rawValue): write \(rule.cadence.periodNameEN), e.g. --period \(rule.cadence.periodExample)"
                ))
        }
    }
}
