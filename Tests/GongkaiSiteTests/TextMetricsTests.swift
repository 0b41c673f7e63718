import Foundation
import XCTest
import GongkaiContent
import GongkaiMarkdown
@testable import GongkaiSite

/// Summaries, reading time, slugs and heading ids, right for Chinese.
final class TextMetricsTests: XCTestCase {
    /// Every code point the fast summary and CSV split take as simple is a character of its own beside any other.
    func testSimpleCodePointsAreCharactersOfTheirOwn() {
        var simple = 0
        for v in UInt32(0)...0x10FFFF where SimpleScalars.contains(v) {
            let scalar = Unicode.Scalar(v)!
            simple += 1
            for other in ["a", "中", "。", "\n", " ", "\u{A0}", "\u{3000}", "\u{2026}", "\u{FF01}"] as [Unicode.Scalar] + [scalar] {
                var before = String.UnicodeScalarView(), after = String.UnicodeScalarView()
                before.append(other); before.append(scalar)
                after.append(scalar); after.append(other)
                XCTAssertEqual(String(before).count, 2, String(v, radix: 16))
                XCTAssertEqual(String(after).count, 2, String(v, radix: 16))
            }
            XCTAssertFalse((0x1100...0x11FF).contains(v) || (0xAC00...0xD7FF).contains(v) || (0x3130...0x318F).contains(v), "no Hangul")
        }
        XCTAssertGreaterThan(simple, 20_000)
    }

    /// The fast summary gives what the summary by characters gives, on fuzzed text; text with anything
    /// not simple in what is read goes the slow way.
    func testFastSummaryAgreesWithSummaryByCharacters() {
        let pieces: [String] = [
            "村", "民", "。", "！", "？", "!", "?", "；", "，", ",", "、", "”", "」", "）", "》", "\"", " ", "\u{3000}",
            "\t", "\n", "\n\n", "a", "Z", "1", "…", "·", "e\u{301}", "\r\n", "\r", "👍🏽", "가", "\u{0600}", "\u{200D}",
        ]
        var seed: UInt64 = 11
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % bound
        }
        var fast = 0
        for round in 0..<4000 {
            // Mostly simple text, now and then something that is not.
            var text = ""
            let rare = round % 3 == 0
            for _ in 0..<next(400) { text += pieces[next(rare ? pieces.count : pieces.count - 8)] }
            for limit in [120, 40] {
                let expected = ChineseText.summaryByCharacters(of: text, limit: limit)
                if let quick = SimpleText.summary(of: text, limit: limit) {
                    fast += 1
                    XCTAssertEqual(quick, expected, text.debugDescription)
                }
                XCTAssertEqual(ChineseText.summary(of: text, limit: limit), expected)
            }
        }
        XCTAssertGreaterThan(fast, 4000)
    }

    func testASCIILettersAndDigitsAreTheAlphabeticAndNumericOnes() {
        for v in UInt32(0)..<0x80 {
            let properties = Unicode.Scalar(v)!.properties
            XCTAssertEqual(ChineseText.isASCIILetterOrDigit(v), properties.isAlphabetic || properties.numericType != nil, String(v))
        }
    }

    /// Link paths without `%` are taken as written: what Foundation's decoding gives them too.
    func testLinkPathsDecodeAsFoundationDoes() {
        let pieces = [
            "a", "宪", "\u{FEFF}", "\u{0}", "e\u{301}", "👍", "\u{200B}", "\u{2028}", "+", " ", "/", "\u{7F}", "\u{80}", "Å", "%", "%41", "%E5%AE%AA", "%zz",
        ]
        var paths = pieces
        paths += pieces.flatMap { a in pieces.map { a + $0 } }
        paths += paths.suffix(pieces.count * pieces.count).flatMap { ab in pieces.map { ab + $0 } }
        for path in paths {
            XCTAssertEqual(
                Array(BodyRenderer.removingPercentEncoding(Substring(path)).utf8), Array((path.removingPercentEncoding ?? path).utf8),
                path.debugDescription)
        }
    }

    func testShortTextIsTheSummaryAsItIs() {
        XCTAssertEqual(ChineseText.summary(of: "本村召开村民代表会议。会议通过了三项决定！"), "本村召开村民代表会议。会议通过了三项决定！")
    }

    func testSummaryEndsAtTheLastSentenceEndWithinTheLimit() {
        let first = String(repeating: "村", count: 50) + "。"  // 51 characters
        let second = String(repeating: "民", count: 50) + "！"  // to 102
        let third = String(repeating: "约", count: 50) + "？"  // to 153: past 120
        let summary = ChineseText.summary(of: first + second + third)
        XCTAssertEqual(summary, first + second)
        XCTAssertLessThanOrEqual(summary.count, 120)
    }

    func testClosingQuoteStaysWithItsSentence() {
        let text = String(repeating: "甲", count: 60) + "，他说：“老人把我们养大，我们陪老人变老。”" + String(repeating: "乙", count: 80) + "。"
        let summary = ChineseText.summary(of: text)
        XCTAssertTrue(summary.hasSuffix("变老。”"), summary)
    }

    func testWithoutSentenceEndCutAtAClauseOrTheLimit() {
        let clauses = String(repeating: "甲", count: 90) + "，" + String(repeating: "乙", count: 90)
        XCTAssertEqual(ChineseText.summary(of: clauses), String(repeating: "甲", count: 90) + "……")
        let none = String(repeating: "字", count: 300)
        XCTAssertEqual(ChineseText.summary(of: none), String(repeating: "字", count: 120) + "……")
    }

    func testNeverCutsInsideACharacter() {
        // A family emoji (several code points joined) and a letter with a combining accent sit on the limit.
        let family = "👨‍👩‍👧"
        let accent = "e\u{301}"
        let text = String(repeating: "字", count: 119) + family + accent + String(repeating: "字", count: 100)
        let summary = ChineseText.summary(of: text)
        XCTAssertTrue(summary.hasPrefix(String(repeating: "字", count: 119) + family), summary)
        XCTAssertTrue(summary.hasSuffix("……"))
        XCTAssertFalse(summary.unicodeScalars.contains("\u{200D}") && !summary.contains(family), "no half emoji")
        XCTAssertFalse(summary.contains("e……"), "no accent cut off its letter")
        // UTF-8 stays valid whatever is cut: the summary round-trips.
        XCTAssertEqual(String(decoding: Array(summary.utf8), as: UTF8.self), summary)
    }

    func testBlocksJoinWithoutRunningHeadingsIntoText() {
        let plain = "第一章 总则\n第一条 为推进村民自治，制定本村规民约。\n第二条 适用于全体村民。\n"
        XCTAssertEqual(ChineseText.summary(of: plain), "第一章 总则 第一条 为推进村民自治，制定本村规民约。第二条 适用于全体村民。")
    }

    func testPagesWithoutSummaryGetOneCutAtASentence() throws {
        let body = String(repeating: "杏花村开展人居环境整治，", count: 4) + "共清理垃圾三十吨。" + String(repeating: "村民积极参与志愿服务活动。", count: 10)
        let site = try PortalFixture.build(self, ["content/villages/xinghua/news/a.md": "---\ntitle: 整治\ndate: 2026-01-01\n---\n\(body)\n"])
        let list = try site.text("villages/xinghua/articles/index.html")
        let expected = ChineseText.summary(of: body)
        XCTAssertTrue(expected.hasSuffix("。"), expected)
        XCTAssertTrue(list.contains("<p class=\"item-summary\">\(expected)</p>"), list)
    }

    func testReadingTimeCountsCharactersNotWords() {
        XCTAssertEqual(ChineseText.readingMinutes(""), 1)
        XCTAssertEqual(ChineseText.readingMinutes(String(repeating: "字", count: 400)), 1)
        XCTAssertEqual(ChineseText.readingMinutes(String(repeating: "字", count: 401)), 2)
        XCTAssertEqual(ChineseText.readingMinutes(String(repeating: "字", count: 2000)), 5)
        // Chinese has no spaces: 1,200 characters in one "word" still take three minutes.
        XCTAssertEqual(ChineseText.readingMinutes(String(repeating: "村务公开", count: 300)), 3)
        // A Latin word counts once, not per letter.
        XCTAssertEqual(ChineseText.readingMinutes(String(repeating: "transparency ", count: 400)), 1)
    }

    func testSlugsAndHeadingIDsKeepChinese() {
        XCTAssertEqual(ContentLoader.deriveSlug(fromFileName: "2026-11-宪法宣传.md"), "2026-11-宪法宣传")
        XCTAssertEqual(ContentLoader.deriveSlug(fromFileName: "村规民约 2026版.md"), "村规民约-2026版")
        XCTAssertEqual(ContentLoader.deriveSlug(fromFileName: "关于“低保”的公示?.md"), "关于“低保”的公示")
        let rendered = Markdown.render("## 第一章 总则\n\n## 第二章　移风易俗\n")
        XCTAssertEqual(rendered.headings.map(\.id), ["第一章-总则", "第二章-移风易俗"])
        XCTAssertEqual(Paths.encode("villages/xinghua/regulations/2026版村规民约.html"), "villages/xinghua/regulations/2026版村规民约.html")
    }
}
