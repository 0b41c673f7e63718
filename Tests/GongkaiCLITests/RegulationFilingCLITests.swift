import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GongkaiTestSupport
import XCTest

/// Issue 14, point 5, end to end: a published 村规民约 / 居民公约 counts for `regulations-filed` /
/// `covenant-filed` in `gongkai check` (text, JSON, JUnit) and on the portal, without a second page.
final class RegulationFilingCLITests: XCTestCase {
    static let files: [String: String] = [
        "site.yaml": "title: 白鹭镇\nas-of: 2026-11-23\n",
        // Only the on-event rules: nothing is missing, so the exit status is about the regulations alone.
        "disclosure.yaml": "since: 2026-01-01\ndisable: [finance-monthly, finance-quarterly, village-affairs-quarterly]\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n简介。\n",
        "content/villages/qingshi/_village.md": "---\nname: 青石社区\ntype: community\n---\n简介。\n",
        // Filed 03-25, published 04-02: on time.
        "content/villages/xinghua/regulations/2026版村规民约.md":
            "---\ntitle: 杏花村村规民约（2026版）\ndate: 2026-04-02\nadopted: 2026-03-18\nfiled: 2026-03-25\nversion: 2026版\n---\n**第一条** 移风易俗。\n",
        // The next version, adopted 06-10 and not yet filed, published 06-30: late (due 06-20).
        "content/villages/xinghua/regulations/2026修订版村规民约.md":
            "---\ntitle: 杏花村村规民约（2026修订版）\ndate: 2026-06-30\nadopted: 2026-06-10\nversion: 2026修订版\nsupersedes: 2026版村规民约\n---\n**第一条** 移风易俗，垃圾分类。\n",
        // A filing notice published separately still counts too.
        "content/villages/xinghua/disclosures/备案公告.md":
            "---\ntitle: 村规民约备案公告\ndate: 2026-06-14\nitem: regulations-filed\nperiod: 2026-06-12\n---\n已报镇政府备案。\n",
        // Neither filed nor adopted: not counted, and the build and the check each say so once.
        "content/villages/xinghua/regulations/红白理事会章程.md":
            "---\ntitle: 红白理事会章程\ndate: 2026-05-01\n---\n**第一条** 婚事新办。\n",
        "content/villages/qingshi/regulations/居民公约.md":
            "---\ntitle: 青石社区居民公约\ndate: 2026-11-02\nadopted: 2026-10-20\nfiled: 2026-10-28\n---\n**第一条** 爱护公共设施。\n",
    ]

    static let noDay =
        "content/villages/xinghua/regulations/红白理事会章程.md:3: warning: 这篇村规民约没有写 filed（报乡镇备案的日期）或 adopted（村民会议通过的日期），不计入公开检查“regulations-filed”（村规民约、村民自治章程备案并公布）。请在文件头加一行，如 filed: 2026-05-01"

    func site() throws -> URL {
        let root = try temporaryDirectory(self)
        try writeFiles(Self.files, under: root)
        return root
    }

    func testCheckCountsRegulationsInEveryFormat() throws {
        let root = try site()
        let text = try CLI.run(["check"], in: root)
        XCTAssertEqual(text.status, 0, "on-event items are never missing: \(text.stderr)")
        XCTAssertTrue(text.stdout.contains("  ■ 村规民约、村民自治章程备案并公布：已公开 3 项，其中 1 项逾期（晚于事项发生后10天）"), text.stdout)
        XCTAssertTrue(text.stdout.contains("  ■ 居民公约备案并公布：已公开 1 项，均按时"), text.stdout)
        XCTAssertTrue(text.stdout.contains("════ 青石社区（qingshi，社区）：均已按时公开：随时公开 1 项"), text.stdout)
        XCTAssertEqual(text.stderr, Self.noDay + "\n共 0 个错误，1 个警告\n")

        let json = try CLI.run(["check", "--format", "json"], in: root)
        XCTAssertEqual(json.status, 0)
        let r = "content/villages/xinghua/regulations"
        XCTAssertTrue(
            json.stdout.contains(
                #"{"village": "xinghua", "rule": "regulations-filed", "period": null, "due": null, "status": "published", "published": "2026-06-30", "pages": [""#
                    + r + #"/2026版村规民约.md", "content/villages/xinghua/disclosures/备案公告.md", ""# + r + #"/2026修订版村规民约.md"], "count": 3, "late": 1}"#),
            json.stdout)
        XCTAssertTrue(
            json.stdout.contains(
                #"{"village": "qingshi", "rule": "covenant-filed", "period": null, "due": null, "status": "published", "published": "2026-11-02", "pages": ["content/villages/qingshi/regulations/居民公约.md"], "count": 1, "late": 0}"#
            ), json.stdout)
        XCTAssertTrue(json.stdout.contains(#""summary": {"published": 0, "late": 0, "missing": 0, "pending": 0, "events": 4, "eventsLate": 1}"#), json.stdout)

        // The regulation without a day is a warning, so --strict refuses the input (issue 14, point 8).
        let strict = try CLI.run(["check", "--format", "junit", "--strict"], in: root)
        XCTAssertEqual(strict.status, 2, strict.stderr)
        XCTAssertTrue(strict.stderr.contains("--strict：警告也视为错误。"), strict.stderr)
        let junit = try CLI.run(["check", "--format", "junit"], in: root)
        XCTAssertEqual(junit.status, 0)
        let document = try XMLDocument(data: Data(junit.stdout.utf8))
        let out = try document.nodes(forXPath: "//testcase[@classname='xinghua.regulations-filed']/system-out").compactMap(\.stringValue)
        XCTAssertEqual(out, ["村规民约、村民自治章程备案并公布（随时公开，事项发生后10天内）：已公开 3 项，其中 1 项逾期（晚于事项发生后10天）"])
        XCTAssertEqual(try document.nodes(forXPath: "//failure").count, 0)
    }

    func testPortalShowsThemAndTheBuildWarnsOnce() throws {
        let root = try site()
        let build = try CLI.run(["build"], in: root)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(build.stderr.components(separatedBy: "红白理事会章程.md").count, 2, "once: \(build.stderr)")
        XCTAssertTrue(build.stderr.contains(Self.noDay), build.stderr)
        let html = try String(contentsOf: root.appendingPathComponent("public/disclosure/index.html"), encoding: .utf8)
        let section = try XCTUnwrap(
            html.components(separatedBy: "<section class=\"rule\" aria-labelledby=\"rule-regulations-filed\">").last?
                .components(separatedBy: "</section>").first)
        XCTAssertTrue(section.contains(">杏花村</a></th><td>3 项</td><td>1 项</td>"), section)
        let covenant = try XCTUnwrap(
            html.components(separatedBy: "aria-labelledby=\"rule-covenant-filed\">").last?
                .components(separatedBy: "</section>").first)
        XCTAssertTrue(covenant.contains(">青石社区</a></th><td>1 项</td><td>—</td>"), covenant)
    }

    func testItemOnARegulationIsExplainedNotRejected() throws {
        let root = try site()
        try writeFiles(
            [
                "content/villages/qingshi/regulations/居民公约.md":
                    "---\ntitle: 青石社区居民公约\ndate: 2026-11-02\nfiled: 2026-10-28\nitem: covenant-filed\n---\n**第一条** 爱护公共设施。\n"
            ], under: root)
        let check = try CLI.run(["check", "--format", "json", "--village", "青石社区"], in: root)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(
            check.stderr.contains(
                "content/villages/qingshi/regulations/居民公约.md:5: warning: 村规民约、居民公约本身就计入公开检查的“备案并公布”（村：regulations-filed，社区：covenant-filed），按 filed（备案日期，没有时按 adopted）计算，不用写 item（已忽略）"
            ), check.stderr)
        XCTAssertTrue(
            check.stdout.contains(#""rule": "covenant-filed", "period": null, "due": null, "status": "published", "published": "2026-11-02""#), check.stdout)
    }
}
