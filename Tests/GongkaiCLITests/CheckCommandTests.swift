import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GongkaiTestSupport
import XCTest

/// `gongkai check` end to end: the real binary on sites written to disk.
final class CheckCommandTests: XCTestCase {
    static let villageProfile = "---\nname: 杏花村\ntype: village\n---\n杏花村简介。\n"
    static let communityProfile = "---\nname: 青石社区\ntype: community\n---\n青石社区简介。\n"

    static func page(_ item: String, _ period: String, _ date: String, extra: String = "") -> String {
        "---\ntitle: \(item) \(period)\ndate: \(date)\nitem: \(item)\nperiod: \(period)\n\(extra)---\n公开内容。\n"
    }

    /// Rules from July: xinghua publishes July and August finances on time, September late, October not at all,
    /// Q3 village affairs on time. qingshi (a community) owes only on-event items.
    static let files: [String: String] = [
        "site.yaml": "title: 白鹭镇\n",
        "disclosure.yaml": "since: 2026-07-01\ndisable: [finance-quarterly]\n",
        "content/villages/xinghua/_village.md": villageProfile,
        "content/villages/qingshi/_village.md": communityProfile,
        "content/villages/xinghua/disclosures/2026-07-财务.md": page("finance-monthly", "2026-07", "2026-08-06"),
        "content/villages/xinghua/disclosures/2026-08-财务.md": page("finance-monthly", "2026-08", "2026-09-10"),
        "content/villages/xinghua/disclosures/2026-09-财务.md": page("finance-monthly", "2026-09", "2026-10-10T23:30:00Z"),
        "content/villages/xinghua/disclosures/2026-Q3-村务.md": page("village-affairs-quarterly", "2026-Q3", "2026-10-12"),
        "content/villages/qingshi/disclosures/账目.md": page("community-accounts", "2026-09-01", "2026-09-15"),
    ]

    func site(_ files: [String: String] = CheckCommandTests.files, changing changes: [String: String?] = [:]) throws -> URL {
        var all = files
        for (path, text) in changes { all[path] = text }
        let root = try temporaryDirectory(self)
        try writeFiles(all, under: root)
        return root
    }

    func check(_ root: URL, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["check", "--site", root.path] + arguments)
    }

    func testJSONOutput() throws {
        let root = try site()
        let result = try check(root, ["--as-of", "2026-11-23", "--format", "json"])
        XCTAssertEqual(result.status, 1, "October is missing: \(result.stderr)")
        XCTAssertEqual(result.stderr, "")
        let d = "content/villages/xinghua/disclosures"
        let expected = """
            {
              "asOf": "2026-11-23",
              "asOfSource": "flag",
              "results": [
                {"village": "qingshi", "rule": "community-accounts", "period": null, "due": null, "status": "published", "published": "2026-09-15", "pages": ["content/villages/qingshi/disclosures/账目.md"], "count": 1, "late": 1},
                {"village": "qingshi", "rule": "covenant-filed", "period": null, "due": null, "status": "none", "published": null, "pages": [], "count": 0, "late": 0},
                {"village": "xinghua", "rule": "audit-results", "period": null, "due": null, "status": "none", "published": null, "pages": [], "count": 0, "late": 0},
                {"village": "xinghua", "rule": "finance-monthly", "period": "2026-07", "due": "2026-08-10", "status": "published", "published": "2026-08-06", "pages": ["\(d)/2026-07-财务.md"]},
                {"village": "xinghua", "rule": "finance-monthly", "period": "2026-08", "due": "2026-09-10", "status": "published", "published": "2026-09-10", "pages": ["\(d)/2026-08-财务.md"]},
                {"village": "xinghua", "rule": "finance-monthly", "period": "2026-09", "due": "2026-10-10", "status": "late", "published": "2026-10-11", "pages": ["\(d)/2026-09-财务.md"]},
                {"village": "xinghua", "rule": "finance-monthly", "period": "2026-10", "due": "2026-11-10", "status": "missing", "published": null, "pages": [], "command": "gongkai new disclosure --site \(root.path) --village 杏花村 --item finance-monthly --period 2026-10"},
                {"village": "xinghua", "rule": "major-matters", "period": null, "due": null, "status": "none", "published": null, "pages": [], "count": 0, "late": 0},
                {"village": "xinghua", "rule": "meeting-decisions", "period": null, "due": null, "status": "none", "published": null, "pages": [], "count": 0, "late": 0},
                {"village": "xinghua", "rule": "regulations-filed", "period": null, "due": null, "status": "none", "published": null, "pages": [], "count": 0, "late": 0},
                {"village": "xinghua", "rule": "village-affairs-quarterly", "period": "2026-Q3", "due": "2026-10-15", "status": "published", "published": "2026-10-12", "pages": ["\(d)/2026-Q3-村务.md"]}
              ],
              "notCounted": [],
              "summary": {"published": 3, "late": 1, "missing": 1, "pending": 0, "events": 1, "eventsLate": 1}
            }

            """
        XCTAssertEqual(result.stdout, expected)
        // And it is JSON a script can read.
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let summary = try XCTUnwrap(parsed["summary"] as? [String: Int])
        XCTAssertEqual(summary, ["published": 3, "late": 1, "missing": 1, "pending": 0, "events": 1, "eventsLate": 1])
        let first = try XCTUnwrap((parsed["results"] as? [[String: Any]])?.first)
        XCTAssertTrue(first["period"] is NSNull)
    }

    func testExitStatus() throws {
        let root = try site()
        let cases: [(name: String, arguments: [String], status: Int32)] = [
            ("October missing", ["--as-of", "2026-11-23"], 1),
            ("October not yet due, September late", ["--as-of", "2026-11-10"], 0),
            ("late counts with --strict", ["--as-of", "2026-11-10", "--strict"], 1),
            ("nothing missing in a community", ["--as-of", "2026-11-23", "--village", "qingshi"], 0),
            ("nothing missing yet", ["--as-of", "2026-08-01"], 0),
            ("--strict with nothing late", ["--as-of", "2026-09-01", "--strict"], 0),
            ("junit follows the same rule", ["--as-of", "2026-11-23", "--format", "junit"], 1),
        ]
        for test in cases {
            let result = try check(root, test.arguments)
            XCTAssertEqual(result.status, test.status, "\(test.name): \(result.stderr)")
            XCTAssertFalse(result.stdout.isEmpty, test.name)
        }
    }

    func testInputErrorsExitWithTwoAndNameFileAndLine() throws {
        let pagePath = "content/villages/xinghua/disclosures/2026-10-财务.md"
        let cases: [(name: String, changes: [String: String?], location: String, fragment: String)] = [
            (
                "item naming no rule", [pagePath: Self.page("finance-montly", "2026-10", "2026-11-05")],
                "\(pagePath):4: error: ", "是不是“finance-monthly”"
            ),
            (
                "quarter 5", [pagePath: Self.page("village-affairs-quarterly", "2026-Q5", "2026-11-05")],
                "\(pagePath):5: error: ", "季度只能是 Q1 到 Q4"
            ),
            (
                "month 13", [pagePath: Self.page("finance-monthly", "2026-13", "2026-11-05")],
                "\(pagePath):5: error: ", "月份只能是 01 到 12"
            ),
            (
                "quarter for a monthly rule", [pagePath: Self.page("finance-monthly", "2026-Q4", "2026-11-05")],
                "\(pagePath):5: error: ", "period 应写月份"
            ),
            (
                "disclosure without period", [pagePath: "---\ntitle: 十月财务\ndate: 2026-11-05\nitem: finance-monthly\n---\n正文\n"],
                "\(pagePath):1: error: ", "period"
            ),
            (
                "unknown cadence", ["disclosure.yaml": "rules:\n  - id: party\n    name: 党务公开\n    cadence: weekly\n    due: 15\n"],
                "disclosure.yaml:4: error: ", "cadence“weekly”无效"
            ),
            (
                "negative due", ["disclosure.yaml": "rules:\n  - id: major-matters\n    due: -3\n"],
                "disclosure.yaml:3: error: ", "due 不能是负数"
            ),
            (
                "duplicate id", ["disclosure.yaml": "rules:\n  - id: major-matters\n    due: 3\n  - id: major-matters\n    due: 4\n"],
                "disclosure.yaml:4: error: ", "已经写过"
            ),
            ("broken content", ["site.yaml": nil], "site.yaml: error: ", "site.yaml"),
        ]
        for test in cases {
            let root = try site(changing: test.changes)
            for format in ["text", "json", "junit"] {
                let result = try check(root, ["--as-of", "2026-11-23", "--format", format])
                XCTAssertEqual(result.status, 2, "\(test.name): \(result.stderr)")
                XCTAssertEqual(result.stdout, "", "\(test.name): no report on broken input")
                XCTAssertTrue(result.stderr.contains(test.location), "\(test.name): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains(test.fragment), "\(test.name): \(result.stderr)")
            }
        }
    }

    func testWarningsGoToStderrAndDoNotFail() throws {
        // A community publishing a village-only item: published, warned, not checked.
        let root = try site(changing: ["content/villages/qingshi/disclosures/财务.md": Self.page("finance-monthly", "2026-10", "2026-11-05")])
        let result = try check(root, ["--as-of", "2026-11-10", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("content/villages/qingshi/disclosures/财务.md:4: warning: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("共 0 个错误，1 个警告"), result.stderr)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)))
    }

    func testVillageOption() throws {
        let root = try site()
        let result = try check(root, ["--as-of", "2026-11-23", "--format", "json", "--village", "qingshi"])
        XCTAssertEqual(result.status, 0)
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let villages = Set(((parsed["results"] as? [[String: Any]]) ?? []).compactMap { $0["village"] as? String })
        XCTAssertEqual(villages, ["qingshi"])

        let text = try check(root, ["--as-of", "2026-11-23", "--village", "xinghua"])
        XCTAssertEqual(text.status, 1)
        XCTAssertTrue(text.stdout.contains("杏花村"))
        XCTAssertFalse(text.stdout.contains("青石社区"))

        let unknown = try check(root, ["--as-of", "2026-11-23", "--village", "xinhua"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stdout, "")
        XCTAssertTrue(unknown.stderr.contains("--village xinhua：没有这个村或社区，是不是 杏花村（xinghua）？"), unknown.stderr)
    }

    func testTextReport() throws {
        let result = try check(try site(), ["--as-of", "2026-11-23"])
        XCTAssertEqual(result.status, 1)
        let text = result.stdout
        XCTAssertTrue(text.contains("截至：2026年11月23日"), text)
        XCTAssertTrue(text.contains("杏花村（xinghua，村）：未公开 1 期，逾期公开 1 期"), text)
        XCTAssertTrue(text.contains("【未公开】"), text)
        XCTAssertTrue(text.contains("2026年10月：应于2026年11月10日前公开，至今未公开"), text)
        // Periods of 2026 cite the amended law, without an article number (disclosure-rules.md, section (d)).
        XCTAssertTrue(text.contains("依据：《中华人民共和国村民委员会组织法》（2025年修正，村务公开条款，条文序号待核）；《农村集体经济组织财务公开规定》"), text)
        XCTAssertTrue(text.contains("2026年9月：应于2026年10月10日前公开，2026年10月11日才公开，逾期1天"), text)
        XCTAssertTrue(text.contains("公益事业筹集费用收支账目公布：已公开 1 项，其中 1 项逾期"), text)

        let english = try check(try site(), ["--as-of", "2026-11-23", "--lang", "en"])
        XCTAssertTrue(english.stdout.contains("October 2026: due 2026-11-10, not published"), english.stdout)
    }

    func testJUnitIsWellFormed() throws {
        let root = try site()
        for strict in [false, true] {
            let result = try check(root, ["--as-of", "2026-11-23", "--format", "junit"] + (strict ? ["--strict"] : []))
            XCTAssertEqual(result.status, 1)
            let document = try XMLDocument(data: Data(result.stdout.utf8))
            let suites = try document.nodes(forXPath: "/testsuites/testsuite/@name").compactMap(\.stringValue)
            XCTAssertEqual(suites, ["qingshi", "xinghua"])
            let failures = try document.nodes(forXPath: "//testcase[failure]/@name").compactMap(\.stringValue)
            XCTAssertEqual(failures, strict ? ["finance-monthly 2026-09", "finance-monthly 2026-10"] : ["finance-monthly 2026-10"])
            let cases = try document.nodes(forXPath: "//testsuite[@name='xinghua']/testcase").count
            XCTAssertEqual(cases, 9)
        }
        let pending = try check(root, ["--as-of", "2026-11-05", "--format", "junit"])
        let document = try XMLDocument(data: Data(pending.stdout.utf8))
        XCTAssertEqual(try document.nodes(forXPath: "//testcase[skipped]/@name").compactMap(\.stringValue), ["finance-monthly 2026-10"])
    }

    func testBadOptionsExitWithTwo() throws {
        let root = try site()
        for arguments in [["--as-of", "2026-13-01"], ["--as-of", "tomorrow"], ["--format", "xml"]] {
            let result = try check(root, arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stdout, "")
        }
        let asOf = try check(root, ["--as-of", "2026-13-01"])
        XCTAssertTrue(asOf.stderr.contains("YYYY-MM-DD"), asOf.stderr)
    }

    /// Without --as-of the check runs as of today in Shanghai, in the site folder by default.
    func testDefaultsToTodayAndTheCurrentFolder() throws {
        let root = try site()
        let before = Self.todayInShanghai()
        let result = try CLI.run(["check", "--format", "json"], in: root)
        let after = Self.todayInShanghai()
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let asOf = try XCTUnwrap(parsed["asOf"] as? String)
        XCTAssertTrue(asOf == before || asOf == after, "\(asOf) vs \(before)")
        XCTAssertNotEqual(result.status, 2, result.stderr)
    }

    func testHelpIsChineseWithExamples() throws {
        let result = try CLI.run(["check", "--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("--as-of"), result.stdout)
        XCTAssertTrue(result.stdout.contains("示例"), result.stdout)
        XCTAssertTrue(result.stdout.contains("gongkai check --format junit --strict"), result.stdout)
    }

    static func todayInShanghai() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
