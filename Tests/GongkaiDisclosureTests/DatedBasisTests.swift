import GongkaiContent
@testable import GongkaiDisclosure
import XCTest

/// Dated bases (disclosure-rules.md section (d)): the 2018 texts for periods ending before 2026, the
/// amended organic laws from 2026-01-01, without invented article numbers.
final class DatedBasisTests: XCTestCase {
    func rule(_ id: String) throws -> DisclosureRule { try XCTUnwrap(DisclosureRule.defaults.first { $0.id == id }) }

    func testDefaultsOn2025_12_31And2026_01_01() throws {
        let cases: [(rule: String, old: String, new: String)] = [
            (
                "finance-monthly", "《中华人民共和国村民委员会组织法》第三十条；《农村集体经济组织财务公开规定》",
                "《中华人民共和国村民委员会组织法》（2025年修正，村务公开条款，条文序号待核）；《农村集体经济组织财务公开规定》"
            ),
            (
                "regulations-filed", "《中华人民共和国村民委员会组织法》第二十七条；民政部等七部门《关于做好村规民约和居民公约工作的指导意见》",
                "《中华人民共和国村民委员会组织法》（2025年修正，村规民约备案条款，条文序号待核）；民政部等七部门《关于做好村规民约和居民公约工作的指导意见》"
            ),
            (
                "covenant-filed", "《中华人民共和国城市居民委员会组织法》第十五条",
                "《中华人民共和国城市居民委员会组织法》（2025年修订，居民公约条款，条文序号待核）"
            ),
            // Not an organic law: one text throughout.
            ("finance-quarterly", "《农村集体经济组织财务公开规定》（农业部、监察部，2011年）", "《农村集体经济组织财务公开规定》（农业部、监察部，2011年）"),
        ]
        for test in cases {
            let rule = try rule(test.rule)
            XCTAssertEqual(rule.basis(on: try day("2025-12-31")), test.old, test.rule)
            XCTAssertEqual(rule.basis(on: try day("2026-01-01")), test.new, test.rule)
        }
    }

    /// The amended texts are cited without an article number: no 第…条 after the law's name.
    func testNoInventedArticleNumbers() throws {
        for rule in DisclosureRule.defaults {
            let text = rule.basis(on: try day("2026-06-30"))
            for law in ["村民委员会组织法》", "城市居民委员会组织法》"] where text.contains(law) {
                XCTAssertTrue(text.contains("条文序号待核"), "\(rule.id): \(text)")
                let after = text.components(separatedBy: law)[1].prefix { $0 != "；" }
                XCTAssertFalse(after.contains("第"), "\(rule.id): \(text)")
            }
        }
    }

    /// A period is cited with the entry in force on its last day: December 2025 ends 2025-12-31, the
    /// fourth quarter of 2025 too; an on-event count is cited as of the as-of day.
    func testPeriodsCiteTheirLastDay() throws {
        var site = SiteFixture()
        site.rules("since: 2025-11-01\n")
        site.disclose("xinghua", "2025-11", item: "finance-monthly", period: "2025-11", date: "2025-12-05")
        site.disclose("xinghua", "2025-12", item: "finance-monthly", period: "2025-12", date: "2026-01-15")
        site.disclose("xinghua", "2026-01", item: "finance-monthly", period: "2026-01", date: "2026-02-20")
        let checked = try site.check(self, asOf: "2026-03-01")
        let rule = try rule("finance-monthly")
        let december = try XCTUnwrap(checked.result("xinghua", "finance-monthly", "2025-12"))
        let january = try XCTUnwrap(checked.result("xinghua", "finance-monthly", "2026-01"))
        XCTAssertTrue(rule.basis(on: rule.basisDay(for: december, asOf: checked.report.asOf)).contains("第三十条"))
        XCTAssertTrue(rule.basis(on: rule.basisDay(for: january, asOf: checked.report.asOf)).contains("2025年修正"))
        // The text report cites both, each for its periods; JUnit cites each result's own.
        let text = checked.report.text()
        // December 2025 and January 2026 are both late: one heading, two bases, each for its periods.
        XCTAssertTrue(
            text.contains(
                "依据（2025年12月31日及以前的各期）：《中华人民共和国村民委员会组织法》第三十条；《农村集体经济组织财务公开规定》\n"
                    + "    依据（2026年1月1日起的各期）：《中华人民共和国村民委员会组织法》（2025年修正，村务公开条款，条文序号待核）"), text)
        let junit = checked.report.junit(strict: true)
        XCTAssertTrue(junit.contains("依据：《中华人民共和国村民委员会组织法》（2025年修正，村务公开条款，条文序号待核）"), junit)
    }

    func testASiteWritesBasesByDate() throws {
        let yaml = """
            rules:
              - id: party-affairs-quarterly
                name: 党务公开
                cadence: quarterly
                due: 15
                basis:
                  - until: 2025-12-31
                    text: 旧依据
                  - from: 2026-01-01
                    text: 新依据
              - id: major-matters
                basis: 本镇规定

            """
        let (rules, diagnostics) = DisclosureRuleSet.parse(yaml)
        XCTAssertEqual(diagnostics, [])
        let party = try XCTUnwrap(rules.rule("party-affairs-quarterly"))
        XCTAssertEqual(party.basis(on: try day("2025-12-31")), "旧依据")
        XCTAssertEqual(party.basis(on: try day("2026-01-01")), "新依据")
        XCTAssertEqual(party.basis, "新依据", "shown where no date applies: the newest")
        // A site's own plain basis replaces the default's dated one.
        let major = try XCTUnwrap(rules.rule("major-matters"))
        XCTAssertEqual(major.basis(on: try day("2025-06-01")), "本镇规定")
        XCTAssertEqual(major.basis(on: try day("2026-06-01")), "本镇规定")
    }

    func testInputErrorsNameTheLine() throws {
        let head = "rules:\n  - id: major-matters\n    basis:\n"
        let cases: [(name: String, yaml: String, line: Int, fragment: String)] = [
            ("no text", head + "      - from: 2026-01-01\n", 4, "缺少 text"),
            ("until before from", head + "      - from: 2026-01-01\n        until: 2025-01-01\n        text: 甲\n", 5, "早于 from"),
            ("not a mapping", head + "      - 甲\n", 4, "basis 列表的每一项"),
            ("bad date", head + "      - from: 2026-13-01\n        text: 甲\n", 4, "日期“2026-13-01”无效"),
            ("empty list", "rules:\n  - id: major-matters\n    basis: []\n", 3, "basis 不能是空列表"),
        ]
        for test in cases {
            let (rules, diagnostics) = DisclosureRuleSet.parse(test.yaml)
            let error = diagnostics.first(where: \.isError)
            XCTAssertEqual(error?.file, "disclosure.yaml", test.name)
            XCTAssertEqual(error?.line, test.line, "\(test.name): \(diagnostics.map { $0.formatted(.zh) })")
            XCTAssertTrue(error?.zh.contains(test.fragment) ?? false, "\(test.name): \(error?.zh ?? "")")
            XCTAssertTrue(rules.broken.contains("major-matters"), test.name)
        }
        let (_, unknown) = DisclosureRuleSet.parse(head + "      - from: 2026-01-01\n        txt: 甲\n        text: 乙\n")
        XCTAssertEqual(unknown.map(\.line), [5])
        XCTAssertFalse(unknown.first?.isError ?? true)
    }
}
