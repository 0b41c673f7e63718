/// A village or urban community: its `_village.md` profile.
public struct Village: Sendable, Hashable {
    public var id: String
    public var name: String
    public var type: VillageType
    public var township: String?
    public var county: String?
    public var population: Int?
    public var households: Int?
    public var partyBranch: String?
    /// First day this village is checked for disclosures (a village that joined later).
    public var disclosureSince: Day?
    /// Disclosure rule ids that do not apply to this village.
    public var disclosureExempt: [String]
    /// The introduction (Markdown).
    public var body: String
    public var bodyLine: Int
    /// `content/villages/<id>/_village.md`
    public var sourcePath: String
    /// Line of each front matter key, for messages about it.
    public var keyLines: [String: Int]
    /// `StableHash` of the source file's bytes: what incremental builds compare to see that it changed.
    public var sourceHash: UInt64 = 0

    public init(id: String, name: String, type: VillageType, township: String? = nil, county: String? = nil,
                population: Int? = nil, households: Int? = nil, partyBranch: String? = nil,
                disclosureSince: Day? = nil, disclosureExempt: [String] = [], body: String = "",
                bodyLine: Int = 1, sourcePath: String, keyLines: [String: Int] = [:]) {
        self.id = id
        self.name = name
        self.type = type
        self.township = township
        self.county = county
        self.population = population
        self.households = households
        self.partyBranch = partyBranch
        self.disclosureSince = disclosureSince
        self.disclosureExempt = disclosureExempt
        self.body = body
        self.bodyLine = bodyLine
        self.sourcePath = sourcePath
        self.keyLines = keyLines
    }
}

/// Who owns a page: one village, or the township/county (`content/county/`).
public enum Owner: Sendable, Hashable, Comparable {
    case village(String)
    case county

    public var villageID: String? {
        if case .village(let id) = self { return id }
        return nil
    }

    /// Output folder of the owner's pages: `villages/<id>` or `county`.
    public var outputFolder: String {
        switch self {
        case .village(let id): "villages/\(id)"
        case .county: "county"
        }
    }
}

/// Values only some kinds have. Every field is optional; what a kind requires is validated on load.
public struct KindFields: Sendable, Hashable {
    // lecture
    public var speaker: String?
    public var venue: String?
    public var held: Day?
    public var audience: String?
    // notice
    public var law: String?
    public var issuer: String?
    // regulation
    public var adopted: Day?
    public var filed: Day?
    public var version: String?
    public var supersedes: String?
    // model
    public var person: String?
    public var category: String?
    public var honors: [String] = []
    public var photo: String?
    // disclosure: kept as written; the disclosure module parses and validates periods.
    public var item: String?
    public var period: String?

    public init() {}
}

/// One content page: a lecture, notice, regulation, model, disclosure or article.
public struct Page: Sendable, Hashable {
    /// Path relative to the site folder, e.g. `content/villages/xinghua/notices/2026-11-宪法宣传.md`.
    public var sourcePath: String
    public var kind: Kind
    public var owner: Owner
    /// Villages a county page concerns (`villages:`); empty for village pages.
    public var villages: [String]
    /// The folder under the owner the file is in (`notices`, `news`, …).
    public var section: String
    public var slug: String
    public var title: String
    public var date: PageDate
    public var summary: String?
    public var tags: [String]
    public var draft: Bool
    public var expires: Day?
    /// As written: relative to the page file, or beginning with `/`, relative to `static/`.
    public var attachments: [String]
    public var fields: KindFields
    /// Markdown after the front matter.
    public var body: String
    /// Line of the file the body starts on.
    public var bodyLine: Int
    public var keyLines: [String: Int]
    /// `StableHash` of the source file's bytes: what incremental builds compare to see that it changed.
    public var sourceHash: UInt64 = 0

    public init(sourcePath: String, kind: Kind, owner: Owner, villages: [String] = [], section: String,
                slug: String, title: String, date: PageDate, summary: String? = nil, tags: [String] = [],
                draft: Bool = false, expires: Day? = nil, attachments: [String] = [], fields: KindFields = KindFields(),
                body: String = "", bodyLine: Int = 1, keyLines: [String: Int] = [:]) {
        self.sourcePath = sourcePath
        self.kind = kind
        self.owner = owner
        self.villages = villages
        self.section = section
        self.slug = slug
        self.title = title
        self.date = date
        self.summary = summary
        self.tags = tags
        self.draft = draft
        self.expires = expires
        self.attachments = attachments
        self.fields = fields
        self.body = body
        self.bodyLine = bodyLine
        self.keyLines = keyLines
    }

    /// The page's own output file, relative to the output root: `villages/xinghua/notices/<slug>.html`.
    public var outputPath: String { "\(owner.outputFolder)/\(section)/\(slug).html" }

    /// The village ids this page appears under: its owner, or the villages a county page names.
    public var shownInVillages: [String] {
        if let id = owner.villageID { return [id] }
        return villages
    }

    /// Newest first, ties broken by source path so the order never depends on the file system.
    public static func newestFirst(_ a: Page, _ b: Page) -> Bool {
        if a.date != b.date { return a.date > b.date }
        return a.sourcePath < b.sourcePath
    }
}

/// The home page text (`content/_index.md`).
public struct HomeText: Sendable, Hashable {
    public var title: String?
    public var body: String
    public var bodyLine: Int
    public var sourcePath: String
    /// `StableHash` of the source file's bytes: what incremental builds compare to see that it changed.
    public var sourceHash: UInt64 = 0
}

/// Everything a site's files say, loaded and validated: the input of the build and of the disclosure check.
public struct SiteContent: Sendable {
    public var root: String
    public var config: SiteConfig
    public var villages: [Village]
    public var pages: [Page]
    public var home: HomeText?
    /// Diagnostics found while loading (errors and warnings).
    public var diagnostics: [Diagnostic]

    public init(root: String, config: SiteConfig, villages: [Village], pages: [Page], home: HomeText?, diagnostics: [Diagnostic]) {
        self.root = root
        self.config = config
        self.villages = villages
        self.pages = pages
        self.home = home
        self.diagnostics = diagnostics
    }

    public func village(_ id: String) -> Village? { villages.first { $0.id == id } }
}
