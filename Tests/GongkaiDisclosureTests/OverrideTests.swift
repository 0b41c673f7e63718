import GongkaiContent
@testable import GongkaiDisclosure
import XCTest

/// What a site's `disclosure.yaml` changes in the check itself.
final class OverrideTests: XCTestCase {
    func testDueOverrideMovesTheDueDay() throws {
        var site = SiteFixture()
        site.rules("rules:\n  - id: finance-monthly\n    due: 5\n")
        site.disclose("xinghua", "10", item: "finance-monthly", period: "2026-10", date: "2026-11-06")
        let checked = try site.check(self, asOf: "2026-11-23")
        let result = try XCTUnwrap(checked.result("xinghua", "finance-monthly", "2026-10"))
        XCTAssertEqual(result.due, try day("2026-11-05"))
        XCTAssertEqual(result.status, .late)
    }

    func testAppliesToOverrideBindsCommunities() throws {
        var site = SiteFixture(villages: [("qingshi", "community")])
        site.rules("rules:\n  - id: finance-monthly\n    applies-to: [village, community]\n")
        site.disclose("qingshi", "10", item: "finance-monthly", period: "2026-10", date: "2026-11-06")
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.diagnostics, [], "no warning: the rule binds communities now")
        XCTAssertEqual(checked.result("qingshi", "finance-monthly", "2026-10")?.status, .published)
        XCTAssertEqual(checked.periods("qingshi", "finance-monthly").count, 10)
        XCTAssertEqual(checked.periods("qingshi", "finance-quarterly"), [], "other village rules still do not bind it")
    }

    func testAppliesToOverrideCanReleaseVillages() throws {
        var site = SiteFixture()
        site.rules("rules:\n  - id: village-affairs-quarterly\n    applies-to: [community]\n")
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.periods("xinghua", "village-affairs-quarterly"), [])
    }

    func testNameOverrideShowsInTheReport() throws {
        var site = SiteFixture()
        site.rules("rules:\n  - id: finance-monthly\n    name: 财务公开（每月）\n")
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.report.rule("finance-monthly")?.name, "财务公开（每月）")
        XCTAssertTrue(checked.report.text().contains("财务公开（每月）"))
    }

    /// A disabled rule is not checked; pages still naming it are published with a warning, not an error.
    func testDisabledRule() throws {
        var site = SiteFixture()
        site.rules("disable: [finance-monthly]\n")
        let page = site.disclose("xinghua", "10", item: "finance-monthly", period: "2026-10", date: "2026-11-06")
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.periods("xinghua", "finance-monthly"), [])
        XCTAssertEqual(checked.errors, [])
        XCTAssertEqual(checked.warnings.map(\.file), [page])
        XCTAssertEqual(checked.warnings.first?.line, SiteFixture.itemLine)
        XCTAssertTrue(checked.warnings.first?.zh.contains("停用") ?? false)
        // Without the monthly rule the quarter needs its own page.
        XCTAssertEqual(checked.result("xinghua", "finance-quarterly", "2026-Q3")?.status, .missing)
    }

    func testDefaultsFalseChecksOnlyTheSitesRules() throws {
        var site = SiteFixture(villages: [("xinghua", "village"), ("qingshi", "community")])
        site.rules(
            """
            defaults: false
            since: 2026-07-01
            rules:
              - id: party-affairs-quarterly
                name: 党务公开
                applies-to: [village, community]
                cadence: quarterly
                due: 15
                basis: 《中国共产党党务公开条例（试行）》
            """)
        site.disclose("qingshi", "q3", item: "party-affairs-quarterly", period: "2026-Q3", date: "2026-10-10")
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.diagnostics, [])
        XCTAssertEqual(checked.report.rules.map(\.id), ["party-affairs-quarterly"])
        XCTAssertEqual(
            checked.report.results.map { "\($0.village) \($0.rule) \($0.period ?? "") \($0.status.rawValue)" },
            ["qingshi party-affairs-quarterly 2026-Q3 published", "xinghua party-affairs-quarterly 2026-Q3 missing"])
    }

    func testSinceInDisclosureYAML() throws {
        var site = SiteFixture()
        site.rules("since: 2026-07-01\n")
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.periods("xinghua", "finance-monthly"), ["2026-07", "2026-08", "2026-09", "2026-10"])
        XCTAssertEqual(checked.periods("xinghua", "finance-quarterly"), ["2026-Q3"])
    }
}
