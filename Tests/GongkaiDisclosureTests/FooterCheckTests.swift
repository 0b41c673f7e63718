import GongkaiContent
@testable import GongkaiDisclosure
import XCTest

/// Footer completeness (disclosure-rules.md, "Footer conventions"): a published site carries 主办单位,
/// ICP and 公安备案 numbers; the 政府网站标识码 only where site.yaml says it is a government website.
final class FooterCheckTests: XCTestCase {
    func testTable() throws {
        let full = "  sponsor: 白鹭镇人民政府\n  icp: 某ICP备1号\n  police: 某公网安备1号\n"
        let cases: [(name: String, yaml: String, findings: [String])] = [
            ("not published: nothing asked", "title: 镇\n", []),
            ("complete", "title: 镇\nbase-url: https://example.org/\nfooter:\n" + full, []),
            (
                "no footer", "title: 镇\nbase-url: https://example.org/\n",
                ["footer-sponsor@2", "footer-icp@2", "footer-police@2"]
            ),
            (
                "blank values count as missing", "title: 镇\nbase-url: https://example.org/\nfooter:\n  sponsor: \"\"\n  icp: \"　\"\n  police: 某公网安备1号\n",
                ["footer-sponsor@4", "footer-icp@5"]
            ),
            ("not a government site: no site-code asked", "title: 镇\nbase-url: https://example.org/\ngovernment-site: false\nfooter:\n" + full, []),
            (
                "a government site without site-code", "title: 镇\nbase-url: https://example.org/\ngovernment-site: true\nfooter:\n" + full,
                ["footer-site-code@4"]
            ),
            (
                "a government site with site-code",
                "title: 镇\nbase-url: https://example.org/\ngovernment-site: true\nfooter:\n" + full + "  site-code: \"5100000001\"\n", []
            ),
        ]
        for test in cases {
            let (config, diagnostics) = SiteConfig.parse(test.yaml)
            XCTAssertEqual(diagnostics, [], test.name)
            let findings = FooterCheck.findings(try XCTUnwrap(config, test.name))
            XCTAssertEqual(findings.map { "\($0.rule)@\($0.line ?? 0)" }, test.findings, test.name)
            for finding in findings {
                XCTAssertEqual(finding.file, "site.yaml")
                XCTAssertEqual(finding.kind, .footer)
                XCTAssertTrue(finding.zh.contains("请在 site.yaml 的 footer: 下写 \(finding.subject): …"), finding.zh)
            }
        }
    }
}
