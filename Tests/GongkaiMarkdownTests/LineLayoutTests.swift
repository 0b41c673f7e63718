import XCTest
@testable import GongkaiMarkdown

/// Issue 14: signature blocks, phone numbers and joined lines — what they must and must not match.
final class LineLayoutTests: XCTestCase {
    func signature(_ markdown: String) -> String? {
        let html = Markdown.render(markdown).html
        guard let start = html.range(of: "<p class=\"signature\">") else { return nil }
        return String(html[start.upperBound...].prefix { $0 != "<" })
    }

    func testSignatureBlocksAreFound() {
        XCTAssertEqual(signature("特此通知。\n\n杏花村村民委员会\n2026年11月6日\n"), "杏花村村民委员会")
        XCTAssertEqual(signature("特此通知。\n杏花村村民委员会\n二〇二六年十一月六日\n"), "杏花村村民委员会")
        XCTAssertEqual(
            signature("正文。\n\n杏花村党总支（签章）　2026年10月12日\n杏花村村务监督委员会　监督电话：0838-5550131\n"),
            "杏花村党总支（签章）　2026年10月12日")
        XCTAssertEqual(
            signature("正文。\n\n杏花村村务监督委员会（签章）　2026年6月4日　监督电话：0838-5550131\n"),
            "杏花村村务监督委员会（签章）　2026年6月4日　监督电话：")
        XCTAssertEqual(signature("请相互转告。\n白鹭镇人民政府\n2026-11-06\n"), "白鹭镇人民政府")
        XCTAssertEqual(Markdown.render("正文。\n\n杏花村村民委员会\n2026年11月6日\n").signatureDated, true)
        XCTAssertEqual(Markdown.render("正文。\n杏花村村民委员会\n").signatureDated, false)
    }

    func testWhatIsNotASignature() {
        for body in [
            "报名时间\n2026年11月6日\n",  // no organisation
            "报名截止 2026年11月6日\n",
            "请于2026年11月6日前到村民委员会报名。\n",  // a sentence
            "杏花村村民委员会\n2026年11月6日\n\n以上是落款的写法。\n",  // not at the end
            "- 杏花村村民委员会\n- 2026年11月6日\n",  // a list
            "## 杏花村村民委员会\n",
            "如有疑问请拨打电话0838-5550131。\n",
        ] {
            XCTAssertNil(signature(body), body)
            XCTAssertNil(Markdown.render(body).signatureDated, body)
        }
        // A contact line that is a sentence stays with the text above the signature.
        let html = Markdown.render("如有疑问请拨打电话0838-5550131。\n杏花村村民委员会\n2026年11月6日\n").html
        XCTAssertTrue(html.hasPrefix("<p>如有疑问请拨打电话"), html)
        XCTAssertTrue(html.contains("<p class=\"signature\">杏花村村民委员会<br />\n2026年11月6日</p>"), html)
    }

    func testPhoneNumbers() {
        func found(_ text: String) -> [String] { PhoneNumbers.find(in: text).map(\.digits) }
        XCTAssertEqual(found("电话：0838-5550131"), ["08385550131"])
        XCTAssertEqual(found("请拨打13800138000或138 0013 8000咨询"), ["13800138000", "13800138000"])
        XCTAssertEqual(found("服务热线400-810-1234。"), ["4008101234"])
        XCTAssertEqual(found("2026 13800138000"), ["13800138000"])
        // Not phone numbers: dates, amounts, ids, short numbers, parts of longer figures and words.
        for text in [
            "2026-11-06", "收入62000元", "12345678.90", "拨打110或96110", "身份证510123199001011234",
            "v13800138000", "13800138000.5", "1380013800", "0000-0000000", "2026年11月6日",
        ] {
            XCTAssertEqual(found(text), [], text)
        }
        let html = Markdown.render("电话：[0838-5550131](tel:08385550131)，手机13800138000\n").html
        XCTAssertTrue(html.contains("<a href=\"tel:08385550131\"><span class=\"tel\">0838-5550131</span></a>"), html)
        XCTAssertTrue(html.contains("<a class=\"tel\" href=\"tel:13800138000\">13800138000</a>"), html)
        // Code stays as written.
        XCTAssertTrue(Markdown.render("`13800138000`\n").html.contains("<code>13800138000</code>"))
    }

    func testJoiningLines() {
        let join = Markdown.Options(lineBreaks: .join)
        XCTAssertEqual(Markdown.render("请大家\n注意防火\n", options: join).html, "<p>请大家注意防火</p>\n")
        XCTAssertEqual(Markdown.render("请大家\n“注意”防火\n", options: join).html, "<p>请大家“注意”防火</p>\n")
        XCTAssertEqual(Markdown.render("Fire\nsafety\n", options: join).html, "<p>Fire\nsafety</p>\n")
        XCTAssertEqual(Markdown.render("请 *大家*\n**注意**\n", options: join).html, "<p>请 <em>大家</em><strong>注意</strong></p>\n")
        XCTAssertEqual(Markdown.render("共 25 人\n实到 23 人\n", options: join).html, "<p>共 25 人实到 23 人</p>\n")
        XCTAssertEqual(Markdown.render("第一行\n第二行\n").html, "<p>第一行<br />\n第二行</p>\n")
    }
}
