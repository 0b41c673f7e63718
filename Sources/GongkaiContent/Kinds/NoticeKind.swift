/// 法治宣传: rule-of-law notices, with the law they explain and who issued them; printed for the notice board.
extension KindSpec {
    static let notice = KindSpec(
        kind: .notice, folder: "notices", chineseName: "法治宣传", englishName: "rule-of-law notices",
        keys: [
            KindKey("law", "依据法规", .text(\.law), toFill: "宣传的法律法规"),
            KindKey("issuer", "发布单位", .text(\.issuer)),
        ],
        display: [.key("law"), .key("issuer"), .expires(label: "有效期至")],
        printView: true,
        searchKeys: ["law", "issuer"], searchLead: [("law", "依据")],
        aliases: ["普法", "法治宣传", "公告", "通知"],
        titleEndings: ["通知", "通告", "公告", "告…书", "倡议书", "提醒"],
        scaffold: KindScaffold(
            keyLines: NoticeScaffold.keyLines, offersExpires: true, body: NoticeScaffold.body,
            sample: NoticeScaffold.sample))
}

private enum NoticeScaffold {
    @Sendable static func keyLines(_ s: ScaffoldContext) -> [(code: String, comment: String)] {
        [
            ("law:", "宣传的法律法规，如 《中华人民共和国民法典》"),
            ("issuer: \(ScaffoldText.yaml(s.committee))", "发布单位"),
        ]
    }

    @Sendable static func body(_ s: ScaffoldContext) -> String {
        "各位\(s.residents)：\n\n" + Placeholder.instruction("用大白话写清楚要注意什么、怎么做、不能做什么，最后写上咨询或举报电话。") + "\n"
    }

    @Sendable static func sample(_ s: ScaffoldContext) -> (name: String, text: String) {
        ("\(s.date)-防范电信网络诈骗告\(s.residents)书.md", text(s))
    }

    private static func text(_ s: ScaffoldContext) -> String {
        let y = ScaffoldText.yaml, c = ScaffoldText.commented
        return """
            ---
            title: \(y("防范电信网络诈骗告\(s.residents)书"))
            date: \(s.date)
            \(c("law: 《中华人民共和国反电信网络诈骗法》", "宣传的法律法规", 44))
            \(c("issuer: \(y(s.committee))", "发布单位", 44))
            \(c("expires: \(s.date.adding(days: 365))", "过了这一天显示为“已过期”", 44))
            summary: 公检法机关不会电话办案，凡是让您转账到“安全账户”的都是诈骗。
            tags: [普法, 反诈]
            ---
            \(s.sampleNote)
            各位\(s.residents)：

            近来，冒充公检法、冒充客服退款、刷单返利等电信网络诈骗时有发生，受骗的多是老人和在家带孩子的家长。请大家记住：

            1. 公安、检察院、法院不会通过电话、微信办案，更不会要求转账到“安全账户”。
            2. 网上刷单、刷信誉都是诈骗，“先返小利、再骗大钱”。
            3. 不要把银行卡、手机卡借给或卖给别人，这是违法行为。
            4. 接到可疑电话，先挂断，再打 110 或全国反诈专线 96110 核实。

            家里有老人的，请子女多提醒。

            \(s.committee)
            \(s.date.chinese)

            """
    }
}
