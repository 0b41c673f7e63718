import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GongkaiTestSupport
import XCTest

/// Issue 14, point 4: `check`, `list` and the portal count on one day — `--as-of`, else site.yaml's
/// `as-of`, else today in Beijing time — and each says which one it used.
final class AsOfAgreementTests: XCTestCase {
    /// Pinned to 2027-04-20 in site.yaml: checked from July 2026, one month published.
    static let files: [String: String] = [
        "site.yaml": "title: 白鹭镇\nas-of: 2027-04-20\n",
        "disclosure.yaml": "since: 2026-07-01\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n杏花村简介。\n",
        "content/villages/xinghua/disclosures/2026-10-财务.md":
            "---\ntitle: 杏花村2026年10月财务收支公开\ndate: 2026-11-06\nitem: finance-monthly\nperiod: 2026-10\n---\n公开内容。\n",
    ]

    func site(without: [String] = []) throws -> URL {
        let root = try temporaryDirectory(self)
        var files = Self.files
        if without.contains("as-of") { files["site.yaml"] = "title: 白鹭镇\n" }
        try writeFiles(files, under: root)
        return root
    }

    /// 未公开 N 期 in the check's first lines, 未公开 N 项 on the portal's 公开情况 page.
    static func count(_ pattern: String, in text: String) throws -> Int {
        let regex = try NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        let match = try XCTUnwrap(regex.firstMatch(in: text, range: range), "\(pattern) not in \(text.prefix(600))")
        return Int((text as NSString).substring(with: match.range(at: 1)))!
    }

    func testCheckListAndPortalCountOnSiteYAMLsDay() throws {
        let root = try site()
        XCTAssertEqual(try CLI.run(["build"], in: root).status, 0)
        let portal = try String(contentsOf: root.appendingPathComponent("public/disclosure/index.html"), encoding: .utf8)
        XCTAssertTrue(portal.contains("（截至 2027年4月20日）"), portal)
        let portalMissing = try Self.count("未公开 (\\d+) 项", in: portal)
        let portalPublished = try Self.count("按时公开 (\\d+) 项", in: portal)

        let check = try CLI.run(["check"], in: root)
        XCTAssertEqual(check.status, 1, check.stderr)
        XCTAssertTrue(check.stdout.contains("截至：2027年4月20日（site.yaml 的 as-of）　检查起始：2026年7月1日"), check.stdout)
        XCTAssertEqual(try Self.count("：未公开 (\\d+) 期", in: check.stdout), portalMissing)
        XCTAssertEqual(try Self.count("已按时公开 (\\d+) 期；", in: check.stdout), portalPublished)
        // July 2026 to March 2027 but October: 8 months; Q3, Q4 2026 and Q1 2027 of two quarterly rules: 6.
        XCTAssertEqual(portalMissing, 14)

        let json = try CLI.run(["check", "--format", "json"], in: root)
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(parsed["asOf"] as? String, "2027-04-20")
        XCTAssertEqual(parsed["asOfSource"] as? String, "site.yaml")
        XCTAssertEqual((parsed["summary"] as? [String: Int])?["missing"], portalMissing)

        let junit = try CLI.run(["check", "--format", "junit"], in: root)
        let document = try XMLDocument(data: Data(junit.stdout.utf8))
        XCTAssertEqual(try document.nodes(forXPath: "//testsuite/properties/property[@name='as-of']/@value").compactMap(\.stringValue), ["2027-04-20"])
        XCTAssertEqual(try document.nodes(forXPath: "//testsuite/properties/property[@name='as-of-source']/@value").compactMap(\.stringValue), ["site.yaml"])
        XCTAssertEqual(try document.nodes(forXPath: "//testcase[failure]").count, portalMissing)

        let list = try CLI.run(["list"], in: root)
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("公开检查（截至2027年4月20日）"), list.stdout)
        XCTAssertTrue(list.stdout.contains("未公开 \(portalMissing) 期，已按时公开 \(portalPublished) 期"), list.stdout)
        XCTAssertTrue(list.stdout.contains("公开检查截至2027年4月20日（site.yaml 的 as-of）"), list.stdout)

        let verbose = try CLI.run(["build", "--verbose", "--force"], in: root)
        XCTAssertTrue(verbose.stdout.contains("公开情况统计到：2027年4月20日（site.yaml 的 as-of）"), verbose.stdout)
    }

    func testTheFlagWinsAndSaysSo() throws {
        let root = try site()
        let check = try CLI.run(["check", "--as-of", "2026-11-23"], in: root)
        XCTAssertTrue(check.stdout.contains("截至：2026年11月23日（命令行 --as-of）"), check.stdout)
        // July to September and two Q3s missing, October on time.
        XCTAssertTrue(check.stdout.contains("：未公开 5 期，逾期公开 0 期，未到期 0 期，已按时公开 1 期"), check.stdout)
        let json = try CLI.run(["check", "--as-of", "2026-11-23", "--format", "json"], in: root)
        XCTAssertTrue(json.stdout.hasPrefix("{\n  \"asOf\": \"2026-11-23\",\n  \"asOfSource\": \"flag\",\n"), json.stdout)
        let list = try CLI.run(["list", "--as-of", "2026-11-23"], in: root)
        XCTAssertTrue(list.stdout.contains("未公开 5 期，已按时公开 1 期"), list.stdout)
        XCTAssertTrue(list.stdout.contains("公开检查截至2026年11月23日（命令行 --as-of）"), list.stdout)
        let english = try CLI.run(["check", "--as-of", "2026-11-23", "--lang", "en"], in: root)
        XCTAssertTrue(english.stdout.contains("As of 2026-11-23 (--as-of on the command line), checked from 2026-07-01"), english.stdout)
    }

    func testTodayInBeijingWhenNothingPinsADay() throws {
        let root = try site(without: ["as-of"])
        let before = CheckCommandTests.todayInShanghai()
        let check = try CLI.run(["check", "--format", "json"], in: root)
        let list = try CLI.run(["list"], in: root)
        XCTAssertEqual(try CLI.run(["build"], in: root).status, 0)
        let after = CheckCommandTests.todayInShanghai()
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(parsed["asOfSource"] as? String, "today")
        let asOf = try XCTUnwrap(parsed["asOf"] as? String)
        XCTAssertTrue(asOf == before || asOf == after, "\(asOf) vs \(before)")
        XCTAssertTrue(list.stdout.contains("（今天，北京时间）"), list.stdout)
        let portal = try String(contentsOf: root.appendingPathComponent("public/disclosure/index.html"), encoding: .utf8)
        let parts = asOf.split(separator: "-").map { Int($0)! }
        XCTAssertTrue(portal.contains("截至 \(parts[0])年\(parts[1])月\(parts[2])日"), "the portal counts on the same today")
        XCTAssertEqual((parsed["summary"] as? [String: Int])?["missing"], try Self.count("未公开 (\\d+) 项", in: portal))
    }
}
