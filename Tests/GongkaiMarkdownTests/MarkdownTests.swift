import XCTest
@testable import GongkaiMarkdown

final class MarkdownTests: XCTestCase {
    /// CSV lines of simple code points are split on their bytes, with the cells splitting by characters gives.
    func testSimpleCSVLinesSplitAsByCharacters() {
        let pieces = ["项目", "收入", ",", ",", "\"", " ", "\t", "\u{3000}", "12,860.50", "1200元", "-300", "a", "合计", "，", "e\u{301}", ",\u{301}",
                      "\u{3000}\u{301}", "👍", "“", "”", "\u{0600}"]
        // Every line of up to three pieces.
        var lines = pieces
        lines += pieces.flatMap { a in pieces.map { a + $0 } }
        lines += lines.suffix(pieces.count * pieces.count).flatMap { ab in pieces.map { ab + $0 } }
        var simple = 0
        for line in lines {
            var copy = line
            if let cells = copy.withUTF8(CSVTable.parseSimpleLine) {
                simple += 1
                XCTAssertEqual(cells, CSVTable.parseLineByCharacters(line), line.debugDescription)
            }
            XCTAssertEqual(CSVTable.parseLine(line), CSVTable.parseLineByCharacters(line), line.debugDescription)
        }
        XCTAssertGreaterThan(simple, 3000)
    }

    func testRendersCommonMarkThroughCmark() {
        let out = Markdown.render("# 标题\n\n**加粗** 与 *强调*\n\n- 一\n- 二\n")
        XCTAssertTrue(out.html.contains("<strong>加粗</strong>"))
        XCTAssertTrue(out.html.contains("<em>强调</em>"))
        XCTAssertTrue(out.html.contains("<li>一</li>"))
    }

    func testHeadingIDsKeepChinese() {
        let out = Markdown.render("## 第一章 总则\n\n## 第一章 总则\n\n### Fire Safety 防火\n")
        XCTAssertTrue(out.html.contains("<h2 id=\"第一章-总则\">第一章 总则</h2>"), out.html)
        XCTAssertTrue(out.html.contains("<h2 id=\"第一章-总则-1\">"), out.html)
        XCTAssertTrue(out.html.contains("<h3 id=\"fire-safety-防火\">"), out.html)
        XCTAssertEqual(out.headings.map(\.id), ["第一章-总则", "第一章-总则-1", "fire-safety-防火"])
    }

    func testRawHTMLIsRemovedByDefault() {
        let out = Markdown.render("你好<script>alert(1)</script>\n\n<div onclick=\"x()\">块</div>\n", options: .init(firstLine: 5))
        XCTAssertFalse(out.html.contains("<script"))
        XCTAssertFalse(out.html.contains("onclick"))
        XCTAssertEqual(out.notes.first?.line, 5)
    }

    func testRawHTMLIsKeptWhenTheSiteAllowsIt() {
        let out = Markdown.render("<div class=\"x\">块</div>\n", options: .init(allowRawHTML: true))
        XCTAssertTrue(out.html.contains("<div class=\"x\">块</div>"))
        XCTAssertTrue(out.notes.isEmpty)
    }

    func testDangerousURLsAreEmptied() {
        for url in ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "vbscript:x", "data:text/html;base64,AAAA", "file:///etc/passwd"] {
            let out = Markdown.render("[点我](<\(url)>)")
            XCTAssertTrue(out.html.contains("<a href=\"\">点我</a>"), "\(url): \(out.html)")
            XCTAssertEqual(out.notes.count, 1, url)
        }
        let image = Markdown.render("![图](data:image/png;base64,iVBOR)")
        XCTAssertTrue(image.html.contains("src=\"data:image/png;base64,iVBOR\""), image.html)
    }

    func testLinksAreRewrittenByTheCaller() {
        let out = Markdown.render("见[公约](../regulations/公约.md#第一条)与[外站](https://example.org)\n") { url, isImage, line in
            XCTAssertFalse(isImage)
            XCTAssertEqual(line, 1)
            return url.hasSuffix(".md#第一条") ? "../regulations/公约.html#第一条" : nil
        }
        XCTAssertTrue(out.html.contains("href=\"../regulations/%E5%85%AC%E7%BA%A6.html#%E7%AC%AC%E4%B8%80%E6%9D%A1\"")
                      || out.html.contains("href=\"../regulations/公约.html#第一条\""), out.html)
        XCTAssertTrue(out.html.contains("href=\"https://example.org\""))
    }

    func testImagesAreLazyAndMissingAltIsReported() {
        let out = Markdown.render("![](a.png)\n\n![村委会](b.png)\n", options: .init(firstLine: 10))
        XCTAssertTrue(out.html.contains("<img loading=\"lazy\" src=\"a.png\""), out.html)
        XCTAssertEqual(out.notes.map(\.line), [10])
    }

    func testPlainTextForSummaries() {
        let out = Markdown.render("## 标题\n\n第一段**重点**。\n\n- 甲\n- 乙\n")
        XCTAssertEqual(out.plainText, "标题\n第一段重点。\n甲\n乙\n")
    }

    func testControlCharactersCannotForgeHeadingMarkers() {
        let out = Markdown.render("## 标\u{1}题\n\n正\u{1}文\n")
        XCTAssertFalse(out.html.contains("\u{1}"))
        XCTAssertTrue(out.html.contains("<h2 id="), out.html)
    }
}

final class CSVTableTests: XCTestCase {
    let block = """
    ```csv 2026年10月收支
    项目,金额（元）,备注
    上级转移支付,12000,
    租金收入,"1,500.50",鱼塘
    合计,13500.50,
    ```
    """

    func testTableWithCaptionHeaderAndRightAlignedFigures() {
        let out = Markdown.render(block)
        XCTAssertTrue(out.html.contains("<caption>2026年10月收支</caption>"), out.html)
        XCTAssertTrue(out.html.contains("<th scope=\"col\">金额（元）</th>"))
        XCTAssertTrue(out.html.contains("<td class=\"num\">12,000</td>"), out.html)
        XCTAssertTrue(out.html.contains("<td class=\"num\">1,500.50</td>"), out.html)
        XCTAssertTrue(out.html.contains("<tr class=\"total\">"))
        XCTAssertFalse(out.html.contains("<pre>"))
        XCTAssertTrue(out.notes.isEmpty, "\(out.notes)")
    }

    func testWrongTotalIsReportedWithItsLine() {
        let wrong = block.replacingOccurrences(of: "13500.50", with: "13000")
        let out = Markdown.render("正文\n\n" + wrong, options: .init(firstLine: 8))
        // Line 8 is 正文, the fence is on line 10, the 合计 row on line 14.
        XCTAssertEqual(out.notes.count, 1)
        XCTAssertEqual(out.notes.first?.line, 14)
        XCTAssertTrue(out.notes.first?.en.contains("13000 ≠ 13500.50") ?? false, "\(out.notes)")
    }

    func testSubtotalsAreWhatTheTotalSums() {
        let text = "```csv\n项目,金额\n甲,100\n乙,200\n小计,300\n丙,50\n小计,50\n合计,350\n```\n"
        XCTAssertTrue(Markdown.render(text).notes.isEmpty)
    }

    func testAmountParsing() {
        XCTAssertEqual(Amount("1,234.5")?.cents, 123_450)
        XCTAssertEqual(Amount("-300元")?.cents, -30_000)
        XCTAssertNil(Amount("约300"))
        XCTAssertEqual(Amount("1234567")?.formatted, "1,234,567")
    }
}
