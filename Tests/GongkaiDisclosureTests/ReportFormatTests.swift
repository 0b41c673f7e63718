import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GongkaiContent
@testable import GongkaiDisclosure
import GongkaiEscape
import XCTest

/// The JSON, text and JUnit forms of a report.
final class ReportFormatTests: XCTestCase {
    static let rules = """
        defaults: false
        since: 2026-07-01
        rules:
          - id: finance-monthly
            name: 财务收支公开（月度）
            applies-to: [village]
            cadence: monthly
            due: 10
            basis: 《中华人民共和国村民委员会组织法》第三十条
          - id: village-affairs-quarterly
            name: 村务公开（一般事项）
            applies-to: [village]
            cadence: quarterly
            due: 15
            basis: 《中华人民共和国村民委员会组织法》第三十条第二款
          - id: major-matters
            name: 涉及村民利益的重大事项
            applies-to: [village]
            cadence: on-event
            due: 5
            basis: 《中华人民共和国村民委员会组织法》第三十条第三款
        """

    /// xinghua: July to September on time, October missing, Q3 late, one major matter late. lugao: nothing due yet.
    func fixture(asOf: String = "2026-11-23") throws -> Checked {
        var site = SiteFixture(villages: [])
        site.addVillage("xinghua", name: "杏花村")
        site.addVillage("lugao", name: "芦篙村", extra: ["disclosure-since: 2026-11-01"])
        site.rules(Self.rules)
        site.disclose("xinghua", "2026-07-财务", item: "finance-monthly", period: "2026-07", date: "2026-08-05")
        site.disclose("xinghua", "2026-08-财务", item: "finance-monthly", period: "2026-08", date: "2026-09-05T09:30:00+08:00")
        site.disclose("xinghua", "2026-09-财务", item: "finance-monthly", period: "2026-09", date: "2026-10-08")
        site.disclose("xinghua", "2026-Q3-村务", item: "village-affairs-quarterly", period: "2026-Q3", date: "2026-10-20")
        site.disclose("xinghua", "重大事项", item: "major-matters", period: "2026-10-01", date: "2026-10-09")
        return try site.check(self, asOf: asOf)
    }

    func testJSONIsExactlyTheIssuesShape() throws {
        let json = try fixture().report.json()
        let expected = """
            {
              "asOf": "2026-11-23",
              "asOfSource": null,
              "results": [
                {"village": "lugao", "rule": "major-matters", "period": null, "due": null, "status": "none", "published": null, "pages": [], "count": 0, "late": 0},
                {"village": "xinghua", "rule": "finance-monthly", "period": "2026-07", "due": "2026-08-10", "status": "published", "published": "2026-08-05", "pages": ["content/villages/xinghua/disclosures/2026-07-财务.md"]},
                {"village": "xinghua", "rule": "finance-monthly", "period": "2026-08", "due": "2026-09-10", "status": "published", "published": "2026-09-05", "pages": ["content/villages/xinghua/disclosures/2026-08-财务.md"]},
                {"village": "xinghua", "rule": "finance-monthly", "period": "2026-09", "due": "2026-10-10", "status": "published", "published": "2026-10-08", "pages": ["content/villages/xinghua/disclosures/2026-09-财务.md"]},
                {"village": "xinghua", "rule": "finance-monthly", "period": "2026-10", "due": "2026-11-10", "status": "missing", "published": null, "pages": [], "command": "gongkai new disclosure --village 杏花村 --item finance-monthly --period 2026-10"},
                {"village": "xinghua", "rule": "major-matters", "period": null, "due": null, "status": "published", "published": "2026-10-09", "pages": ["content/villages/xinghua/disclosures/重大事项.md"], "count": 1, "late": 1},
                {"village": "xinghua", "rule": "village-affairs-quarterly", "period": "2026-Q3", "due": "2026-10-15", "status": "late", "published": "2026-10-20", "pages": ["content/villages/xinghua/disclosures/2026-Q3-村务.md"]}
              ],
              "notCounted": [],
              "summary": {"published": 3, "late": 1, "missing": 1, "pending": 0, "events": 1, "eventsLate": 1}
            }

            """
        XCTAssertEqual(json, expected)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        XCTAssertEqual(parsed?.keys.sorted(), ["asOf", "asOfSource", "notCounted", "results", "summary"])
        XCTAssertEqual((parsed?["results"] as? [Any])?.count, 7)
    }

    func testJSONWithoutResultsIsValid() throws {
        let report = DisclosureReport(asOf: try day("2026-11-23"), since: try day("2026-01-01"), rules: [], villages: [], results: [])
        let json = report.json()
        XCTAssertEqual(
            json,
            "{\n  \"asOf\": \"2026-11-23\",\n  \"asOfSource\": null,\n  \"results\": [],\n  \"notCounted\": [],\n  \"summary\": {\"published\": 0, \"late\": 0, \"missing\": 0, \"pending\": 0, \"events\": 0, \"eventsLate\": 0}\n}\n"
        )
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(json.utf8)))
    }

    func testJSONStringsAreEscaped() throws {
        let tricky = "a\"b\\c\nd\u{01}e 公开"
        XCTAssertEqual(JSON.string(tricky), "\"a\\\"b\\\\c\\nd\\u0001e 公开\"")
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(JSON.string(tricky))]".utf8)) as? [String]
        XCTAssertEqual(decoded, [tricky])
    }

    func testTextReportInChinese() throws {
        let text = try fixture().report.text(.zh)
        XCTAssertTrue(text.contains("截至：2026年11月23日"), text)
        XCTAssertTrue(text.contains("杏花村（xinghua，村）：未公开 1 期，逾期公开 1 期"), text)
        XCTAssertTrue(text.contains("2026年10月：应于2026年11月10日前公开，至今未公开（已超过截止日期13天）"), text)
        XCTAssertTrue(text.contains("依据：《中华人民共和国村民委员会组织法》第三十条"), text)
        XCTAssertTrue(text.contains("2026年第三季度：应于2026年10月15日前公开，2026年10月20日才公开，逾期5天"), text)
        XCTAssertTrue(text.contains("财务收支公开（月度）：2026年 7月、8月、9月"), text)
        XCTAssertTrue(text.contains("涉及村民利益的重大事项：已公开 1 项，其中 1 项逾期"), text)
        XCTAssertTrue(text.contains("芦篙村（lugao，村），自2026年11月1日起检查"), text)
        // Grouped by village; within a village missing first, then late, then what is done.
        let xinghua = try XCTUnwrap(text.range(of: "杏花村（xinghua"))
        XCTAssertLessThan(try XCTUnwrap(text.range(of: "芦篙村（lugao")).lowerBound, xinghua.lowerBound)
        let order = ["【未公开】", "【逾期公开】", "【已按时公开】", "【随时公开事项】"]
        let positions = order.compactMap { text.range(of: $0, range: xinghua.upperBound..<text.endIndex)?.lowerBound }
        XCTAssertEqual(positions.count, order.count)
        XCTAssertEqual(positions, positions.sorted(), text)
    }

    func testTextReportInEnglish() throws {
        let text = try fixture().report.text(.en)
        XCTAssertTrue(text.contains("As of 2026-11-23"), text)
        XCTAssertTrue(text.contains("Missing — publish now:"), text)
        XCTAssertTrue(text.contains("October 2026: due 2026-11-10, not published (13 days overdue)"), text)
        XCTAssertTrue(text.contains("Q3 2026: due 2026-10-15, published 2026-10-20, 5 days late"), text)
        XCTAssertTrue(text.contains("Basis: 《中华人民共和国村民委员会组织法》第三十条"), text)
        XCTAssertFalse(text.contains("："), "no Chinese punctuation around English text")
    }

    func testTextReportShowsPendingWithItsDueDay() throws {
        let text = try fixture(asOf: "2026-11-05").report.text(.zh)
        XCTAssertTrue(text.contains("【未到期】"), text)
        XCTAssertTrue(text.contains("2026年10月：应于2026年11月10日前公开，尚未公开"), text)
    }

    func testJUnitIsWellFormedWithOneSuitePerVillage() throws {
        let checked = try fixture()
        for strict in [false, true] {
            let xml = checked.report.junit(strict: strict)
            let document = try XMLDocument(data: Data(xml.utf8))
            let root = try XCTUnwrap(document.rootElement())
            XCTAssertEqual(root.name, "testsuites")
            let suites = root.elements(forName: "testsuite")
            XCTAssertEqual(suites.map { $0.attribute(forName: "name")?.stringValue }, ["lugao", "xinghua"])
            let xinghua = try XCTUnwrap(suites.last)
            let cases = xinghua.elements(forName: "testcase")
            XCTAssertEqual(
                cases.map { $0.attribute(forName: "name")?.stringValue ?? "" },
                [
                    "finance-monthly 2026-07", "finance-monthly 2026-08", "finance-monthly 2026-09", "finance-monthly 2026-10",
                    "major-matters", "village-affairs-quarterly 2026-Q3",
                ])
            let failed = cases.filter { !$0.elements(forName: "failure").isEmpty }.compactMap { $0.attribute(forName: "name")?.stringValue }
            XCTAssertEqual(failed, strict ? ["finance-monthly 2026-10", "village-affairs-quarterly 2026-Q3"] : ["finance-monthly 2026-10"])
            XCTAssertEqual(xinghua.attribute(forName: "failures")?.stringValue, strict ? "2" : "1")
            XCTAssertEqual(root.attribute(forName: "tests")?.stringValue, "7")
            let failure = try XCTUnwrap(cases[3].elements(forName: "failure").first)
            XCTAssertEqual(failure.attribute(forName: "type")?.stringValue, "missing")
            XCTAssertTrue(failure.stringValue?.contains("依据：《中华人民共和国村民委员会组织法》第三十条") ?? false)
            let event = cases[4].elements(forName: "system-out").first?.stringValue ?? ""
            XCTAssertTrue(event.contains("已公开 1 项"), event)
        }
    }

    func testJUnitSkipsWhatIsNotYetDue() throws {
        let xml = try fixture(asOf: "2026-11-05").report.junit()
        let document = try XMLDocument(data: Data(xml.utf8))
        let skipped = try document.nodes(forXPath: "//testcase[skipped]/@name").compactMap(\.stringValue)
        XCTAssertEqual(skipped, ["finance-monthly 2026-10"])
        XCTAssertEqual(try document.nodes(forXPath: "/testsuites/@skipped").first?.stringValue, "1")
    }

    func testXMLEscaping() throws {
        XCTAssertEqual(XML.attribute("a<b>&\"c\"\nd\u{01}"), "\"a&lt;b&gt;&amp;&quot;c&quot;&#10;d\"")
        let document = try XMLDocument(data: Data("<x a=\(XML.attribute("1 < 2 & \"3\""))>\(XML.escape("<&>"))</x>".utf8))
        XCTAssertEqual(document.rootElement()?.attribute(forName: "a")?.stringValue, "1 < 2 & \"3\"")
        XCTAssertEqual(document.rootElement()?.stringValue, "<&>")
    }

    func testOnlyOneVillage() throws {
        let report = try fixture().report.only(village: "xinghua")
        XCTAssertEqual(report.villages.map(\.id), ["xinghua"])
        XCTAssertEqual(Set(report.results.map(\.village)), ["xinghua"])
        XCTAssertEqual(report.summary, DisclosureSummary(published: 3, late: 1, missing: 1, pending: 0, events: 1, eventsLate: 1))
    }

    /// The same input gives the same bytes.
    func testOutputIsDeterministic() throws {
        let a = try fixture().report
        let b = try fixture().report
        XCTAssertEqual(a.json(), b.json())
        XCTAssertEqual(a.text(), b.text())
        XCTAssertEqual(a.junit(), b.junit())
    }
}
