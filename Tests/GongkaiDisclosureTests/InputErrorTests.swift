import GongkaiContent
@testable import GongkaiDisclosure
import XCTest

/// Broken input on disclosure pages: an error with the file and the line of the key.
final class InputErrorTests: XCTestCase {
    func testPageErrors() throws {
        let cases: [(name: String, item: String, period: String, line: Int, fragment: String)] = [
            ("item naming no rule", "finance-montly", "2026-10", SiteFixture.itemLine, "是不是“finance-monthly”"),
            ("item far from any rule", "党务", "2026-10", SiteFixture.itemLine, "不是任何公开规则的编号"),
            ("quarter 5", "village-affairs-quarterly", "2026-Q5", SiteFixture.periodLine, "季度只能是 Q1 到 Q4"),
            ("month 13", "finance-monthly", "2026-13", SiteFixture.periodLine, "月份只能是 01 到 12"),
            ("half 3", "finance-monthly", "2026-H3", SiteFixture.periodLine, "半年只能是"),
            ("no such day", "major-matters", "2026-02-30", SiteFixture.periodLine, "没有这一天"),
            ("not a period", "finance-monthly", "十月", SiteFixture.periodLine, "写法不对"),
            ("quarter for a monthly rule", "finance-monthly", "2026-Q3", SiteFixture.periodLine, "是季度，但“finance-monthly”"),
            ("month for a quarterly rule", "village-affairs-quarterly", "2026-09", SiteFixture.periodLine, "如 period: 2026-Q3"),
            ("date for a monthly rule", "finance-monthly", "2026-10-08", SiteFixture.periodLine, "是事项发生的日期"),
            ("year for a monthly rule", "finance-monthly", "2026", SiteFixture.periodLine, "是年度"),
            ("month for an on-event rule", "major-matters", "2026-06", SiteFixture.periodLine, "如 period: 2026-06-19"),
        ]
        for test in cases {
            var site = SiteFixture()
            let page = site.disclose("xinghua", "页面", item: test.item, period: test.period, date: "2026-11-05")
            let checked = try site.check(self, asOf: "2026-11-23")
            XCTAssertEqual(checked.errors.count, 1, "\(test.name): \(checked.diagnostics.map { $0.formatted(.zh) })")
            guard let error = checked.errors.first else { continue }
            XCTAssertEqual(error.file, page, test.name)
            XCTAssertEqual(error.line, test.line, test.name)
            XCTAssertTrue(error.zh.contains(test.fragment), "\(test.name): \(error.zh)")
            XCTAssertTrue(error.formatted(.zh).hasPrefix("\(page):\(test.line): error: "), test.name)
            XCTAssertFalse(error.en.isEmpty)
            XCTAssertFalse(checked.report.results.contains { $0.pages.contains(page) }, "\(test.name): a broken page fulfils nothing")
        }
    }

    /// The content loader reports a disclosure without item or period; the check does not repeat it.
    func testMissingItemIsReportedOnceByTheLoader() throws {
        var site = SiteFixture()
        site.files["content/villages/xinghua/disclosures/无期间.md"] = "---\ntitle: 无期间\ndate: 2026-11-05\nitem: finance-monthly\n---\n正文\n"
        let content = try site.load(self)
        XCTAssertEqual(content.diagnostics.errorCount, 1)
        XCTAssertTrue(content.diagnostics.first?.zh.contains("period") ?? false)
        let (_, diagnostics) = DisclosureCheck.evaluate(content, asOf: try day("2026-11-23"))
        XCTAssertEqual(diagnostics, [])
    }

    /// Errors are checked on every page, even one dated after the as-of day or for a period not yet checked.
    func testErrorsOnPagesNotYetCounted() throws {
        var site = SiteFixture()
        site.disclose("xinghua", "future", item: "finance-monthly", period: "2027-13", date: "2027-01-05")
        site.disclose("xinghua", "old", item: "finance-monthly", period: "2020-Q1", date: "2020-04-05")
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.errors.count, 2)
    }

    /// A page naming a rule that disclosure.yaml breaks draws only the rule file's error.
    func testPageNamingABrokenRuleIsNotReportedAgain() throws {
        var site = SiteFixture()
        site.rules("rules:\n  - id: party\n    name: 党务\n    cadence: weekly\n    due: 15\n")
        site.disclose("xinghua", "q3", item: "party", period: "2026-Q3", date: "2026-10-05")
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.errors.map(\.file), ["disclosure.yaml"])
        XCTAssertEqual(checked.errors.first?.line, 4)
    }

    func testDiagnosticsAreSorted() throws {
        var site = SiteFixture()
        site.rules("rules:\n  - id: x\n    cadence: weekly\n")
        site.disclose("xinghua", "b", item: "nope", period: "2026-10", date: "2026-11-05")
        site.disclose("xinghua", "a", item: "finance-monthly", period: "2026-Q3", date: "2026-11-05")
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.diagnostics, checked.diagnostics.sorted())
        // Rule file: no name, no due, bad cadence; pages: unknown item, quarter for a monthly rule.
        XCTAssertEqual(checked.diagnostics.count, 5, "\(checked.diagnostics.map { $0.formatted(.zh) })")
    }
}
