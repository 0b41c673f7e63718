import GongkaiContent
@testable import GongkaiDisclosure
import XCTest

/// Disclosure pages for a time before the check start are not counted, and the report says so once.
final class UncountedPagesTests: XCTestCase {
    func testPagesBeforeTheCheckStartAreListedOnce() throws {
        var site = SiteFixture(villages: [])
        site.addVillage("xinghua", name: "杏花村")
        site.addVillage("lugao", name: "芦篙村", extra: ["disclosure-since: 2026-10-01"])
        site.rules("since: 2026-07-01\n")
        // A period before the check start, published after it: still not counted.
        site.disclose("xinghua", "06", item: "finance-monthly", period: "2026-06", date: "2026-07-05")
        site.disclose("xinghua", "q2", item: "village-affairs-quarterly", period: "2026-Q2", date: "2026-06-30")
        // On-event: published before the check start.
        site.disclose("xinghua", "old-matter", item: "major-matters", period: "2026-06-20", date: "2026-06-25")
        // On-event: the event before, published after: counted as before.
        site.disclose("xinghua", "matter", item: "major-matters", period: "2026-06-28", date: "2026-07-02")
        // Counted normally.
        site.disclose("xinghua", "07", item: "finance-monthly", period: "2026-07", date: "2026-08-05")
        // The village's own later start.
        site.disclose("lugao", "09", item: "finance-monthly", period: "2026-09", date: "2026-10-08")
        // A draft is no page at all.
        site.disclose("xinghua", "05", item: "finance-monthly", period: "2026-05", date: "2026-06-05", extra: ["draft: true"])
        let report = try site.check(self, asOf: "2026-11-23").report
        XCTAssertEqual(
            report.uncounted.map(\.page),
            [
                "content/villages/lugao/disclosures/09.md",
                "content/villages/xinghua/disclosures/06.md",
                "content/villages/xinghua/disclosures/old-matter.md",
                "content/villages/xinghua/disclosures/q2.md",
            ])
        XCTAssertEqual(report.uncounted.first?.since, try day("2026-10-01"))
        XCTAssertEqual(report.results.first { $0.village == "xinghua" && $0.rule == "major-matters" }?.count, 1)

        let text = report.text(.zh)
        XCTAssertEqual(text.components(separatedBy: "content/villages/xinghua/disclosures/06.md").count, 2, "once: \(text)")
        XCTAssertTrue(
            text.contains(
                "【未计入】以下公开早于检查起始日（2026年7月1日），不计入检查：\n"
                    + "  · 财务收支公开（月度） 2026年6月：content/villages/xinghua/disclosures/06.md（2026年7月5日公开）\n"), text)
        XCTAssertTrue(text.contains("  · 涉及村民利益的重大事项 2026-06-20：content/villages/xinghua/disclosures/old-matter.md（2026年6月25日公开）"), text)
        XCTAssertTrue(text.contains("要检查这些期间，请把 disclosure.yaml 的 since 改早，如 since: 2026-04-01"), text)
        XCTAssertTrue(text.contains("请把 _village.md 的 disclosure-since 改早，如 disclosure-since: 2026-09-01"), text)

        let json = report.json()
        XCTAssertTrue(
            json.contains(
                #"{"village": "xinghua", "rule": "finance-monthly", "period": "2026-06", "published": "2026-07-05", "page": "content/villages/xinghua/disclosures/06.md", "since": "2026-07-01", "reason": "before-since"}"#
            ), json)
        XCTAssertEqual(report.only(village: "lugao").uncounted.count, 1)
    }
}
