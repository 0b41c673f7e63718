/// The steps of `gongkai build`, in the order they run. `SiteBuilder.build` and
/// `PageGenerator.generate` call them in this order, and `PhaseTimer` names them with `label` under
/// `GONGKAI_TIMING=1` (and checks, in debug builds, that they come in this order).
enum Phase: Int, CaseIterable, Comparable {
    /// Nothing changed since the last build into the same output: its summary stands.
    case unchanged
    /// What the last `gongkai build` kept (`BuildState`), read back.
    case restoreState
    /// Files → content model (parsed again only where changed, with a session).
    case load
    /// Expiry and the disclosure check; the theme.
    case check
    /// Markdown → HTML, and the search index's tokens, in blocks of pages.
    case bodies
    /// What every template sees (summaries, chrome, rule names) and the groups' keys.
    case contexts
    /// 版本沿革: each regulation compared with the one it supersedes.
    case history
    /// 站内搜索: the index and its page (before the pages, so that its blocks of tokens are let go).
    case search
    /// Item pages, their print views and phone QR codes.
    case items
    /// Per village and kind, county and kind, site-wide per kind, tags; paginated.
    case lists
    /// Villages, county, home, the disclosure overview, 404 and assets.
    case owners
    /// Yearly archives of each village and the county (and the tag index).
    case archives
    /// 道德模范风采 of the site, each village and the county.
    case galleries
    /// Atom feeds, sitemap.xml and robots.txt.
    case feeds
    /// Pages and copies that land on the same output file; static/.
    case clashes
    /// Names that would break on Windows, IIS, USB sticks and Macs.
    case portableNames
    /// The staging folder written and swapped in.
    case write
    /// The output's manifests, for the next build.
    case record
    /// What unchanged pages need, kept for the next `gongkai build` (`BuildState`).
    case saveState
    /// The build's stamp and summary, for an unchanged next build.
    case summary

    static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }

    /// The name `GONGKAI_TIMING=1` prints (the benchmark's "where the time goes" reads them).
    var label: String {
        switch self {
        case .unchanged: "unchanged"
        case .restoreState: "restore state"
        case .load: "load"
        case .check: "disclosure"
        case .bodies: "markdown, search tokens"
        case .contexts: "summaries"
        case .history: "history"
        case .items: "items"
        case .lists: "lists"
        case .owners: "other pages"
        case .archives: "archives"
        case .galleries: "galleries"
        case .search: "search"
        case .feeds: "feeds"
        case .clashes: "clashes, static"
        case .portableNames: "portable names"
        case .write: "write"
        case .record: "save manifests"
        case .saveState: "save state"
        case .summary: "summary"
        }
    }
}
