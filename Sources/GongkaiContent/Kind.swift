/// The kinds of page a portal publishes. A page's kind comes from its folder unless `kind:` says otherwise.
public enum Kind: String, CaseIterable, Sendable, Hashable, Comparable, Codable {
    case lecture
    case notice
    case regulation
    case model
    case disclosure
    case article

    /// The folder a village keeps pages of this kind in; also the URL segment of the kind's list pages.
    /// Articles may live in any other folder (`news/`, `activities/`); their list is `articles/`.
    public var folder: String {
        switch self {
        case .lecture: "lectures"
        case .notice: "notices"
        case .regulation: "regulations"
        case .model: "models"
        case .disclosure: "disclosures"
        case .article: "articles"
        }
    }

    /// The kind of the pages in a section folder: any folder that is not one of the five is articles.
    public static func forFolder(_ folder: String) -> Kind {
        switch folder {
        case "lectures": .lecture
        case "notices": .notice
        case "regulations": .regulation
        case "models": .model
        case "disclosures": .disclosure
        default: .article
        }
    }

    /// What the portal calls the kind.
    public var chineseName: String {
        switch self {
        case .lecture: "党课与宣讲"
        case .notice: "法治宣传"
        case .regulation: "村规民约"
        case .model: "道德模范"
        case .disclosure: "三务公开"
        case .article: "新闻动态"
        }
    }

    public var englishName: String {
        switch self {
        case .lecture: "lectures"
        case .notice: "rule-of-law notices"
        case .regulation: "village regulations"
        case .model: "moral models"
        case .disclosure: "disclosures"
        case .article: "news"
        }
    }

    /// Front matter keys only this kind has (the content model's "Keys by kind").
    public var specificKeys: [String] {
        switch self {
        case .lecture: ["speaker", "venue", "held", "audience"]
        case .notice: ["law", "issuer"]
        case .regulation: ["adopted", "filed", "version", "supersedes"]
        case .model: ["person", "category", "honors", "photo"]
        case .disclosure: ["item", "period", "event"]
        case .article: []
        }
    }

    public static func < (a: Kind, b: Kind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Whether a place is a rural village (村) or an urban community (社区).
public enum VillageType: String, Sendable, Hashable, CaseIterable {
    case village
    case community

    public var chineseName: String { self == .village ? "村" : "社区" }
}
