import Foundation
import GongkaiTestSupport
import XCTest

/// Issue 14, point 1: a line typed with Enter stays a line (the default, `markdown: {line-breaks: keep}`),
/// hard-wrapped Chinese joins without a space (`line-breaks: join`), a trailing signature block is its
/// own right-aligned paragraph. The real binary on real files; the HTML a reader gets.
final class LineBreakTests: XCTestCase {
    static let notice = "content/villages/xinghua/notices/2026-11-06-冬季防火.md"
    static let noticeHTML = "public/villages/xinghua/notices/2026-11-06-冬季防火.html"
    static let printHTML = "public/print/villages/xinghua/notices/2026-11-06-冬季防火.html"

    /// As a clerk writes in Word: items on lines of their own, an address over a phone, the signature
    /// straight under the last sentence.
    static let clerkBody = """
        各位村民：

        冬季天干物燥，请注意以下几点：
        1、不要在山林里烧荒；
        2、电动车不要在楼道里充电；
        3、家里备好灭火器。
        地址：杏花村村委会一楼
        电话：0838-5550131

        - 第一条列表
          列表里的第二行

        ```csv 防火物资
        物资,数量
        灭火器,20
        ```

        特此通知。
        杏花村村民委员会
        2026年11月6日

        """

    func site(_ siteYAML: String = "title: 白鹭镇门户\n", body: String = clerkBody, extra: [String: String] = [:]) throws -> URL {
        let root = try temporaryDirectory(self)
        var files = [
            "site.yaml": siteYAML,
            "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n杏花村简介。\n",
            Self.notice: "---\ntitle: 关于冬季防火的通知\ndate: 2026-11-06\nissuer: 杏花村村民委员会\n---\n" + body,
        ]
        files.merge(extra) { $1 }
        try writeFiles(files, under: root)
        return root
    }

    func read(_ path: String, in root: URL) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func testLinesTypedWithEnterStayLinesByDefault() throws {
        let root = try site()
        let result = try CLI.run(["build"], in: root)
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try read(Self.noticeHTML, in: root)
        XCTAssertTrue(html.contains("<p>冬季天干物燥，请注意以下几点：<br />\n1、不要在山林里烧荒；<br />\n2、电动车不要在楼道里充电；<br />\n3、家里备好灭火器。<br />\n地址：杏花村村委会一楼<br />\n电话："), html)
        XCTAssertTrue(html.contains("<li>第一条列表<br />\n列表里的第二行</li>"), html)
        XCTAssertTrue(html.contains("<th scope=\"row\">灭火器</th><td class=\"num\">20</td>"), html)
        // The signature written straight under the last sentence becomes a paragraph of its own.
        XCTAssertTrue(html.contains("<p>特此通知。</p>\n<p class=\"signature\">杏花村村民委员会<br />\n2026年11月6日</p>"), html)
        // The phone number is kept on one line and can be tapped.
        XCTAssertTrue(html.contains("电话：<a class=\"tel\" href=\"tel:08385550131\">0838-5550131</a>"), html)
    }

    func testJoinModeJoinsHardWrappedChineseWithoutASpace() throws {
        let body = """
            冬季天干物燥，请大家
            注意防火，不要
            “烧荒”。Keep fire
            away.

            杏花村村民委员会
            二〇二六年十一月六日

            """
        let root = try site("title: 白鹭镇门户\nmarkdown:\n  line-breaks: join\n", body: body)
        let result = try CLI.run(["build"], in: root)
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try read(Self.noticeHTML, in: root)
        XCTAssertTrue(html.contains("<p>冬季天干物燥，请大家注意防火，不要“烧荒”。Keep fire\naway.</p>"), html)
        XCTAssertFalse(html.contains("请大家<br"), html)
        // The signature keeps its lines in this mode too.
        XCTAssertTrue(html.contains("<p class=\"signature\">杏花村村民委员会<br />\n二〇二六年十一月六日</p>"), html)
    }

    func testUnknownLineBreakSettingIsAnErrorNamingTheLine() throws {
        let root = try site("title: 白鹭镇门户\nmarkdown:\n  line-breaks: yes\n")
        try writeFiles(["public/index.html": "旧网站\n"], under: root)
        let result = try CLI.run(["build"], in: root)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("site.yaml:3: error: line-breaks 只能是 keep"), result.stderr)
        XCTAssertEqual(try read("public/index.html", in: root), "旧网站\n")
    }

    /// Switching the setting on a site already built (the body cache and the output memo of `serve`
    /// and of incremental builds) renders the bodies again.
    func testChangingTheSettingRebuildsTheBodies() throws {
        let root = try site(body: "第一行\n第二行\n")
        XCTAssertEqual(try CLI.run(["build"], in: root).status, 0)
        XCTAssertTrue(try read(Self.noticeHTML, in: root).contains("<p>第一行<br />\n第二行</p>"))
        try writeFiles(["site.yaml": "title: 白鹭镇门户\nmarkdown: {line-breaks: join}\n"], under: root)
        XCTAssertEqual(try CLI.run(["build"], in: root).status, 0)
        XCTAssertTrue(try read(Self.noticeHTML, in: root).contains("<p>第一行第二行</p>"))
    }

    /// `gongkai serve` keeps rendered bodies between builds: switching the setting renders them again.
    func testServeRendersBodiesAgainWhenTheSettingChanges() throws {
        let root = try site(body: "第一行\n第二行\n")
        let server = try ServeProcess(self, site: root)
        let port = try server.port()
        let url = "/villages/xinghua/notices/2026-11-06-%E5%86%AC%E5%AD%A3%E9%98%B2%E7%81%AB.html"
        XCTAssertTrue(try RawHTTP.request(url, port: port).text.contains("<p>第一行<br />\n第二行</p>"))
        let tab = try EventStreamClient(port: port)
        defer { tab.close() }
        XCTAssertTrue(tab.waitFor("event: hello"))
        let mark = tab.received.count
        try writeFiles(["site.yaml": "title: 白鹭镇门户\nmarkdown: {line-breaks: join}\n"], under: root)
        XCTAssertTrue(tab.waitFor("event: reload", after: mark), tab.received)
        let page = try RawHTTP.request(url, port: port).text
        XCTAssertTrue(page.contains("<p>第一行第二行</p>"), page)
    }

    /// Point 10: the print view does not sign a body a second time.
    func testPrintViewDoesNotAddASecondSignature() throws {
        let root = try site(extra: [
            "content/villages/xinghua/disclosures/2026-Q3-党务公开.md": """
            ---
            title: 杏花村2026年第三季度村务公开
            date: 2026-10-12
            item: village-affairs-quarterly
            period: 2026-Q3
            ---
            现将本季度党务工作公开如下。

            杏花村党总支（签章）　2026年10月12日
            杏花村村务监督委员会　监督电话：0838-5550131

            """,
            "content/villages/xinghua/disclosures/2026-10-10-会议决定.md": """
            ---
            title: 杏花村村民代表会议决定事项公开
            date: 2026-10-12
            item: meeting-decisions
            period: 2026-10-10
            ---
            现将本季度村务公开如下，欢迎村民监督。

            """,
            "content/villages/xinghua/notices/2026-11-07-只写单位.md": """
            ---
            title: 只写了单位的通知
            date: 2026-11-07
            ---
            请大家相互转告。
            杏花村村民委员会

            """,
        ])
        let result = try CLI.run(["build"], in: root)
        XCTAssertEqual(result.status, 0, result.stderr)
        // The notice ends with its own signature: it appears once, and no poster signature is added.
        let notice = try read(Self.printHTML, in: root)
        XCTAssertEqual(notice.components(separatedBy: "杏花村村民委员会").count - 1, 1, notice)
        XCTAssertFalse(notice.contains("poster-signature"), notice)
        XCTAssertTrue(notice.contains("<p class=\"signature\">杏花村村民委员会<br />\n2026年11月6日</p>"), notice)
        // The party-affairs disclosure signs itself (issuer and date on one line): no 村务监督委员会 added under it.
        let party = try read("public/print/villages/xinghua/disclosures/2026-Q3-党务公开.html", in: root)
        XCTAssertFalse(party.contains("poster-signature"), party)
        XCTAssertEqual(party.components(separatedBy: "杏花村村务监督委员会").count - 1, 1, party)
        // Without a signature in the body, the print view signs it.
        let village = try read("public/print/villages/xinghua/disclosures/2026-10-10-会议决定.html", in: root)
        XCTAssertTrue(village.contains("<p class=\"poster-signature\">杏花村村务监督委员会<br><time datetime=\"2026-10-12\">"), village)
        // Signed without a date: only the date is added.
        let undated = try read("public/print/villages/xinghua/notices/2026-11-07-只写单位.html", in: root)
        XCTAssertEqual(undated.components(separatedBy: "杏花村村民委员会").count - 1, 1, undated)
        XCTAssertTrue(undated.contains("<p class=\"poster-signature\"><time datetime=\"2026-11-07\">"), undated)
    }

    /// `gongkai init` documents the setting in Chinese, and what `init` and `new` write renders as meant.
    func testInitAndNewTemplatesRenderAsMeant() throws {
        let parent = try temporaryDirectory(self, name: "work")
        let initResult = try CLI.run(["init", "白鹭镇", "--villages", "杏花村,青石社区"], in: parent)
        XCTAssertEqual(initResult.status, 0, initResult.stderr)
        let root = parent.appendingPathComponent("白鹭镇")
        let siteYAML = try read("site.yaml", in: root)
        XCTAssertTrue(siteYAML.contains("  line-breaks: keep"), siteYAML)
        XCTAssertTrue(siteYAML.contains("按回车另起的一行，网页上也另起一行"), siteYAML)
        XCTAssertTrue(siteYAML.contains("可改为 join"), siteYAML)
        let new = try CLI.run(["new", "disclosure", "--village", "xinghuacun", "--item", "village-affairs-quarterly", "--period", "2026-Q3"], in: root)
        XCTAssertEqual(new.status, 0, new.stderr)
        let build = try CLI.run(["build"], in: root)
        XCTAssertEqual(build.status, 0, build.stderr)
        let output = root.appendingPathComponent("public")
        var signatures = 0
        for case let url as URL in FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)!
        where url.pathExtension == "html" && !url.path.contains("/print/") {
            let html = try String(contentsOf: url, encoding: .utf8)
            // Every signature the templates write stands on its own, right-aligned.
            if html.contains("<p class=\"signature\">") { signatures += 1 }
            XCTAssertFalse(html.contains("委员会 20"), url.path)
        }
        // The sample notice and disclosure of each village type and the new disclosure.
        XCTAssertGreaterThanOrEqual(signatures, 3)
    }
}
