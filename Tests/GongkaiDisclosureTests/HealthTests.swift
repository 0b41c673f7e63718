import GongkaiContent
@testable import GongkaiDisclosure
import XCTest

extension SiteFixture {
    /// Adds a page of any kind: `content/<owner>/<section>/<name>.md` dated `date`.
    @discardableResult
    mutating func page(_ owner: String, _ section: String, _ name: String, date: String, extra: [String] = []) -> String {
        let folder = owner == "county" ? "content/county" : "content/villages/\(owner)"
        let path = "\(folder)/\(section)/\(name).md"
        let kindKeys: [String] = section == "models" ? ["person: 某人", "category: 助人为乐"] : []
        let lines = ["---", "title: \(name)", "date: \(date)"] + kindKeys + extra + ["---", "正文。"]
        files[path] = lines.joined(separator: "\n") + "\n"
        return path
    }
}

/// Column health (`health:` of disclosure.yaml), disclosure-rules.md section (d).
final class HealthTests: XCTestCase {
    func health(_ checked: Checked, _ owner: HealthOwner, _ key: String) -> HealthResult? {
        checked.report.health.first { $0.owner == owner && $0.section.key == key }
    }

    /// `as-of − newest > N` is stale; N days exactly is still fresh. Counted in Beijing days:
    /// 2026-11-09T17:00:00Z is already 2026-11-10 in Beijing.
    func testThresholdDayAndTheDayAfter() throws {
        let cases: [(name: String, section: String, limit: String, date: String, asOf: String, status: HealthStatus, days: Int)] = [
            ("news on day 14", "news", "news: 14", "2026-11-01", "2026-11-15", .fresh, 14),
            ("news on day 15", "news", "news: 14", "2026-11-01", "2026-11-16", .stale, 15),
            ("news the same day", "news", "news: 14", "2026-11-16", "2026-11-16", .fresh, 0),
            ("notices on day 183", "notices", "notices: 183", "2026-01-01", "2026-07-03", .fresh, 183),
            ("notices on day 184", "notices", "notices: 183", "2026-01-01", "2026-07-04", .stale, 184),
            ("a Beijing day, not a UTC day", "news", "news: 14", "2026-11-09T17:00:00Z", "2026-11-24", .fresh, 14),
            ("a Beijing day, the day after", "news", "news: 14", "2026-11-09T17:00:00Z", "2026-11-25", .stale, 15),
        ]
        for test in cases {
            var site = SiteFixture()
            site.page("xinghua", test.section, "一篇", date: test.date)
            site.rules("health:\n  stale:\n    \(test.limit)\n")
            let checked = try site.check(self, asOf: test.asOf)
            let result = try XCTUnwrap(health(checked, .village("xinghua"), test.section), test.name)
            XCTAssertEqual(result.status, test.status, test.name)
            XCTAssertEqual(result.days, test.days, test.name)
            XCTAssertEqual(result.rule, "health-stale-\(test.section)", test.name)
        }
    }

    /// `home`: the site as a whole, newest page anywhere, 14 days in the profile.
    func testHomeIsTheWholeSite() throws {
        for (asOf, status) in [("2026-11-15", HealthStatus.fresh), ("2026-11-16", .stale)] {
            var site = SiteFixture(villages: [("xinghua", "village"), ("lugao", "village")])
            site.page("xinghua", "news", "旧", date: "2026-06-01")
            site.page("lugao", "lectures", "新", date: "2026-11-01")
            site.rules("health: gov-2019\n")
            let checked = try site.check(self, asOf: asOf)
            XCTAssertEqual(health(checked, .site, "home")?.status, status, asOf)
            XCTAssertEqual(health(checked, .site, "home")?.limit, 14)
            XCTAssertNil(health(checked, .village("xinghua"), "home"), "home is the site's, not a village's")
        }
    }

    /// A page dated after the as-of day does not freshen its section (a faked date is what inspectors
    /// fail a site for); a shown section with only such pages is empty.
    func testLaterDatesDoNotCount() throws {
        var site = SiteFixture()
        site.page("xinghua", "news", "旧", date: "2026-10-01")
        site.page("xinghua", "news", "未来", date: "2026-12-01")
        site.page("xinghua", "models", "评选结果", date: "2026-12-01")
        site.rules("health: gov-2019\n")
        let checked = try site.check(self, asOf: "2026-11-23")
        let news = try XCTUnwrap(health(checked, .village("xinghua"), "news"))
        XCTAssertEqual(news.status, .stale)
        XCTAssertEqual(news.newest, try day("2026-10-01"))
        let models = try XCTUnwrap(health(checked, .village("xinghua"), "models"))
        XCTAssertEqual(models.status, .empty)
        XCTAssertEqual(models.rule, "health-empty-models")
        XCTAssertEqual(models.later, 1)
        XCTAssertTrue(checked.report.healthLine(models, .zh).contains("只有 1 篇日期在2026年11月23日之后的内容"))
    }

    /// Empty only where the theme shows the section: every kind in the site's navigation; on a village
    /// or county page only kinds it has a page of. County pages are their own owner; county pages naming
    /// a village show on (and freshen) its page.
    func testEmptyOnlyWhereTheThemeShowsTheSection() throws {
        var site = SiteFixture()
        site.page("xinghua", "news", "村新闻", date: "2026-11-20")
        site.page("county", "notices", "镇通知", date: "2026-11-20", extra: ["villages: [xinghua]"])
        site.rules("health:\n  empty: true\n")
        let checked = try site.check(self, asOf: "2026-11-23")
        let empties = checked.report.health.filter { $0.status == .empty }.map { "\($0.owner.kindName) \($0.section.key)" }
        XCTAssertEqual(empties, ["site lectures", "site regulations", "site models", "site disclosures"])
        XCTAssertEqual(checked.report.health.filter { $0.status != .empty }, [], "no thresholds: nothing else")

        var stale = SiteFixture()
        stale.page("xinghua", "notices", "村通知", date: "2026-01-05")
        stale.page("county", "notices", "镇通知", date: "2026-11-20", extra: ["villages: [xinghua]"])
        stale.rules("health:\n  stale:\n    notices: 30\n")
        let withCounty = try stale.check(self, asOf: "2026-11-23")
        XCTAssertEqual(health(withCounty, .village("xinghua"), "notices")?.status, .fresh, "the county notice shows on the village page")
        XCTAssertEqual(health(withCounty, .county, "notices")?.status, .fresh)
    }

    func testOffUnlessTurnedOn() throws {
        var site = SiteFixture()
        site.page("xinghua", "news", "旧", date: "2025-01-01")
        let checked = try site.check(self, asOf: "2026-11-23")
        XCTAssertNil(checked.report.healthSettings)
        XCTAssertEqual(checked.report.health, [])
        XCTAssertFalse(checked.report.json().contains("stale"))
        for off in ["health: false\n", "health:\n", "# health:\n#   profile: gov-2019\n"] {
            site.rules(off)
            XCTAssertNil(try site.check(self, asOf: "2026-11-23").report.healthSettings, off)
        }
    }

    func testProfileAndOverrides() throws {
        XCTAssertEqual(HealthSettings.profiles["gov-2019"]?.stale, ["news": 14, "notices": 183, "home": 14])
        XCTAssertEqual(HealthSettings.profiles["gov-2019"]?.empty, true)
        let (rules, diagnostics) = DisclosureRuleSet.parse("health:\n  profile: gov-2019\n  stale:\n    news: 30\n    lectures: 90\n  empty: false\n")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(rules.health?.stale, ["news": 30, "notices": 183, "home": 14, "lectures": 90])
        XCTAssertEqual(rules.health?.empty, false)
        XCTAssertEqual(rules.health?.profile, "gov-2019")
    }

    /// Every input error names disclosure.yaml and the line of the key it is about.
    func testInputErrorsNameTheLine() throws {
        let cases: [(name: String, yaml: String, line: Int, fragment: String, isError: Bool)] = [
            ("unknown profile", "since: 2026-01-01\nhealth: gov-2091\n", 2, "是不是“gov-2019”", true),
            ("unknown profile in settings", "health:\n  profile: gov2019\n", 2, "是不是“gov-2019”", true),
            ("unknown section", "health:\n  stale:\n    new: 14\n", 3, "是不是“news”", true),
            ("days not a number", "health:\n  stale:\n    news: 两周\n", 3, "应为整数", true),
            ("zero days", "health:\n  stale:\n    notices: 0\n", 3, "1 到 3660", true),
            ("stale not a mapping", "health:\n  stale: 14\n", 2, "stale 下应写各栏目", true),
            ("health a list", "health: [news]\n", 1, "health 应写成", true),
            ("empty not a bool", "health:\n  empty: 也许\n", 2, "true 或 false", true),
            ("unknown key", "health:\n  profile: gov-2019\n  stail:\n    news: 14\n", 3, "是不是想写“stale”", false),
            ("checks nothing", "health:\n  empty: false\n", 1, "没有设置任何检查", false),
        ]
        for test in cases {
            let (rules, diagnostics) = DisclosureRuleSet.parse(test.yaml)
            let found = diagnostics.first { $0.isError == test.isError }
            XCTAssertNotNil(found, "\(test.name): \(diagnostics.map { $0.formatted(.zh) })")
            XCTAssertEqual(found?.file, "disclosure.yaml", test.name)
            XCTAssertEqual(found?.line, test.line, test.name)
            XCTAssertTrue(found?.zh.contains(test.fragment) ?? false, "\(test.name): \(found?.zh ?? "")")
            XCTAssertFalse(found?.en.isEmpty ?? true, test.name)
            if test.isError { XCTAssertNil(rules.health, "\(test.name): broken settings check nothing") }
        }
    }
}
