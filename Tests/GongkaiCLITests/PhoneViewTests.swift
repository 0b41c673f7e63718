import Foundation
import GongkaiTestSupport
import XCTest

/// Issue 14, point 10: what a reader sees on a 375 px phone, measured in headless Chromium
/// (`tests/reader/phone_view.py`) on a site built by the real binary: wide tables say that they
/// scroll (also in 大字版), the site title never ends with a lone character, phone numbers stay on one
/// line, the signature is right-aligned, and the `serve` error overlay hides the page under it.
final class PhoneViewTests: XCTestCase {
    /// One JSON object per page and text size (see the script).
    func measure(_ urls: [String]) throws -> [[String: Any]] {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
        else {
            throw XCTSkip("chromium and chromedriver are not installed (scripts/install-test-deps)")
        }
        let script = CLI.repositoryRoot.appendingPathComponent("tests/reader/phone_view.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + urls
        // Chromium's and Selenium's messages go to a file, read when the script failed.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("phone-view-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// At 375 px, 13 characters of the title fit on a line, 11 in 大字版: without care, this title of
    /// 14 would leave its last character alone on a line, and one of 12 would in 大字版.
    static let longTitle = "白鹭镇党建引领乡村治理与普法"
    static let shorterTitle = "白鹭镇党建与法治宣传门户"

    func builtSite(title: String = longTitle) throws -> URL {
        let root = try temporaryDirectory(self)
        // Phone numbers after 1 to 24 characters of text: some of them reach the end of a line.
        var phones = ""
        for n in 1...24 {
            phones += String(repeating: "请", count: n) + "拨打0838-5550131或138 0013 8000咨询。\n\n"
        }
        try writeFiles(
            [
                "site.yaml": "title: \(title)\nfooter:\n  phone: \"0838-555 0131\"\n",
                "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n杏花村简介。\n",
                "content/villages/xinghua/disclosures/2026-10-财务.md": """
                ---
                title: 杏花村2026年10月财务收支公开
                date: 2026-11-06
                item: finance-monthly
                period: 2026-10
                ---
                现将收支情况公布如下。

                ```csv 2026年10月收支明细
                日期,凭证号,项目,经手人,审核人,金额（元）,备注
                2026-10-03,记-001,收入：标准厂房租金,王会计,李主任,62000,第四季度
                2026-10-15,记-002,支出：保洁员工资,王会计,李主任,-7200,两人
                合计,,,,,54800,
                ```

                """ + phones + "特此公告。\n杏花村村务监督委员会\n2026年11月6日\n",
            ], under: root)
        let result = try CLI.run(["build"], in: root)
        XCTAssertEqual(result.status, 0, result.stderr)
        return root
    }

    func testWideTablesTitlePhonesAndSignatureAt375px() throws {
        let root = try builtSite()
        let page = root.appendingPathComponent("public/villages/xinghua/disclosures/2026-10-财务.html")
        let print = root.appendingPathComponent("public/print/villages/xinghua/disclosures/2026-10-财务.html")
        let results = try measure([page.absoluteString, print.absoluteString])
        XCTAssertEqual(results.count, 3, "standard and 大字版 of the page, and the print view")
        for (n, result) in results.prefix(2).enumerated() {
            let mode = n == 0 ? "standard" : "大字版"
            XCTAssertEqual(result["largeText"] as? Bool, n == 1)
            XCTAssertEqual(result["viewport"] as? Int, 375)
            // The wide finance table scrolls, and shows it.
            let tables = try XCTUnwrap(result["tables"] as? [[String: Any]])
            XCTAssertEqual(tables.count, 1)
            XCTAssertEqual(tables[0]["wide"] as? Bool, true, mode)
            XCTAssertEqual(tables[0]["hint"] as? String, "表格较宽，可左右滑动查看 →", mode)
            XCTAssertEqual(tables[0]["shadows"] as? Bool, true, mode)
            XCTAssertEqual(tables[0]["focusable"] as? Bool, true, mode)
            // No phone number is drawn on two lines (48 in the text, one in the footer).
            let tels = try XCTUnwrap(result["tels"] as? [[String: Any]])
            XCTAssertEqual(tels.count, 49, mode)
            for tel in tels { XCTAssertEqual(tel["lines"] as? Int, 1, "\(mode): \(tel)") }
            XCTAssertTrue(tels.contains { $0["href"] as? String == "tel:13800138000" })
            // The signature is right-aligned, issuer and date on lines of their own.
            let signatures = try XCTUnwrap(result["signatures"] as? [[String: Any]])
            XCTAssertEqual(signatures.count, 1)
            XCTAssertEqual(signatures[0]["align"] as? String, "right")
            XCTAssertEqual(signatures[0]["lines"] as? [String], ["杏花村村务监督委员会", "2026年11月6日"], mode)
        }
        // The print view signs the notice once: with the body's own signature.
        let printed = try XCTUnwrap(results.last?["signatures"] as? [[String: Any]])
        XCTAssertEqual(printed.count, 1)
        XCTAssertEqual(printed[0]["lines"] as? [String], ["杏花村村务监督委员会", "2026年11月6日"])
    }

    /// The site title takes two lines (in 大字版 only, for the shorter one) and its last line holds
    /// more than one character.
    func testSiteTitleNeverEndsWithALoneCharacter() throws {
        for title in [Self.longTitle, Self.shorterTitle] {
            let root = try builtSite(title: title)
            let results = try measure([root.appendingPathComponent("public/index.html").absoluteString])
            XCTAssertEqual(results.count, 2)
            for result in results {
                let mode = "\(title), \(result["largeText"] as? Bool == true ? "大字版" : "standard")"
                let brand = try XCTUnwrap(result["brand"] as? [String: Any])
                let lines = brand["lines"] as? Int ?? 0
                if title == Self.longTitle || result["largeText"] as? Bool == true {
                    XCTAssertEqual(lines, 2, mode)
                }
                if lines > 1 { XCTAssertGreaterThan(brand["lastLineChars"] as? Int ?? 0, 1, "\(mode): \(brand)") }
            }
        }
    }

    /// A narrow table does not claim to scroll; one that fits in standard text but not in 大字版 says
    /// so once the reader switches to 大字版 (checked again when the text size changes).
    func testTablesSayTheyScrollOnlyWhenTheyDo() throws {
        let root = try temporaryDirectory(self)
        try writeFiles(
            [
                "site.yaml": "title: 白鹭镇门户\n",
                "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n杏花村简介。\n",
                "content/villages/xinghua/news/2026-11-01-小表.md": """
                ---
                title: 小表
                date: 2026-11-01
                ---
                ```csv 物资
                物资,数量
                灭火器,20
                ```

                ```csv 租金
                项目,金额（元）
                厂房租金,12345678.90
                ```

                """,
            ], under: root)
        XCTAssertEqual(try CLI.run(["build"], in: root).status, 0)
        let results = try measure([root.appendingPathComponent("public/villages/xinghua/news/2026-11-01-小表.html").absoluteString])
        XCTAssertEqual(results.count, 2)
        for result in results {
            let large = result["largeText"] as? Bool == true
            let tables = try XCTUnwrap(result["tables"] as? [[String: Any]])
            XCTAssertEqual(tables.count, 2)
            XCTAssertEqual(tables[0]["wide"] as? Bool, false)
            XCTAssertNil(tables[0]["hint"] as? String)
            XCTAssertEqual(tables[0]["focusable"] as? Bool, false)
            XCTAssertEqual(tables[1]["wide"] as? Bool, large)
            XCTAssertEqual(tables[1]["hint"] as? String, large ? "表格较宽，可左右滑动查看 →" : nil)
            XCTAssertEqual(tables[1]["focusable"] as? Bool, large)
        }
    }

    /// The overlay of a failed rebuild in `gongkai serve`, seen in Chromium: opaque, and covering the page.
    func testServeErrorOverlayIsOpaque() throws {
        let root = try temporaryDirectory(self)
        let notice = "content/villages/xinghua/notices/2026-11-宪法宣传.md"
        try writeFiles(
            [
                "site.yaml": "title: 白鹭镇门户\n",
                "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n杏花村简介。\n",
                notice: "---\ntitle: 宪法宣传周活动安排\ndate: 2026-11-08\n---\n第一版正文。\n",
            ], under: root)
        let server = try ServeProcess(self, site: root)
        let port = try server.port()
        try writeFiles([notice: "---\ntitle: 宪法宣传周活动安排\ndate: 2026-13-08\n---\n坏的一版。\n"], under: root)
        XCTAssertTrue(server.waitForStdout { $0.contains("生成失败") }, server.stdout)
        let results = try measure(["http://127.0.0.1:\(port)/"])
        let overlay = try XCTUnwrap(results.first?["overlay"] as? [String: Any])
        XCTAssertEqual(overlay["background"] as? String, "rgb(255, 255, 255)")
        XCTAssertEqual(overlay["covers"] as? Bool, true)
    }
}
