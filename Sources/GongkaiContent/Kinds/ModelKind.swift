/// 道德模范 / 身边好人: profiles of moral models, with the person, the category, honours and a photo.
extension KindSpec {
    static let model = KindSpec(
        kind: .model, folder: "models", chineseName: "道德模范", englishName: "moral models",
        keys: [
            KindKey("person", "人物", .text(\.person), toFill: "姓名"),
            KindKey("category", "类别", .text(\.category), toFill: "类别"),
            KindKey("honors", "荣誉", .list(\.honors)),
            KindKey("photo", "照片", .text(\.photo)),
        ],
        display: [.key("person"), .key("category"), .key("honors")],
        printView: false,
        searchKeys: ["person", "category", "honors"], searchLead: [("person", "人物")],
        aliases: ["模范", "道德模范", "好人", "身边好人"],
        titleEndings: [],
        scaffold: KindScaffold(keyLines: ModelScaffold.keyLines, body: ModelScaffold.body, sample: ModelScaffold.sample))
}

private enum ModelScaffold {
    @Sendable static func keyLines(_ s: ScaffoldContext) -> [(code: String, comment: String)] {
        [
            ("person:", "姓名（或家庭名称）"),
            ("category:", "类别：助人为乐、见义勇为、诚实守信、敬业奉献、孝老爱亲"),
            ("honors: []", "获得的荣誉，如 [\(s.date.year)年“身边好人”]"),
            ("# photo: 照片.jpg", "照片：放在本文件旁边的图片文件名"),
        ]
    }

    @Sendable static func body(_ s: ScaffoldContext) -> String {
        Placeholder.instruction("写人物的真实事迹：做了什么、坚持了多久、邻里怎么评价。") + "\n"
    }

    @Sendable static func sample(_ s: ScaffoldContext) -> (name: String, text: String) {
        ("\(s.date)-身边好人示例.md", text(s))
    }

    private static func text(_ s: ScaffoldContext) -> String {
        let y = ScaffoldText.yaml, c = ScaffoldText.commented
        return """
            ---
            title: 王秀兰：悉心照料患病婆婆十五年
            date: \(s.date)
            \(c("person: 王秀兰", "姓名（或家庭名称）；本篇人物为虚构示例", 40))
            \(c("category: 孝老爱亲", "类别：助人为乐、见义勇为、诚实守信、敬业奉献、孝老爱亲", 40))
            \(c("honors: [\(y("\(s.date.year)年\(s.township)“身边好人”"))]", "获得的荣誉", 40))
            \(c("# photo: 王秀兰.jpg", "照片：放在本文件旁边的图片文件名", 40))
            tags: [道德模范, 孝老爱亲]
            ---
            \(s.sampleNote)
            王秀兰是\(s.village)\(s.residents)。婆婆患病卧床十五年，丈夫常年在外务工，照顾老人的担子落在她一个人身上。

            十五年来，她每天给婆婆擦身、翻身、喂饭喂药，老人身上从没长过褥疮。邻居们说：“有这样的儿媳，是老人的福气。”

            """
    }
}
