import Foundation
import GongkaiTestSupport
import XCTest

/// What `gongkai init` and `gongkai new` write for issue 19: column health commented in, the
/// before-event rule as an opt-in example, and a before-event page that names its meeting.
final class InspectionScaffoldTests: XCTestCase {
    func newSite() throws -> URL {
        let site = try temporaryDirectory(self).appendingPathComponent("bailu")
        XCTAssertEqual(try CLI.run(["init", site.path, "--name", "白鹭镇", "--villages", "杏花村"]).status, 0)
        return site
    }

    /// Off as written; turning it on is deleting the `# ` of two lines, and then the check reports it.
    func testInitWritesHealthCommentedIn() throws {
        let site = try newSite()
        let path = site.path + "/disclosure.yaml"
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(yaml.contains("\n# health:\n#   profile: gov-2019\n"), yaml)
        XCTAssertTrue(yaml.contains("国办秘函〔2019〕19号"), yaml)
        XCTAssertTrue(yaml.contains("#   cadence: before-event"), yaml)
        let off = try CLI.run(["check", "--format", "json"], in: site)
        XCTAssertFalse(off.stdout.contains("health-"), off.stdout)

        try yaml.replacingOccurrences(of: "# health:\n#   profile: gov-2019\n", with: "health:\n  profile: gov-2019\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let on = try CLI.run(["check", "--format", "json"], in: site)
        // A new site's samples still hold the template's （在这里……） hints: warnings, no errors.
        XCTAssertFalse(on.stderr.contains(": error: "), on.stderr)
        XCTAssertTrue(on.stdout.contains(#""owner": "site", "rule": "health-stale-home""#), on.stdout)
        XCTAssertTrue(on.stdout.contains(#""stale": 0, "empty": 0}"#), on.stdout)
        XCTAssertEqual(on.status, 0, "a new site is fresh and has a page in every section: \(on.stdout)")

        let siteYAML = try String(contentsOfFile: site.path + "/site.yaml", encoding: .utf8)
        XCTAssertTrue(siteYAML.contains("# government-site: false"), siteYAML)
    }

    /// `gongkai new disclosure --item annual-report` writes `event:` (the earliest meeting day a page
    /// published today is on time for), and the check counts it as published.
    func testNewBeforeEventPage() throws {
        let site = try newSite()
        let path = site.path + "/disclosure.yaml"
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        let rule = [
            "  - id: annual-report", "    name: 年度财务会计报告、收益分配方案（成员大会前公布）", "    applies-to: [village]",
            "    cadence: before-event", "    due: 10", "    basis: 《中华人民共和国农村集体经济组织法》第四十六条", "",
        ].joined(separator: "\n")
        try yaml.replacingOccurrences(of: "rules:\n", with: "rules:\n" + rule).write(toFile: path, atomically: true, encoding: .utf8)
        let made = try CLI.run(["new", "disclosure", "--village", "xinghuacun", "--item", "annual-report", "2026年度财务报告"], in: site)
        XCTAssertEqual(made.status, 0, made.stderr)
        let folder = site.path + "/content/villages/xinghuacun/disclosures"
        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.contains("2026年度财务报告") })
        let page = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        let date = try XCTUnwrap(page.split(separator: "\n").first { $0.hasPrefix("date: ") }).dropFirst(6).prefix(10)
        let event = try XCTUnwrap(page.split(separator: "\n").first { $0.hasPrefix("event: ") }).dropFirst(7).prefix(10)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let days = try XCTUnwrap(formatter.date(from: String(event))).timeIntervalSince(try XCTUnwrap(formatter.date(from: String(date)))) / 86400
        XCTAssertEqual(days, 10, page)
        XCTAssertFalse(page.contains("\nperiod:"), page)
        let check = try CLI.run(["check", "--format", "json", "--as-of", String(date)], in: site)
        XCTAssertFalse(check.stderr.contains(": error: "), check.stderr)
        XCTAssertTrue(check.stdout.contains(#""rule": "annual-report", "period": "\#(event)", "due": "\#(date)", "status": "published""#), check.stdout)
    }
}
