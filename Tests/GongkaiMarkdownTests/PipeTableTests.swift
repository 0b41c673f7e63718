import XCTest
@testable import GongkaiMarkdown

/// Tables written with pipes (`| 项目 | 金额 |`) are published as tables, the same as ```` ```csv ```` blocks.
final class PipeTableTests: XCTestCase {
    let pipes = """
        | 项目 | 金额（元） | 备注 |
        |------|----------:|:----:|
        | 上级转移支付 | 12000 | |
        | 租金收入 | 1,500.50 | 鱼塘 |
        | 合计 | 13500.50 | |
        """
    let csv = """
        ```csv
        项目,金额（元）,备注
        上级转移支付,12000,
        租金收入,"1,500.50",鱼塘
        合计,13500.50,
        ```
        """

    func testPipeTableIsTheSameTableAsTheCSVBlock() {
        let fromPipes = Markdown.render("现将收支公布如下。\n\n" + pipes + "\n\n特此公示。\n")
        let fromCSV = Markdown.render("现将收支公布如下。\n\n" + csv + "\n\n特此公示。\n")
        XCTAssertEqual(fromPipes.html, fromCSV.html)
        XCTAssertEqual(fromPipes.plainText, fromCSV.plainText)
        XCTAssertTrue(fromPipes.notes.isEmpty, "\(fromPipes.notes)")
        XCTAssertTrue(fromPipes.html.contains("<td class=\"num\">1,500.50</td>"), fromPipes.html)
        XCTAssertFalse(fromPipes.html.contains("|"), fromPipes.html)
        XCTAssertTrue(fromPipes.html.contains("<p>特此公示。</p>"), fromPipes.html)
    }

    /// A table straight under a line of text (no blank line, as Word pastes it): the line stays a
    /// paragraph and the table is still a table.
    func testTableRightUnderAParagraph() {
        let out = Markdown.render("现将收支公布如下：\n" + pipes + "\n")
        XCTAssertTrue(out.html.hasPrefix("<p>现将收支公布如下：</p>"), out.html)
        XCTAssertTrue(out.html.contains("<tr class=\"total\">"), out.html)
        XCTAssertFalse(out.html.contains("|"), out.html)
    }

    /// A wrong 合计 is reported on the file line the clerk wrote it on, as for a csv block.
    func testWrongTotalIsReportedOnItsOwnLine() {
        let wrong = pipes.replacingOccurrences(of: "13500.50", with: "13000")
        let out = Markdown.render("正文\n\n" + wrong + "\n\n落款\n", options: .init(firstLine: 8))
        // Line 8 is 正文, the header on line 10, the 合计 row on line 14.
        XCTAssertEqual(out.notes.map(\.line), [14])
        XCTAssertEqual(out.notes.first?.level, .disclosureError)
        XCTAssertEqual(out.notes.first?.zh, "合计 13000 ≠ 13500.50（“金额（元）”一列第12至13行之和），请核对数字")
        // Lines after the table keep their numbers: a link on the last line is named there.
        var lines: [Int] = []
        _ = Markdown.render(wrong + "\n\n见[附件](a.pdf)\n", options: .init(firstLine: 1)) { url, _, line in
            lines.append(line)
            return nil
        }
        XCTAssertEqual(lines, [7])
    }

    func testBoldTotalEscapedBarsAndAlignmentColons() {
        let text = """
            | 项目 | 金额 |
            | :--- | ---: |
            | 路灯（a\\|b 段） | -800 |
            | 保洁 | -200 |
            | **合计** | **-1000** |
            """
        let out = Markdown.render(text)
        XCTAssertTrue(out.notes.isEmpty, "\(out.notes)")
        XCTAssertTrue(out.html.contains("<th scope=\"row\">路灯（a|b 段）</th>"), out.html)
        XCTAssertTrue(out.html.contains("<tr class=\"total\"><th scope=\"row\">合计</th><td class=\"num\">-1000</td>"), out.html)
        let wrong = Markdown.render(text.replacingOccurrences(of: "**-1000**", with: "**-900**"))
        XCTAssertEqual(wrong.notes.count, 1, "\(wrong.notes)")
    }

    func testPipesInsideCodeAndLinesThatAreNotTablesStayAsTheyWere() {
        // In a fenced block: code, shown as written.
        let fenced = "```\n" + pipes + "\n```\n"
        XCTAssertNil(PipeTable.rewrite(fenced))
        XCTAssertTrue(Markdown.render(fenced).html.hasPrefix("<pre><code>| 项目"))
        // A line with a bar and no delimiter row under it is text.
        XCTAssertNil(PipeTable.rewrite("甲 | 乙\n丙 | 丁\n"))
        // A dash line without a bar under it makes a heading (CommonMark's setext heading), not a table.
        XCTAssertNil(PipeTable.rewrite("甲 | 乙\n---\n"))
        let heading = Markdown.render("甲 | 乙\n---\n").html
        XCTAssertTrue(heading.hasPrefix("<h2") && heading.hasSuffix(">甲 | 乙</h2>\n"), heading)
        // A delimiter row with another number of cells than the header: not a table (GitHub's rule).
        XCTAssertNil(PipeTable.rewrite("| 甲 | 乙 |\n|---|\n| 1 | 2 |\n"))
        // Indented four spaces: code.
        XCTAssertNil(PipeTable.rewrite("    | 甲 | 乙 |\n    |---|---|\n"))
    }

    /// The table ends at a blank line or where another block starts; what follows is Markdown again.
    func testTableEndsAtABlankLineOrAnotherBlock() {
        let out = Markdown.render("| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n## 说明\n- 一条\n")
        XCTAssertTrue(out.html.contains("<h2"), out.html)
        XCTAssertTrue(out.html.contains("<li>一条</li>"), out.html)
        XCTAssertEqual(out.html.components(separatedBy: "<tr").count - 1, 2, out.html)
        // At the very end of the text, without a newline.
        let last = Markdown.render("说明\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |")
        XCTAssertTrue(last.html.contains("<td class=\"num\">2</td>"), last.html)
        // Two tables, one after the other.
        let two = Markdown.render("| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n| 丙 | 丁 |\n|---|---|\n| 3 | 4 |\n")
        XCTAssertEqual(two.html.components(separatedBy: "<table").count - 1, 2, two.html)
    }

    /// Bars typed in a Chinese input method's full-width mode.
    func testFullWidthBars() {
        let out = Markdown.render("｜ 项目 ｜ 金额 ｜\n｜---｜---｜\n｜ 甲 ｜ 100 ｜\n｜ 合计 ｜ 100 ｜\n")
        XCTAssertTrue(out.html.contains("<tr class=\"total\"><th scope=\"row\">合计</th><td class=\"num\">100</td>"), out.html)
        XCTAssertTrue(out.notes.isEmpty, "\(out.notes)")
        // A full-width bar in running text, with no delimiter row, is text.
        XCTAssertNil(PipeTable.rewrite("甲｜乙\n丙｜丁\n"))
    }

    /// A row with a stray bar keeps every cell, with a warning naming its line.
    func testExtraCellsAreShownAndWarned() {
        let out = Markdown.render("| 项目 | 金额 |\n|---|---|\n| 租金 | 100 | 多写的 |\n", options: .init(firstLine: 5))
        XCTAssertEqual(out.notes.map(\.line), [7])
        XCTAssertEqual(out.notes.first?.level, .warning)
        XCTAssertEqual(
            out.notes.first?.zh,
            "表格“租金”这一行有 3 格，表头只有 2 格：多出的 1 格照样显示在表格右边。请看是不是多写了竖线“|”；格子里的文字要用竖线请写成 \\|")
        XCTAssertTrue(out.html.contains("<td>多写的</td>"), out.html)
    }

    /// Lines passed over by their bytes (`mayHaveTable`, `hasBar`) are lines that could not start a
    /// table: texts made of table rows, delimiter rows, full-width bars, dashes, fences, CR LF and
    /// combining marks come out the same as when every line is read.
    func testScreeningByBytesFindsEveryTable() {
        let pieces = [
            "| 甲 | 乙 |", "|---|---|", "｜ 丙 ｜ 丁 ｜", "｜---｜---｜", "--- | ---", "甲 | 乙", "相关阅读：[普法｜宣传](a-b.md)",
            "- 一条", "", "```", "~~~", "\r", "|\u{301} 甲 | 乙 |", "|-\u{301}|---|", "| 1 | 2 |", "第一条", "    |---|---|",
        ]
        var generator = SystemRandomNumberGenerator()
        var found = 0
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...7, using: &generator) {
                text += pieces.randomElement(using: &generator)!
                text += Bool.random(using: &generator) ? "\r\n" : "\n"
            }
            if Bool.random(using: &generator) { text.removeLast() }
            let full = PipeTable.rewrite(text, screened: false)
            XCTAssertEqual(PipeTable.rewrite(text), full, text.debugDescription)
            if full != nil { found += 1 }
        }
        XCTAssertGreaterThan(found, 100)
        // A bar on one line and a bar and a dash on the next, with CR LF and without.
        XCTAssertTrue(PipeTable.mayHaveTable("甲 | 乙\n|-"))
        XCTAssertFalse(PipeTable.mayHaveTable("甲 | 乙\r\n|-"))
        XCTAssertFalse(PipeTable.mayHaveTable("甲 | 乙-\n丙\n|-"))
        XCTAssertTrue(PipeTable.mayHaveTable("甲 ｜ 乙\n丙 ｜-"))
    }

    /// `mayHaveTable` starts at the line of the first bar; it answers as the pass over every byte does,
    /// with the bars anywhere (first, last, none, after CR LF, full width or not) and dashes before them.
    func testScreeningFromTheFirstBarAnswersAsEveryByte() {
        let pieces = ["甲 | 乙", "|-", "｜-", "丙 ｜ 丁", "- 说明", "前言——说明", "\r", "\r\n", "\n", "\n", "", "｜", "|", "-", "，。"]
        var generator = SystemRandomNumberGenerator()
        var yes = 0, no = 0
        for _ in 0..<5000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...9, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let expected = PipeTable.mayHaveTableByBytes(text)
            XCTAssertEqual(PipeTable.mayHaveTable(text), expected, text.debugDescription)
            if expected { yes += 1 } else { no += 1 }
        }
        XCTAssertGreaterThan(yes, 100)
        XCTAssertGreaterThan(no, 100)
        XCTAssertFalse(PipeTable.mayHaveTable("前言 - 说明\n没有竖线\n-"))
        XCTAssertTrue(PipeTable.mayHaveTable("前言 - 说明\r\n甲 | 乙\n|-"))
        XCTAssertFalse(PipeTable.mayHaveTable("前言 - 说明\r\n甲 | 乙\r\n|-"))
    }
}

extension PipeTable {
    /// `mayHaveTable` looking at every byte (what it must give).
    static func mayHaveTableByBytes(_ markdown: String) -> Bool {
        var text = markdown
        return text.withUTF8 { scanForTable($0) }
    }
}
