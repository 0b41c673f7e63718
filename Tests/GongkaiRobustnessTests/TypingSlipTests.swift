import Foundation
import GongkaiTestSupport
import XCTest

/// What a clerk typing with a Chinese input method gets wrong in front matter, built with the real binary:
/// the message names the line the slip is on (libyaml notices it a line later), says what it is in Chinese
/// without libyaml's English, and shows the line as it should read. Dates written the way people write
/// them are answered with the `YYYY-MM-DD` meant; numbers with an example within the limit; a Chinese
/// comma in a list makes two items.
final class TypingSlipTests: XCTestCase {
    static let page = "content/villages/xinghua/notices/通知.md"

    /// Builds the base site with `page` holding `frontMatter`; returns stderr (the build must fail).
    func failingBuild(
        _ frontMatter: String, file: String = page, site extra: [String: String] = [:],
        line: UInt = #line
    ) throws -> String {
        let site = try temporaryDirectory(self, name: "slip").appendingPathComponent("site")
        var files = PathologicalInputTests.base.merging(extra) { $1 }
        files[file] = "---\n" + frontMatter + "---\n正文。\n"
        try writeFiles(files, under: site)
        let run = try Gongkai.run(["build"], in: site)
        XCTAssertEqual(run.status, 1, run.description, line: line)
        XCTAssertFalse(run.signalled, line: line)
        return run.stderr
    }

    func testSlipsAreReportedOnTheirOwnLineInChinese() throws {
        let p = Self.page
        let cases: [(String, String)] = [
            (
                "title: 通知\ndate：2026-10-03\ntags: [普法]\n",
                "\(p):3: error: “date”后面是中文冒号“：”。文件头里要用英文冒号加一个空格，请写成：date: 2026-10-03"
            ),
            (
                "title：通知\ndate: 2026-10-03\n",
                "\(p):2: error: “title”后面是中文冒号“：”。文件头里要用英文冒号加一个空格，请写成：title: 通知"
            ),
            // A line of `gongkai new`'s scaffold keeps its explanation after `#`: the fix shows the line
            // without it, ending at the value.
            (
                "title: 通知\ndate：2026-12-02                  # 发布日期（北京时间），写成 YYYY-MM-DD\n",
                "\(p):3: error: “date”后面是中文冒号“：”。文件头里要用英文冒号加一个空格，请写成：date: 2026-12-02\n"
            ),
            (
                "title：通知\ndate：2026-10-03\n",
                "\(p):2: error: “title”后面是中文冒号“：”"
            ),
            (
                "title: 通知\n\u{3000}date: 2026-10-03\n",
                "\(p):3: error: 这一行开头有全角空格“　”（中文输入法打出的空格）。文件头里不能用全角空格，请删掉它，写成：date: 2026-10-03"
            ),
            (
                "title: 通知\ndate:\u{3000}2026-10-03\nsummary: 好\n",
                "\(p):3: error: “date:”后面是全角空格“　”。冒号后面要用英文空格，请写成：date: 2026-10-03"
            ),
            (
                "title: 通知\n\tdate: 2026-10-03\n",
                "\(p):3: error: 这一行开头是 Tab 键打出的制表符。文件头里缩进只能用空格"
            ),
            (
                "title: 通知\ndate: 2026-10-03\ntags:\n\t- 普法\n",
                "\(p):5: error: 这一行开头是 Tab 键打出的制表符"
            ),
            (
                "title\u{3000}: 通知\ndate: 2026-10-03\n",
                "\(p):2: error: “title”和冒号之间有全角空格“　”。请删掉它，写成：title: 通知"
            ),
            (
                "title: 通知\ndate:2026-10-03\nsummary: 好\n",
                "\(p):3: error: “date:”后面少了一个空格。冒号和值之间要有一个英文空格，请写成：date: 2026-10-03"
            ),
            // libyaml's own errors, in Chinese, where the thing to fix is.
            (
                "title: 通知: 关于防汛\ndate: 2026-10-03\n",
                "\(p):2:10: error: YAML 格式错误：这里多了一个冒号：值里含有英文冒号“:”时，请给整个值加英文引号"
            ),
            (
                "title: 通知\ndate: 2026-10-03\ntags: [普法, 消防\n",
                "\(p):4: error: YAML 格式错误：方括号列表没有写完"
            ),
            (
                "title: \"通知\ndate: 2026-10-03\n",
                "\(p):2: error: YAML 格式错误：引号没有配对"
            ),
        ]
        for (frontMatter, expected) in cases {
            let stderr = try failingBuild(frontMatter)
            XCTAssertTrue(stderr.contains(expected), "\(frontMatter)\nexpected: \(expected)\n\(stderr)")
            XCTAssertNil(
                stderr.range(of: "could not|found |expected|mapping values|character", options: .caseInsensitive),
                "libyaml's English in a Chinese message:\n\(stderr)")
        }
    }

    /// The `---` lines typed with a Chinese input method on: `——` (em dashes) or `－－－` (full-width).
    func testFencesOfChineseDashes() throws {
        let site = try temporaryDirectory(self, name: "fence").appendingPathComponent("site")
        try writeFiles(
            PathologicalInputTests.base.merging([
                "content/villages/xinghua/news/a.md": "——————\ntitle: 一\ndate: 2026-03-01\n---\n正文\n",
                "content/villages/xinghua/news/b.md": "---\ntitle: 二\ndate: 2026-03-01\n－－－\n正文\n",
            ]) { $1 }, under: site)
        let run = try Gongkai.run(["build"], in: site)
        XCTAssertEqual(run.status, 1, run.description)
        XCTAssertTrue(run.stderr.contains("news/a.md:1: error: 第一行的“——————”是中文输入法打出的横线。文件头要以三个英文短横线 --- 开始和结束"), run.stderr)
        XCTAssertTrue(run.stderr.contains("news/b.md:4: error: 这一行的横线是中文输入法打出的，不能结束文件头。请改成三个英文短横线 ---"), run.stderr)
    }

    func testSlipsInSiteYAMLToo() throws {
        let stderr = try failingBuild(
            "title: 通知\ndate: 2026-10-03\n",
            site: ["site.yaml": "title: 杏花村村务公开\nfooter:\n  sponsor：白鹭镇人民政府\n"])
        XCTAssertTrue(stderr.contains("site.yaml:3: error: “sponsor”后面是中文冒号“：”。文件头里要用英文冒号加一个空格，请写成：sponsor: 白鹭镇人民政府"), stderr)
    }

    func testADateWrittenAnotherWayIsAnsweredWithTheDayMeant() throws {
        let p = Self.page
        let cases: [(String, String)] = [
            ("2026/10/3", "\(p):3: error: 日期“2026/10/3”无效。日期要写成“年-月-日”，月和日都写两位：date: 2026-10-03"),
            ("2026年10月3日", "日期“2026年10月3日”无效。日期要写成“年-月-日”，月和日都写两位：date: 2026-10-03"),
            ("２０２６－１０－０３", "日期“２０２６－１０－０３”无效。日期要写成“年-月-日”，月和日都写两位：date: 2026-10-03"),
            ("2026.10.3", "：date: 2026-10-03"),
            ("2026-1-5", "：date: 2026-01-05"),
            ("20261003", "：date: 2026-10-03"),
            ("2026-02-30", "日期“2026-02-30”无效：2026年2月只有 28 天，没有 30 日。请检查日期，写成 YYYY-MM-DD，如 date: 2026-02-28"),
            ("昨天", "日期“昨天”无效，请写成 YYYY-MM-DD（年-月-日），如 date: 2026-11-08"),
        ]
        for (written, expected) in cases {
            let stderr = try failingBuild("title: 通知\ndate: \(written)\n")
            XCTAssertTrue(stderr.contains(expected), "\(written)\nexpected: \(expected)\n\(stderr)")
        }
        // Any date key: expires gets its own name in the example.
        let expires = try failingBuild("title: 通知\ndate: 2026-10-01\nexpires: 2026/12/31\n")
        XCTAssertTrue(expires.contains("\(p):4: error: 日期“2026/12/31”无效。日期要写成“年-月-日”，月和日都写两位：expires: 2026-12-31"), expires)
    }

    func testANumberErrorGivesAnExampleWithinTheLimit() throws {
        let pageSize = try failingBuild(
            "title: 通知\ndate: 2026-10-03\n",
            site: ["site.yaml": "title: 杏花村村务公开\npage-size: 二十\n"])
        XCTAssertTrue(pageSize.contains("site.yaml:2: error: “page-size”应为整数（只写阿拉伯数字），如 page-size: 20"), pageSize)
        let tooMany = try failingBuild(
            "title: 通知\ndate: 2026-10-03\n",
            site: ["site.yaml": "title: 杏花村村务公开\npage-size: 5000\n"])
        XCTAssertTrue(tooMany.contains("site.yaml:2: error: page-size 应在 1 到 1000 之间（5000 不行），一般每页 20 篇：page-size: 20"), tooMany)
        let households = try failingBuild(
            "title: 通知\ndate: 2026-10-03\n",
            site: ["content/villages/xinghua/_village.md": "---\nname: 杏花村\nhouseholds: 四百户\n---\n简介\n"])
        XCTAssertTrue(households.contains("_village.md:3: error: “households”应为整数（只写阿拉伯数字），如 households: 420"), households)
        let due = try failingBuild(
            "title: 通知\ndate: 2026-10-03\n",
            site: ["disclosure.yaml": "rules:\n  - id: finance-monthly\n    due: 十天\n"])
        XCTAssertTrue(due.contains("disclosure.yaml:3: error: “due”应为整数（只写阿拉伯数字），如 due: 10"), due)
    }

    /// `tags: [普法，消防]` typed with the Chinese comma: two tags, two tag pages, no `普法-消防`.
    func testAChineseCommaInAListMakesTwoItems() throws {
        let site = try temporaryDirectory(self, name: "tags").appendingPathComponent("site")
        try writeFiles(
            PathologicalInputTests.base.merging([
                Self.page: "---\ntitle: 通知\ndate: 2026-03-01\ntags: [普法，消防]\n---\n正文。\n",
                "content/villages/xinghua/news/x.md": "---\ntitle: 新闻\ndate: 2026-03-02\ntags: 宪法、民法典\n---\n正文。\n",
            ]) { $1 }, under: site)
        let run = try Gongkai.run(["build"], in: site)
        XCTAssertEqual(run.status, 0, run.description)
        let tags = site.appendingPathComponent("public/tags")
        let folders = try FileManager.default.contentsOfDirectory(atPath: tags.path).filter { !$0.hasSuffix(".html") }.sorted()
        XCTAssertEqual(folders, ["宪法", "普法", "民法典", "消防"])
        let page = try String(contentsOf: site.appendingPathComponent("public/villages/xinghua/notices/通知.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("普法</a>") && page.contains("消防</a>"), page)
        XCTAssertFalse(page.contains("普法，消防"))
    }
}
