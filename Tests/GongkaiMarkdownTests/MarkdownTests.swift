import XCTest
@testable import GongkaiMarkdown

final class MarkdownTests: XCTestCase {
    /// CSV lines of simple code points are split on their bytes, with the cells splitting by characters gives.
    func testSimpleCSVLinesSplitAsByCharacters() {
        let pieces = [
            "项目", "收入", ",", ",", "\"", " ", "\t", "\u{3000}", "12,860.50", "1200元", "-300", "a", "合计", "，", "e\u{301}", ",\u{301}",
            "\u{3000}\u{301}", "👍", "“", "”", "\u{0600}",
        ]
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
        XCTAssertTrue(
            out.html.contains("href=\"../regulations/%E5%85%AC%E7%BA%A6.html#%E7%AC%AC%E4%B8%80%E6%9D%A1\"")
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
        // Figures are shown as the clerk wrote them, right-aligned.
        XCTAssertTrue(out.html.contains("<td class=\"num\">12000</td>"), out.html)
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
        XCTAssertEqual(out.notes.first?.level, .disclosureError)
        XCTAssertEqual(out.notes.first?.zh, "合计 13000 ≠ 13500.50（“金额（元）”一列第12至13行之和），请核对数字")
    }

    func testSubtotalsAreWhatTheTotalSums() {
        let text = "```csv\n项目,金额\n甲,100\n乙,200\n小计,300\n丙,50\n小计,50\n合计,350\n```\n"
        XCTAssertTrue(Markdown.render(text).notes.isEmpty)
        // A 合计 that added the 小计 rows in again (700) is caught.
        let twice = text.replacingOccurrences(of: "合计,350", with: "合计,700")
        XCTAssertEqual(Markdown.render(twice).notes.map(\.zh), ["合计 700 ≠ 350（“金额”一列第3至6行之和），请核对数字"])
        // A wrong 小计 is caught too.
        let subtotal = text.replacingOccurrences(of: "小计,300", with: "小计,310")
        XCTAssertEqual(Markdown.render(subtotal).notes.map(\.zh), ["小计 310 ≠ 300（“金额”一列第3至4行之和），请核对数字"])
    }

    /// 合计 as clerks label it: each of these rows is checked.
    func testEveryWayOfWritingTotalIsChecked() {
        for label in ["合计", "合计：", "合计:", "合 计", "合　计", "合计（元）", "本月合计", "总计", "本期合计："] {
            let text = "```csv\n项目,金额（元）\n甲,100\n乙,200\n\(label),301\n```\n"
            let notes = Markdown.render(text).notes
            XCTAssertEqual(notes.count, 1, label)
            XCTAssertTrue(notes.first?.zh.hasSuffix("301 ≠ 300（“金额（元）”一列第3至4行之和），请核对数字") ?? false, "\(label): \(notes)")
            XCTAssertFalse(Markdown.render(text.replacingOccurrences(of: ",301", with: ",300")).notes.contains { $0.zh.contains("≠") }, label)
        }
    }

    /// 收入合计 and 支出合计 sum their own part; the 合计 under them sums the items, not the part totals again.
    func testPartTotalsAndBreakdownsAreNotCountedTwice() {
        let text = """
            ```csv
            项目,金额（元）
            收入：土地租金,45000
            收入：厂房租金,12000
            收入合计,57000
            支出：保洁工资,-7200
            其中：春节加班费,-1200
            支出：路灯电费,-800
            支出合计,-8000
            本月合计,49000
            ```
            """
        XCTAssertEqual(Markdown.render(text).notes.map(\.zh), [])
        let wrong = text.replacingOccurrences(of: "本月合计,49000", with: "本月合计,106000")
        XCTAssertEqual(Markdown.render(wrong).notes.map(\.zh), ["本月合计 106000 ≠ 49000（“金额（元）”一列第3至8行之和），请核对数字"])
    }

    /// Expenses written as positive numbers under a 合计 that is the balance: the message says so.
    func testPositiveExpensesAreNamedAsTheLikelyMistake() {
        let text = "```csv\n项目,金额（元）\n收入：租金,45000\n支出：工资,7200\n支出：电费,800\n合计,37000\n```\n"
        XCTAssertEqual(Markdown.render(text).notes.map(\.zh), ["合计 37000 ≠ 53000（“金额（元）”一列第3至5行之和），看来支出写成了正数：表里的支出请写负数（如 -7200），合计就是收支结余"])
        XCTAssertEqual(Markdown.render(text.replacingOccurrences(of: ",7200", with: ",-7200").replacingOccurrences(of: ",800", with: ",-800")).notes, [])
    }

    /// An unquoted 45,000 splits its row: an error naming the row, the column and both ways to write it.
    func testUnquotedThousandsSeparatorIsAnErrorThatSaysHowToWriteIt() {
        let text = "```csv\n项目,金额（元）,备注\n收入：土地租金,45,000,\n合计,45000,\n```\n"
        let notes = Markdown.render(text, options: .init(firstLine: 7)).notes
        XCTAssertEqual(notes.count, 1, "\(notes)")
        XCTAssertEqual(notes.first?.line, 9)
        XCTAssertEqual(notes.first?.level, .error)
        XCTAssertEqual(notes.first?.zh, "“收入：土地租金”这一行比表头多 1 格：“金额（元）”一列的 45,000 没有加英文双引号，逗号把它分成了“45”和“000”两格。请写成 45000（不加逗号），或写成 \"45,000\"（加英文双引号）")
        // A comma in a note: the row is named, and what to do said.
        let note = Markdown.render("```csv\n项目,金额（元）,备注\n支出：路灯,-800,37盏,公服资金\n```\n").notes
        XCTAssertEqual(note.map(\.level), [.error])
        XCTAssertTrue(note.first?.zh.hasPrefix("“支出：路灯”这一行有 4 格，表头只有 3 格：这一行多了 1 个英文逗号“,”。") ?? false, "\(note)")
    }

    /// Figures written the way people write them are counted; what cannot be read for certain is said.
    func testFiguresAsWrittenAreCountedAndUnclearOnesNamed() {
        let text = """
            ```csv
            项目,金额（元）
            甲,¥45000.00
            乙,"12,000"
            丙,800元
            丁,１２００
            戊,"(1,200.00)"
            己,－300
            庚,2，500
            合计,60000
            ```
            """
        let out = Markdown.render(text)
        XCTAssertEqual(out.notes.map(\.zh), [])
        // As written; full-width digits and signs half-width, so the column lines up.
        for written in ["¥45000.00", "12,000", "800元", "1200", "(1,200.00)", "-300", "2,500"] {
            XCTAssertTrue(out.html.contains("<td class=\"num\">\(written)</td>"), "\(written): \(out.html)")
        }
        let unclear = text.replacingOccurrences(of: "丁,１２００", with: "丁,约1200")
        let notes = Markdown.render(unclear).notes
        XCTAssertEqual(notes.map(\.zh), ["“丁”这一行“金额（元）”一列的“约1200”不是一个数字：请只写数字，如 300 或 -300.50（单位写在表头里，如“金额（元）”）"])
        XCTAssertEqual(notes.map(\.level), [.disclosureError])
        let ambiguous = text.replacingOccurrences(of: "庚,2，500", with: "庚,\"25,00\"")
        XCTAssertEqual(Markdown.render(ambiguous).notes.map(\.level), [.error])
    }
}

/// The number reader against a table of what clerks write.
final class AmountTests: XCTestCase {
    func testReadsWhatIsUnambiguous() {
        let table: [(String, Int, Int)] = [
            ("45000", 45000_0000, 0), ("45000.00", 45000_0000, 2), ("45000.5", 45000_5000, 1),
            ("45,000", 45000_0000, 0), ("1,234,567.89", 1_234_567_8900, 2), ("45，000", 45000_0000, 0),
            ("¥45000.00", 45000_0000, 2), ("￥45,000", 45000_0000, 0), ("¥ 45000", 45000_0000, 0), ("RMB 300", 300_0000, 0),
            ("45000元", 45000_0000, 0), ("45000.00 元", 45000_0000, 2), ("４５０００", 45000_0000, 0), ("４５，０００．５０", 45000_5000, 2),
            ("-300", -300_0000, 0), ("−300", -300_0000, 0), ("－300", -300_0000, 0), ("-¥300", -300_0000, 0), ("¥-300", -300_0000, 0),
            ("(1,200.00)", -1200_0000, 2), ("（1200）", -1200_0000, 0), ("+50", 50_0000, 0), (" 12 ", 12_0000, 0),
            ("0.125", 1250, 3), ("0", 0, 0),
        ]
        for (written, units, decimals) in table {
            XCTAssertEqual(Amount.read(written), .number(Amount(units: units, decimals: decimals)), written)
        }
    }

    /// The byte-wise reading of plain figures gives what the full reading gives, or leaves it to it.
    func testPlainFiguresReadByBytesAsInFull() {
        let pieces = ["0", "1", "9", "-", ".", "00", "12", "345", "-1", "1.", ".5", "1.2.3", "--1", "1-", "12345678901234", "1.23456", "1,0", "元", " "]
        var tried = 0
        for a in pieces {
            for b in pieces {
                for c in ["", "0", ".5", "-"] {
                    let text = a + b + c
                    if let plain = Amount.readPlain(text.utf8) {
                        XCTAssertEqual(plain, Amount.readWritten(text), text)
                        tried += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(tried, 100)
    }

    func testTextIsNotANumber() {
        for written in ["", "项目", "—", "-", "/", "本月结余", "无"] {
            XCTAssertEqual(Amount.read(written), .text, written)
        }
    }

    func testAmbiguousIsNeverGuessed() {
        for written in ["1,2345", "12,00", ",500", "1.234,56", "1.2.3", "-(300)", "2，5"] {
            guard case .unclear(let problem) = Amount.read(written) else { return XCTFail("\(written) was read") }
            XCTAssertTrue(problem.ambiguous, written)
        }
        for written in ["约300", "4.5万", "86户", "300元整", "1.23456", "12345678901234", "3."] {
            guard case .unclear(let problem) = Amount.read(written) else { return XCTFail("\(written) was read") }
            XCTAssertFalse(problem.ambiguous, written)
        }
    }

    func testSumsAreShownAsPreciselyAsWritten() {
        XCTAssertEqual((Amount(units: 12860_5000, decimals: 2)).plain, "12860.50")
        XCTAssertEqual((Amount(units: 12860_0000, decimals: 0)).plain, "12860")
        XCTAssertEqual((Amount(units: -300_0000, decimals: 2)).plain, "-300.00")
        XCTAssertEqual((Amount(units: 1250, decimals: 3)).plain, "0.125")
    }
}
