import GongkaiContent
@testable import GongkaiDisclosure
import XCTest

/// A village's headline says what is there, and nothing is "all on time" that was never published.
final class ReportHeadlineTests: XCTestCase {
    func testHeadlines() {
        let cases: [(DisclosureSummary, String, String)] = [
            (DisclosureSummary(), "暂无公开（也没有逾期未公开的）", "nothing published yet (nothing overdue either)"),
            (DisclosureSummary(pending: 2), "未到期 2 期", "2 not yet due"),
            (DisclosureSummary(published: 3), "均已按时公开：定期公开 3 期", "all published on time: 3 periods"),
            (DisclosureSummary(events: 1), "均已按时公开：随时公开 1 项", "all published on time: 1 on-event item"),
            (
                DisclosureSummary(published: 2, events: 2), "均已按时公开：定期公开 2 期，随时公开 2 项",
                "all published on time: 2 periods, 2 on-event items"
            ),
            (
                DisclosureSummary(published: 2, events: 2, eventsLate: 1), "已按时公开 2 期，随时公开 2 项（其中逾期 1 项）",
                "2 published on time, 2 on-event items (1 late)"
            ),
            (
                DisclosureSummary(published: 3, late: 1, missing: 1, pending: 1, events: 1),
                "未公开 1 期，逾期公开 1 期，未到期 1 期，已按时公开 3 期，随时公开 1 项",
                "1 missing, 1 late, 1 not yet due, 3 published on time, 1 on-event item"
            ),
            (DisclosureSummary(missing: 15), "未公开 15 期", "15 missing"),
        ]
        for (summary, zh, en) in cases {
            XCTAssertEqual(summary.headline(.zh), zh, "\(summary)")
            XCTAssertEqual(summary.headline(.en), en, "\(summary)")
        }
    }

    func testTotalsNameEveryCountEvenZero() {
        let summary = DisclosureSummary(published: 1, missing: 2, events: 3, eventsLate: 1)
        XCTAssertEqual(summary.totals(.zh), "未公开 2 期，逾期公开 0 期，未到期 0 期，已按时公开 1 期；随时公开事项已公开 3 项，其中逾期 1 项")
    }

    /// The report's first lines and each village's headline come from the same counts: the village
    /// headlines add up to the totals, and a village that published nothing is never "on time".
    func testVillageHeadlinesAddUpToTheTotals() throws {
        var site = SiteFixture(villages: [("xinghua", "village"), ("lugao", "village"), ("qingshi", "community")])
        site.rules("since: 2026-07-01\n")
        site.disclose("xinghua", "07", item: "finance-monthly", period: "2026-07", date: "2026-08-01")
        site.disclose("xinghua", "q3", item: "village-affairs-quarterly", period: "2026-Q3", date: "2026-10-30")
        site.disclose("xinghua", "meeting", item: "meeting-decisions", period: "2026-09-01", date: "2026-09-03")
        site.disclose("qingshi", "账目", item: "community-accounts", period: "2026-09-01", date: "2026-09-20")
        let report = try site.check(self, asOf: "2026-11-23").report
        var sum = DisclosureSummary()
        for village in report.villages {
            let own = DisclosureSummary(report.results(of: village.id))
            sum.published += own.published; sum.late += own.late; sum.missing += own.missing
            sum.pending += own.pending; sum.events += own.events; sum.eventsLate += own.eventsLate
        }
        XCTAssertEqual(sum, report.summary)
        let text = report.text(.zh)
        XCTAssertTrue(text.contains("共 3 个村（社区）：\(report.summary.totals(.zh))"), text)
        XCTAssertTrue(text.contains("qingshi社区（qingshi，社区）：已按时公开 0 期") == false, text)
        XCTAssertTrue(text.contains("qingshi社区（qingshi，社区）：随时公开 1 项（其中逾期 1 项）"), text)
        XCTAssertTrue(text.contains("lugao村（lugao，村）：未公开 6 期"), text)
        XCTAssertFalse(text.contains("lugao村（lugao，村）：均已按时公开"), text)
    }
}
