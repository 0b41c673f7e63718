import Foundation
import GongkaiTestSupport
import XCTest

/// `gongkai new` end to end: every kind, the disclosure period due next, and the refusals.
final class NewCommandTests: XCTestCase {
    static let files: [String: String] = [
        "site.yaml": "title: 白鹭镇\nbase-url: https://example.org/bailu/\n",
        "disclosure.yaml": "since: 2026-07-01\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n简介\n",
        "content/villages/qingshi/_village.md": "---\nname: 青石社区\ntype: community\n---\n简介\n",
        "content/villages/xinghua/disclosures/2026-07-财务.md":
            "---\ntitle: 七月财务\ndate: 2026-08-05\nitem: finance-monthly\nperiod: 2026-07\n---\n正文\n",
    ]

    func site(_ files: [String: String] = NewCommandTests.files) throws -> URL {
        let root = try temporaryDirectory(self)
        try writeFiles(files, under: root)
        return root
    }

    func read(_ root: URL, _ path: String) throws -> String {
        try String(contentsOfFile: root.path + "/" + path, encoding: .utf8)
    }

    func testEveryKindLandsInItsFolderWithItsKeysAndBuilds() throws {
        let root = try site()
        let cases: [(kind: String, folder: String, keys: [String])] = [
            ("lecture", "lectures", ["speaker", "venue", "held", "audience"]),
            ("notice", "notices", ["law", "issuer"]),
            ("regulation", "regulations", ["adopted", "filed", "version", "supersedes"]),
            ("model", "models", ["person", "category", "honors", "photo"]),
            ("article", "news", []),
        ]
        for test in cases {
            let result = try CLI.run(["new", test.kind, "--village", "xinghua", "--date", "2026-11-20", "测试：\(test.kind) 标题"], in: root)
            XCTAssertEqual(result.status, 0, "\(test.kind): \(result.stderr)")
            let path = "content/villages/xinghua/\(test.folder)/2026-11-20-测试：\(test.kind)-标题.md"
            XCTAssertTrue(result.stdout.contains("已新建 \(path)"), result.stdout)
            let text = try read(root, path)
            XCTAssertTrue(text.hasPrefix("---\ntitle: 测试：\(test.kind) 标题 "), text)
            XCTAssertTrue(text.contains("\ndate: 2026-11-20 "), text)
            for key in ["title", "date", "summary", "tags", "draft"] + test.keys {
                let line = text.split(separator: "\n").first { $0.hasPrefix("\(key):") || $0.hasPrefix("# \(key):") }
                XCTAssertNotNil(line, "\(test.kind) lacks \(key)")
                XCTAssertTrue(line?.contains("# ") ?? false, "\(test.kind): \(key) has no comment")
            }
        }
        let disclosure = try CLI.run(
            [
                "new", "disclosure", "--village", "xinghua", "--item", "finance-monthly",
                "--period", "2026-08", "--date", "2026-09-05",
            ], in: root)
        XCTAssertEqual(disclosure.status, 0, disclosure.stderr)
        let text = try read(root, "content/villages/xinghua/disclosures/2026-08-财务收支公开.md")
        XCTAssertTrue(text.contains("title: 杏花村2026年8月财务收支公开"), text)
        XCTAssertTrue(text.contains("item: finance-monthly "), text)
        XCTAssertTrue(text.contains("period: 2026-08 "), text)
        XCTAssertTrue(text.contains("应于 2026年9月10日 前公布"), text)

        let build = try CLI.run(["build"], in: root)
        XCTAssertEqual(build.status, 0, build.stderr)
        // New pages build; what is left to fill in is named (PlaceholderTests has each message).
        XCTAssertFalse(build.stderr.contains(": error: "), build.stderr)
        // The regulation's empty adopted: is named once, by the placeholder warning, not again by the check.
        XCTAssertEqual(
            build.stderr.components(separatedBy: "regulations/2026-11-20-测试：regulation-标题.md:").count, 1 + 3,
            "adopted: and the two （在这里…） instructions: \(build.stderr)")
        XCTAssertFalse(build.stderr.contains("这篇村规民约没有写 filed"), build.stderr)
        XCTAssertTrue(build.stdout.contains("已生成 7 篇内容"), build.stdout)
    }

    func testTodayInShanghaiAndChineseKindNames() throws {
        let root = try site()
        let before = CheckCommandTests.todayInShanghai()
        let result = try CLI.run(["new", "普法", "--village", "杏花村", "防诈骗", "--quiet"], in: root)
        let after = CheckCommandTests.todayInShanghai()
        XCTAssertEqual(result.status, 0, result.stderr)
        let path = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(path == "content/villages/xinghua/notices/\(before)-防诈骗.md" || path == "content/villages/xinghua/notices/\(after)-防诈骗.md", path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.path + "/" + path))

        // A title YAML would misread is quoted.
        let tricky = #"关于"两委"换届: 说明 #1"#
        let quoted = try CLI.run(["new", "article", "--village", "xinghua", "--date", "2026-11-20", tricky, "-q"], in: root)
        XCTAssertEqual(quoted.status, 0, quoted.stderr)
        let text = try read(root, quoted.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        XCTAssertTrue(text.contains(#"title: "关于\"两委\"换届: 说明 #1""#), text)
        XCTAssertEqual(try CLI.run(["build"], in: root).status, 0)
        let list = try CLI.run(["list", "pages", "--kind", "article"], in: root)
        XCTAssertTrue(list.stdout.contains(tricky), list.stdout)
    }

    func testDisclosurePeriodDefaultsToTheOneDueNext() throws {
        let root = try site()
        // July is published; August is the earliest ended month without a page.
        let first = try CLI.run(["new", "disclosure", "--village", "xinghua", "--item", "finance-monthly", "--date", "2026-11-23"], in: root)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("disclosures/2026-08-财务收支公开.md"), first.stdout)
        XCTAssertTrue(first.stdout.contains("期间：2026-08"), first.stdout)
        // Written (even as a draft), it is not proposed again: September next.
        let second = try CLI.run(["new", "disclosure", "--village", "xinghua", "--item", "finance-monthly", "--date", "2026-11-23", "--draft"], in: root)
        XCTAssertTrue(second.stdout.contains("disclosures/2026-09-财务收支公开.md"), second.stdout)
        XCTAssertTrue(try read(root, "content/villages/xinghua/disclosures/2026-09-财务收支公开.md").contains("draft: true"))
        // Quarterly: Q3 has ended and has no page.
        let quarter = try CLI.run(["new", "disclosure", "--village", "xinghua", "--item", "village-affairs-quarterly", "--date", "2026-11-23"], in: root)
        XCTAssertTrue(quarter.stdout.contains("disclosures/2026-Q3-村务公开.md"), quarter.stdout)
        // Nothing ended is open: the current period.
        let early = try CLI.run(["new", "disclosure", "--village", "xinghua", "--item", "finance-quarterly", "--date", "2026-08-01"], in: root)
        XCTAssertTrue(early.stdout.contains("disclosures/2026-Q3-集体财务公开.md"), early.stdout)
        // On-event items: the event is today unless said otherwise.
        let event = try CLI.run(["new", "disclosure", "--village", "qingshi", "--item", "community-accounts", "--date", "2026-11-23", "筹款收支"], in: root)
        XCTAssertEqual(event.status, 0, event.stderr)
        XCTAssertTrue(try read(root, "content/villages/qingshi/disclosures/2026-11-23-筹款收支.md").contains("period: 2026-11-23 "))
        XCTAssertEqual(try CLI.run(["build", "--drafts"], in: root).status, 0)
    }

    func testDisclosureMistakesAreExplained() throws {
        let root = try site()
        let cases: [(arguments: [String], fragment: String)] = [
            (["--village", "xinghua"], "要用 --item"),
            (["--village", "xinghua", "--item", "finance-montly"], "是不是 finance-monthly？"),
            (["--village", "qingshi", "--item", "finance-monthly"], "只适用于村"),
            (["--village", "xinghua", "--item", "finance-monthly", "--period", "2026-Q3"], "应写月份"),
            (["--village", "xinghua", "--item", "finance-monthly", "--period", "2026-13"], "月份只能是 01 到 12"),
        ]
        for test in cases {
            let result = try CLI.run(["new", "disclosure"] + test.arguments, in: root)
            XCTAssertEqual(result.status, 2, "\(test.arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(test.fragment), "\(test.arguments): \(result.stderr)")
        }
        let notDisclosure = try CLI.run(["new", "notice", "--village", "xinghua", "--item", "finance-monthly", "x"], in: root)
        XCTAssertEqual(notDisclosure.status, 2)
        XCTAssertTrue(notDisclosure.stderr.contains("只用于公开文件"), notDisclosure.stderr)
    }

    func testRefusesToOverwriteAndNamesKnownVillages() throws {
        let root = try site()
        let arguments = ["new", "notice", "--village", "xinghua", "--date", "2026-11-20", "宪法宣传"]
        XCTAssertEqual(try CLI.run(arguments, in: root).status, 0)
        let path = root.path + "/content/villages/xinghua/notices/2026-11-20-宪法宣传.md"
        try Data("编辑写好的内容\n".utf8).write(to: URL(fileURLWithPath: path))
        let again = try CLI.run(arguments, in: root)
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("已经存在，没有覆盖"), again.stderr)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "编辑写好的内容\n")

        let unknown = try CLI.run(["new", "notice", "--village", "xinhua", "标题"], in: root)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("--village xinhua：没有这个村或社区，是不是 杏花村（xinghua）？"), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("青石社区（qingshi）、杏花村（xinghua）"), unknown.stderr)
        let none = try CLI.run(["new", "notice", "标题"], in: root)
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.stderr.contains("请用 --village 指定"), none.stderr)
        let noTitle = try CLI.run(["new", "notice", "--village", "xinghua"], in: root)
        XCTAssertEqual(noTitle.status, 2)
        XCTAssertTrue(noTitle.stderr.contains("请写上标题"), noTitle.stderr)
        let badKind = try CLI.run(["new", "poem", "--village", "xinghua", "x"], in: root)
        XCTAssertEqual(badKind.status, 2)
        XCTAssertTrue(badKind.stderr.contains("错误："), badKind.stderr)

        let notASite = try CLI.run(["new", "notice", "--village", "x", "y"], in: try temporaryDirectory(self, name: "empty"))
        XCTAssertEqual(notASite.status, 1)
        XCTAssertTrue(notASite.stderr.contains("gongkai init"), notASite.stderr)
    }

    func testOnlyVillageNeedsNoOption() throws {
        var files = Self.files
        files["content/villages/qingshi/_village.md"] = nil
        let root = try site(files)
        let result = try CLI.run(["new", "article", "--date", "2026-11-20", "新闻"], in: root)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.path + "/content/villages/xinghua/news/2026-11-20-新闻.md"))
    }
}
