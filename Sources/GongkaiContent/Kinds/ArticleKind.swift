/// 新闻动态: news and other articles. Every folder no other kind claims holds articles (`news/`,
/// `activities/`); their lists are under `articles/`, new ones go in `news/`.
extension KindSpec {
    static let article = KindSpec(
        kind: .article, folder: "articles", newPageFolder: "news", takesOtherFolders: true,
        chineseName: "新闻动态", englishName: "news",
        keys: [],
        display: [],
        printView: false,
        searchKeys: [],
        aliases: ["新闻", "文章", "动态", "news"],
        titleEndings: [],
        scaffold: KindScaffold(keyLines: { _ in [] }, offersExpires: true, body: ArticleScaffold.body, sample: ArticleScaffold.sample))
}

private enum ArticleScaffold {
    @Sendable static func body(_ s: ScaffoldContext) -> String {
        Placeholder.instruction("写正文。") + "\n"
    }

    @Sendable static func sample(_ s: ScaffoldContext) -> (name: String, text: String) {
        ("\(s.date)-志愿服务队开展环境整治.md", text(s))
    }

    private static func text(_ s: ScaffoldContext) -> String {
        let y = ScaffoldText.yaml
        return """
            ---
            title: \(y("\(s.village)志愿服务队开展人居环境整治"))
            date: \(s.date)
            summary: 党员和志愿者清理沟渠、整治房前屋后，共清运垃圾三车。
            tags: [志愿服务, 环境整治]
            ---
            \(s.sampleNote)
            \(s.date.chinese)，\(s.village)党员志愿服务队和\(s.residents)志愿者一起开展人居环境整治，清理沟渠、拆除乱搭的棚子、整治房前屋后的柴草堆，共清运垃圾三车。

            \(s.isCommunity ? "社区" : "村")党支部书记说，环境整治贵在坚持，下一步将把门前三包写进\(s.isCommunity ? "居民公约" : "村规民约")，定期评比。

            """
    }
}
