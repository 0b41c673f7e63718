import Foundation
import GongkaiTestSupport
import XCTest

/// `gongkai list` end to end.
final class ListCommandTests: XCTestCase {
    static let files: [String: String] = [
        "site.yaml": "title: 白鹭镇\nas-of: 2026-11-23\n",
        "disclosure.yaml": "since: 2026-09-01\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n",
        "content/villages/qingshi/_village.md": "---\nname: 青石社区\ntype: community\n---\n",
        "content/villages/xinghua/notices/防溺水.md": "---\ntitle: 暑期防溺水安全提示\ndate: 2026-06-15\nexpires: 2026-09-01\n---\n正文\n",
        "content/villages/xinghua/notices/宪法.md": "---\ntitle: 宪法宣传周活动安排\ndate: 2026-11-20\nexpires: 2026-12-31\n---\n正文\n",
        "content/villages/xinghua/news/草稿.md": "---\ntitle: 还没写完的新闻\ndate: 2026-11-21\ndraft: true\n---\n正文\n",
        "content/villages/qingshi/lectures/讲座.md": "---\ntitle: 赡养与继承法治讲座\ndate: 2026-10-10\n---\n正文\n",
        "content/villages/xinghua/disclosures/9月.md": "---\ntitle: 九月财务\ndate: 2026-10-08\nitem: finance-monthly\nperiod: 2026-09\n---\n正文\n",
    ]

    func site() throws -> URL {
        let root = try temporaryDirectory(self)
        try writeFiles(Self.files, under: root)
        return root
    }

    func testVillagesByDefault() throws {
        let result = try CLI.run(["list"], in: try site())
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("编号"), result.stdout)
        XCTAssertTrue(lines[0].contains("公开检查（截至2026年11月23日）"), lines[0])
        let qingshi = try XCTUnwrap(lines.first { $0.hasPrefix("qingshi") })
        XCTAssertTrue(qingshi.contains("青石社区") && qingshi.contains("社区") && qingshi.contains("暂无公开（也没有逾期未公开的）"), qingshi)
        let xinghua = try XCTUnwrap(lines.first { $0.hasPrefix("xinghua") })
        // Checked from September: September published, October missing (due 11-10); no quarter has ended since.
        XCTAssertTrue(xinghua.contains("未公开 1 期，已按时公开 1 期"), xinghua)
        XCTAssertEqual(
            xinghua.split(separator: " ", omittingEmptySubsequences: true).prefix(5).map(String.init),
            ["xinghua", "杏花村", "村", "3", "1"])
        XCTAssertEqual(lines.last, "共 2 个村（社区）；公开检查截至2026年11月23日（site.yaml 的 as-of），详见 gongkai check")
        // Columns line up, counting a Chinese character as two columns.
        XCTAssertEqual(Set([lines[0], qingshi, xinghua].map { Self.column(of: "  ", in: $0) }).count, 1)
    }

    func testPagesDraftsAndExpired() throws {
        let root = try site()
        let pages = try CLI.run(["list", "pages"], in: root)
        XCTAssertEqual(pages.status, 0, pages.stderr)
        XCTAssertTrue(pages.stdout.contains("宪法宣传周活动安排"))
        XCTAssertTrue(pages.stdout.contains("content/villages/qingshi/lectures/讲座.md"))
        XCTAssertFalse(pages.stdout.contains("还没写完的新闻"), "drafts are not pages")
        XCTAssertTrue(pages.stdout.contains("共 4 篇"), pages.stdout)
        let titles = pages.stdout.split(separator: "\n").dropFirst().prefix(4).map { line in
            ["宪法宣传周活动安排", "九月财务", "赡养与继承法治讲座", "暑期防溺水安全提示"].first { line.contains($0) } ?? ""
        }
        XCTAssertEqual(titles, ["宪法宣传周活动安排", "赡养与继承法治讲座", "九月财务", "暑期防溺水安全提示"], "newest first")

        let filtered = try CLI.run(["list", "pages", "--village", "xinghua", "--kind", "notice"], in: root)
        XCTAssertTrue(filtered.stdout.contains("共 2 篇"), filtered.stdout)
        XCTAssertTrue(try CLI.run(["list", "pages", "--kind", "普法"], in: root).stdout.contains("共 2 篇"))

        let drafts = try CLI.run(["list", "drafts"], in: root)
        XCTAssertTrue(drafts.stdout.contains("还没写完的新闻"), drafts.stdout)
        XCTAssertTrue(drafts.stdout.contains("共 1 篇"), drafts.stdout)
        XCTAssertTrue(try CLI.run(["list", "drafts", "--village", "qingshi"], in: root).stdout.contains("没有草稿。"))

        let expired = try CLI.run(["list", "expired"], in: root)
        XCTAssertTrue(expired.stdout.contains("暑期防溺水安全提示"), expired.stdout)
        XCTAssertTrue(expired.stdout.contains("2026-09-01"), expired.stdout)
        XCTAssertFalse(expired.stdout.contains("宪法宣传周活动安排"), expired.stdout)
        let later = try CLI.run(["list", "expired", "--as-of", "2027-01-01"], in: root)
        XCTAssertTrue(later.stdout.contains("宪法宣传周活动安排"), later.stdout)
        XCTAssertTrue(try CLI.run(["list", "expired", "--as-of", "2026-08-01"], in: root).stdout.contains("没有过期的内容"))
    }

    func testMistakesAndBrokenContent() throws {
        let root = try site()
        let unknown = try CLI.run(["list", "pages", "--village", "xinhua"], in: root)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("是不是 杏花村（xinghua）？"), unknown.stderr)
        XCTAssertEqual(try CLI.run(["list", "everything"], in: root).status, 2)
        XCTAssertEqual(try CLI.run(["list", "expired", "--as-of", "2026-13-01"], in: root).status, 2)

        try writeFiles(["content/villages/xinghua/news/坏.md": "---\ntitle: 坏\ndate: 2026-02-30\n---\n"], under: root)
        let broken = try CLI.run(["list", "pages"], in: root)
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stdout.contains("宪法宣传周活动安排"), "what loads is still listed")
        XCTAssertTrue(broken.stderr.contains("content/villages/xinghua/news/坏.md:3: error:"), broken.stderr)

        let english = try CLI.run(["list", "--lang", "en"], in: try site())
        XCTAssertTrue(english.stdout.hasPrefix("id"), english.stdout)
        XCTAssertTrue(english.stdout.contains("2 village(s)"), english.stdout)
    }

    /// Display column where `separator` first occurs after the first cell (CJK characters count two).
    static func column(of separator: String, in line: String) -> Int {
        guard let range = line.range(of: separator) else { return -1 }
        var rest = line[range.lowerBound...]
        while rest.hasPrefix(" ") { rest = rest.dropFirst() }
        let prefix = line[..<rest.startIndex]
        return prefix.unicodeScalars.reduce(0) { $0 + ((0x2E80...0xFFEF).contains($1.value) ? 2 : 1) }
    }
}
