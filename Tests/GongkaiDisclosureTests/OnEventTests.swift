import GongkaiContent
@testable import GongkaiDisclosure
import XCTest

/// On-event rules: no periods, never missing; a count of items and of late ones.
final class OnEventTests: XCTestCase {
    func testCountsItemsAndLateOnes() throws {
        var site = SiteFixture()
        // major-matters: due 5 days after the event.
        site.disclose("xinghua", "a", item: "major-matters", period: "2026-06-19", date: "2026-06-20")
        site.disclose("xinghua", "b", item: "major-matters", period: "2026-07-01", date: "2026-07-06")  // on the 5th day
        site.disclose("xinghua", "c", item: "major-matters", period: "2026-07-01", date: "2026-07-07")  // the 6th: late
        site.disclose("xinghua", "d", item: "major-matters", period: "2026-08-01", date: "2026-08-20T20:00:00Z")  // 08-21 in Shanghai
        site.disclose("xinghua", "e", item: "major-matters", period: "2026-11-20", date: "2026-11-24")  // after as-of
        site.disclose("xinghua", "f", item: "major-matters", period: "2025-12-20", date: "2025-12-30")  // before since
        site.disclose("xinghua", "g", item: "major-matters", period: "2026-09-01", date: "2026-09-02", extra: ["draft: true"])
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.diagnostics, [])
        let result = try XCTUnwrap(checked.result("xinghua", "major-matters"))
        XCTAssertNil(result.period)
        XCTAssertNil(result.due)
        XCTAssertEqual(result.status, .published)
        XCTAssertEqual(result.count, 4)
        XCTAssertEqual(result.late, 2)
        XCTAssertEqual(result.published, try day("2026-08-21"), "the latest item")
        XCTAssertEqual(result.pages, ["a", "b", "c", "d"].map { "content/villages/xinghua/disclosures/\($0).md" })
        XCTAssertEqual(checked.periods("xinghua", "major-matters"), [])
    }

    func testNothingPublishedIsNoneNeverMissing() throws {
        let checked = try SiteFixture().check(self, asOf: "2026-11-23")
        for rule in ["major-matters", "meeting-decisions", "regulations-filed", "audit-results"] {
            let result = try XCTUnwrap(checked.result("xinghua", rule), rule)
            XCTAssertEqual(result.status, DisclosureStatus.none, rule)
            XCTAssertEqual(result.count, 0, rule)
            XCTAssertEqual(result.late, 0, rule)
            XCTAssertNil(result.published, rule)
            XCTAssertEqual(result.pages, [], rule)
        }
        XCTAssertFalse(checked.report.results.contains { $0.isOnEvent && $0.status == .missing })
    }

    func testDueOverrideChangesWhatIsLate() throws {
        var site = SiteFixture()
        site.rules("rules:\n  - id: major-matters\n    due: 3\n")
        site.disclose("xinghua", "a", item: "major-matters", period: "2026-07-01", date: "2026-07-04")
        site.disclose("xinghua", "b", item: "major-matters", period: "2026-07-01", date: "2026-07-05")
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.result("xinghua", "major-matters")?.late, 1)
    }
}
