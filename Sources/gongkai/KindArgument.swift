import ArgumentParser
import GongkaiContent

/// A kind of page on the command line: its English id, or what editors call it in Chinese.
struct KindArgument: ExpressibleByArgument {
    let kind: Kind

    static let aliases: [String: Kind] = [
        "党课": .lecture, "讲座": .lecture, "宣讲": .lecture, "党课与宣讲": .lecture,
        "普法": .notice, "法治宣传": .notice, "公告": .notice, "通知": .notice,
        "村规民约": .regulation, "居民公约": .regulation, "公约": .regulation,
        "模范": .model, "道德模范": .model, "好人": .model, "身边好人": .model,
        "公开": .disclosure, "三务公开": .disclosure, "财务公开": .disclosure, "村务公开": .disclosure, "党务公开": .disclosure,
        "新闻": .article, "文章": .article, "动态": .article, "news": .article,
    ]

    init(kind: Kind) { self.kind = kind }

    init?(argument: String) {
        let text = argument.lowercased()
        if let kind = Kind(rawValue: text) ?? KindArgument.aliases[argument] {
            self.kind = kind
        } else if text.hasSuffix("s"), let kind = Kind(rawValue: String(text.dropLast())) {
            self.kind = kind  // `notices`, as the folder is called
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { Kind.allCases.map(\.rawValue) }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

    /// The folder of a village the kind's new pages go in (articles: `news/`).
    var folder: String { kind == .article ? "news" : kind.folder }
}
