import GongkaiContent
import GongkaiEscape

extension DisclosureReport {
    /// JUnit XML so CI systems show the check natively: one testsuite per village, one testcase per
    /// (rule, period). Missing fails; late fails only when `strict`; not yet due is skipped; on-event
    /// rules pass, with the count in the test's output.
    public func junit(strict: Bool = false, language: Language = .zh) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        var suites: [String] = []
        var total = (tests: 0, failures: 0, skipped: 0)
        for village in villages {
            let results = results(of: village.id)
            var cases: [String] = []
            var failures = 0
            var skipped = 0
            for result in results {
                let (testcase, outcome) = junitCase(result, village: village, strict: strict, language: language)
                cases.append(testcase)
                if outcome == .failure { failures += 1 }
                if outcome == .skipped { skipped += 1 }
            }
            total.tests += results.count
            total.failures += failures
            total.skipped += skipped
            var suite =
                "  <testsuite name=\(XML.attribute(village.id)) tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\">\n"
            suite +=
                "    <properties><property name=\"name\" value=\(XML.attribute(village.name))/><property name=\"type\" value=\"\(village.type.rawValue)\"/><property name=\"since\" value=\"\(village.since)\"/>"
                + "<property name=\"as-of\" value=\"\(asOf)\"/>"
                + (context.asOfSource.map { "<property name=\"as-of-source\" value=\(XML.attribute($0.rawValue))/>" } ?? "")
                + "</properties>\n"
            suite += cases.joined()
            suite += junitUncounted(uncounted(of: village.id), village: village, language: language)
            suite += "  </testsuite>\n"
            suites.append(suite)
        }
        let (healthSuites, healthTests, healthFailures) = healthJUnit(language)
        total.tests += healthTests
        total.failures += healthFailures
        out += "<testsuites name=\"gongkai check\" tests=\"\(total.tests)\" failures=\"\(total.failures)\" errors=\"0\" skipped=\"\(total.skipped)\">\n"
        out += suites.joined()
        out += healthSuites
        out += "</testsuites>\n"
        return out
    }

    private enum CaseOutcome { case pass, failure, skipped }

    /// Pages for a time before the check start, as the suite's output (they are neither passes nor failures).
    private func junitUncounted(_ pages: [UncountedPage], village: DisclosureVillage, language: Language) -> String {
        guard !pages.isEmpty else { return "" }
        var text = language == .zh ? "未计入（早于检查起始日 \(village.since)）：" : "Not counted (before the check start, \(village.since)):"
        for page in pages {
            text +=
                "\n"
                + (language == .zh
                    ? "\(page.rule) \(page.period)：\(page.page)（\(page.published) 公开）"
                    : "\(page.rule) \(page.period): \(page.page) (published \(page.published))")
        }
        return "    <system-out>\(XML.escape(text))</system-out>\n"
    }

    private func junitCase(
        _ result: DisclosureResult, village: DisclosureVillage, strict: Bool,
        language: Language
    ) -> (String, CaseOutcome) {
        let rule = rule(result.rule)
        let colon = Wording.colon(language)
        let name = result.period.map { "\(result.rule) \($0)" } ?? result.rule
        var text = "    <testcase classname=\(XML.attribute("\(village.id).\(result.rule)")) name=\(XML.attribute(name))>\n"
        let (open, close) = language == .zh ? ("（", "）") : (" (", ")")
        let describe = rule.map { "\($0.name)\(open)\(Wording.deadline($0, language))\(close)" } ?? result.rule
        let basisText = rule.map { $0.basis(on: $0.basisDay(for: result, asOf: asOf)) } ?? ""
        let basis = basisText.isEmpty ? "" : (language == .zh ? "依据" : "Basis") + colon + basisText
        let detail = Wording.outcome(result, asOf: asOf, language)
        let label = language == .zh ? result.status.chineseLabel : result.status.englishLabel
        let outcome: CaseOutcome
        let command = newPageCommand(for: result).map { (language == .zh ? "新建：" : "Start it: ") + $0 } ?? ""
        if result.status == .missing || (result.status == .late && strict) {
            let body = [describe, Wording.period(result, language) + colon + detail, basis, command].filter { !$0.isEmpty }
            text +=
                "      <failure type=\"\(result.status.rawValue)\" message=\(XML.attribute(label + colon + detail))>"
                + XML.escape(body.joined(separator: "\n")) + "</failure>\n"
            outcome = .failure
        } else if result.status == .pending {
            text += "      <skipped message=\(XML.attribute(label + colon + detail + (command.isEmpty ? "" : (language == .zh ? "　" : "; ") + command)))/>\n"
            outcome = .skipped
        } else if result.isOnEvent {
            text += "      <system-out>\(XML.escape(describe + colon + Wording.events(result, rule: rule, language)))</system-out>\n"
            outcome = .pass
        } else {
            text += "      <system-out>\(XML.escape(label + colon + detail))</system-out>\n"
            outcome = .pass
        }
        return (text + "    </testcase>\n", outcome)
    }
}
