import GongkaiContent
import GongkaiDisclosure

extension DisclosurePage {
    /// The basis the table's periods cite: one text, or each with the periods it is for (dated bases:
    /// periods before 2026 cite the 2018 text, later ones the amended law).
    func citedBasis(_ rule: DisclosureRule, _ results: [DisclosureResult]) -> String {
        var texts: [String] = []
        var first: [String: Day] = [:]
        for result in results {
            let day = rule.basisDay(for: result, asOf: report.asOf)
            let text = rule.basis(on: day)
            if first[text] == nil { texts.append(text) }
            first[text] = min(first[text] ?? day, day)
        }
        guard texts.count > 1 else { return texts.first ?? rule.basis }
        return texts.map { text in
            let entry = rule.bases.first { $0.text == text }
            if let from = entry?.from { return "\(from.chinese)起：\(text)" }
            if let until = entry?.until { return "\(until.chinese)及以前：\(text)" }
            return text
        }.joined(separator: "；")
    }
}
