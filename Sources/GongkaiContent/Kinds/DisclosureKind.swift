/// 党务、村务、财务公开: disclosures, each fulfilling one disclosure rule (`item`) for one period
/// (or before one meeting, `event`); the disclosure check counts them. Printed for the notice board,
/// signed by the supervisory committee.
extension KindSpec {
    static let disclosure = KindSpec(
        kind: .disclosure, folder: "disclosures", chineseName: "三务公开", englishName: "disclosures",
        keys: [
            KindKey(
                "item", "公开事项", .text(\.item),
                requirement: .required(zh: "所履行的公开规则编号，如 finance-monthly", en: "the id of the disclosure rule it fulfils, e.g. finance-monthly"),
                shown: .ruleName),
            KindKey(
                "period", "公开期间", .text(\.period),
                requirement: .requiredUnless(
                    "event", zh: "公开的期间，如 2026-10、2026-Q3、2026-H2、2026，或事项发生的日期",
                    en: "the period it covers: 2026-10, 2026-Q3, 2026-H2, 2026, or the event's date"),
                shown: .period),
            KindKey("event", "会议日期", .day(\.event)),
        ],
        display: [.key("item"), .key("period")],
        printView: true, signedBy: .supervisors,
        searchKeys: [],
        aliases: ["公开", "三务公开", "财务公开", "村务公开", "党务公开"],
        titleEndings: ["公开", "公示", "公开表", "明细表"],
        scaffold: KindScaffold(keyLines: DisclosureScaffold.keyLines, body: DisclosureScaffold.body, sample: DisclosureScaffold.sample))
}

private enum DisclosureScaffold {
    @Sendable static func keyLines(_ s: ScaffoldContext) -> [(code: String, comment: String)] {
        guard let rule = s.rule else { return [] }
        let when: String
        var periodComment: String
        switch rule.timing {
        case .beforeEvent:
            return [
                ("item: \(rule.id)", "公开规则：\(rule.name)；会议（事项）召开 \(rule.due) 天前公布"),
                // Without --period: the earliest meeting day a page published today is on time for.
                (
                    "event: \(s.period.flatMap { $0 == s.date.description ? nil : $0 } ?? s.date.adding(days: rule.due).description)",
                    "会议（如成员大会）召开的日期：本文应在这一天的 \(rule.due) 天前发布，请改成实际日期"
                ),
            ]
        case .periodic(let label):
            when = "\(label)公开，期末后 \(rule.due) 天内公布"
            periodComment = "公开的期间"
        case .onEvent:
            when = "随时公开，事后 \(rule.due) 天内公布"
            periodComment = "事情发生的日期"
        }
        if let chinese = s.periodChinese, let due = s.periodDueDay {
            periodComment += "：\(chinese)，应于 \(due) 前公布"
        }
        return [
            ("item: \(rule.id)", "公开规则：\(rule.name)；\(when)"),
            ("period: \(s.period ?? s.date.description)", periodComment),
        ]
    }

    @Sendable static func body(_ s: ScaffoldContext) -> String {
        let sign = "\n\(s.village)\(s.affairs)监督委员会\n\(s.date.chinese)\n"
        let periodText = s.periodChinese ?? ""
        if let rule = s.rule, rule.id.contains("finance") || rule.id.contains("accounts") {
            return """
                现将\(s.village)\(periodText)收支情况公布如下，欢迎\(s.residents)监督。

                ```csv 收支明细
                项目,金额（元）,备注
                收入：\(Placeholder.instruction("写收入项目")),0,
                支出：\(Placeholder.instruction("写支出项目")),0,
                合计,0,
                ```

                \(Placeholder.instruction("逐行写明收支：一项一行，收入写正数，支出写负数，金额不加逗号，如 45000 或 -7200.50；“合计”一行写收支结余，生成网站时会自动核对。写好后删掉这段提示"))

                监督电话：\(Placeholder.instruction("写\(s.affairs)监督委员会的电话"))
                \(sign)
                """
        }
        return "现将\(s.village)\(periodText)有关情况公布如下，欢迎\(s.residents)监督。\n\n" + Placeholder.instruction("逐项写明公开的内容。") + "\n\(sign)"
    }

    @Sendable static func sample(_ s: ScaffoldContext) -> (name: String, text: String) {
        ("\(s.date)-\(s.isCommunity ? "公益事业筹款收支公布" : "村民代表会议决定事项公开").md", text(s))
    }

    private static func text(_ s: ScaffoldContext) -> String {
        let y = ScaffoldText.yaml, c = ScaffoldText.commented
        if s.isCommunity {
            return """
                ---
                title: \(y("\(s.village)公益事业筹集费用收支情况公布"))
                date: \(s.date)
                \(c("item: community-accounts", "履行的公开规则：公益事业筹集费用收支账目公布", 34))
                \(c("period: \(s.date)", "随时公开的事项写事情发生的日期", 34))
                tags: [居务公开, 财务公开]
                ---
                \(s.sampleNote)
                现将本社区为楼道照明和健身器材维护筹集费用的收支情况公布如下，欢迎居民监督。

                ```csv 收支明细
                项目,金额（元）,备注
                收入：居民自愿捐款,12600,共86户
                支出：楼道照明维修,-5800,
                支出：健身器材维护,-3200,
                合计,3600,结余留作下次维修
                ```

                监督电话：\(Placeholder.instruction("写居务监督委员会的电话"))

                \(s.committee)
                \(s.date.chinese)

                """
        }
        return """
            ---
            title: \(y("\(s.village)村民代表会议决定事项公开"))
            date: \(s.date)
            \(c("item: meeting-decisions", "履行的公开规则：村民会议、村民代表会议决定事项及实施情况", 34))
            \(c("period: \(s.date)", "随时公开的事项写事情发生（会议召开）的日期", 34))
            tags: [村务公开, 民主管理]
            ---
            \(s.sampleNote)
            \(s.date.chinese)，\(s.village)召开村民代表会议，应到代表 25 人，实到 23 人，经表决作出以下决定：

            1. 同意硬化三组至五组之间的村道 1.2 公里，按程序公开招标，工程情况另行公示。
            2. 同意修订村规民约，增加垃圾分类和门前三包的内容。

            以上决定的实施情况将在下一期村务公开中公布。如有异议，请联系村务监督委员会。

            \(s.committee)
            \(s.date.chinese)

            """
    }
}
