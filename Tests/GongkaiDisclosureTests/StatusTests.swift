import GongkaiContent
@testable import GongkaiDisclosure
import XCTest

/// The status of one (village, rule, period), boundaries included.
final class StatusTests: XCTestCase {
    struct Case {
        var name: String
        /// Publication dates of pages for finance-monthly 2026-10 (due 2026-11-10).
        var dates: [String]
        var asOf: String
        var status: DisclosureStatus?
        var published: String? = nil
        var extra: [String] = []
    }

    func testMonthlyFinanceOctober() throws {
        let cases: [Case] = [
            Case(name: "well before the due day", dates: ["2026-11-08"], asOf: "2026-11-23", status: .published, published: "2026-11-08"),
            Case(name: "before the period ends", dates: ["2026-10-30"], asOf: "2026-11-23", status: .published, published: "2026-10-30"),
            Case(name: "on the due day", dates: ["2026-11-10"], asOf: "2026-11-23", status: .published, published: "2026-11-10"),
            Case(name: "the day after the due day", dates: ["2026-11-11"], asOf: "2026-11-23", status: .late, published: "2026-11-11"),
            Case(
                name: "UTC evening of the due day is the next day in Shanghai", dates: ["2026-11-10T23:30:00Z"],
                asOf: "2026-11-23", status: .late, published: "2026-11-11"),
            Case(
                name: "UTC 15:59 is 23:59 in Shanghai", dates: ["2026-11-10T15:59:00Z"], asOf: "2026-11-23",
                status: .published, published: "2026-11-10"),
            Case(
                name: "UTC 16:00 is midnight in Shanghai", dates: ["2026-11-10T16:00:00Z"], asOf: "2026-11-23",
                status: .late, published: "2026-11-11"),
            Case(
                name: "a time without zone is Shanghai time", dates: ["2026-11-10T23:30:00"], asOf: "2026-11-23",
                status: .published, published: "2026-11-10"),
            Case(
                name: "00:30 in Tokyo is still the due day in Shanghai", dates: ["2026-11-11T00:30:00+09:00"], asOf: "2026-11-23",
                status: .published, published: "2026-11-10"),
            Case(name: "nothing on the due day is pending", dates: [], asOf: "2026-11-10", status: .pending),
            Case(name: "nothing the day after is missing", dates: [], asOf: "2026-11-11", status: .missing),
            Case(name: "nothing right after the period", dates: [], asOf: "2026-11-01", status: .pending),
            Case(name: "the period's last day lists it", dates: [], asOf: "2026-10-31", status: .pending),
            Case(name: "a running period is not listed", dates: [], asOf: "2026-10-30", status: nil),
            Case(name: "a page dated after as-of does not count yet", dates: ["2026-11-05"], asOf: "2026-11-03", status: .pending),
            Case(name: "a page dated after as-of leaves it missing", dates: ["2026-11-15"], asOf: "2026-11-12", status: .missing),
            Case(name: "a page published as-of day counts", dates: ["2026-11-12"], asOf: "2026-11-12", status: .late, published: "2026-11-12"),
            Case(
                name: "two pages: the earliest counts", dates: ["2026-11-12", "2026-11-08"], asOf: "2026-11-23",
                status: .published, published: "2026-11-08"),
            Case(
                name: "a late correction keeps it on time", dates: ["2026-11-09", "2026-11-20"], asOf: "2026-11-23",
                status: .published, published: "2026-11-09"),
            Case(name: "a draft does not count", dates: ["2026-11-05"], asOf: "2026-11-23", status: .missing, extra: ["draft: true"]),
        ]
        for test in cases {
            var site = SiteFixture()
            for (number, date) in test.dates.enumerated() {
                site.disclose(
                    "xinghua", "2026-10-财务-\(number)", item: "finance-monthly", period: "2026-10", date: date,
                    extra: test.extra)
            }
            let checked = try site.check(self, asOf: test.asOf)
            XCTAssertEqual(checked.diagnostics, [], test.name)
            let result = checked.result("xinghua", "finance-monthly", "2026-10")
            XCTAssertEqual(result?.status, test.status, test.name)
            XCTAssertEqual(result?.published, try test.published.map(day), test.name)
            if let result {
                XCTAssertEqual(result.due, try day("2026-11-10"), test.name)
                XCTAssertEqual(result.periodStart, try day("2026-10-01"), test.name)
                XCTAssertEqual(result.periodEnd, try day("2026-10-31"), test.name)
                XCTAssertEqual(result.pages.isEmpty, result.published == nil, "pages only when published: \(test.name)")
            }
        }
    }

    /// Two pages for one period are a correction: the earliest counts and both are listed, earliest first.
    func testBothPagesOfACorrectionAreListedEarliestFirst() throws {
        var site = SiteFixture()
        let correction = site.disclose("xinghua", "a-更正", item: "finance-monthly", period: "2026-10", date: "2026-11-12")
        let first = site.disclose("xinghua", "b-原稿", item: "finance-monthly", period: "2026-10", date: "2026-11-08")
        let checked = try site.check(self, asOf: "2026-11-23")
        let result = try XCTUnwrap(checked.result("xinghua", "finance-monthly", "2026-10"))
        XCTAssertEqual(result.pages, [first, correction])
        XCTAssertEqual(result.status, .published)
        XCTAssertEqual(checked.diagnostics, [])
    }

    /// The drafts a preview build keeps are still not published.
    func testDraftsKeptByTheLoaderAreIgnored() throws {
        var site = SiteFixture()
        site.disclose("xinghua", "2026-10-财务", item: "finance-monthly", period: "2026-10", date: "2026-11-05", extra: ["draft: true"])
        let checked = try site.check(self, asOf: "2026-11-23", includeDrafts: true)
        XCTAssertEqual(checked.content.pages.count, 1, "the loader kept the draft")
        XCTAssertEqual(checked.result("xinghua", "finance-monthly", "2026-10")?.status, .missing)
    }

    /// A quarter ends on 09-30: due 15 days later on 10-15; listed from the as-of day 09-30.
    func testQuarterEndingOnSeptember30() throws {
        let cases: [(date: String?, asOf: String, status: DisclosureStatus?)] = [
            (nil, "2026-09-29", nil),
            (nil, "2026-09-30", .pending),
            (nil, "2026-10-15", .pending),
            (nil, "2026-10-16", .missing),
            ("2026-09-30", "2026-10-16", .published),
            ("2026-10-15", "2026-10-16", .published),
            ("2026-10-16", "2026-10-16", .late),
        ]
        for test in cases {
            var site = SiteFixture()
            if let date = test.date {
                site.disclose("xinghua", "2026-Q3-村务", item: "village-affairs-quarterly", period: "2026-Q3", date: date)
            }
            let checked = try site.check(self, asOf: test.asOf)
            let result = checked.result("xinghua", "village-affairs-quarterly", "2026-Q3")
            XCTAssertEqual(result?.status, test.status, "\(test)")
            if result != nil { XCTAssertEqual(result?.due, try day("2026-10-15")) }
        }
    }

    func testSummaryCountsPeriodsAndOnEventItemsApart() throws {
        var site = SiteFixture()
        site.rules("since: 2026-07-01\ndisable: [finance-quarterly]\n")
        site.disclose("xinghua", "07", item: "finance-monthly", period: "2026-07", date: "2026-08-01")
        site.disclose("xinghua", "08", item: "finance-monthly", period: "2026-08", date: "2026-09-20")
        site.disclose("xinghua", "q3", item: "village-affairs-quarterly", period: "2026-Q3", date: "2026-10-02")
        site.disclose("xinghua", "event", item: "major-matters", period: "2026-07-02", date: "2026-07-03")
        let checked = try site.check(self, asOf: "2026-11-05")
        // 07 published, 08 late, 09 missing, 10 pending; Q3 published; the on-event item counted apart.
        XCTAssertEqual(checked.report.summary, DisclosureSummary(published: 2, late: 1, missing: 1, pending: 1, events: 1, eventsLate: 0))
        XCTAssertEqual(checked.periods("xinghua", "finance-monthly"), ["2026-07", "2026-08", "2026-09", "2026-10"])
    }
}
