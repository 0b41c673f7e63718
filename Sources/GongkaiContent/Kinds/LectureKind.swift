/// 党课与宣讲: party lectures and talks, with who spoke, where, when and to whom.
extension KindSpec {
    static let lecture = KindSpec(
        kind: .lecture, folder: "lectures", chineseName: "党课与宣讲", englishName: "lectures",
        keys: [
            KindKey("speaker", "主讲人", .text(\.speaker), toFill: "主讲人"),
            KindKey("venue", "地点", .text(\.venue), toFill: "地点"),
            KindKey("held", "宣讲时间", .day(\.held)),
            KindKey("audience", "参加对象", .text(\.audience), toFill: "参加对象"),
        ],
        display: [.key("speaker"), .key("held"), .key("venue"), .key("audience")],
        printView: false,
        searchKeys: ["speaker", "venue", "audience"], searchLead: [("speaker", "主讲")],
        upcomingKey: "held",
        aliases: ["党课", "讲座", "宣讲", "党课与宣讲"],
        titleEndings: ["党课", "宣讲", "讲稿"],
        scaffold: KindScaffold(keyLines: LectureScaffold.keyLines, body: LectureScaffold.body, sample: LectureScaffold.sample))
}

private enum LectureScaffold {
    @Sendable static func keyLines(_ s: ScaffoldContext) -> [(code: String, comment: String)] {
        [
            ("speaker:", "主讲人及职务，如 周明远（镇党委书记）"),
            ("venue:", "地点，如 \(s.village)党群服务中心会议室"),
            ("held: \(s.date)", "党课（讲座）举行的日期"),
            ("audience:", "参加对象，如 全体党员、\(s.residents)代表"),
        ]
    }

    @Sendable static func body(_ s: ScaffoldContext) -> String {
        Placeholder.instruction("写党课或讲座的内容：讲了什么、多少人参加、大家有什么收获和建议。") + "\n"
    }

    @Sendable static func sample(_ s: ScaffoldContext) -> (name: String, text: String) {
        ("\(s.date)-学习宪法专题党课.md", text(s))
    }

    private static func text(_ s: ScaffoldContext) -> String {
        let y = ScaffoldText.yaml, c = ScaffoldText.commented
        return """
            ---
            title: \(y("\(s.village)党支部开展“学习宪法、遵守宪法”专题党课"))
            date: \(s.date)
            \(c("speaker: 党支部书记", "主讲人及职务", 34))
            \(c("venue: \(y("\(s.village)党群服务中心会议室"))", "地点", 34))
            \(c("held: \(s.date)", "党课举行的日期", 34))
            \(c("audience: 全体党员、\(s.residents)代表", "参加对象", 34))
            summary: 围绕宪法的基本原则和公民的基本权利义务讲专题党课。
            tags: [党建, 宪法宣传]
            ---
            \(s.sampleNote)
            \(s.date.chinese)，\(s.village)党支部书记在党群服务中心为全体党员和\(s.residents)代表讲了一堂“学习宪法、遵守宪法”专题党课。

            党课从“宪法是国家的根本法”讲起，结合\(s.residents)身边的事，讲了公民的基本权利和义务，以及\(s.isCommunity ? "居民委员会" : "村民委员会")依法开展自治、接受\(s.residents)监督的规定。党课结束后，大家围绕如何把宪法精神落实到\(s.isCommunity ? "居民公约" : "村规民约")中展开了讨论。

            """
    }
}
