import GongkaiContent
@testable import GongkaiDisclosure
import XCTest

/// `disclosure.yaml`: the defaults, what a site may change, and every error with the line of its key.
final class RuleSetTests: XCTestCase {
    /// Writes `yaml` as the disclosure.yaml of a site on disk and loads it.
    func load(_ yaml: String?) throws -> (DisclosureRuleSet, [Diagnostic]) {
        var site = SiteFixture()
        if let yaml { site.rules(yaml) }
        return DisclosureRuleSet.load(site: try site.write(self))
    }

    func testBuiltInDefaultsAreTheNineRulesOfTheDesign() throws {
        let (rules, diagnostics) = try load(nil)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(
            rules.rules.map(\.id),
            [
                "audit-results", "community-accounts", "covenant-filed", "finance-monthly",
                "finance-quarterly", "major-matters", "meeting-decisions",
                "regulations-filed", "village-affairs-quarterly",
            ])
        let expected: [(String, String, [VillageType], Cadence, Int, String)] = [
            (
                "finance-monthly", "财务收支公开（月度）", [.village], .monthly, 10,
                "《中华人民共和国村民委员会组织法》第三十条；《农村集体经济组织财务公开规定》"
            ),
            ("finance-quarterly", "集体财务公开（季度）", [.village], .quarterly, 15, "《农村集体经济组织财务公开规定》（农业部、监察部，2011年）"),
            ("village-affairs-quarterly", "村务公开（一般事项）", [.village], .quarterly, 15, "《中华人民共和国村民委员会组织法》第三十条"),
            ("major-matters", "涉及村民利益的重大事项", [.village], .onEvent, 5, "《中华人民共和国村民委员会组织法》第三十条"),
            (
                "meeting-decisions", "村民会议、村民代表会议决定事项及实施情况", [.village], .onEvent, 5,
                "《中华人民共和国村民委员会组织法》第三十条、第二十四条"
            ),
            (
                "regulations-filed", "村规民约、村民自治章程备案并公布", [.village], .onEvent, 10,
                "《中华人民共和国村民委员会组织法》第二十七条；民政部等七部门《关于做好村规民约和居民公约工作的指导意见》"
            ),
            ("audit-results", "村委会成员任期和离任经济责任审计结果", [.village], .onEvent, 10, "《中华人民共和国村民委员会组织法》第三十五条"),
            ("covenant-filed", "居民公约备案并公布", [.community], .onEvent, 10, "《中华人民共和国城市居民委员会组织法》第十五条"),
            ("community-accounts", "公益事业筹集费用收支账目公布", [.community], .onEvent, 10, "《中华人民共和国城市居民委员会组织法》第十六条"),
        ]
        for (id, name, appliesTo, cadence, due, basis) in expected {
            let rule = try XCTUnwrap(rules.rule(id), id)
            XCTAssertEqual(rule.name, name, id)
            XCTAssertEqual(rule.appliesTo, appliesTo, id)
            XCTAssertEqual(rule.cadence, cadence, id)
            XCTAssertEqual(rule.due, due, id)
            XCTAssertEqual(rule.basis, basis, id)
            XCTAssertEqual(rule.satisfiedBy, id == "finance-quarterly" ? "finance-monthly" : nil, id)
        }
        XCTAssertNil(rules.since)
    }

    func testAddsRulesAndReadsSince() throws {
        let (rules, diagnostics) = try load(
            """
            since: 2026-03-01
            rules:
              - id: party-affairs-quarterly
                name: 党务公开
                applies-to: [village, community]
                cadence: quarterly
                due: 15
                basis: 《中国共产党党务公开条例（试行）》
              - id: budget-yearly
                name: 年度预算
                cadence: 每年
                due: 0
            """)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(rules.since, try day("2026-03-01"))
        XCTAssertEqual(rules.rules.count, 11)
        let party = try XCTUnwrap(rules.rule("party-affairs-quarterly"))
        XCTAssertEqual(
            party,
            DisclosureRule(
                id: "party-affairs-quarterly", name: "党务公开", appliesTo: [.village, .community],
                cadence: .quarterly, due: 15, basis: "《中国共产党党务公开条例（试行）》"))
        let budget = try XCTUnwrap(rules.rule("budget-yearly"))
        XCTAssertEqual(budget.cadence, .yearly)
        XCTAssertEqual(budget.appliesTo, [.village, .community], "applies-to defaults to villages and communities")
        XCTAssertEqual(budget.basis, "")
        XCTAssertEqual(rules.lines["party-affairs-quarterly"], 3)
        XCTAssertEqual(rules.lines["budget-yearly"], 9)
    }

    /// Repeating a default id changes only what it writes; the rest stays the default's.
    func testOverridesDueAppliesToAndNameOfADefault() throws {
        let (rules, diagnostics) = try load(
            """
            rules:
              - id: major-matters
                due: 3
              - id: finance-monthly
                applies-to: [village, community]
              - id: village-affairs-quarterly
                name: 村务公开
                basis: 《中华人民共和国村民委员会组织法》（2025年修正）第三十条
              - id: finance-quarterly
                cadence: quarterly
                due: 20
            """)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(rules.rules.count, 9)
        let major = try XCTUnwrap(rules.rule("major-matters"))
        XCTAssertEqual(major.due, 3)
        XCTAssertEqual(major.name, "涉及村民利益的重大事项")
        XCTAssertEqual(major.cadence, .onEvent)
        let finance = try XCTUnwrap(rules.rule("finance-monthly"))
        XCTAssertEqual(finance.appliesTo, [.village, .community])
        XCTAssertEqual(finance.due, 10)
        let affairs = try XCTUnwrap(rules.rule("village-affairs-quarterly"))
        XCTAssertEqual(affairs.name, "村务公开")
        XCTAssertEqual(affairs.basis, "《中华人民共和国村民委员会组织法》（2025年修正）第三十条")
        XCTAssertEqual(affairs.due, 15)
        let quarterly = try XCTUnwrap(rules.rule("finance-quarterly"))
        XCTAssertEqual(quarterly.due, 20)
        XCTAssertEqual(quarterly.satisfiedBy, "finance-monthly")
    }

    func testDisableAndDefaultsFalse() throws {
        let (disabled, d1) = try load("disable: [finance-monthly, audit-results]\n")
        XCTAssertEqual(d1, [])
        XCTAssertNil(disabled.rule("finance-monthly"))
        XCTAssertNil(disabled.rule("audit-results"))
        XCTAssertEqual(disabled.rules.count, 7)
        XCTAssertEqual(disabled.switchedOff, ["finance-monthly", "audit-results"])
        // The quarterly rule's link to the monthly one goes quietly with it.
        XCTAssertNil(disabled.rule("finance-quarterly")?.satisfiedBy)
        XCTAssertNotNil(disabled.rule("finance-quarterly"))

        let (own, d2) = try load(
            """
            defaults: false
            rules:
              - id: finance-monthly
                name: 财务公开
                applies-to: [village]
                cadence: monthly
                due: 7
            """)
        XCTAssertEqual(d2, [])
        XCTAssertEqual(own.rules.map(\.id), ["finance-monthly"])
        XCTAssertEqual(own.rule("finance-monthly")?.due, 7)
        XCTAssertEqual(own.switchedOff.count, 8, "the other defaults are switched off, not unknown")
        XCTAssertFalse(own.switchedOff.contains("finance-monthly"))
    }

    /// Every malformed rule file is an error at the line of the offending key.
    func testErrorsCarryTheLineOfTheKey() throws {
        let cases: [(name: String, yaml: String, line: Int, fragment: String)] = [
            (
                "unknown cadence",
                """
                rules:
                  - id: party
                    name: 党务公开
                    cadence: weekly
                    due: 15
                """, 4, "cadence“weekly”无效"
            ),
            (
                "misspelt cadence",
                """
                rules:
                  - id: party
                    name: 党务公开
                    cadence: quartely
                    due: 15
                """, 4, "是不是“quarterly”"
            ),
            (
                "negative due",
                """
                # comment line
                rules:
                  - id: party
                    name: 党务公开
                    cadence: quarterly
                    due: -5
                """, 6, "due 不能是负数"
            ),
            (
                "negative due on a default",
                """
                rules:
                  - id: major-matters
                    due: -1
                """, 3, "due 不能是负数"
            ),
            (
                "due not a number",
                """
                rules:
                  - id: major-matters
                    due: 十天
                """, 3, "应为整数"
            ),
            (
                "duplicate id",
                """
                rules:
                  - id: party
                    name: 党务公开
                    cadence: quarterly
                    due: 15

                  - id: party
                    name: 党务公开（二）
                    cadence: monthly
                    due: 10
                """, 7, "在第 2 行已经写过"
            ),
            (
                "default repeated twice",
                """
                rules:
                  - id: major-matters
                    due: 3
                  - id: major-matters
                    due: 4
                """, 4, "在第 2 行已经写过"
            ),
            (
                "cadence of a default changed",
                """
                rules:
                  - id: finance-monthly
                    cadence: quarterly
                """, 3, "重写编号时只能改"
            ),
            (
                "new rule without cadence",
                """
                rules:
                  - id: party
                    name: 党务公开
                    due: 15
                """, 2, "缺少 cadence"
            ),
            (
                "new rule without due",
                """
                rules:
                  - name: 党务公开
                    id: party
                    cadence: monthly
                """, 3, "缺少 due"
            ),
            (
                "new rule without name",
                """
                rules:
                  - id: party
                    cadence: monthly
                    due: 1
                """, 2, "缺少 name"
            ),
            (
                "rule without id",
                """
                rules:
                  - id: major-matters
                    due: 3
                  - name: 党务公开
                    cadence: monthly
                """, 4, "缺少 id"
            ),
            (
                "id with spaces",
                """
                rules:
                  - id: party affairs
                    name: 党务公开
                    cadence: monthly
                    due: 1
                """, 2, "不能含有空格"
            ),
            (
                "unknown applies-to",
                """
                rules:
                  - id: finance-monthly
                    applies-to: [villages]
                """, 3, "applies-to 中的“villages”无效"
            ),
            (
                "empty applies-to",
                """
                rules:
                  - id: finance-monthly
                    applies-to: []
                """, 3, "applies-to 不能为空"
            ),
            (
                "satisfied-by naming no rule",
                """
                rules:
                  - id: village-affairs-quarterly
                    satisfied-by: village-affairs-montly
                """, 3, "不是现有规则的编号"
            ),
            (
                "satisfied-by naming a coarser rule",
                """
                rules:
                  - id: finance-monthly
                    satisfied-by: finance-quarterly
                """, 3, "不合适"
            ),
            (
                "satisfied-by naming an on-event rule",
                """
                rules:
                  - id: finance-quarterly
                    satisfied-by: major-matters
                """, 3, "不合适"
            ),
            (
                "rules not a list",
                """
                since: 2026-01-01
                rules: finance-monthly
                """, 2, "rules 应是规则的列表"
            ),
            (
                "rule not a mapping",
                """
                rules:
                  - id: major-matters
                    due: 3
                  - finance-monthly
                """, 4, "每一项应是一条规则"
            ),
            (
                "since not a date",
                """
                since: 2026-13-01
                """, 1, "日期“2026-13-01”无效"
            ),
            (
                "defaults not a boolean",
                """
                defaults: maybe
                """, 1, "应为 true 或 false"
            ),
            (
                "YAML syntax",
                """
                rules:
                  - id: major-matters
                     due: 3
                """, 3, "YAML 格式错误"
            ),
            (
                "not a mapping",
                """
                - id: major-matters
                """, 1, "“键: 值”形式"
            ),
        ]
        for (name, yaml, line, fragment) in cases {
            let (_, diagnostics) = try load(yaml + "\n")
            let errors = diagnostics.filter(\.isError)
            XCTAssertEqual(errors.count, 1, "\(name): \(diagnostics.map { $0.formatted(.zh) })")
            guard let error = errors.first else { continue }
            XCTAssertEqual(error.file, "disclosure.yaml", name)
            XCTAssertEqual(error.line, line, "\(name): \(error.formatted(.zh))")
            XCTAssertTrue(error.zh.contains(fragment), "\(name): \(error.zh)")
            XCTAssertFalse(error.en.isEmpty, name)
            let formatted = error.formatted(.zh)
            XCTAssertTrue(formatted.hasPrefix("disclosure.yaml:\(line):") && formatted.contains(" error: "), formatted)
        }
    }

    func testUnknownKeysAreWarnedWithTheClosestKey() throws {
        let (rules, diagnostics) = try load(
            """
            sinse: 2026-01-01
            rules:
              - id: major-matters
                deu: 3
            disable: [finance-montly, nothing-like-it]
            """)
        XCTAssertFalse(diagnostics.hasErrors, "\(diagnostics.map { $0.formatted(.zh) })")
        let warnings = diagnostics.map { "\($0.line ?? 0): \($0.zh)" }
        XCTAssertEqual(warnings.count, 4, "\(warnings)")
        XCTAssertTrue(warnings.contains { $0.hasPrefix("1: ") && $0.contains("“sinse”") && $0.contains("“since”") }, "\(warnings)")
        XCTAssertTrue(warnings.contains { $0.hasPrefix("4: ") && $0.contains("“deu”") && $0.contains("“due”") }, "\(warnings)")
        XCTAssertTrue(warnings.contains { $0.hasPrefix("5: ") && $0.contains("finance-montly") && $0.contains("“finance-monthly”") }, "\(warnings)")
        XCTAssertTrue(warnings.contains { $0.hasPrefix("5: ") && $0.contains("nothing-like-it") }, "\(warnings)")
        XCTAssertEqual(rules.rule("major-matters")?.due, 5, "an unknown key changes nothing")
        XCTAssertNotNil(rules.rule("finance-monthly"), "disabling an unknown id disables nothing")
    }

    /// A broken rule is left out and remembered, so pages naming it draw no second error.
    func testBrokenRulesAreRemembered() throws {
        let (rules, diagnostics) = try load(
            """
            rules:
              - id: party
                name: 党务公开
                cadence: weekly
                due: 15
            """)
        XCTAssertEqual(diagnostics.errorCount, 1)
        XCTAssertNil(rules.rule("party"))
        XCTAssertTrue(rules.broken.contains("party"))
    }

    /// Disabling a default and writing its id again defines a new rule, cadence included.
    func testADisabledDefaultCanBeRedefined() throws {
        let (rules, diagnostics) = try load(
            """
            disable: [finance-quarterly]
            rules:
              - id: finance-quarterly
                name: 集体财务公开（半年）
                cadence: half-yearly
                due: 20
                satisfied-by: finance-monthly
            """)
        XCTAssertEqual(diagnostics, [])
        let rule = try XCTUnwrap(rules.rule("finance-quarterly"))
        XCTAssertEqual(rule.cadence, .halfYearly)
        XCTAssertEqual(rule.satisfiedBy, "finance-monthly")
        XCTAssertFalse(rules.switchedOff.contains("finance-quarterly"))

        let (_, incomplete) = try load(
            """
            disable: [finance-quarterly]
            rules:
              - id: finance-quarterly
                due: 20
            """)
        XCTAssertEqual(incomplete.errorCount, 2, "name and cadence missing: \(incomplete.map { $0.formatted(.zh) })")
        XCTAssertTrue(incomplete.allSatisfy { $0.zh.contains("已停用") })
    }

    func testEmptyOrCommentOnlyFileKeepsTheDefaults() throws {
        for yaml in ["", "# 只有注释\n", "rules:\n"] {
            let (rules, diagnostics) = try load(yaml)
            XCTAssertEqual(diagnostics, [], yaml)
            XCTAssertEqual(rules.rules.count, 9, yaml)
        }
    }

    func testFileThatIsNotUTF8IsAnError() throws {
        var site = SiteFixture()
        site.rules("")
        let root = try site.write(self)
        // "规则" in GB18030.
        try Data([0x72, 0x75, 0x6C, 0x65, 0x73, 0x3A, 0x20, 0xB9, 0xE6, 0xD4, 0xF2, 0x0A])
            .write(to: URL(fileURLWithPath: root).appendingPathComponent("disclosure.yaml"))
        let (rules, diagnostics) = DisclosureRuleSet.load(site: root)
        XCTAssertEqual(diagnostics.errorCount, 1)
        XCTAssertEqual(diagnostics.first?.file, "disclosure.yaml")
        XCTAssertTrue(diagnostics.first?.zh.contains("GB18030") ?? false)
        XCTAssertEqual(rules.rules.count, 9)
    }
}
