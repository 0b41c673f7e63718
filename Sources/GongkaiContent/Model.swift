import Foundation
import Synchronization

/// A village or urban community: its `_village.md` profile.
public struct Village: Sendable, Hashable, Encodable {
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

    public init(
        id: String, name: String, type: VillageType, township: String? = nil, county: String? = nil,
        population: Int? = nil, households: Int? = nil, partyBranch: String? = nil,
        disclosureSince: Day? = nil, disclosureExempt: [String] = [], body: String = "",
        bodyLine: Int = 1, sourcePath: String, keyLines: [String: Int] = [:]
    ) {
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
public enum Owner: Sendable, Hashable, Comparable, Encodable {
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
public struct KindFields: Sendable, Hashable, Encodable {
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
    /// Before-event rules: the day of the event (the members' meeting) the item is due before.
    public var event: Day?

    public init() {}
}

/// One content page: a lecture, notice, regulation, model, disclosure or article.
///
/// A page is a value, but its fields live in one shared, copy-on-write box: the build copies pages
/// into many arrays and dictionaries (by village, by kind, lists, the search index…), and copying a
/// box is one reference count where copying the fields was some twenty-five.
public struct Page: Sendable, Hashable {
    /// The fields, compared and hashed as a whole.
    @usableFromInline struct Values: Sendable, Hashable, Encodable {
        @usableFromInline var sourcePath: String
        @usableFromInline var kind: Kind
        @usableFromInline var owner: Owner
        @usableFromInline var villages: [String]
        @usableFromInline var section: String
        @usableFromInline var slug: String
        @usableFromInline var title: String
        @usableFromInline var date: PageDate
        @usableFromInline var summary: String?
        @usableFromInline var tags: [String]
        @usableFromInline var draft: Bool
        @usableFromInline var expires: Day?
        @usableFromInline var attachments: [String]
        @usableFromInline var fields: KindFields
        @usableFromInline var body: String
        @usableFromInline var bodyLine: Int
        @usableFromInline var keyLines: [String: Int]
        @usableFromInline var sourceHash: UInt64
    }

    /// Never changed once shared: a setter on a page whose box is shared copies the box first.
    /// Safe to share because of that: a `Page` sent to another thread shares its box, and from then on
    /// neither side writes into it (a write on either side finds it not uniquely referenced and copies).
    @usableFromInline final class Box: @unchecked Sendable {
        @usableFromInline var values: Values
        /// `outputPath`, kept: it is asked for many times per page and build.
        @usableFromInline var outputPath: String
        /// The body of a page restored from the build state, read from its file when first asked for.
        @usableFromInline var pendingBody: PendingText?
        /// The key of `values` but the body (`valuesKey`), once made; 0: not made yet. Written by
        /// whichever thread makes it first (every thread makes the same), reset when `values` change.
        let valuesKey = Atomic<UInt64>(0)

        @usableFromInline init(_ values: Values) {
            // (The path first: `values` is then moved in, not copied.)
            outputPath = Box.outputPath(values)
            self.values = values
        }

        /// `"\(owner.outputFolder)/\(section)/\(slug).html"`, its bytes copied once into one string (made
        /// for every page a build loads or restores: as an interpolation, a tenth of restoring a page).
        @usableFromInline static func outputPath(_ values: Values) -> String {
            let (folder, village): (String, String) =
                switch values.owner {
                case .village(let id): ("villages/", id)
                case .county: ("county", "")
                }
            let (section, slug) = (values.section, values.slug)
            let count = folder.utf8.count + village.utf8.count + section.utf8.count + slug.utf8.count + 7
            return String(unsafeUninitializedCapacity: count) { buffer in
                var at = 0
                func put(_ text: String) { at += UnsafeMutableBufferPointer(rebasing: buffer[at...]).initialize(from: text.utf8).1 }
                put(folder)
                put(village)
                put("/")
                put(section)
                put("/")
                put(slug)
                put(".html")
                return at
            }
        }
    }

    // Getters and setters are inlinable: pages are read everywhere, in other modules.
    @usableFromInline var box: Box

    @usableFromInline mutating func update(_ change: (inout Values) -> Void, pathChanges: Bool = false) {
        if !isKnownUniquelyReferenced(&box) {
            let pending = box.pendingBody
            box = Box(box.values)
            box.pendingBody = pending
        } else {
            box.valuesKey.store(0, ordering: .relaxed)
        }
        change(&box.values)
        if pathChanges { box.outputPath = Box.outputPath(box.values) }
    }

    /// Path relative to the site folder, e.g. `content/villages/xinghua/notices/2026-11-宪法宣传.md`.
    @inlinable public var sourcePath: String {
        get { box.values.sourcePath }
        set { update({ $0.sourcePath = newValue }) }
    }
    @inlinable public var kind: Kind {
        get { box.values.kind }
        set { update({ $0.kind = newValue }) }
    }
    @inlinable public var owner: Owner {
        get { box.values.owner }
        set { update({ $0.owner = newValue }, pathChanges: true) }
    }
    /// Villages a county page concerns (`villages:`); empty for village pages.
    @inlinable public var villages: [String] {
        get { box.values.villages }
        set { update({ $0.villages = newValue }) }
    }
    /// The folder under the owner the file is in (`notices`, `news`, …).
    @inlinable public var section: String {
        get { box.values.section }
        set { update({ $0.section = newValue }, pathChanges: true) }
    }
    @inlinable public var slug: String {
        get { box.values.slug }
        set { update({ $0.slug = newValue }, pathChanges: true) }
    }
    @inlinable public var title: String {
        get { box.values.title }
        set { update({ $0.title = newValue }) }
    }
    @inlinable public var date: PageDate {
        get { box.values.date }
        set { update({ $0.date = newValue }) }
    }
    @inlinable public var summary: String? {
        get { box.values.summary }
        set { update({ $0.summary = newValue }) }
    }
    @inlinable public var tags: [String] {
        get { box.values.tags }
        set { update({ $0.tags = newValue }) }
    }
    @inlinable public var draft: Bool {
        get { box.values.draft }
        set { update({ $0.draft = newValue }) }
    }
    @inlinable public var expires: Day? {
        get { box.values.expires }
        set { update({ $0.expires = newValue }) }
    }
    /// As written: relative to the page file, or beginning with `/`, relative to `static/`.
    @inlinable public var attachments: [String] {
        get { box.values.attachments }
        set { update({ $0.attachments = newValue }) }
    }
    @inlinable public var fields: KindFields {
        get { box.values.fields }
        set { update({ $0.fields = newValue }) }
    }
    /// Markdown after the front matter.
    @inlinable public var body: String {
        get { box.pendingBody?.value ?? box.values.body }
        set {
            update({ $0.body = newValue })
            box.pendingBody = nil
        }
    }
    /// Lets the Markdown go: `body` is empty from now on, in this page and every copy of it. A build
    /// without a session needs the Markdown no more once the body is rendered, and at 100,000 pages it is
    /// ~300 MB of the peak memory. Only where no other thread reads this page meanwhile (the bodies phase,
    /// which renders each page on one thread), and never on pages a session keeps.
    /// Whatever asks for the body later (a search block made again after all, when the stored index
    /// could not be used) reads it again from the file, as for a page restored from the build state.
    public func releaseBody(files: SiteFiles) {
        guard box.pendingBody == nil else { return }
        let path = box.values.sourcePath
        box.values.body = ""
        box.pendingBody = PendingText(statedEnds: nil) { ParseCache.bodyOfFile(path, files: files) }
    }
    /// Line of the file the body starts on.
    @inlinable public var bodyLine: Int {
        get { box.values.bodyLine }
        set { update({ $0.bodyLine = newValue }) }
    }
    @inlinable public var keyLines: [String: Int] {
        get { box.values.keyLines }
        set { update({ $0.keyLines = newValue }) }
    }
    /// `StableHash` of the source file's bytes: what incremental builds compare to see that it changed.
    @inlinable public var sourceHash: UInt64 {
        get { box.values.sourceHash }
        set { update({ $0.sourceHash = newValue }) }
    }

    public init(
        sourcePath: String, kind: Kind, owner: Owner, villages: [String] = [], section: String,
        slug: String, title: String, date: PageDate, summary: String? = nil, tags: [String] = [],
        draft: Bool = false, expires: Day? = nil, attachments: [String] = [], fields: KindFields = KindFields(),
        body: String = "", bodyLine: Int = 1, keyLines: [String: Int] = [:]
    ) {
        box = Box(
            Values(
                sourcePath: sourcePath, kind: kind, owner: owner, villages: villages, section: section, slug: slug,
                title: title, date: date, summary: summary, tags: tags, draft: draft, expires: expires,
                attachments: attachments, fields: fields, body: body, bodyLine: bodyLine, keyLines: keyLines,
                sourceHash: 0))
    }

    /// A page whose body is read when first asked for (see `PendingText`).
    public init(restoring page: Page, pendingBody: PendingText) {
        box = Box(page.box.values)
        box.pendingBody = pendingBody
        box.valuesKey.store(page.box.valuesKey.load(ordering: .relaxed), ordering: .relaxed)
    }

    /// What the body says of the last day it holds (`NoticeExpiry.statedEnds(inBody:)`): known without
    /// reading a restored page's body, else found in the body.
    var bodyStatedEnds: [NoticeExpiry.StatedEnd] { box.pendingBody?.statedEnds ?? NoticeExpiry.statedEnds(inBody: body) }

    /// Whether the body is known to state no end without reading it (a restored page's).
    var bodyStatesNoEnd: Bool { box.pendingBody?.statedEnds?.isEmpty ?? false }

    public static func == (a: Page, b: Page) -> Bool { a.box === b.box || a.box.values == b.box.values }
    public func hash(into hasher: inout Hasher) { box.values.hash(into: &hasher) }

    /// Every value of the page but its body (and the hash of its file, which covers the body), to be
    /// hashed with a stable hash (`InputKey`): equal in every run while only the body changes. What other
    /// pages may show of this one (title, date, path, tags, fields…) is all in it; a value added to the
    /// page is in it without anyone writing it here.
    public var valuesWithoutBody: some Encodable & Sendable {
        var values = box.values
        values.body = ""
        values.sourceHash = 0
        return values
    }

    /// The stable key of `valuesWithoutBody` (`InputKey` in GongkaiSite makes it), when made for this
    /// page value: made once per parsed file, kept with the parsed page (in serve's parse cache, and by
    /// the build state's `state-files`), so that an unchanged file's key is not made again. Nil: not yet.
    public var valuesKey: UInt64? {
        let key = box.valuesKey.load(ordering: .relaxed)
        return key == 0 ? nil : key
    }

    /// Keeps `key`, made from `valuesWithoutBody` of this very value, with the page (and each copy that
    /// shares its fields): any change of a field gives a page without it.
    public func keepValuesKey(_ key: UInt64) {
        box.valuesKey.store(key, ordering: .relaxed)
    }

    /// Whether `other` is this very page value (the same box, as a parse cache gives back for an
    /// unchanged file): known without reading any field.
    @inlinable public func isSameValue(as other: Page) -> Bool { box === other.box }

    /// Whether `other` has every value of this page but the body (and the hash of its file): what a
    /// body-only edit leaves unchanged, compared by value (`valuesWithoutBody` is the same values, to hash).
    public func sameExceptBody(_ other: Page) -> Bool {
        if box === other.box { return true }
        var a = box.values, b = other.box.values
        a.body = ""
        b.body = ""
        a.sourceHash = 0
        b.sourceHash = 0
        return a == b
    }

    /// The page's own output file, relative to the output root: `villages/xinghua/notices/<slug>.html`.
    @inlinable public var outputPath: String { box.outputPath }

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
public struct HomeText: Sendable, Hashable, Encodable {
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

    /// Whether `other` holds the same site: every page (bodies too, in the same order: a body restored
    /// from the build state is read), village, home text, setting and finding.
    public func isSame(as other: SiteContent) -> Bool {
        root == other.root && config == other.config && villages == other.villages && home == other.home
            && diagnostics == other.diagnostics && pages.count == other.pages.count
            && zip(pages, other.pages).allSatisfy { $0.sameExceptBody($1) && $0.sourceHash == $1.sourceHash && $0.body == $1.body }
    }
}

/// Text read each time it is asked for, not kept (a page body restored from the build state: its
/// file is read again only when the body is needed, and a large site's text is not held).
public final class PendingText: Sendable {
    private let load: @Sendable () -> String
    /// What the text says of the last day it holds (`NoticeExpiry.statedEnds(inBody:)`), when known
    /// from when it was kept (the check then needs no read); nil: unknown. The build state keeps them
    /// for the pages the check reads (notices without `expires:`), none for the others.
    let statedEnds: [NoticeExpiry.StatedEnd]?

    public init(statedEnds: [NoticeExpiry.StatedEnd]?, load: @escaping @Sendable () -> String) {
        self.load = load
        self.statedEnds = statedEnds
    }

    public var value: String { load() }
}
