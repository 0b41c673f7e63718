import Foundation
import GongkaiTestSupport
import XCTest

/// `gongkai import` end to end: real documents made in the test by pandoc (Markdown → .docx) and
/// LibreOffice (.fods → .xlsx, .xls, .doc), imported by the real binary, then built.
final class ImportCommandTests: XCTestCase {
    static let files: [String: String] = [
        "site.yaml": "title: 白鹭镇\nbase-url: https://example.org/bailu/\n",
        "disclosure.yaml": "since: 2026-07-01\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n简介\n",
        "content/villages/lugao/_village.md": "---\nname: 芦篙村\ntype: village\n---\n简介\n",
    ]

    func site() throws -> URL {
        let root = try temporaryDirectory(self)
        try writeFiles(ImportCommandTests.files, under: root)
        return root
    }

    /// A folder for the documents, outside the site.
    func documents() throws -> URL { try temporaryDirectory(self, name: "documents") }

    func read(_ root: URL, _ path: String) throws -> String {
        try String(contentsOfFile: root.path + "/" + path, encoding: .utf8)
    }

    // MARK: Making real documents

    static func tool(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    @discardableResult
    static func runTool(_ arguments: [String], in folder: URL) throws -> String {
        guard let program = tool(arguments[0]) else {
            throw NSError(domain: "ImportCommandTests", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(arguments[0]) is not installed"])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(arguments.dropFirst())
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "\(arguments): \(output)")
        return output
    }

    func requireConverters() throws {
        // scripts/install-test-deps installs both; a machine without them fails here rather than passing silently.
        XCTAssertNotNil(ImportCommandTests.tool("pandoc"), "pandoc is missing: run scripts/install-test-deps")
        XCTAssertNotNil(ImportCommandTests.tool("soffice"), "LibreOffice is missing: run scripts/install-test-deps")
        if ImportCommandTests.tool("pandoc") == nil || ImportCommandTests.tool("soffice") == nil {
            throw NSError(domain: "ImportCommandTests", code: 1)
        }
    }

    /// pandoc writes `name` (.docx) from Markdown; `files` are put beside it first (images).
    func docx(_ markdown: String, named name: String, in folder: URL, files: [String: Data] = [:]) throws -> URL {
        for (file, data) in files { try data.write(to: folder.appendingPathComponent(file)) }
        try Data(markdown.utf8).write(to: folder.appendingPathComponent("source.md"))
        try ImportCommandTests.runTool(["pandoc", "source.md", "-o", name], in: folder)
        return folder.appendingPathComponent(name)
    }

    /// LibreOffice converts `file` in `folder` to `format` (docx → doc, fods → xlsx …); the new file's URL.
    func office(_ file: URL, to format: String) throws -> URL {
        let folder = file.deletingLastPathComponent()
        let profile = folder.appendingPathComponent(".lo-profile").absoluteString
        try ImportCommandTests.runTool(
            [
                "soffice", "--headless", "--norestore", "-env:UserInstallation=\(profile)",
                "--convert-to", format, "--outdir", folder.path, file.path,
            ], in: folder)
        let name = file.deletingPathExtension().lastPathComponent + "." + format.split(separator: ":")[0]
        return folder.appendingPathComponent(name)
    }

    /// A 4×4 red PNG.
    static let png: Data = {
        func crc(_ bytes: [UInt8]) -> UInt32 {
            var c: UInt32 = 0xFFFF_FFFF
            for b in bytes {
                c ^= UInt32(b)
                for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            }
            return ~c
        }
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be(UInt32(data.count)) + body + be(crc(body))
        }
        var raw: [UInt8] = []
        for _ in 0..<4 { raw += [0] + Array(repeating: [255, 0, 0], count: 4).flatMap { $0 } }
        // Stored (uncompressed) deflate block inside a zlib stream.
        var adler: (UInt32, UInt32) = (1, 0)
        for b in raw { adler.0 = (adler.0 + UInt32(b)) % 65521; adler.1 = (adler.1 + adler.0) % 65521 }
        let len = UInt16(raw.count)
        let zlib: [UInt8] =
            [0x78, 0x01, 0x01, UInt8(len & 0xFF), UInt8(len >> 8), UInt8(~len & 0xFF), UInt8(~len >> 8)] + raw
            + be(adler.1 << 16 | adler.0)
        let ihdr = be(4) + be(4) + [8, 2, 0, 0, 0]
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IDAT", zlib) + chunk("IEND", []))
    }()

    static let notice = """
        ---
        title: 关于开展冬季防火安全检查的通知
        ---

        # 一、检查时间

        各村民小组：

        1. 第一项 **重点** 检查灶台和电线
        2. 第二项 *注意* 柴草堆放

        咨询电话：村委会\\
        值班电话：12345678

        | 项目 | 金额（元） | 备注 |
        |---|---|---|
        | 收入：租金 | 45,000 | 一季度 |
        | 支出：灭火器 | -7,200.50 | 20 个 |
        | 合计 | 37,799.50 | |

        | 姓名 | 职务 |
        |---|---|
        | 张三 | 组长，负责东片 |

        ![](pic.png)

        检查结果在村务公开栏公布[^1]。

        [^1]: 公开栏在村委会门口。

        杏花村村民委员会

        2026年11月6日
        """

    // MARK: Word

    func testWordNoticeBecomesAPageWithItsStructureAndBuilds() throws {
        try requireConverters()
        let root = try site()
        let docs = try documents()
        let file = try docx(ImportCommandTests.notice, named: "防火通知.docx", in: docs, files: ["pic.png": ImportCommandTests.png])
        let result = try CLI.run(["import", file.path, "--village", "杏花村"], in: root)
        XCTAssertEqual(result.status, 0, result.stderr)
        let path = "content/villages/xinghua/notices/2026-11-06-关于开展冬季防火安全检查的通知.md"
        XCTAssertTrue(result.stdout.contains("已导入 防火通知.docx → \(path)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("标题：关于开展冬季防火安全检查的通知（取自文档的“标题”）"), result.stdout)
        XCTAssertTrue(result.stdout.contains("日期：2026-11-06（取自文末的“2026年11月6日”）"), result.stdout)
        XCTAssertTrue(result.stdout.contains("栏目：notice 法治宣传（标题以“通知”结尾）"), result.stdout)
        XCTAssertTrue(result.stdout.contains("图片：1 张"), result.stdout)
        XCTAssertTrue(result.stdout.contains("脚注 1 个改成了正文末尾的“注释”"), result.stdout)
        // What the build will say, said now: the image has no alt text; the totals add up.
        let imageLine =
            try read(root, "content/villages/xinghua/notices/2026-11-06-关于开展冬季防火安全检查的通知.md")
            .components(separatedBy: "\n").firstIndex { $0.hasPrefix("![") }.map { $0 + 1 } ?? 0
        XCTAssertEqual(
            result.stderr,
            "content/villages/xinghua/notices/2026-11-06-关于开展冬季防火安全检查的通知.md:\(imageLine): warning: "
                + "图片缺少替代文字，读屏软件无法朗读。请写成 ![图片内容说明](地址)\n")

        let text = try read(root, path)
        XCTAssertTrue(text.hasPrefix("---\ntitle: 关于开展冬季防火安全检查的通知 "), text)
        XCTAssertTrue(text.contains("\ndate: 2026-11-06 "), text)
        XCTAssertTrue(text.contains("\nlaw: "), "the notice's own keys, as gongkai new writes them: \(text)")
        XCTAssertTrue(text.contains("\n## 一、检查时间\n"), text)
        XCTAssertTrue(text.contains("1.  第一项 **重点** 检查灶台和电线\n2.  第二项 *注意* 柴草堆放"), text)
        XCTAssertTrue(text.contains("咨询电话：村委会\\\n值班电话：12345678"), text)
        XCTAssertTrue(text.contains("```csv\n项目,金额（元）,备注\n收入：租金,\"45,000\",一季度\n支出：灭火器,\"-7,200.50\",20 个\n合计,\"37,799.50\",\n```"), text)
        XCTAssertTrue(text.contains("```csv\n姓名,职务\n张三,组长，负责东片\n```"), text)
        XCTAssertTrue(text.contains("![](2026-11-06-关于开展冬季防火安全检查的通知-图1.png)"), text)
        XCTAssertTrue(text.contains("公布〔注1〕。"), text)
        XCTAssertTrue(text.contains("〔注1〕公开栏在村委会门口。"), text)
        XCTAssertFalse(text.contains("gongkai-"), text)
        let image = root.appendingPathComponent("content/villages/xinghua/notices/2026-11-06-关于开展冬季防火安全检查的通知-图1.png")
        XCTAssertEqual(try Data(contentsOf: image), ImportCommandTests.png)

        let build = try CLI.run(["build"], in: root)
        XCTAssertEqual(build.status, 0, build.stderr)
        let htmlFile = try XCTUnwrap(
            FileManager.default.enumerator(atPath: root.path + "/public")?.compactMap { $0 as? String }
                .first { $0.hasPrefix("villages/xinghua/notices/") && $0.contains("防火") && $0.hasSuffix(".html") && !$0.contains("print") })
        let html = try read(root, "public/" + htmlFile)
        XCTAssertTrue(html.contains("<h2"), html)
        XCTAssertTrue(html.contains("<strong>重点</strong>"), html)
        XCTAssertTrue(html.contains("<ol>"), html)
        XCTAssertTrue(html.contains("村委会<br />\n值班电话"), html)
        XCTAssertTrue(html.contains("<td class=\"num\">45,000</td>"), html)
        XCTAssertTrue(html.contains("<tr class=\"total\"><th scope=\"row\">合计</th><td class=\"num\">37,799.50</td>"), html)
        XCTAssertTrue(html.contains("<th scope=\"row\">张三</th><td>组长，负责东片</td>"), html)
        XCTAssertTrue(html.contains("-图1.png\"") || html.contains("-%E5%9B%BE1.png\""), html)
        let published = try FileManager.default.subpathsOfDirectory(atPath: root.path + "/public").filter { $0.hasSuffix("-图1.png") }
        XCTAssertEqual(published.count, 1, "the image is published with the page")
    }

    func testWrongTotalCommentsAndTrackedChangesAreReported() throws {
        try requireConverters()
        let root = try site()
        let docs = try documents()
        let file = try docx(
            """
            # 杏花村2026年第三季度村务公开

            本季度修缮了[新修的]{.insertion id="1" author="王会计" date="2026-10-02T09:00:00Z"}水渠[旧的]{.deletion id="2" author="王会计" date="2026-10-02T09:00:00Z"}。
            [请核对金额]{.comment-start id="3" author="李书记" date="2026-10-03T09:00:00Z"}支出如下[]{.comment-end id="3"}：

            | 项目 | 金额（元） |
            |---|---|
            | 水渠 | 12000 |
            | 路灯 | 3000 |
            | 合计 | 16000 |
            """, named: "三季度.docx", in: docs)
        let result = try CLI.run(
            [
                "import", file.path, "--village", "xinghua", "--item", "village-affairs-quarterly",
                "--period", "2026-Q3", "--date", "2026-10-08",
            ], in: root)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("标题：杏花村2026年第三季度村务公开（取自第一个标题）"), result.stdout)
        XCTAssertTrue(result.stdout.contains("栏目：disclosure 三务公开（标题以“公开”结尾）"), result.stdout)
        XCTAssertTrue(result.stdout.contains("批注 1 条没有导入（第一条：“请核对金额”）"), result.stdout)
        XCTAssertTrue(result.stdout.contains("修订 2 处已按“接受全部修订”处理"), result.stdout)
        let path = "content/villages/xinghua/disclosures/2026-Q3-杏花村2026年第三季度村务公开.md"
        XCTAssertTrue(result.stdout.contains(path), result.stdout)
        // The wrong total, where `gongkai build` would point: file, line, figures.
        let text = try read(root, path)
        let line = text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("合计,") }.map { $0 + 1 }
        XCTAssertTrue(result.stderr.contains("\(path):\(line ?? 0): warning: 合计 16000 ≠ 15000"), result.stderr)
        XCTAssertTrue(text.contains("修缮了新修的水渠。"), text)
        XCTAssertFalse(text.contains("旧的") || text.contains("请核对金额"), text)
        XCTAssertTrue(text.contains("item: village-affairs-quarterly "), text)
        XCTAssertTrue(text.contains("period: 2026-Q3 "), text)
        let build = try CLI.run(["build"], in: root)
        XCTAssertTrue(build.stderr.contains("合计 16000 ≠ 15000"), build.stderr)
    }

    func testKindIsAskedForWhenTheTitleDoesNotSayAndNothingIsOverwritten() throws {
        try requireConverters()
        let root = try site()
        let docs = try documents()
        let file = try docx("村两委会议纪要\n\n会议决定修缮水渠。\n", named: "会议纪要.docx", in: docs)
        let before = try snapshot(root)
        let asked = try CLI.run(["import", file.path, "--village", "xinghua"], in: root)
        XCTAssertEqual(asked.status, 2)
        XCTAssertTrue(asked.stderr.contains("从标题“村两委会议纪要”看不出是哪个栏目，没有导入。请用 --kind 写明：lecture 党课与宣讲、notice 法治宣传、regulation 村规民约"), asked.stderr)
        XCTAssertEqual(try snapshot(root), before)

        let first = try CLI.run(["import", file.path, "--village", "xinghua", "--kind", "新闻", "--date", "2026-11-02"], in: root)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("标题：村两委会议纪要（取自第一行）"), first.stdout)
        XCTAssertTrue(first.stdout.contains("日期：2026-11-02（--date）"), first.stdout)
        let path = "content/villages/xinghua/news/2026-11-02-村两委会议纪要.md"
        let original = try read(root, path)
        XCTAssertFalse(original.contains("\n村两委会议纪要\n"), "the title line is not repeated in the body")
        try Data((original + "编辑改过的。\n").utf8).write(to: root.appendingPathComponent(path))

        let second = try CLI.run(["import", file.path, "--village", "xinghua", "--kind", "article", "--date", "2026-11-02"], in: root)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("content/villages/xinghua/news/2026-11-02-村两委会议纪要-2.md"), second.stdout)
        XCTAssertTrue(second.stdout.contains("已经存在，没有覆盖它"), second.stdout)
        XCTAssertEqual(try read(root, path), original + "编辑改过的。\n")
    }

    func testOldWordAndWPSFilesGoThroughLibreOffice() throws {
        try requireConverters()
        let root = try site()
        let docs = try documents()
        let file = try docx(
            """
            杏花村村规民约

            **第一条** 村民应当遵守法律法规。

            **第二条** 爱护公共设施。

            杏花村村民委员会

            二〇二六年十月八日
            """, named: "规约.docx", in: docs)
        let doc = try office(file, to: "doc:MS Word 97")
        let wps = docs.appendingPathComponent("规约副本.wps")
        try FileManager.default.copyItem(at: doc, to: wps)  // WPS's .wps is the Word 97 format under another name
        let result = try CLI.run(["import", doc.path, wps.path, "--village", "xinghua"], in: root)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("栏目：regulation 村规民约（标题以“村规民约”结尾）"), result.stdout)
        XCTAssertTrue(result.stdout.contains("日期：2026-10-08（取自文末的“二〇二六年十月八日”）"), result.stdout)
        let first = try read(root, "content/villages/xinghua/regulations/2026-10-08-杏花村村规民约.md")
        XCTAssertTrue(first.contains("**第一条** 村民应当遵守法律法规。\n\n**第二条** 爱护公共设施。"), first)
        XCTAssertTrue(first.contains("\nadopted:"), first)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.path + "/content/villages/xinghua/regulations/2026-10-08-杏花村村规民约-2.md"))
        let build = try CLI.run(["build"], in: root)
        XCTAssertEqual(build.status, 0, build.stderr)
    }

    // MARK: Spreadsheets

    /// A flat OpenDocument spreadsheet: a title row, a header, figures with a number format (one stored
    /// with float noise), a 合计 formula, a signature row; and a second sheet.
    static func fods(total: String = "of:=[.B3]+[.B4]", totalValue: String = "37799.7") -> String {
        func text(_ s: String) -> String { "<table:table-cell office:value-type=\"string\"><text:p>\(s)</text:p></table:table-cell>" }
        func money(_ v: String, formula: String? = nil) -> String {
            "<table:table-cell table:style-name=\"money\" office:value-type=\"float\" office:value=\"\(v)\""
                + (formula.map { " table:formula=\"\($0)\"" } ?? "") + "/>"
        }
        func row(_ cells: String...) -> String { "<table:table-row>" + cells.joined() + "</table:table-row>\n" }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
            <office:automatic-styles>
            <number:number-style style:name="N2"><number:number number:decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:number-style>
            <style:style style:name="money" style:family="table-cell" style:data-style-name="N2"/>
            </office:automatic-styles>
            <office:body><office:spreadsheet>
            <table:table table:name="收支">
            \(row(text("杏花村2026年10月财务收支公开")))\(row(text("项目"), text("金额（元）"), text("备注")))\(row(text("收入：标准厂房租金"), money("45000.000000001"), text("一季度, 含押金")))\(row(text("支出：保洁员工资"), money("-7200.3")))\(row(text("合计"), money(totalValue, formula: total)))\(row(text("制表：王会计")))\(row(text("2026年11月5日")))
            </table:table>
            <table:table table:name="支出明细">
            \(row(text("项目"), text("金额（元）")))\(row(text("工资"), money("7200.3")))\(row(text("合计"), money("7200.3", formula: "of:=[.B2]")))
            </table:table>
            </office:spreadsheet></office:body></office:document>
            """
    }

    func spreadsheet(in docs: URL, total: String = "of:=[.B3]+[.B4]", totalValue: String = "37799.7", format: String = "xlsx") throws -> URL {
        let source = docs.appendingPathComponent("10月收支.fods")
        try Data(ImportCommandTests.fods(total: total, totalValue: totalValue).utf8).write(to: source)
        return try office(source, to: format)
    }

    func testSpreadsheetBecomesADisclosureWithFiguresAsShown() throws {
        try requireConverters()
        let root = try site()
        let docs = try documents()
        let xlsx = try spreadsheet(in: docs)
        let result = try CLI.run(["import", xlsx.path, "--village", "xinghua", "--item", "finance-monthly", "--period", "2026-10"], in: root)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertTrue(result.stdout.contains("标题：杏花村2026年10月财务收支公开（取自表格第一行）"), result.stdout)
        XCTAssertTrue(result.stdout.contains("日期：2026-11-05（取自文末的“2026年11月5日”）"), result.stdout)
        let path = "content/villages/xinghua/disclosures/2026-10-杏花村2026年10月财务收支公开.md"
        let text = try read(root, path)
        XCTAssertTrue(
            text.contains(
                """
                ```csv 收支
                项目,金额（元）,备注
                收入：标准厂房租金,"45,000.00","一季度, 含押金"
                支出：保洁员工资,"-7,200.30",
                合计,"37,799.70",
                ```

                制表：王会计

                2026年11月5日
                """), text)
        XCTAssertFalse(text.contains("45000.0000"), "no float noise")
        XCTAssertTrue(text.contains("item: finance-monthly "), text)
        let build = try CLI.run(["build"], in: root)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(build.stderr, "")
        let check = try CLI.run(["check", "--as-of", "2026-11-08", "--format", "json"], in: root)
        XCTAssertTrue(check.stdout.contains("2026-10"), check.stdout)

        // .xls, and WPS's .et (the same format), second sheet by name.
        let xls = try spreadsheet(in: docs, format: "xls")
        let et = docs.appendingPathComponent("明细.et")
        try FileManager.default.copyItem(at: xls, to: et)
        let named = try CLI.run(["import", et.path, "--sheet", "支出明细", "--into", path], in: root)
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertTrue(named.stdout.contains("已把 明细.et 的工作表“支出明细”（3 行）加到 \(path) 末尾"), named.stdout)
        let appended = try read(root, path)
        XCTAssertTrue(appended.hasPrefix(text), "the page is kept and the table added at its end")
        XCTAssertTrue(appended.hasSuffix("\n```csv 支出明细\n项目,金额（元）\n工资,\"7,200.30\"\n合计,\"7,200.30\"\n```\n"), appended)

        let missing = try CLI.run(["import", xlsx.path, "--sheet", "三季度", "--village", "xinghua", "--item", "finance-monthly"], in: root)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("--sheet 三季度：10月收支.xlsx 里没有这个工作表。有：收支、支出明细"), missing.stderr)
    }

    func testSpreadsheetWithAWrongTotalIsImportedWithAWarning() throws {
        try requireConverters()
        let root = try site()
        let docs = try documents()
        let xlsx = try spreadsheet(in: docs, total: "of:=[.B3]+[.B4]+1000", totalValue: "38799.7")
        let result = try CLI.run(["import", xlsx.path, "--village", "xinghua", "--item", "finance-monthly", "--period", "2026-10"], in: root)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("2026-10-杏花村2026年10月财务收支公开.md:"), result.stderr)
        XCTAssertTrue(result.stderr.contains(": warning: 合计 38799.70 ≠ 37799.70（“金额（元）”一列"), result.stderr)

        let noItem = try CLI.run(["import", xlsx.path, "--village", "xinghua"], in: root)
        XCTAssertEqual(noItem.status, 2)
        XCTAssertTrue(noItem.stderr.contains("公开文件要用 --item 写明履行哪条公开规则"), noItem.stderr)
        XCTAssertTrue(noItem.stderr.contains("finance-monthly"), noItem.stderr)
    }

    // MARK: Files that cannot be imported

    func snapshot(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: root.path) {
            var folder: ObjCBool = false
            FileManager.default.fileExists(atPath: root.path + "/" + path, isDirectory: &folder)
            files[path] = folder.boolValue ? Data() : try Data(contentsOf: root.appendingPathComponent(path))
        }
        return files
    }

    func testBadFilesGetAClearMessageAndChangeNothing() throws {
        try requireConverters()
        let root = try site()
        let docs = try documents()
        let fixtures = CLI.repositoryRoot.appendingPathComponent("Tests/Fixtures/import")
        let good = try docx("# 防溺水告家长书\n\n正文。\n", named: "好.docx", in: docs)

        let empty = docs.appendingPathComponent("空白.docx")
        try Data().write(to: empty)
        var damaged = try Data(contentsOf: good)
        damaged = damaged.prefix(damaged.count / 2)  // cut off, as by a broken download
        let cut = docs.appendingPathComponent("下载一半.docx")
        try damaged.write(to: cut)
        let notWord = docs.appendingPathComponent("照片.docx")
        try ImportCommandTests.png.write(to: notWord)
        let huge = docs.appendingPathComponent("大文件.docx")
        FileManager.default.createFile(atPath: huge.path, contents: nil)
        let handle = try FileHandle(forWritingTo: huge)
        try handle.write(contentsOf: Data([0x50, 0x4B, 0x03, 0x04]))
        try handle.truncate(atOffset: 50 * 1024 * 1024)
        try handle.close()

        let cases: [(URL, String)] = [
            (empty, "是空文件（0 字节），没有可导入的内容"),
            (cut, "已损坏，pandoc 读不出其中的内容，没有导入。请在 Word（WPS）里打开它，另存为 .docx 后再导入"),
            (notWord, "已损坏，或不是真正的Word 文档"),
            (huge, "有 50.0 MB，超过导入上限 20 MB，没有导入"),
            (fixtures.appendingPathComponent("password.docx"), "设有打开密码（已加密），无法读取，没有导入"),
            (fixtures.appendingPathComponent("password.xlsx"), "设有打开密码（已加密），无法读取，没有导入"),
        ]
        let before = try snapshot(root)
        for (file, message) in cases {
            // With a good file beside it: one bad file stops them all.
            let result = try CLI.run(["import", good.path, file.path, "--village", "xinghua", "--item", "finance-monthly"], in: root)
            XCTAssertEqual(result.status, 1, "\(file.lastPathComponent): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(file.path + " ") || result.stderr.contains(file.path + "："), result.stderr)
            XCTAssertTrue(result.stderr.contains(message), "\(file.lastPathComponent): \(result.stderr)")
            XCTAssertEqual(result.stdout, "")
            XCTAssertEqual(try snapshot(root), before, "\(file.lastPathComponent) changed the site")
        }
        let pdf = try CLI.run(["import", docs.appendingPathComponent("通知.pdf").path, "--village", "xinghua"], in: root)
        XCTAssertEqual(pdf.status, 2)
        XCTAssertTrue(pdf.stderr.contains("不能导入“.pdf”的文件。可以导入 Word 文档（.docx、.doc、.wps）和表格（.xlsx、.xls、.et）"), pdf.stderr)
        XCTAssertEqual(try snapshot(root), before)
    }

    func testMissingConvertersNameTheDebianPackage() throws {
        try requireConverters()
        let root = try site()
        let docs = try documents()
        let file = try docx("# 防溺水告家长书\n\n正文。\n", named: "告家长书.docx", in: docs)
        let xlsx = try spreadsheet(in: docs)
        let before = try snapshot(root)
        let noTools = ["PATH": docs.path]  // a folder without pandoc or LibreOffice
        let word = try CLI.run(["import", file.path, "--village", "xinghua"], in: root, environment: noTools)
        XCTAssertEqual(word.status, 1)
        XCTAssertTrue(word.stderr.contains("导入 Word 文档（告家长书.docx）要用 pandoc，这台电脑上没有找到它。请安装：sudo apt-get install pandoc"), word.stderr)
        let sheet = try CLI.run(["import", xlsx.path, "--village", "xinghua", "--item", "finance-monthly"], in: root, environment: noTools)
        XCTAssertEqual(sheet.status, 1)
        XCTAssertTrue(sheet.stderr.contains("请安装：sudo apt-get install --no-install-recommends libreoffice-calc-nogui"), sheet.stderr)
        XCTAssertEqual(try snapshot(root), before)
    }

    func testHelpAndCompletionsKnowTheCommand() throws {
        let help = try CLI.run(["help", "import"])
        XCTAssertEqual(help.status, 0, help.stderr)
        XCTAssertTrue(help.stdout.contains("导入 Word 文档和表格"), help.stdout)
        XCTAssertTrue(help.stdout.contains("gongkai import 关于开展冬季防火安全检查的通知.docx --village xinghuacun"), help.stdout)
        XCTAssertTrue(help.stdout.contains("--into"), help.stdout)
        let top = try CLI.run(["--help"])
        XCTAssertTrue(top.stdout.contains("import"), top.stdout)
        let bash = try CLI.run(["completions", "bash"])
        XCTAssertTrue(bash.stdout.contains("import"), bash.stdout)
        XCTAssertTrue(bash.stdout.contains("--sheet"), bash.stdout)
    }
}
