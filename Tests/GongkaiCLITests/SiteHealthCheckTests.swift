import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GongkaiTestSupport
import XCTest

/// `gongkai check` end to end on what inspectors look at besides disclosures (issue 19): column
/// health, broken links and missing attachments, footer completeness.
final class SiteHealthCheckTests: XCTestCase {
    static let notice = "content/villages/xinghua/notices/t.md"

    /// xinghua: news of 2026-11-09 (14 days before 2026-11-23), a lecture dated after the as-of day,
    /// a notice with a broken link, two missing attachments and one that exists. The footer lacks icp.
    static let files: [String: String] = [
        "site.yaml": "title: 白鹭镇\nbase-url: https://example.org/bailu/\nfooter:\n  sponsor: 白鹭镇人民政府\n  police: 某公网安备00000000000000号\n",
        "disclosure.yaml": "defaults: false\nhealth:\n  stale:\n    news: 14\n  empty: true\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n简介。\n",
        "content/villages/xinghua/news/n.md": "---\ntitle: 新闻\ndate: 2026-11-09\n---\n正文。\n",
        "content/villages/xinghua/lectures/l.md": "---\ntitle: 讲座\ndate: 2026-12-01\n---\n正文。\n",
        notice:
            "---\ntitle: 通知\ndate: 2026-11-01\n---\n见[旧通知](old.md)、[附件](/files/a.pdf)、[另一附件](b.docx)和[有的附件](/files/ok.pdf)。\n\n[网上的](https://example.org/none.pdf)\n",
        "static/files/ok.pdf": "pdf",
    ]

    func site(changing changes: [String: String?] = [:]) throws -> URL {
        var all = Self.files
        for (path, text) in changes { all[path] = text }
        let root = try temporaryDirectory(self)
        try writeFiles(all, under: root)
        return root
    }

    func check(_ root: URL, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["check", "--site", root.path] + arguments)
    }

    static let icpMessage = "网站已上线（设置了 base-url），页脚应有ICP备案编号（icp，如 蜀ICP备12345678号-1）。请在 site.yaml 的 footer: 下写 icp: …"

    func testJSONShape() throws {
        let result = try check(try site(), ["--as-of", "2026-11-23", "--format", "json"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let n = "content/villages/xinghua/news/n.md"
        let expected = """
            {
              "asOf": "2026-11-23",
              "asOfSource": "flag",
              "results": [
                {"village": null, "owner": "site", "rule": "health-empty-lectures", "section": "lectures", "status": "empty", "newest": null, "days": null, "limit": null, "pages": []},
                {"village": null, "owner": "site", "rule": "health-empty-regulations", "section": "regulations", "status": "empty", "newest": null, "days": null, "limit": null, "pages": []},
                {"village": null, "owner": "site", "rule": "health-empty-models", "section": "models", "status": "empty", "newest": null, "days": null, "limit": null, "pages": []},
                {"village": null, "owner": "site", "rule": "health-empty-disclosures", "section": "disclosures", "status": "empty", "newest": null, "days": null, "limit": null, "pages": []},
                {"village": null, "owner": "site", "rule": "health-stale-news", "section": "news", "status": "fresh", "newest": "2026-11-09", "days": 14, "limit": 14, "pages": ["\(n)"]},
                {"village": "xinghua", "owner": "village", "rule": "health-empty-lectures", "section": "lectures", "status": "empty", "newest": null, "days": null, "limit": null, "pages": []},
                {"village": "xinghua", "owner": "village", "rule": "health-stale-news", "section": "news", "status": "fresh", "newest": "2026-11-09", "days": 14, "limit": 14, "pages": ["\(n)"]},
                {"village": "xinghua", "rule": "link-broken", "status": "broken", "file": "\(Self.notice)", "line": 5, "target": "old.md", "message": "链接的页面“old.md”不存在（或是草稿）。请检查文件名和相对路径，如 ../notices/2026-11-宪法宣传.md"},
                {"village": "xinghua", "rule": "attachment-missing", "status": "missing", "file": "\(Self.notice)", "line": 5, "target": "/files/a.pdf", "message": "链接的附件“/files/a.pdf”不存在（找的是 static/files/a.pdf）。请把文件放到 static/files/a.pdf，或改正文件名"},
                {"village": "xinghua", "rule": "attachment-missing", "status": "missing", "file": "\(Self.notice)", "line": 5, "target": "b.docx", "message": "链接的文件“b.docx”不存在（找的是 content/villages/xinghua/notices/b.docx）"},
                {"village": null, "rule": "footer-icp", "status": "missing", "file": "site.yaml", "line": 3, "target": "icp", "message": "\(Self.icpMessage)"}
              ],
              "notCounted": [],
              "summary": {"published": 0, "late": 0, "missing": 0, "pending": 0, "events": 0, "eventsLate": 0, "stale": 0, "empty": 5, "findings": 4}
            }

            """
        XCTAssertEqual(result.stdout, expected)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)))

        // The day after the threshold: both news sections are stale.
        let later = try check(try site(), ["--as-of", "2026-11-24", "--format", "json"])
        XCTAssertTrue(
            later.stdout.contains(#""rule": "health-stale-news", "section": "news", "status": "stale", "newest": "2026-11-09", "days": 15, "limit": 14"#),
            later.stdout)
        XCTAssertTrue(later.stdout.contains(#""stale": 2, "empty": 5, "findings": 4}"#), later.stdout)
    }

    func testJUnitShape() throws {
        let result = try check(try site(), ["--as-of", "2026-11-24", "--format", "junit"])
        XCTAssertEqual(result.status, 1)
        let document = try XMLDocument(data: Data(result.stdout.utf8))
        XCTAssertEqual(try document.nodes(forXPath: "/testsuites/testsuite/@name").compactMap(\.stringValue), ["xinghua", "health", "links"])
        XCTAssertEqual(try document.nodes(forXPath: "/testsuites/@tests").first?.stringValue, "11")
        XCTAssertEqual(try document.nodes(forXPath: "/testsuites/@failures").first?.stringValue, "11")
        let health = try document.nodes(forXPath: "//testsuite[@name='health']/testcase").compactMap { node -> String? in
            guard let element = node as? XMLElement else { return nil }
            let failure = element.elements(forName: "failure").first?.attribute(forName: "type")?.stringValue ?? "pass"
            return "\(element.attribute(forName: "classname")?.stringValue ?? "") \(element.attribute(forName: "name")?.stringValue ?? "") \(failure)"
        }
        XCTAssertEqual(
            health,
            [
                "site.health health-empty-lectures empty", "site.health health-empty-regulations empty",
                "site.health health-empty-models empty", "site.health health-empty-disclosures empty",
                "site.health health-stale-news stale", "xinghua.health health-empty-lectures empty",
                "xinghua.health health-stale-news stale",
            ])
        let links = try document.nodes(forXPath: "//testsuite[@name='links']/testcase/@name").compactMap(\.stringValue)
        XCTAssertEqual(links, ["\(Self.notice):5", "\(Self.notice):5", "\(Self.notice):5", "site.yaml:3"])
        let types = try document.nodes(forXPath: "//testsuite[@name='links']/testcase/failure/@type").compactMap(\.stringValue)
        XCTAssertEqual(types, ["broken", "missing", "missing", "missing"])
        XCTAssertTrue(result.stdout.contains("<failure type=\"stale\" message=\"长期未更新：杏花村“新闻动态”栏目：最近一篇2026年11月9日，已15天未更新（标准14天）\">"), result.stdout)

        // On the threshold day the news cases pass, with the days in their output.
        let fresh = try check(try site(), ["--as-of", "2026-11-23", "--format", "junit"])
        XCTAssertTrue(fresh.stdout.contains("<system-out>杏花村“新闻动态”栏目：最近一篇2026年11月9日（14天前，标准14天）</system-out>"), fresh.stdout)
    }

    func testTextReport() throws {
        let result = try check(try site(), ["--as-of", "2026-11-24"])
        XCTAssertEqual(result.status, 1)
        for line in [
            "════ 栏目更新情况（截至2026年11月24日）：长期未更新 2 个，空白栏目 5 个",
            "  · 杏花村“新闻动态”栏目：最近一篇2026年11月9日，已15天未更新（标准14天）（content/villages/xinghua/news/n.md）",
            "  · 杏花村“党课与宣讲”栏目：只有 1 篇日期在2026年11月24日之后的内容，在这一天还不算发布，是空白栏目",
            "  · 全站“村规民约”栏目：没有一篇内容（空白栏目）",
            "════ 链接、附件和页脚：4 处问题",
            "  \(Self.notice):5: 链接失效：链接的页面“old.md”不存在（或是草稿）",
            "  \(Self.notice):5: 附件缺失：链接的附件“/files/a.pdf”不存在（找的是 static/files/a.pdf）",
            "  site.yaml:3: 页脚缺项：\(Self.icpMessage)",
        ] {
            XCTAssertTrue(result.stdout.contains(line), "\(line)\n\(result.stdout)")
        }
        XCTAssertFalse(result.stdout.contains("https://example.org/none.pdf"), "nothing is fetched or checked on the network")
        let english = try check(try site(), ["--as-of", "2026-11-24", "--lang", "en"])
        XCTAssertTrue(english.stdout.contains("==== Column health (as of 2026-11-24): 2 stale, 5 empty"), english.stdout)
        XCTAssertTrue(english.stdout.contains("\(Self.notice):5: broken link: the linked page \"old.md\" does not exist"), english.stdout)
    }

    /// Each kind of finding fails the check (exit 1) by itself; fixing all of them passes (exit 0).
    func testExitStatus() throws {
        let clean: [String: String?] = [
            Self.notice: "---\ntitle: 通知\ndate: 2026-11-01\n---\n见[有的附件](/files/ok.pdf)。\n",
            "site.yaml": "title: 白鹭镇\nbase-url: https://example.org/bailu/\nfooter:\n  sponsor: 白鹭镇人民政府\n  icp: 某ICP备1号\n  police: 某公网安备1号\n",
            "disclosure.yaml": "defaults: false\n",
        ]
        var cases: [(name: String, changes: [String: String?], asOf: String, status: Int32)] = [
            ("all fixed, health off", clean, "2026-11-24", 0),
            (
                "health on, news on its 14th day", clean.merging(["disclosure.yaml": "defaults: false\nhealth:\n  stale:\n    news: 14\n"]) { $1 },
                "2026-11-23", 0
            ),
            (
                "health on, news on its 15th day", clean.merging(["disclosure.yaml": "defaults: false\nhealth:\n  stale:\n    news: 14\n"]) { $1 },
                "2026-11-24", 1
            ),
            ("an empty section", clean.merging(["disclosure.yaml": "defaults: false\nhealth:\n  empty: true\n"]) { $1 }, "2026-11-24", 1),
            ("a broken link", clean.merging([Self.notice: "---\ntitle: 通知\ndate: 2026-11-01\n---\n[旧](old.md)\n"]) { $1 }, "2026-11-24", 1),
            ("a missing attachment", clean.merging([Self.notice: "---\ntitle: 通知\ndate: 2026-11-01\n---\n[附件](/files/none.pdf)\n"]) { $1 }, "2026-11-24", 1),
            (
                "no police number", clean.merging(["site.yaml": "title: 白鹭镇\nbase-url: https://example.org/\nfooter:\n  sponsor: 镇\n  icp: 某ICP备1号\n"]) { $1 },
                "2026-11-24", 1
            ),
            ("no footer at all, no base-url", clean.merging(["site.yaml": "title: 白鹭镇\n"]) { $1 }, "2026-11-24", 0),
        ]
        cases.append(
            (
                "a government site without site-code",
                clean.merging([
                    "site.yaml": "title: 白鹭镇\ngovernment-site: true\nbase-url: https://example.org/\nfooter:\n  sponsor: 镇\n  icp: 某ICP备1号\n  police: 某公网安备1号\n"
                ]) { $1 }, "2026-11-24", 1
            ))
        for test in cases {
            let root = try site(changing: test.changes)
            for format in ["text", "json", "junit"] {
                let result = try check(root, ["--as-of", test.asOf, "--format", format])
                XCTAssertEqual(result.status, test.status, "\(test.name) (\(format)): \(result.stdout)\(result.stderr)")
            }
        }
        let government = try check(try site(changing: cases.last!.changes), ["--as-of", "2026-11-24"])
        XCTAssertTrue(government.stdout.contains("site.yaml:4: 页脚缺项：site.yaml 写明这是政府网站（government-site: true），页脚应有政府网站标识码"), government.stdout)
    }

    /// --village keeps that village's sections and the findings in its files.
    func testVillageOption() throws {
        let result = try check(try site(), ["--as-of", "2026-11-24", "--format", "json", "--village", "xinghua"])
        XCTAssertEqual(result.status, 1)
        XCTAssertFalse(result.stdout.contains("\"owner\": \"site\""))
        XCTAssertFalse(result.stdout.contains("footer-icp"))
        XCTAssertTrue(result.stdout.contains("\"owner\": \"village\""))
        XCTAssertTrue(result.stdout.contains("link-broken"))
    }

    /// Input errors in `health:` exit 2 with file and line, in every format.
    func testInputErrorsExitWithTwo() throws {
        let root = try site(changing: ["disclosure.yaml": "defaults: false\nhealth:\n  profile: gov2019\n"])
        for format in ["text", "json", "junit"] {
            let result = try check(root, ["--as-of", "2026-11-24", "--format", format])
            XCTAssertEqual(result.status, 2)
            XCTAssertEqual(result.stdout, "")
            XCTAssertTrue(result.stderr.contains("disclosure.yaml:3: error: health 的标准“gov2019”不存在，是不是“gov-2019”？"), result.stderr)
        }
    }
}
