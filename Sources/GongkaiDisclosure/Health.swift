import GongkaiContent

/// Column health (`health:` of disclosure.yaml): how many days a section may go without a new page
/// before it is stale, and whether a shown section with no page at all (空白栏目) is a finding.
/// Off unless the site writes `health:` (`disclosure-rules.md`, section (d)).
public struct HealthSettings: Sendable, Hashable {
    /// Days per section key (`news`, `notices`, …, `home` for the site as a whole).
    public var stale: [String: Int]
    public var empty: Bool
    /// The built-in profile the settings started from, if any.
    public var profile: String?

    public init(stale: [String: Int] = [:], empty: Bool = false, profile: String? = nil) {
        self.stale = stale
        self.empty = empty
        self.profile = profile
    }

    /// 国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》: 动态、要闻 two weeks, 通知公告/政策文件 six
    /// months, the home page two weeks, and no empty columns.
    public static let profiles: [String: HealthSettings] = [
        "gov-2019": HealthSettings(stale: ["news": 14, "notices": 183, "home": 14], empty: true, profile: "gov-2019")
    ]
}

/// A section of the portal whose health is checked: one kind of page, or `home` (everything).
public enum HealthSection: Hashable, Sendable, Comparable {
    case kind(Kind)
    case home

    public static let all: [HealthSection] = Kind.allCases.map { .kind($0) } + [.home]

    /// The key in `health: stale:` and in the rule ids: the folder new pages of the kind go in (`news` for articles).
    public var key: String {
        switch self {
        case .kind(let kind): kind.spec.newPageFolder
        case .home: "home"
        }
    }

    public init?(key: String) {
        guard let found = Self.all.first(where: { $0.key == key }) else { return nil }
        self = found
    }

    public var chineseName: String {
        switch self {
        case .kind(let kind): "“\(kind.chineseName)”栏目"
        case .home: "全站"
        }
    }

    public var englishName: String {
        switch self {
        case .kind(let kind): "the \(kind.englishName) section"
        case .home: "the site as a whole"
        }
    }

    public static func < (a: HealthSection, b: HealthSection) -> Bool {
        (all.firstIndex(of: a) ?? 0) < (all.firstIndex(of: b) ?? 0)
    }
}

/// Whose sections: a village's page, the county pages, or the site (its navigation and home page).
public enum HealthOwner: Hashable, Sendable, Comparable {
    case site
    case county
    case village(String)

    /// `site`, `county`, `village`: the `owner` of a JSON result.
    public var kindName: String {
        switch self {
        case .site: "site"
        case .county: "county"
        case .village: "village"
        }
    }

    public var villageID: String? {
        if case .village(let id) = self { return id }
        return nil
    }

    private var order: (Int, String) {
        switch self {
        case .site: (0, "")
        case .county: (1, "")
        case .village(let id): (2, id)
        }
    }

    public static func < (a: HealthOwner, b: HealthOwner) -> Bool { a.order < b.order }
}

public enum HealthStatus: String, Sendable, Hashable {
    case fresh
    case stale
    case empty

    public var chineseLabel: String {
        switch self {
        case .fresh: "按时更新"
        case .stale: "长期未更新"
        case .empty: "空白栏目"
        }
    }

    public var englishLabel: String {
        switch self {
        case .fresh: "fresh"
        case .stale: "stale"
        case .empty: "empty"
        }
    }
}

/// The health of one section of one owner on the as-of day.
public struct HealthResult: Sendable, Hashable {
    public let owner: HealthOwner
    public let section: HealthSection
    public let status: HealthStatus
    /// The newest page dated on or before the as-of day; nil for an empty section.
    public let newest: Day?
    /// Its source path.
    public let newestPage: String?
    /// Days from `newest` to the as-of day.
    public let days: Int?
    /// The threshold in days; nil where only emptiness is checked.
    public let limit: Int?
    /// Pages of the section dated after the as-of day (they do not count).
    public var later: Int = 0

    public init(
        owner: HealthOwner, section: HealthSection, status: HealthStatus, newest: Day?, newestPage: String?,
        days: Int?, limit: Int?
    ) {
        self.owner = owner
        self.section = section
        self.status = status
        self.newest = newest
        self.newestPage = newestPage
        self.days = days
        self.limit = limit
    }

    /// `health-stale-news`, `health-empty-models`; fresh results carry the stale rule of their section.
    public var rule: String { "health-\(status == .empty ? "empty" : "stale")-\(section.key)" }

    public var isFinding: Bool { status != .fresh }
}
