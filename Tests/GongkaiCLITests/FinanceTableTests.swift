import Foundation
import GongkaiTestSupport
import XCTest

/// Finance tables (```csv) end to end with the real binary: figures as clerks write them are read and
/// shown as written; what cannot be read for certain, a row split by a comma and a wrong 合计 on a
/// 三务公开 page stop the build with the file, line, row and column, and leave public/ as it was.
final class FinanceTableTests: XCTestCase {
    static let site: [String: String] = [
        "site.yaml": "title: 白鹭镇\nbase-url: https://example.org/bailu/\n",
        "disclosure.yaml": "since: 2026-10-01\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n杏花村隶属白鹭镇。\n",
    ]

    static let disclosurePath = "content/villages/xinghua/disclosures/2026-10-财务.md"
    static let newsPath = "content/villages/xinghua/news/2026-10-收支.md"

    /// A finance disclosure whose table (header on line 10, rows from line 11) is `rows` under the header `项目,金额（元）,备注`.
    static func disclosure(_ rows: String) -> String {
        """
        ---
        title: 杏花村2026年10月财务收支公开
        date: 2026-11-06
        item: finance-monthly
        period: 2026-10
        ---
        现将杏花村2026年10月收支情况公布如下。

        ```csv 收支明细
        项目,金额（元）,备注
        \(rows)
        ```
        """
    }

    static func news(_ rows: String) -> String {
        disclosure(rows).replacingOccurrences(of: "item: finance-monthly\nperiod: 2026-10\n", with: "")
    }

    func site(_ extra: [String: String]) throws -> URL {
        let root = try temporaryDirectory(self)
        try writeFiles(FinanceTableTests.site.merging(extra) { _, new in new }, under: root)
        return root
    }

    func html(_ root: URL, _ path: String) throws -> String {
        try String(contentsOfFile: root.path + "/public/" + path, encoding: .utf8)
    }

    static let asWritten = """
        收入：土地租金,"45,000",
        收入：厂房租金,¥12000.00,
        收入：鱼塘承包,8000元,
        收入：上级补助,１５０００,全角数字
        收入合计,"80,000.00",
        支出：保洁工资,-7200,4人
        其中：春节加班费,-1200,
        支出：路灯维修,"(1,800.00)",37盏，公服资金
        支出：宣传资料,−1000,
        支出小计,-10000,
        合计：,70000,本月结余
        """

    func testFiguresAsClerksWriteThemAreCheckedAndShownAsWritten() throws {
        let root = try site([FinanceTableTests.disclosurePath: FinanceTableTests.disclosure(FinanceTableTests.asWritten)])
        let build = try CLI.run(["build", "--strict"], in: root)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(build.stderr, "")
        let page = try html(root, "villages/xinghua/disclosures/2026-10-财务.html")
        for figure in ["45,000", "¥12000.00", "8000元", "80,000.00", "-7200", "(1,800.00)", "-10000", "70000"] {
            XCTAssertTrue(page.contains("<td class=\"num\">\(figure)</td>"), "\(figure) is shown as written: \(page)")
        }
        // Full-width digits and the minus sign (−) are shown half-width, so the column lines up.
        XCTAssertTrue(page.contains("<td class=\"num\">15000</td><td>全角数字</td>"), page)
        XCTAssertTrue(page.contains("<td class=\"num\">-1000</td>"), page)
        XCTAssertTrue(page.contains("<tr class=\"total\"><th scope=\"row\">合计：</th><td class=\"num\">70000</td><td>本月结余</td></tr>"), page)
        XCTAssertTrue(page.contains("<td>37盏，公服资金</td>"), page)
    }

    func testWrongTotalOnADisclosureIsAnErrorAndPublishesNothing() throws {
        let root = try site([FinanceTableTests.disclosurePath: FinanceTableTests.disclosure(FinanceTableTests.asWritten)])
        XCTAssertEqual(try CLI.run(["build"], in: root).status, 0)
        let published = try html(root, "villages/xinghua/disclosures/2026-10-财务.html")

        // 合计 added the 小计 rows in again, and a 收入合计 is off by a typo.
        let wrong = FinanceTableTests.asWritten
            .replacingOccurrences(of: "合计：,70000", with: "合计：,150000")
            .replacingOccurrences(of: "收入合计,\"80,000.00\"", with: "收入合计,\"80,600.00\"")
        try writeFiles([FinanceTableTests.disclosurePath: FinanceTableTests.disclosure(wrong)], under: root)
        let build = try CLI.run(["build"], in: root)
        XCTAssertEqual(build.status, 1, build.stderr)
        let file = FinanceTableTests.disclosurePath
        XCTAssertEqual(
            build.stderr,
            """
            \(file):15: error: 收入合计 80600.00 ≠ 80000.00（“金额（元）”一列第11至14行之和），请核对数字。三务公开的数字是公开的记录，改正前本次不生成网站（原有 public/ 不变）
            \(file):21: error: 合计 150000 ≠ 70000.00（“金额（元）”一列第11至19行之和），请核对数字。三务公开的数字是公开的记录，改正前本次不生成网站（原有 public/ 不变）
            共 2 个错误，0 个警告
            生成失败，原有的 public/ 未被改动。

            """)
        XCTAssertEqual(try html(root, "villages/xinghua/disclosures/2026-10-财务.html"), published, "public/ is left as it was")

        // The same table on a news page is a warning: the page is published.
        try FileManager.default.removeItem(atPath: root.path + "/" + file)
        try writeFiles([FinanceTableTests.newsPath: FinanceTableTests.news(wrong)], under: root)
        let news = try CLI.run(["build"], in: root)
        XCTAssertEqual(news.status, 0, news.stderr)
        XCTAssertTrue(news.stderr.contains("\(FinanceTableTests.newsPath):19: warning: 合计 150000 ≠ 70000.00（“金额（元）”一列第9至17行之和），请核对数字\n"), news.stderr)
        XCTAssertTrue(try html(root, "villages/xinghua/news/2026-10-收支.html").contains("<td class=\"num\">150000</td>"))
        XCTAssertEqual(try CLI.run(["build", "--strict"], in: root).status, 1)
    }

    func testUnquotedThousandsAndStrayCommasAreErrorsNamingRowAndColumn() throws {
        let rows = """
            收入：土地租金,45,000,
            收入：厂房租金,12000,
            支出：路灯维修,-1800,37盏,公服资金
            合计,55200,
            """
        let root = try site([FinanceTableTests.disclosurePath: FinanceTableTests.disclosure(rows)])
        let build = try CLI.run(["build"], in: root)
        XCTAssertEqual(build.status, 1, build.stderr)
        let file = FinanceTableTests.disclosurePath
        XCTAssertEqual(
            build.stderr,
            """
            \(file):11: error: “收入：土地租金”这一行比表头多 1 格：“金额（元）”一列的 45,000 没有加英文双引号，逗号把它分成了“45”和“000”两格。请写成 45000（不加逗号），或写成 "45,000"（加英文双引号）
            \(file):13: error: “支出：路灯维修”这一行有 4 格，表头只有 3 格：这一行多了 1 个英文逗号“,”。文字里要用逗号请用中文逗号“，”，或把这一格用英文双引号括起来，如 "37盏,公服资金"；数字不要加逗号，如 45000
            共 2 个错误，0 个警告
            生成失败，原有的 public/ 未被改动。

            """)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.path + "/public"), "nothing is published")

        // Written as the message says, it builds and the reader sees 45,000 in one cell.
        let fixed = rows.replacingOccurrences(of: "45,000,", with: "\"45,000\",").replacingOccurrences(of: "37盏,公服资金", with: "37盏，公服资金")
        try writeFiles([file: FinanceTableTests.disclosure(fixed)], under: root)
        let again = try CLI.run(["build"], in: root)
        XCTAssertEqual(again.status, 0, again.stderr)
        let page = try html(root, "villages/xinghua/disclosures/2026-10-财务.html")
        XCTAssertTrue(page.contains("<th scope=\"row\">收入：土地租金</th><td class=\"num\">45,000</td><td></td></tr>"), page)
    }

    func testFiguresThatCannotBeReadForCertainAreNamed() throws {
        let rows = """
            收入：土地租金,"4,50,00",
            收入：厂房租金,约12000,
            合计,57000,
            """
        let root = try site([FinanceTableTests.disclosurePath: FinanceTableTests.disclosure(rows)])
        let build = try CLI.run(["build"], in: root)
        XCTAssertEqual(build.status, 1, build.stderr)
        let file = FinanceTableTests.disclosurePath
        XCTAssertTrue(
            build.stderr.hasPrefix(
                """
                \(file):11: error: “收入：土地租金”这一行“金额（元）”一列的“4,50,00”逗号不在千位上，看不出是多少：请不加逗号写数字（如 12345），小数点用英文句点“.”（如 1.5）；要加千位逗号就每三位一个，并给这一格加英文双引号，如 "12,345"
                \(file):12: error: “收入：厂房租金”这一行“金额（元）”一列的“约12000”不是一个数字：请只写数字，如 300 或 -300.50（单位写在表头里，如“金额（元）”）。三务公开的数字是公开的记录
                """), build.stderr)
        XCTAssertFalse(build.stderr.contains("≠"), "a total over figures that cannot be read is not compared: \(build.stderr)")
    }
}
