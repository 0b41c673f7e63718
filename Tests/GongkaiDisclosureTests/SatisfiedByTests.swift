import GongkaiContent
@testable import GongkaiDisclosure
import XCTest

/// `finance-quarterly` is also published when `finance-monthly` is published for each of the quarter's months.
final class SatisfiedByTests: XCTestCase {
    struct Case {
        var name: String
        /// Months (07, 08, 09) with the date of their monthly page.
        var months: [(String, String)]
        var quarterly: String? = nil
        var status: DisclosureStatus
        var published: String?
        var pageCount: Int
    }

    func testMonthlyPagesFulfilTheQuarter() throws {
        let cases: [Case] = [
            Case(
                name: "three months, dated by the latest", months: [("07", "2026-08-05"), ("08", "2026-09-03"), ("09", "2026-10-08")],
                status: .published, published: "2026-10-08", pageCount: 3),
            Case(
                name: "latest month on the quarter's due day", months: [("07", "2026-08-05"), ("08", "2026-09-03"), ("09", "2026-10-15")],
                status: .published, published: "2026-10-15", pageCount: 3),
            Case(
                name: "latest month after the quarter's due day", months: [("07", "2026-08-05"), ("08", "2026-09-03"), ("09", "2026-10-20")],
                status: .late, published: "2026-10-20", pageCount: 3),
            Case(
                name: "two of three do not", months: [("07", "2026-08-05"), ("09", "2026-10-08")],
                status: .missing, published: nil, pageCount: 0),
            Case(
                name: "a direct page earlier than the months", months: [("07", "2026-08-05"), ("08", "2026-09-03"), ("09", "2026-10-14")],
                quarterly: "2026-10-12", status: .published, published: "2026-10-12", pageCount: 4),
            Case(
                name: "months on time save a late direct page", months: [("07", "2026-08-05"), ("08", "2026-09-03"), ("09", "2026-10-08")],
                quarterly: "2026-10-20", status: .published, published: "2026-10-08", pageCount: 4),
            Case(
                name: "a direct page alone", months: [("08", "2026-09-03")], quarterly: "2026-10-20",
                status: .late, published: "2026-10-20", pageCount: 1),
        ]
        for test in cases {
            var site = SiteFixture()
            for (month, date) in test.months {
                site.disclose("xinghua", "2026-\(month)-财务", item: "finance-monthly", period: "2026-\(month)", date: date)
            }
            if let date = test.quarterly {
                site.disclose("xinghua", "2026-Q3-集体财务", item: "finance-quarterly", period: "2026-Q3", date: date)
            }
            let checked = try site.check(self, asOf: "2026-11-23")
            let result = try XCTUnwrap(checked.result("xinghua", "finance-quarterly", "2026-Q3"), test.name)
            XCTAssertEqual(result.status, test.status, test.name)
            XCTAssertEqual(result.published, try test.published.map(day), test.name)
            XCTAssertEqual(result.pages.count, test.pageCount, test.name)
            XCTAssertEqual(
                result.pages,
                result.pages.sorted { a, b in
                    let pages = checked.content.pages
                    guard let pa = pages.first(where: { $0.sourcePath == a }), let pb = pages.first(where: { $0.sourcePath == b }) else { return false }
                    return pa.date < pb.date
                }, "pages earliest first: \(test.name)")
        }
    }

    /// A village exempt from the monthly rule that publishes monthly anyway still fulfils the quarter.
    func testExemptMonthlyPagesStillFulfilTheQuarter() throws {
        var site = SiteFixture(villages: [])
        site.addVillage("lugao", extra: ["disclosure-exempt: [finance-monthly]"])
        for month in ["07", "08", "09"] {
            site.disclose("lugao", "2026-\(month)", item: "finance-monthly", period: "2026-\(month)", date: "2026-10-01")
        }
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.result("lugao", "finance-quarterly", "2026-Q3")?.status, .published)
        XCTAssertEqual(checked.warnings.count, 3, "each monthly page draws the exemption warning")
    }

    /// A site rule may chain: a yearly rule satisfied by quarters that are satisfied by months.
    func testSatisfiedByChains() throws {
        var site = SiteFixture()
        site.rules(
            """
            since: 2025-01-01
            rules:
              - id: finance-yearly
                name: 年度财务公开
                applies-to: [village]
                cadence: yearly
                due: 30
                satisfied-by: finance-quarterly
            """)
        for quarter in ["Q1", "Q2", "Q3"] {
            site.disclose("xinghua", "2025-\(quarter)", item: "finance-quarterly", period: "2025-\(quarter)", date: "2025-12-01")
        }
        for month in ["10", "11", "12"] {
            site.disclose("xinghua", "2025-\(month)", item: "finance-monthly", period: "2025-\(month)", date: "2026-01-05")
        }
        let checked = try site.check(self, asOf: "2026-03-01")
        XCTAssertEqual(checked.errors, [])
        let year = try XCTUnwrap(checked.result("xinghua", "finance-yearly", "2025"))
        XCTAssertEqual(year.status, .published)
        XCTAssertEqual(year.published, try day("2026-01-05"))
        XCTAssertEqual(year.pages.count, 6)
        XCTAssertEqual(checked.result("xinghua", "finance-quarterly", "2025-Q4")?.status, .published)
    }
}
