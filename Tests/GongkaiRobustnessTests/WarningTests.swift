import Foundation
import GongkaiTestSupport
import XCTest
@testable import GongkaiContent

/// The three example warnings — an image without alt text, a link to a missing page, an expired
/// notice without `expires` — never fail a build, unless `--strict`; then the previous output stays.
///
/// How “an expired notice without `expires`” is read: a notice (kind notice) whose title or text states
/// the last day it holds — 有效期至2025年9月1日, 有效期：2025年6月1日至9月1日, 截止日期：2025-09-01 — when
/// that day is before the as-of day and the front matter has no `expires:`. The portal would still show
/// it as current; the warning names the line and the `expires:` line to add. (A notice whose `expires`
/// is before its own `date` is an error: it would be expired the day it is published.) Notices that
/// state no end are not guessed at: most 普法 notices hold indefinitely.
final class WarningTests: XCTestCase {
    let asOf = Day(year: 2026, month: 3, day: 10)!

    func notice(_ title: String = "通知", date: String = "2025-06-20", body: String, expires: Day? = nil, kind: Kind = .notice) -> Page {
        Page(
            sourcePath: "content/villages/xinghua/notices/x.md", kind: kind, owner: .village("xinghua"), section: "notices", slug: "x",
            title: title, date: PageDate(parsing: date)!, expires: expires, body: body, bodyLine: 5, keyLines: ["title": 2])
    }

    func testStatedEndsInTheFormsEditorsWrite() {
        let cases: [(String, String?)] = [
            ("本通知有效期至2025年9月1日。", "2025-09-01"),
            ("有效期到 2025-09-01", "2025-09-01"),
            ("有效期：2025年6月1日至9月1日，请遵照执行。", "2025-09-01"),
            ("有效期为2025.6.1—2025.8.31", "2025-08-31"),
            ("报名截止日期：2025/7/15。活动于2025年8月1日举行。", "2025-07-15"),
            ("截止到2025年12月31日止", "2025-12-31"),
            ("截至2025年底，全村共有党员86名。", nil),  // 截至 (as of) is a statistic, not an end
            ("2025年9月1日起施行。", nil),  // a start, not an end
            ("有效期至2025年2月30日", nil),  // no such day
            ("有效期长期", nil),
        ]
        for (line, expected) in cases {
            XCTAssertEqual(NoticeExpiry.statedEnd(in: Substring(line))?.description, expected, line)
        }
    }

    func testAWarningOnlyWhenTheStatedDayHasPassedAndExpiresIsMissing() {
        let passed = notice(body: "全体村民：\n\n本通知有效期至2025年9月1日。\n")
        let found = NoticeExpiry.diagnostics(for: [passed], asOf: asOf)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.severity, .warning)
        XCTAssertEqual(found.first?.line, 7)
        XCTAssertTrue(found.first?.zh.contains("请在文件头加一行 expires: 2025-09-01") ?? false)
        XCTAssertTrue(found.first?.en.contains("Add a line expires: 2025-09-01") ?? false)
        // In the title.
        XCTAssertEqual(NoticeExpiry.diagnostics(for: [notice("防汛通知（有效期至2025年9月30日）", body: "正文")], asOf: asOf).first?.line, 2)
        // With expires: nothing to say.
        XCTAssertEqual(NoticeExpiry.diagnostics(for: [notice(body: "有效期至2025年9月1日。", expires: Day(year: 2025, month: 9, day: 1))], asOf: asOf), [])
        // Not yet passed.
        XCTAssertEqual(NoticeExpiry.diagnostics(for: [notice(body: "有效期至2026年9月1日。")], asOf: asOf), [])
        // Before the notice's own date: a quotation of an older notice, not this one's end.
        XCTAssertEqual(NoticeExpiry.diagnostics(for: [notice(body: "原通知有效期至2024年9月1日。")], asOf: asOf), [])
        // Only notices.
        XCTAssertEqual(NoticeExpiry.diagnostics(for: [notice(body: "有效期至2025年9月1日。", kind: .article)], asOf: asOf), [])
    }

    /// The quick look at the UTF-8 bytes passes by only text in which the search by characters finds
    /// no keyword either: keywords next to combining marks, prepended marks or joiners, across lines,
    /// and text with none at all.
    func testTheByteCheckAgreesWithTheSearchByCharacters() {
        let texts = [
            "", "有效", "有效期", "期有效", "本通知有效期至2025年9月1日。", "\u{0600}有效期至2025年9月1日", "有效期\u{0301}至2025年9月1日",
            "有\u{200B}效期至2025年9月1日", "截止\n日期：2025-09-01", "㊒效期至2025年9月1日", "截止日期：2025-09-01", "截止时间 2025.9.1",
            "截止至2025/9/1", "截止到2025年9月1日", "有效期\r\n至2025年9月1日", "e\u{301}截止日期：2025-09-01",
        ]
        for text in texts {
            let byCharacters = NoticeExpiry.keywords.contains { text.firstRange(of: $0) != nil || text.contains($0) }
            if byCharacters { XCTAssertTrue(NoticeExpiry.mentionsKeyword(text.utf8), text) }
            XCTAssertEqual(NoticeExpiry.mentionsKeyword(Substring(text).utf8), NoticeExpiry.mentionsKeyword(Array(text.utf8)), text)
            guard !text.contains(where: \.isNewline) else { continue }
            let page = notice(body: text)
            XCTAssertEqual(
                NoticeExpiry.diagnostics(for: [page, page], asOf: asOf).count,
                NoticeExpiry.statedEnd(in: Substring(text)) == nil ? 0 : 2, text)
        }
    }

    func testWarningsDoNotFailABuildUnlessStrict() throws {
        let site = try temporaryDirectory(self, name: "warnings").appendingPathComponent("site")
        try writeFiles(
            PathologicalInputTests.base.merging([
                "site.yaml": "title: 杏花村村务公开\nas-of: 2026-03-10\nbase-url: https://xinghua.example.org/\n",
                "static/logo.png": "PNG",
                "content/villages/xinghua/news/x.md": "---\ntitle: 新闻\ndate: 2026-03-01\n---\n![](/logo.png)\n\n见[防汛通知](../notices/防汛通知.md)。\n",
                "content/villages/xinghua/notices/防溺水.md": "---\ntitle: 暑期防溺水通知\ndate: 2025-06-20\n---\n本通知有效期至2025年9月1日。\n",
            ]) { $1 }, under: site)
        let built = try Gongkai.run(["build"], in: site)
        XCTAssertEqual(built.status, 0, built.description)
        for expected in [
            "content/villages/xinghua/news/x.md:5: warning: 图片缺少替代文字",
            "content/villages/xinghua/news/x.md:7: warning: 链接的页面“../notices/防汛通知.md”不存在",
            "content/villages/xinghua/notices/防溺水.md:5: warning: 这则公告写明有效期到 2025年9月1日，已经过期",
            "共 0 个错误，3 个警告",
        ] {
            XCTAssertTrue(built.stderr.contains(expected), "\(expected)\n\(built.stderr)")
        }
        let before = snapshot(site.appendingPathComponent("public"))
        XCTAssertNotNil(before)

        // A change, then --strict: the same three warnings fail the build, and public/ stays.
        try writeFiles(["content/villages/xinghua/news/y.md": "---\ntitle: 又一篇\ndate: 2026-03-02\n---\n正文\n"], under: site)
        let strict = try Gongkai.run(["build", "--strict"], in: site)
        XCTAssertEqual(strict.status, 1, strict.description)
        XCTAssertTrue(strict.stderr.contains("共 0 个错误，3 个警告"), strict.stderr)
        XCTAssertTrue(strict.stderr.contains("--strict：警告也视为错误。"), strict.stderr)
        XCTAssertTrue(strict.stderr.contains("生成失败，原有的 public/ 未被改动。"), strict.stderr)
        XCTAssertEqual(snapshot(site.appendingPathComponent("public")), before)
        XCTAssertEqual(leftovers(in: site), [])

        let english = try Gongkai.run(["build", "--strict", "--lang", "en"], in: site)
        XCTAssertEqual(english.status, 1)
        XCTAssertTrue(english.stderr.contains("--strict: warnings count as errors."), english.stderr)
        XCTAssertTrue(english.stderr.contains("0 error(s), 3 warning(s)"), english.stderr)

        // Without --strict the change is published.
        XCTAssertEqual(try Gongkai.run(["build"], in: site).status, 0)
        XCTAssertNotEqual(snapshot(site.appendingPathComponent("public")), before)
    }
}
