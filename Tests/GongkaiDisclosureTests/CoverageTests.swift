import GongkaiContent
@testable import GongkaiDisclosure
import XCTest

/// Which villages, rules and periods are checked at all: since, disclosure-since, types, exemptions, county.
final class CoverageTests: XCTestCase {
    func testSiteSinceDefaultsToJanuaryFirstOfTheAsOfYear() throws {
        let checked = try SiteFixture().check(self, asOf: "2026-04-20")
        XCTAssertEqual(checked.report.since, try day("2026-01-01"))
        XCTAssertEqual(checked.periods("xinghua", "finance-monthly"), ["2026-01", "2026-02", "2026-03"])
        XCTAssertEqual(checked.periods("xinghua", "village-affairs-quarterly"), ["2026-Q1"])
    }

    func testSiteSinceFromDisclosureYAML() throws {
        var site = SiteFixture()
        site.rules("since: 2025-10-01\n")
        let checked = try site.check(self, asOf: "2026-02-01")
        XCTAssertEqual(checked.report.since, try day("2025-10-01"))
        XCTAssertEqual(checked.periods("xinghua", "finance-monthly"), ["2025-10", "2025-11", "2025-12", "2026-01"])
        XCTAssertEqual(checked.periods("xinghua", "village-affairs-quarterly"), ["2025-Q4"])
    }

    /// A village that joins mid-quarter is first checked for the next month and the next quarter.
    func testVillageJoiningMidYear() throws {
        let cases: [(since: String, months: [String], quarters: [String])] = [
            ("2026-05-15", ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"], ["2026-Q3"]),
            ("2026-04-01", ["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"], ["2026-Q2", "2026-Q3"]),
            ("2026-07-02", ["2026-08", "2026-09", "2026-10"], []),
            // Earlier than the site's since: the site's since wins.
            (
                "2025-06-01", ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"],
                ["2026-Q1", "2026-Q2", "2026-Q3"]
            ),
        ]
        for test in cases {
            var site = SiteFixture(villages: [])
            site.addVillage("liushu", extra: ["disclosure-since: \(test.since)"])
            let checked = try site.check(self, asOf: "2026-11-23")
            XCTAssertEqual(checked.periods("liushu", "finance-monthly"), test.months, test.since)
            XCTAssertEqual(checked.periods("liushu", "village-affairs-quarterly"), test.quarters, test.since)
            let expectedSince = max(try day(test.since), try day("2026-01-01"))
            XCTAssertEqual(checked.report.village("liushu")?.since, expectedSince)
        }
    }

    /// On-event items count from the village's own since.
    func testOnEventItemsCountFromTheVillagesSince() throws {
        var site = SiteFixture(villages: [])
        site.addVillage("liushu", extra: ["disclosure-since: 2026-05-15"])
        site.disclose("liushu", "before", item: "major-matters", period: "2026-05-10", date: "2026-05-14")
        site.disclose("liushu", "on", item: "major-matters", period: "2026-05-12", date: "2026-05-15")
        let checked = try site.check(self, asOf: "2026-11-23")
        let result = try XCTUnwrap(checked.result("liushu", "major-matters"))
        XCTAssertEqual(result.count, 1)
        XCTAssertEqual(result.pages, ["content/villages/liushu/disclosures/on.md"])
    }

    /// A community is not bound by village-only rules; its pages for them are published with a warning.
    func testCommunityIsExemptFromVillageOnlyRules() throws {
        var site = SiteFixture(villages: [("qingshi", "community")])
        let page = site.disclose("qingshi", "2026-10-财务", item: "finance-monthly", period: "2026-10", date: "2026-11-05")
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(Set(checked.report.results.map(\.rule)), ["community-accounts", "covenant-filed"])
        XCTAssertEqual(checked.report.village("qingshi")?.rules, ["community-accounts", "covenant-filed"])
        XCTAssertEqual(checked.errors, [])
        XCTAssertEqual(checked.warnings.count, 1)
        let warning = try XCTUnwrap(checked.warnings.first)
        XCTAssertEqual(warning.file, page)
        XCTAssertEqual(warning.line, SiteFixture.itemLine)
        XCTAssertTrue(warning.zh.contains("只适用于村"), warning.zh)
        XCTAssertTrue(warning.zh.contains("照常发布"), warning.zh)
        XCTAssertEqual(checked.content.pages.count, 1, "the page itself stays on the site")
    }

    /// `disclosure-exempt` in `_village.md` takes the rule off the village's list.
    func testDisclosureExempt() throws {
        var site = SiteFixture(villages: [])
        site.addVillage("lugao", extra: ["disclosure-exempt: [finance-monthly, audit-results]"])
        let page = site.disclose("lugao", "2026-10-财务", item: "finance-monthly", period: "2026-10", date: "2026-11-05")
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.periods("lugao", "finance-monthly"), [])
        XCTAssertNil(checked.result("lugao", "audit-results"))
        XCTAssertEqual(checked.periods("lugao", "finance-quarterly"), ["2026-Q1", "2026-Q2", "2026-Q3"])
        XCTAssertEqual(checked.report.village("lugao")?.exempt, ["audit-results", "finance-monthly"])
        XCTAssertEqual(checked.warnings.map(\.file), [page])
        XCTAssertTrue(checked.warnings.first?.zh.contains("disclosure-exempt") ?? false)
    }

    func testExemptionNamingNoRuleIsWarned() throws {
        var site = SiteFixture(villages: [])
        site.addVillage("lugao", extra: ["population: 100", "disclosure-exempt: [finance-montly]"])
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.errors, [])
        let warning = try XCTUnwrap(checked.warnings.first)
        XCTAssertEqual(warning.file, "content/villages/lugao/_village.md")
        XCTAssertEqual(warning.line, 5)
        XCTAssertTrue(warning.zh.contains("是不是“finance-monthly”"), warning.zh)
    }

    /// County disclosures are published but not checked, whatever they name.
    func testCountyDisclosuresAreNotChecked() throws {
        var site = SiteFixture()
        site.files["content/county/disclosures/预算.md"] = """
            ---
            title: 全镇预算公开
            date: 2026-03-01
            item: county-budget
            period: 2026-Q9
            ---
            正文。

            """
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.diagnostics, [])
        XCTAssertFalse(checked.report.results.contains { $0.pages.contains("content/county/disclosures/预算.md") })
        XCTAssertEqual(Set(checked.report.results.map(\.village)), ["xinghua"])
    }

    func testResultsAreSortedByVillageRulePeriod() throws {
        var site = SiteFixture(villages: [("xinghua", "village"), ("lugao", "village"), ("qingshi", "community")])
        site.rules("since: 2025-10-01\n")
        let checked = try site.check(self, asOf: "2026-03-01")
        let keys = checked.report.results.map { [$0.village, $0.rule, $0.periodStart?.description ?? ""] }
        XCTAssertEqual(keys, keys.sorted { $0.lexicographicallyPrecedes($1) })
        XCTAssertEqual(checked.report.villages.map(\.id), ["lugao", "qingshi", "xinghua"])
        // Months cross the year boundary in calendar order.
        XCTAssertEqual(checked.periods("lugao", "finance-monthly"), ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02"])
    }

    func testAVillageWithoutPagesIsMissingEverythingDue() throws {
        let checked = try SiteFixture().check(self, asOf: "2026-11-05")
        // Months 1–9, quarters 1–3 of two quarterly rules; October is not yet due.
        XCTAssertEqual(checked.report.summary, DisclosureSummary(published: 0, late: 0, missing: 15, pending: 1))
        XCTAssertEqual(checked.result("xinghua", "finance-monthly", "2026-10")?.status, .pending)
        XCTAssertEqual(checked.result("xinghua", "major-matters")?.status, DisclosureStatus.none)
    }
}
