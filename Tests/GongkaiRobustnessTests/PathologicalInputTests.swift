import Foundation
import GongkaiTestSupport
import XCTest

/// Inputs built to break parsers and renderers: each must build, or fail with a message, within a
/// minute — never crash, never hang. Runs the real binary.
final class PathologicalInputTests: XCTestCase {
    static let base: [String: String] = [
        "site.yaml": "title: 杏花村村务公开\nas-of: 2026-03-10\nbase-url: https://xinghua.example.org/\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n简介\n",
    ]
    static let page = "content/villages/xinghua/news/x.md"

    /// Builds a site whose page has `body` (and `frontMatter` lines); returns the result for more checks.
    @discardableResult
    func assertSurvives(
        _ body: String, frontMatter: String = "", extra: [String: String] = [:], fileName: String = page,
        limit: Double = 60, quiet: Bool = true, file: StaticString = #filePath, line: UInt = #line
    ) throws -> Gongkai.Result {
        let root = try temporaryDirectory(self, name: "patho")
        var files = Self.base.merging(extra) { _, new in new }
        files[fileName] = "---\ntitle: 极端内容\ndate: 2026-03-01\n\(frontMatter)---\n\(body)"
        try writeFiles(files, under: root)
        let result = try Gongkai.run(["build"] + (quiet ? ["--quiet"] : []), in: root, timeout: limit)
        XCTAssertFalse(result.timedOut, "hung: \(result.description)", file: file, line: line)
        XCTAssertFalse(result.signalled, "crashed: \(result.description)", file: file, line: line)
        XCTAssertTrue([0, 1].contains(result.status), result.description, file: file, line: line)
        XCTAssertFalse(result.stderr.contains("Fatal error"), result.description, file: file, line: line)
        if result.status == 1 {
            XCTAssertTrue(result.stderr.contains(": error: "), "failed without saying why: \(result.description)", file: file, line: line)
            XCTAssertTrue(leftovers(in: root).isEmpty, file: file, line: line)
        } else {
            XCTAssertNotNil(snapshot(root.appendingPathComponent("public")), file: file, line: line)
        }
        return result
    }

    func testTenThousandNestedLists() throws {
        try assertSurvives(String(repeating: "- ", count: 10_000) + "最里层\n")
        try assertSurvives(String(repeating: "1. ", count: 10_000) + "最里层\n")
        // Indented, one level per line: 2,000 levels (the indentation alone is 4 MB).
        try assertSurvives((0..<2_000).map { String(repeating: " ", count: $0 * 2) + "- 第\($0)层\n" }.joined())
    }

    func testTenThousandNestedBlockQuotes() throws {
        try assertSurvives(String(repeating: "> ", count: 10_000) + "引用\n")
        try assertSurvives(String(repeating: "> - ", count: 5_000) + "引用里的列表\n")
    }

    func testDeeplyNestedInlines() throws {
        try assertSurvives(String(repeating: "[", count: 10_000) + "链接" + String(repeating: "](x)", count: 10_000) + "\n")
        try assertSurvives(String(repeating: "*", count: 10_000) + "强调" + String(repeating: "*", count: 10_000) + "\n")
        try assertSurvives(String(repeating: "`", count: 10_000) + "代码" + String(repeating: "`", count: 9_999) + "\n")
        try assertSurvives(String(repeating: "<a>", count: 10_000) + "\n")
    }

    func testTenMegabyteFile() throws {
        let paragraph = "村民代表会议审议通过了《杏花村村规民约（2026年修订）》，**全体村民**应当遵守。详见[公告](https://example.org)。\n\n"
        let count = 10 * 1024 * 1024 / paragraph.utf8.count + 1
        let result = try assertSurvives(String(repeating: paragraph, count: count))
        XCTAssertEqual(result.status, 0, result.description)
    }

    func testTenThousandLinksOnOnePage() throws {
        var extra: [String: String] = [:]
        for n in 0..<20 { extra["content/villages/xinghua/news/p\(n).md"] = "---\ntitle: 第\(n)篇\ndate: 2026-03-01\n---\n正文\n" }
        let links = (0..<10_000).map { n in
            n % 2 == 0 ? "[第\(n)个](p\(n % 20).md)" : "[外链\(n)](https://example.org/\(n))"
        }.joined(separator: " ")
        let result = try assertSurvives(links + "\n", extra: extra)
        XCTAssertEqual(result.status, 0, result.description)
        // Broken links: 10,000 warnings, printed and counted.
        let broken = (0..<10_000).map { "[缺\($0)](missing\($0).md)" }.joined(separator: "\n")
        let warned = try assertSurvives(broken + "\n", quiet: false)
        XCTAssertEqual(warned.status, 0)
        XCTAssertTrue(warned.stderr.contains("共 0 个错误，10000 个警告"), String(warned.stderr.suffix(300)))
    }

    func testHundredThousandCharacterLine() throws {
        let result = try assertSurvives(String(repeating: "字", count: 100_000) + "\n")
        XCTAssertEqual(result.status, 0, result.description)
        try assertSurvives(String(repeating: "a", count: 100_000) + "\n")
        try assertSurvives("summary ok\n", frontMatter: "summary: " + String(repeating: "摘", count: 100_000) + "\n")
    }

    func testManyHeadingsImagesAndRawHTML() throws {
        try assertSurvives(String(repeating: "## 同名标题\n\n", count: 10_000))
        try assertSurvives(String(repeating: "![](no-alt.png) ", count: 5_000) + "\n")
        try assertSurvives(String(repeating: "<div onclick=\"alert(1)\">x</div>\n\n", count: 10_000))
    }

    func testHugeTables() throws {
        let csv = "```csv\n" + (0..<500).map { row in (0..<200).map { "\(row * $0)" }.joined(separator: ",") }.joined(separator: "\n") + "\n```\n"
        try assertSurvives(csv)
        let pipe =
            "|" + String(repeating: " a |", count: 2_000) + "\n|" + String(repeating: "---|", count: 2_000) + "\n"
            + String(repeating: "|" + String(repeating: " b |", count: 2_000) + "\n", count: 200)
        try assertSurvives(pipe)
    }

    func testControlCharactersAndOddUnicode() throws {
        let odd = "\u{1}\u{2}\u{7}\u{1B}[31m \u{200B}\u{FEFF}\u{202E}倒序\u{202C} \u{FFFD} 🏳️‍🌈👨‍👩‍👧‍👦 e\u{301}\u{301}\u{301}\n"
        // In the text: control characters are dropped, the rest kept.
        let result = try assertSurvives(String(repeating: odd, count: 1_000), frontMatter: "summary: \"\u{200B}\u{202E}摘要\"\n")
        XCTAssertEqual(result.status, 0, result.description)
        // In the front matter, YAML refuses them: the message names the line and the character.
        let refused = try assertSurvives("正文\n", frontMatter: "tags: [甲]\nsummary: \"\u{1B}[31m摘要\"\n")
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("x.md:5: error: 这一行有看不见的控制字符（U+001B）"), refused.stderr)
    }

    func testHugeNumbersAndCounts() throws {
        try assertSurvives(
            "正文\n",
            extra: [
                "content/villages/xinghua/_village.md":
                    "---\nname: 杏花村\ntype: village\npopulation: 99999999999999999999\nhouseholds: -9223372036854775808\n---\n"
            ])
        try assertSurvives("正文\n", extra: ["site.yaml": "title: t\npage-size: 0\n"])
        try assertSurvives("正文\n", extra: ["site.yaml": "title: t\npage-size: 1\n"])
        try assertSurvives("正文\n", frontMatter: "expires: 9999-12-31\n")
        try assertSurvives("正文\n", frontMatter: "date: 9999-12-31T23:59:59-14:00\n")
        try assertSurvives(
            "正文\n",
            extra: ["disclosure.yaml": "rules:\n  - id: x\n    name: X\n    applies-to: [village]\n    cadence: monthly\n    due: 9223372036854775807\n"])
        XCTAssertEqual(try assertSurvives("正文\n", extra: ["disclosure.yaml": "since: 0001-01-01\n"], limit: 30).status, 1)
        XCTAssertEqual(try assertSurvives("正文\n", extra: ["site.yaml": "title: t\nas-of: 9999-12-31\n"], limit: 30).status, 1)
        // The widest span allowed, 1988 to 2199: thousands of monthly periods, still quick.
        XCTAssertEqual(
            try assertSurvives(
                "正文\n",
                extra: [
                    "site.yaml": "title: t\nas-of: 2199-12-31\nbase-url: https://x.example/\n",
                    "disclosure.yaml": "since: 1988-01-01\n",
                ], limit: 30
            ).status, 0)
        try assertSurvives(
            "正文\n",
            extra: [
                "content/villages/xinghua/disclosures/d.md":
                    "---\ntitle: 公开\ndate: 9999-12-31\nitem: finance-monthly\nperiod: 9999-12\n---\n"
            ])
    }

    /// YAML reads `1:30` as a number of base 60 (90); a long one passed Int's range and stopped the
    /// program with a stack trace. It is now no number, and the message asks for one.
    func testHugeBaseSixtyNumber() throws {
        let result = try assertSurvives(
            "正文\n",
            extra: [
                "content/villages/xinghua/_village.md":
                    "---\nname: 杏花村\ntype: village\npopulation: 1:0:0:0:0:0:0:0:0:0:0:0\nhouseholds: 9223372036854775807:0\n---\n"
            ])
        XCTAssertEqual(result.status, 1, result.description)
        XCTAssertTrue(result.stderr.contains("content/villages/xinghua/_village.md:4: error: “population”应为整数（只写阿拉伯数字），如 population: 1295"), result.stderr)
        XCTAssertTrue(result.stderr.contains("content/villages/xinghua/_village.md:5: error: “households”应为整数"), result.stderr)
    }

    /// Two versions of a regulation (`supersedes`) whose every paragraph changed a little: the version
    /// history compares them paragraph by paragraph and character by character, which is quadratic.
    func testHugeRegulationVersions() throws {
        var random = SeededGenerator(seed: 7)
        let characters = Array("村民应当遵守宪法法律法规和本村规民约爱护公共财物保护环境")
        for (count, length) in [(100, 2_900), (2_000, 500)] {
            let old = (0..<count).map { _ in String((0..<length).map { _ in characters[Int.random(in: 0..<characters.count, using: &random)] }) }
            let new = old.map { paragraph -> String in
                var text = Array(paragraph)
                text[length / 2] = "改"
                return String(text)
            }
            let regulations = "content/villages/xinghua/regulations/"
            let result = try assertSurvives(
                "正文\n",
                extra: [
                    regulations + "v1.md": "---\ntitle: 村规民约（旧）\ndate: 2025-01-01\n---\n" + old.joined(separator: "\n\n") + "\n",
                    regulations + "v2.md": "---\ntitle: 村规民约（新）\ndate: 2026-01-01\nsupersedes: v1\n---\n" + new.joined(separator: "\n\n") + "\n",
                ], limit: 60)
            XCTAssertEqual(result.status, 0, result.description)
            XCTAssertLessThan(result.seconds, 30, "\(count) paragraphs of \(length) characters")
        }
    }

    /// “Billion laughs”: aliases of aliases, 10⁹ items if expanded.
    func testYAMLAliasBomb() throws {
        var yaml = "l0: &l0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]\n"
        for level in 1...9 {
            yaml += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let result = try assertSurvives("正文\n", frontMatter: yaml + "tags: *l9\nsummary: *l9\n", limit: 30)
        XCTAssertEqual(result.status, 1, result.description)
        XCTAssertTrue(result.stderr.contains("“tags”的每一项都应是一段文字"), result.stderr)
    }

    func testFileNameTooLongForAnOutputFile() throws {
        // 254 bytes of name: the page's output name (`….html`) would pass the file system's 255-byte limit.
        let name = String(repeating: "长", count: 83) + "xx.md"
        let result = try assertSurvives("正文\n", fileName: "content/villages/xinghua/news/\(name)")
        XCTAssertEqual(result.status, 1, result.description)
        XCTAssertTrue(result.stderr.contains("content/villages/xinghua/news/\(name):1: error: 网址名太长（251 字节"), result.stderr)
    }
}
