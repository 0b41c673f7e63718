/// 村规民约 / 居民公约: village regulations, with when they were adopted and filed and the version
/// they replace; printed for the notice board.
extension KindSpec {
    static let regulation = KindSpec(
        kind: .regulation, folder: "regulations", chineseName: "村规民约", englishName: "village regulations",
        keys: [
            KindKey("adopted", "通过日期", .day(\.adopted), toFill: "通过日期"),
            KindKey("filed", "备案日期", .day(\.filed)),
            KindKey("version", "版本", .text(\.version)),
            KindKey("supersedes", "取代", .text(\.supersedes), shown: .earlierVersion),
        ],
        display: [.key("version"), .key("adopted"), .key("filed"), .key("supersedes"), .laterVersion(label: "已被取代")],
        printView: true,
        searchKeys: [],
        aliases: ["村规民约", "居民公约", "公约"],
        titleEndings: ["村规民约", "居民公约", "自治章程", "公约"],
        scaffold: KindScaffold(keyLines: RegulationScaffold.keyLines, body: RegulationScaffold.body, sample: RegulationScaffold.sample))
}

private enum RegulationScaffold {
    @Sendable static func keyLines(_ s: ScaffoldContext) -> [(code: String, comment: String)] {
        [
            ("adopted:", "\(s.isCommunity ? "居民会议" : "村民会议或村民代表会议")通过的日期，如 \(s.date)"),
            ("filed:", "报乡镇（街道）备案的日期"),
            ("version: \(s.date.year)版", "版本"),
            ("supersedes:", "取代的旧版：写旧版的文件名（不含 .md），没有旧版就不写"),
        ]
    }

    @Sendable static func body(_ s: ScaffoldContext) -> String {
        "**第一条** " + Placeholder.instruction("写明第一条。") + "\n\n**第二条** " + Placeholder.instruction("写明第二条；条款多的照这样往下写，每条之间空一行。") + "\n"
    }

    @Sendable static func sample(_ s: ScaffoldContext) -> (name: String, text: String) {
        ("\(s.date.year)版\(s.isCommunity ? "居民公约" : "村规民约").md", text(s))
    }

    private static func text(_ s: ScaffoldContext) -> String {
        let y = ScaffoldText.yaml, c = ScaffoldText.commented
        let kind = s.isCommunity ? "居民公约" : "村规民约"
        let meeting = s.isCommunity ? "居民会议" : "村民代表会议"
        return """
            ---
            title: \(y("\(s.village)\(kind)（\(s.date.year)版）"))
            date: \(s.date)
            \(c("adopted: \(s.date)", "\(meeting)通过的日期", 28))
            \(c("filed: \(s.date)", "报乡镇（街道）备案的日期", 28))
            \(c("version: \(s.date.year)版", "版本", 28))
            \(c("# supersedes: 旧版文件名", "取代的旧版：写旧版的文件名（不含 .md）", 28))
            summary: \(y("经\(meeting)讨论通过，共五条。"))
            tags: [\(kind), 移风易俗]
            ---
            \(s.sampleNote)
            **第一条** 为推进\(s.isCommunity ? "居民" : "村民")自治，建设文明和谐的\(s.village)，经\(s.date.chinese)\(meeting)表决通过，制定本\(kind)。

            **第二条** 婚事新办、丧事简办，不大操大办，不办无事酒，由红白理事会登记备案。

            **第三条** 落实门前三包，垃圾分类投放，不乱倒垃圾、不乱搭乱建。

            **第四条** 子女要赡养父母，邻里纠纷先找调解委员会调解，依法理性维权。

            **第五条** 本\(kind)自通过之日起施行，由\(s.committee)负责解释。

            """
    }
}
