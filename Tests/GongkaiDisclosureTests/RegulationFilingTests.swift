import GongkaiContent
@testable import GongkaiDisclosure
import XCTest

/// disclosure-rules.md (d) "Regulations count for their own filing rule": a published 村规民约 / 居民公约
/// is an event of `regulations-filed` / `covenant-filed`, dated `filed`, else `adopted`.
final class RegulationFilingTests: XCTestCase {
    /// Adds `content/villages/<village>/regulations/<name>.md`: line 1 `---`, 2 `title`, 3 `date`, then `keys`.
    @discardableResult
    static func regulation(_ site: inout SiteFixture, _ village: String, _ name: String, date: String, _ keys: [String] = []) -> String {
        let path = "content/villages/\(village)/regulations/\(name).md"
        site.files[path] = (["---", "title: \(name)", "date: \(date)"] + keys + ["---", "**第一条** 移风易俗。"]).joined(separator: "\n") + "\n"
        return path
    }

    /// Each row: the regulation's keys and date, and whether it counts, on time or late (due 10 days).
    func testEventDayAndStatusAtTheBoundaries() throws {
        let cases: [(name: String, keys: [String], date: String, counts: Bool, late: Bool)] = [
            ("filed, published on the due day", ["filed: 2026-03-25"], "2026-04-04", true, false),
            ("filed, published the day after", ["filed: 2026-03-25"], "2026-04-05", true, true),
            ("filed wins over adopted", ["adopted: 2026-01-01", "filed: 2026-03-25"], "2026-04-04", true, false),
            ("adopted when not filed", ["adopted: 2026-03-25"], "2026-04-04", true, false),
            ("adopted, a day late", ["adopted: 2026-03-25"], "2026-04-05", true, true),
            ("published before it was filed", ["filed: 2026-05-01"], "2026-04-20", true, false),
            ("neither filed nor adopted", ["version: 2026版"], "2026-04-01", false, false),
            ("dated after as-of", ["filed: 2026-11-20"], "2026-11-24", false, false),
            ("dated on as-of", ["filed: 2026-11-20"], "2026-11-23", true, false),
            ("dated before the check start", ["filed: 2025-12-01"], "2025-12-05", false, false),
        ]
        for test in cases {
            var site = SiteFixture()
            site.rules("since: 2026-01-01\n")
            Self.regulation(&site, "xinghua", "村规民约", date: test.date, test.keys)
            let checked = try site.check(self, asOf: "2026-11-23")
            let result = try XCTUnwrap(checked.result("xinghua", "regulations-filed"), test.name)
            XCTAssertEqual(result.count, test.counts ? 1 : 0, test.name)
            XCTAssertEqual(result.late, test.late ? 1 : 0, test.name)
            XCTAssertEqual(result.status, test.counts ? .published : DisclosureStatus.none, test.name)
            XCTAssertEqual(result.pages, test.counts ? ["content/villages/xinghua/regulations/村规民约.md"] : [], test.name)
            // A regulation never counts as a not-counted disclosure page: it is the village's history.
            XCTAssertEqual(checked.report.uncounted, [], test.name)
        }
    }

    func testWithoutFiledOrAdoptedTheCheckSaysSoOnce() throws {
        var site = SiteFixture()
        let path = Self.regulation(&site, "xinghua", "村规民约", date: "2026-04-01", ["version: 2026版"])
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.warnings.count, 1, "\(checked.warnings)")
        let warning = try XCTUnwrap(checked.warnings.first)
        XCTAssertEqual(warning.file, path)
        XCTAssertEqual(warning.line, 3, "the date line, where filed: goes next")
        XCTAssertTrue(warning.zh.contains("没有写 filed（报乡镇备案的日期）或 adopted"), warning.zh)
        XCTAssertTrue(warning.zh.contains("不计入公开检查“regulations-filed”"), warning.zh)
        XCTAssertTrue(warning.zh.contains("filed: 2026-04-01"), warning.zh)
        XCTAssertTrue(warning.en.contains("has neither filed"), warning.en)
    }

    /// `adopted:` left empty (as `gongkai new` writes it) is already named by the loader on its line: the
    /// check does not say it a second time.
    func testAnEmptyAdoptedLineIsNamedOnceByTheLoader() throws {
        var site = SiteFixture()
        let path = Self.regulation(&site, "xinghua", "村规民约", date: "2026-04-01", ["adopted:"])
        let content = try site.load(self)
        XCTAssertEqual(content.diagnostics.filter { $0.file == path }.map(\.line), [4])
        let (report, diagnostics) = DisclosureCheck.evaluate(content, asOf: try day("2026-11-23"))
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(report.results.first { $0.rule == "regulations-filed" }?.count, 0)
    }

    func testEveryVersionOfAChainAndAFilingNoticeAreEachTheirOwnEvent() throws {
        var site = SiteFixture()
        site.rules("since: 2026-01-01\n")
        Self.regulation(&site, "xinghua", "2026版村规民约", date: "2026-02-20", ["adopted: 2026-01-20", "filed: 2026-02-01", "version: 2026版"])
        Self.regulation(
            &site, "xinghua", "2026修订版村规民约", date: "2026-06-15",
            ["adopted: 2026-06-10", "version: 2026修订版", "supersedes: 2026版村规民约"])
        Self.regulation(&site, "xinghua", "草稿", date: "2026-07-01", ["filed: 2026-07-01", "draft: true"])
        site.disclose("xinghua", "村规民约备案公告", item: "regulations-filed", period: "2026-06-12", date: "2026-06-14")
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.diagnostics, [])
        let result = try XCTUnwrap(checked.result("xinghua", "regulations-filed"))
        XCTAssertEqual(result.count, 3)
        XCTAssertEqual(result.late, 1, "the 2026版 was published 19 days after it was filed")
        XCTAssertEqual(result.published, try day("2026-06-15"))
        XCTAssertEqual(
            result.pages,
            [
                "content/villages/xinghua/regulations/2026版村规民约.md",
                "content/villages/xinghua/disclosures/村规民约备案公告.md",
                "content/villages/xinghua/regulations/2026修订版村规民约.md",
            ])
    }

    func testCommunitiesCountForTheCovenantRuleAndCountyRegulationsForNone() throws {
        var site = SiteFixture(villages: [("xinghua", "village"), ("qingshi", "community")])
        Self.regulation(&site, "qingshi", "居民公约", date: "2026-11-02", ["adopted: 2026-10-20", "filed: 2026-10-28"])
        site.files["content/county/regulations/全镇倡议.md"] = "---\ntitle: 全镇倡议\ndate: 2026-05-01\nfiled: 2026-05-01\nvillages: [xinghua]\n---\n正文\n"
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checked.diagnostics, [])
        XCTAssertEqual(checked.result("qingshi", "covenant-filed")?.count, 1)
        XCTAssertEqual(checked.result("qingshi", "covenant-filed")?.late, 0)
        XCTAssertNil(checked.result("qingshi", "regulations-filed"), "a village-only rule")
        XCTAssertEqual(checked.result("xinghua", "regulations-filed")?.count, 0, "county regulations bind no village")
    }

    func testTheRuleSwitchedOffExemptOrWidenedDecidesWhereItCounts() throws {
        // Exempt: not counted, and no warning about a missing filed: day (it would count for nothing).
        var exempt = SiteFixture()
        exempt.addVillage("xinghua", extra: ["disclosure-exempt: [regulations-filed]"])
        Self.regulation(&exempt, "xinghua", "村规民约", date: "2026-04-01")
        let checkedExempt = try exempt.check(self, asOf: "2026-11-23")
        XCTAssertNil(checkedExempt.result("xinghua", "regulations-filed"))
        XCTAssertEqual(checkedExempt.warnings, [])

        // A site that switched covenant-filed off and made regulations-filed bind communities too.
        var widened = SiteFixture(villages: [("qingshi", "community")])
        widened.rules("disable: [covenant-filed]\nrules:\n  - id: regulations-filed\n    applies-to: [village, community]\n")
        Self.regulation(&widened, "qingshi", "居民公约", date: "2026-11-02", ["filed: 2026-10-28"])
        let checkedWidened = try widened.check(self, asOf: "2026-11-23")
        XCTAssertEqual(checkedWidened.result("qingshi", "regulations-filed")?.count, 1)
    }

    func testItemOnARegulationIsNotNeededAndSaysWhy() throws {
        var site = SiteFixture()
        let path = Self.regulation(&site, "xinghua", "村规民约", date: "2026-11-02", ["filed: 2026-10-28", "item: regulations-filed"])
        let content = try site.load(self)
        let warning = try XCTUnwrap(content.diagnostics.first { $0.file == path })
        XCTAssertEqual(warning.line, 5)
        XCTAssertFalse(warning.isError)
        XCTAssertTrue(warning.zh.contains("村规民约、居民公约本身就计入公开检查"), warning.zh)
        let (report, _) = DisclosureCheck.evaluate(content, asOf: try day("2026-11-23"))
        XCTAssertEqual(report.results.first { $0.village == "xinghua" && $0.rule == "regulations-filed" }?.count, 1)
    }
}
