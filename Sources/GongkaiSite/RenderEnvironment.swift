import GongkaiContent

/// What every page type may read besides its own inputs: the theme, site.yaml's settings, the as-of
/// day, and the header, footer and feed links every page has. All of it is in the build's global
/// key (`BuildKeys.global`), which is this environment's `fingerprint`; nothing else of the site is
/// reachable from here (the contexts it wraps are private to this file).
struct RenderEnvironment: Sendable {
    private let contexts: PageContexts
    let theme: Theme
    let fingerprint: UInt64

    init(contexts: PageContexts, theme: Theme, fingerprint: UInt64) {
        self.contexts = contexts
        self.theme = theme
        self.fingerprint = fingerprint
    }

    var config: SiteConfig { contexts.config }
    var asOf: Day { contexts.asOf }
    /// Atom feeds exist only with `base-url`.
    var hasFeeds: Bool { contexts.hasFeeds }

    /// What every page has: site data, the relative root, header and footer, the page's title.
    func base(path: String, title: String?, current: String?, breadcrumbs: [Link] = []) -> [String: Any] {
        contexts.base(path: path, title: title, current: current, breadcrumbs: breadcrumbs)
    }

    /// `<link rel="alternate">` tags for a page's head: the site's feed, then `extra`.
    func feedLinks(from path: String, extra: [Link] = []) -> String {
        contexts.feedLinks(from: path, extra: extra)
    }

    func render(_ template: String, _ context: [String: Any]) -> String { theme.render(template, context) }
    func renderBytes(_ template: String, _ context: [String: Any]) -> [UInt8] { theme.renderBytes(template, context) }
}

extension Link: Codable {
    func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(title)
        try container.encode(target)
    }

    init(from decoder: Decoder) throws {
        var container = try decoder.unkeyedContainer()
        self.init(try container.decode(String.self), try container.decode(String.self))
    }
}

/// An entry of a list as the list shows it: title, link, date, owner, kind, summary. Lists hold these
/// (not the pages), so a page edit that changes none of them leaves the lists as they are. An entry is
/// in the keys of many outputs (its page, lists, archive, village and home pages): its own key is made
/// once, from what it shows, and stands for it in theirs.
@dynamicMemberLookup
struct ListEntry: Codable, Sendable, DirectlyHashed {
    struct Shown: Codable, Sendable {
        var title: String
        /// The page's output path (made relative to the page that shows the entry).
        var target: String
        var date: String
        var dateISO: String
        var kind: String
        var kindName: String
        var owner: String
        var summary: String?
        var expired: Bool
        var upcoming: String?
    }

    /// What the entry shows, in a box: lists copy their entries many times over (into every list page's,
    /// archive's and owner page's inputs), and a box is one retain a copy where the fields are nine.
    private final class Box: Sendable {
        let shown: Shown
        init(_ shown: Shown) { self.shown = shown }
    }

    private let box: Box
    var shown: Shown { box.shown }
    private let digest: UInt64
    /// The key of the entry without its summary (`withoutSummary`), made with the other.
    private let digestWithoutSummary: UInt64

    init(_ shown: Shown) {
        box = Box(shown)
        digest = InputKey.of(shown, global: 0, type: "ListEntry")
        var bare = shown
        bare.summary = nil
        digestWithoutSummary = shown.summary == nil ? digest : InputKey.of(bare, global: 0, type: "ListEntry")
    }

    /// An entry as the plan's state kept it (`PlanState`), with the keys it was made with.
    init(kept shown: Shown, digest: UInt64, digestWithoutSummary: UInt64) {
        box = Box(shown)
        self.digest = digest
        self.digestWithoutSummary = digestWithoutSummary
    }

    /// Both keys, for the plan's state.
    var keys: (digest: UInt64, withoutSummary: UInt64) { (digest, digestWithoutSummary) }

    private init(shown: Shown, digest: UInt64) {
        box = Box(shown)
        self.digest = digest
        digestWithoutSummary = digest
    }

    init(_ page: Page, contexts: PageContexts) {
        var summary: String?
        if let text = contexts.summaries[page.sourcePath], !text.isEmpty { summary = text }
        var upcoming: String?
        if let day = page.kind.spec.upcomingDay(of: page.fields), day > contexts.asOf { upcoming = day.chinese }
        self.init(
            Shown(
                title: page.title, target: page.outputPath, date: page.date.day.chinese, dateISO: page.date.day.description,
                kind: page.kind.rawValue, kindName: page.kind.chineseName, owner: contexts.index.ownerName(page.owner),
                summary: summary, expired: contexts.isExpired(page), upcoming: upcoming))
    }

    subscript<T>(dynamicMember path: KeyPath<Shown, T>) -> T { box.shown[keyPath: path] }

    /// The entry without its summary (lists that show titles only).
    var withoutSummary: ListEntry {
        var bare = shown
        bare.summary = nil
        return ListEntry(shown: bare, digest: digestWithoutSummary)
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if encoder is HashingEncoder { try container.encode(digest) } else { try container.encode(shown) }
    }

    /// The entry's own key (made from everything it shows).
    var key: UInt64 { digest }

    /// As `encode(to:)` into a `HashingEncoder`: the entry's own key.
    func addDirectly(to encoder: HashingEncoder) { encoder.add(digest) }

    init(from decoder: Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(Shown.self))
    }

    func record(from path: String) -> Record {
        let shown = box.shown
        var item = Record([
            "title": shown.title,
            "href": Paths.relative(from: path, to: shown.target),
            "date": shown.date,
            "dateISO": shown.dateISO,
            "kind": shown.kind,
            "kindName": shown.kindName,
            "owner": shown.owner,
        ])
        if let summary = shown.summary { item["summary"] = summary }
        if shown.expired { item["expired"] = true }
        if let upcoming = shown.upcoming { item["upcoming"] = upcoming }
        return item
    }
}

/// A labelled value of a page (主讲人, 有效期至…), with a link when it names another page.
struct FieldRow: Codable, Sendable {
    var label: String
    var value: String
    /// Relative to the page that shows it.
    var href: String?

    var record: Record {
        var row = Record(["label": label, "value": value])
        if let href { row["href"] = href }
        return row
    }
}

/// A body's HTML in inputs: in the key by its hash, which the body renderer made of it already
/// (`RenderedBody.htmlHash`, `StableHash.of(html)`): hashing it again would cost a pass over every
/// page's HTML. In any other encoding, the HTML itself.
struct HTMLInput: Codable, Sendable, DirectlyHashed {
    /// Made only when asked for, for a body the build state kept without it (see `RenderedBody.htmlInput`).
    var html: String { kept ?? remade?.value.html ?? "" }
    private let kept: String?
    private let remade: RemadeBody?
    let hash: UInt64

    init(html: String, hash: UInt64) {
        kept = html
        remade = nil
        self.hash = hash
    }

    init(remade: RemadeBody?, hash: UInt64) {
        kept = nil
        self.remade = remade
        self.hash = hash
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if encoder is HashingEncoder { try container.encode(hash) } else { try container.encode(html) }
    }

    /// As `encode(to:)` into a `HashingEncoder`: the HTML's hash.
    func addDirectly(to encoder: HashingEncoder) { encoder.add(hash) }

    init(from decoder: Decoder) throws {
        let html = try decoder.singleValueContainer().decode(String.self)
        kept = html
        remade = nil
        hash = StableHash.of(html)
    }
}
