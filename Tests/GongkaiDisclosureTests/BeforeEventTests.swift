import GongkaiContent
@testable import GongkaiDisclosure
import XCTest

/// Cadence `before-event` (disclosure-rules.md section (d)): due `due` days before the event the page states.
final class BeforeEventTests: XCTestCase {
    static let annualReport = """
        rules:
          - id: annual-report
            name: 年度财务会计报告、收益分配方案（成员大会前公布）
            applies-to: [village]
            cadence: before-event
            due: 10
            basis: 《中华人民共和国农村集体经济组织法》第四十六条

        """

    /// Lines of a before-event page: 1 `---`, 2 title, 3 date, 4 item, 5 event.
    func site(date: String, event: String? = "2027-01-20", extra: [String] = []) -> (SiteFixture, String) {
        var site = SiteFixture()
        site.rules(Self.annualReport)
        let path = "content/villages/xinghua/disclosures/年报.md"
        let lines =
            ["---", "title: 年报", "date: \(date)", "item: annual-report"] + (event.map { ["event: \($0)"] } ?? [])
            + extra + ["---", "内容。"]
        site.files[path] = lines.joined(separator: "\n") + "\n"
        return (site, path)
    }

    /// The event day minus N is on time; a day later is late; after the event is late and said so.
    func testEventDayMinusN() throws {
        let cases: [(name: String, date: String, status: DisclosureStatus, says: String)] = [
            ("event − 11", "2027-01-09", .published, "2027年1月9日公开"),
            ("event − 10", "2027-01-10", .published, "2027年1月10日公开"),
            ("event − 9", "2027-01-11", .late, "逾期1天，距会议只剩9天"),
            ("the event day", "2027-01-20", .late, "逾期10天，距会议只剩0天"),
            ("the day after the event", "2027-01-21", .late, "已在会议之后（会后1天）"),
        ]
        for test in cases {
            let (site, path) = site(date: test.date)
            let checked = try site.check(self, asOf: "2027-03-01")
            XCTAssertEqual(checked.diagnostics, [], test.name)
            let result = try XCTUnwrap(checked.result("xinghua", "annual-report", "2027-01-20"), test.name)
            XCTAssertEqual(result.status, test.status, test.name)
            XCTAssertEqual(result.due, try day("2027-01-10"), test.name)
            XCTAssertEqual(result.event, try day("2027-01-20"), test.name)
            XCTAssertEqual(result.pages, [path], test.name)
            let text = Wording.outcome(result, asOf: checked.report.asOf, .zh)
            XCTAssertTrue(text.contains(test.says), "\(test.name): \(text)")
            XCTAssertTrue(text.contains("截止2027年1月10日"), "\(test.name): \(text)")
        }
    }

    func testPagesAfterTheAsOfDayAndBeforeSinceDoNotCount() throws {
        let (site, _) = site(date: "2027-01-05")
        XCTAssertNil(try site.check(self, asOf: "2027-01-04").result("xinghua", "annual-report", "2027-01-20"))
        XCTAssertEqual(try site.check(self, asOf: "2027-01-05").result("xinghua", "annual-report", "2027-01-20")?.status, .published)
        XCTAssertEqual(try site.check(self, asOf: "2027-01-05").report.summary.published, 1, "counted like a period")
    }

    func testOptInNotADefault() {
        XCTAssertNil(DisclosureRule.defaults.first { $0.cadence == .beforeEvent })
        XCTAssertNil(DisclosureRuleSet.builtIn.rule("annual-report"))
    }

    /// Input errors at the `item` line, with file and line.
    func testInputErrors() throws {
        let (noEvent, path) = site(date: "2027-01-05", event: nil, extra: ["period: 2027-01-20"])
        let checked = try noEvent.check(self, asOf: "2027-03-01")
        XCTAssertEqual(checked.errors.map(\.file), [path])
        XCTAssertEqual(checked.errors.first?.line, 4)
        XCTAssertTrue(checked.errors.first?.zh.contains("event: 2027-01-20") ?? false, checked.errors.first?.zh ?? "")

        // event: on a page of a monthly rule, without period: that rule needs its period.
        var monthly = SiteFixture()
        let page = "content/villages/xinghua/disclosures/财务.md"
        monthly.files[page] = "---\ntitle: 财务\ndate: 2026-11-05\nitem: finance-monthly\nevent: 2026-11-20\n---\n正文\n"
        let wrong = try monthly.check(self, asOf: "2026-11-23")
        XCTAssertEqual(wrong.errors.count, 1)
        XCTAssertEqual(wrong.errors.first?.file, page)
        XCTAssertEqual(wrong.errors.first?.line, 4)
        XCTAssertTrue(wrong.errors.first?.zh.contains("要写 period") ?? false)

        // Neither period nor event: the loader says so once, at the front matter.
        var neither = SiteFixture()
        neither.rules(Self.annualReport)
        neither.files[page] = "---\ntitle: 年报\ndate: 2026-11-05\nitem: annual-report\n---\n正文\n"
        let content = try neither.load(self)
        XCTAssertEqual(content.diagnostics.errorCount, 1)

        // A bad event date is the loader's error at the event line.
        let (badDate, badPath) = site(date: "2027-01-05", event: "2027-02-30")
        let loaded = try badDate.load(self)
        XCTAssertEqual(loaded.diagnostics.filter(\.isError).map { "\($0.file):\($0.line ?? 0)" }, ["\(badPath):5"])

        // cadence: before-event is listed in the message for a wrong cadence.
        let (_, diagnostics) = DisclosureRuleSet.parse("rules:\n  - id: x\n    name: X\n    cadence: befor-event\n    due: 3\n")
        XCTAssertEqual(diagnostics.first?.line, 4)
        XCTAssertTrue(diagnostics.first?.zh.contains("是不是“before-event”") ?? false, diagnostics.first?.zh ?? "")
    }

    func testTextAndJSONName() throws {
        let (site, _) = site(date: "2027-01-21")
        let report = try site.check(self, asOf: "2027-03-01").report
        XCTAssertTrue(report.text().contains("2027年1月20日的会议：会议（2027年1月20日）前应公开，截止2027年1月10日；2027年1月21日才公开，已在会议之后"), report.text())
        XCTAssertTrue(
            report.json().contains(
                #"{"village": "xinghua", "rule": "annual-report", "period": "2027-01-20", "due": "2027-01-10", "status": "late", "published": "2027-01-21", "pages": ["content/villages/xinghua/disclosures/年报.md"], "event": "2027-01-20"}"#
            ), report.json())
    }
}
