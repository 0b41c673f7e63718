import Foundation
import GongkaiContent
import Synchronization

extension SiteBuilder {
    /// What a long-running process (`gongkai serve`) keeps from one build to the next: parsed files and
    /// rendered page bodies. With it, a build after a one-page edit reads, parses and renders only that
    /// page's file; the output memo (`OutputMemo`) then renders only the pages that show it.
    ///
    /// `gongkai build` keeps the same between runs in the site's build state (`BuildState`): parsed
    /// front matter and what each body gave besides its HTML and text, restored before the build and
    /// saved after it.
    public final class Session: Sendable {
        public let parsed: ParseCache
        let bodies: BodyCache
        /// Serve's search blocks (the build state keeps none: the search index keeps its own).
        let searchBlocks: SearchIndex.BlockCache?
        /// Parsed manifests (serve only: a build's process ends before a background save would).
        let manifests: ManifestCache?
        /// The output a session restored from the build state is saved for (nil for serve's).
        let storedFor: String?
        /// What item pages were keyed from, to keep them without planning while only bodies change
        /// (serve's lives in memory; `gongkai build` keeps it in the build state, `PlanState`, read on
        /// another thread until first asked for here).
        var cutoff: PlanCutoff? { restoredCutoff?.value.cutoff ?? keptCutoff }
        private let keptCutoff: PlanCutoff?
        private let restoredCutoff: Deferred<(cutoff: PlanCutoff, note: String)>?
        /// What restoring the build state's parts gave (`GONGKAI_TIMING=1`); waits for every part.
        var restoreNotes: [String] { restoreNote.map { $0() } ?? [] }
        private let restoreNote: (@Sendable () -> [String])?
        /// The last disclosure check, kept while nothing it reads changed (see `CheckMemo`).
        let checks: CheckMemo?
        /// The checks' findings the build state kept (`gongkai build`'s; waits for them).
        let keptChecks: (@Sendable () -> KeptChecks?)?
        /// Folder hashes of the last build stamp (serve only: see `BuildStamp.Subtrees`).
        let subtrees: BuildStamp.Subtrees?
        /// The last build's theme, kept while its files are the same (serve only: see `ThemeMemo`).
        let themes: ThemeMemo?
        /// The last expiry check of notices, by the pages' places (serve only: see `NoticeMemo`).
        let notices: NoticeMemo?
        private let isFilled = Mutex(false)
        /// Whether a build has filled the session (until then, an unchanged site is built anyway).
        var filled: Bool {
            get { isFilled.withLock { $0 } }
            set { isFilled.withLock { $0 = newValue } }
        }

        public init() {
            parsed = ParseCache()
            bodies = BodyCache()
            searchBlocks = SearchIndex.BlockCache()
            manifests = ManifestCache()
            keptCutoff = PlanCutoff()
            restoredCutoff = nil
            restoreNote = nil
            checks = CheckMemo()
            keptChecks = nil
            subtrees = BuildStamp.Subtrees()
            themes = ThemeMemo()
            notices = NoticeMemo()
            storedFor = nil
        }

        /// A restored session holds tens of thousands of small objects: they are let go on another
        /// thread, so that the end of `gongkai build` does not wait for them (the process exits first).
        deinit {
            guard storedFor != nil else { return }
            let (parsed, bodies, cutoff, notes) = (parsed, bodies, restoredCutoff, restoreNote)
            DispatchQueue.global(qos: .background).async { withExtendedLifetime((parsed, bodies, cutoff, notes)) {} }
        }

        /// A session restored from the build state (or an empty one the build fills and saves).
        /// `restoredCutoff`, `notes`: the cutoff and what restoring each part gave, when being read on
        /// other threads.
        init(
            parsed: ParseCache, bodies: BodyCache, storedFor output: String, cutoff: PlanCutoff? = nil,
            restoredCutoff: Deferred<(cutoff: PlanCutoff, note: String)>? = nil, notes: (@Sendable () -> [String])? = nil,
            checks: CheckMemo? = nil, keptChecks: (@Sendable () -> KeptChecks?)? = nil
        ) {
            self.parsed = parsed
            self.bodies = bodies
            bodies.keepsTexts = false
            searchBlocks = nil
            manifests = nil
            keptCutoff = cutoff
            self.restoredCutoff = restoredCutoff
            restoreNote = notes
            self.checks = checks
            self.keptChecks = keptChecks
            subtrees = nil
            themes = nil
            notices = nil
            storedFor = output
            isFilled.withLock { $0 = true }
        }
    }
}

/// Rendered bodies of the previous build, reused when the page's file is unchanged and every link in
/// it still resolves as it did (a linked page may have moved or gone).
// Safe to share because: every `var` (`entries` and `order` with `stored`, `pending` and `waited`, `hits`, `asked`, `changeCount`, `fromState`,
// `lastBodies`) is written only inside
// `lock.withLock` and read there too, except `hits`, which is read only after the bodies phase, when
// no other thread runs, and `keepsTexts`, set once before the cache is shared; rendering a body
// happens outside the lock and touches none of them.
final class BodyCache: @unchecked Sendable {
    struct Entry {
        var sourceHash: UInt64
        var output: String
        var firstLine: Int
        var allowRawHTML: Bool
        var joinLines: Bool
        var body: RenderedBody
        /// What links could point to when the body was rendered (see `linkEnvironment`).
        var environment: UInt64
    }

    /// By page source path (`BuildState` reads and writes them). Read under `lock`; a cache whose
    /// entries are still being read from the build state (`restoring(from:)`) waits for them here.
    var entries: [String: Entry] {
        get {
            settle()
            return stored.entries
        }
        _modify {
            settle()
            yield &stored.entries
        }
        set {
            settle()
            stored.entries = newValue
        }
    }
    /// The pages of the last build in its order: the build state writes the entries in it.
    var order: [String] {
        get {
            settle()
            return stored.order
        }
        set {
            settle()
            stored.order = newValue
        }
    }
    private var stored: (entries: [String: Entry], order: [String]) = ([:], [])
    /// The entries being read on another thread, taken in at their first use.
    private var pending: (@Sendable () -> BodyCache?)?
    /// How long the first use waited for them (seconds; nil: none were being read).
    private var waited: Double?

    /// Takes its entries from `cache` (the build state's, read on another thread while the build loads
    /// and checks the site) when they are first used; none when `cache` gives nil.
    func restoring(from cache: @escaping @Sendable () -> BodyCache?) {
        lock.withLock { pending = cache }
    }

    /// How long the bodies phase waited for the entries being restored, in milliseconds.
    var restoreWait: Double? { lock.withLock { waited.map { $0 * 1000 } } }

    /// (Under `lock`.)
    private func settle() {
        guard let pending else { return }
        self.pending = nil
        let start = Date()
        if let cache = pending() {
            // Taken out of the restored cache (which the restore's notes keep): else the first entry
            // added or changed would copy every entry.
            stored = cache.lock.withLock {
                let taken = cache.stored
                cache.stored = ([:], [])
                return taken
            }
            fromState = true
        }
        waited = Date().timeIntervalSince(start)
    }
    let lock = NSLock()
    private(set) var hits = 0
    /// Whether entries keep their HTML and text (serve's). The build state's keep neither (a
    /// regulation's text excepted: 版本沿革 compares it on every build): a body that must be shown
    /// again is rendered again from the page's file, when first asked for (`RemadeBody`).
    var keepsTexts = true
    /// Whether the entries changed since they were restored or saved (then they are saved again).
    var changed: Bool { lock.withLock { changeCount > 0 } }
    /// How many entries were added, replaced or removed since they were restored or saved.
    var changedEntries: Int { lock.withLock { changeCount } }
    private var changeCount = 0
    /// Whether the entries were restored from the build state (not refused, not missing).
    var restored: Bool { lock.withLock { fromState } }
    private var fromState = false
    /// Bodies this build asked for, one per page.
    private var asked = 0

    func startBuild() {
        lock.withLock {
            settle()
            hits = 0
            asked = 0
        }
    }

    /// `environment`: a hash of every page's source and output path and of the names of the site's
    /// files. While it is unchanged, every link resolves as before; else each link is resolved again.
    /// (`shared`: the renderer, one reference for each body that may be rendered again.)
    func body(_ page: Page, renderer shared: SharedRenderer, environment: UInt64) -> RenderedBody {
        bodies([page], renderer: shared, environment: environment)[0]
    }

    /// `body(_:renderer:environment:)` of each of `pages` (a block of the bodies phase), with one lock to
    /// look their entries up and one to record what was used and made, not two for each page.
    func bodies(_ pages: some Collection<Page>, renderer shared: SharedRenderer, environment: UInt64) -> [RenderedBody] {
        // (The entries taken once: each use of `entries` settles and copies the dictionary's reference.)
        let found = lock.withLock {
            let entries = self.entries
            return pages.map { entries[$0.sourcePath] }
        }
        var bodies: [RenderedBody] = []
        bodies.reserveCapacity(found.count)
        var hits = 0, moved: [String] = [], made: [(path: String, entry: Entry)] = []
        for (page, entry) in zip(pages, found) {
            if let entry, let body = reused(entry, page: page, renderer: shared, environment: environment) {
                hits += 1
                if entry.environment != environment { moved.append(page.sourcePath) }
                bodies.append(body)
            } else {
                let (body, entry) = rendered(page, renderer: shared.renderer, environment: environment)
                made.append((page.sourcePath, entry))
                bodies.append(body)
            }
        }
        lock.withLock {
            self.hits += hits
            asked += found.count
            for path in moved { entries[path]?.environment = environment }
            for (path, entry) in made { entries[path] = entry }
            changeCount += moved.count + made.count
        }
        return bodies
    }

    /// The body `entry` keeps of `page`, when it is of the page's file as it is, rendered with the same
    /// settings, and its links resolve as they did; nil otherwise.
    private func reused(_ entry: Entry, page: Page, renderer shared: SharedRenderer, environment: UInt64) -> RenderedBody? {
        guard entry.sourceHash == page.sourceHash, entry.output == page.outputPath, entry.firstLine == page.bodyLine,
            entry.allowRawHTML == shared.renderer.allowRawHTML, entry.joinLines == shared.renderer.joinLines,
            entry.environment == environment
                || entry.body.links.allSatisfy({
                    shared.renderer.rewrite($0.url, source: page.sourcePath, output: page.outputPath).signature == $0.signature
                })
        else { return nil }
        var body = entry.body
        if body.keptHTML == nil || !body.hasKeptText {
            body.remade = RemadeBody(page, renderer: shared)
        }
        return body
    }

    /// `page`'s body rendered now, and the entry that keeps it. When the cache keeps no texts (the build
    /// state's), the entry keeps neither its HTML nor (but a regulation's) its text, and the reading time
    /// and snippet made from them now in their place.
    private func rendered(_ page: Page, renderer: BodyRenderer, environment: UInt64) -> (RenderedBody, Entry) {
        var body = renderer.render(
            page.body, firstLine: page.bodyLine, source: page.sourcePath, output: page.outputPath, isDisclosure: page.kind == .disclosure)
        body.summary = ChineseText.summary(of: body.plainText)
        var kept = body
        if !keepsTexts {
            // What the build state keeps in place of the text (what the bodies phase makes without a session).
            body.readingMinutes = ChineseText.readingMinutes(body.plainText)
            body.snippet = SearchIndex.snippetText(SearchIndex.Document(page: page, summary: page.summary ?? "", plainText: body.plainText))
            kept = body
            kept.keptHTML = nil
            if page.kind != .regulation { kept.keptText = nil }
        }
        let entry = Entry(
            sourceHash: page.sourceHash, output: page.outputPath, firstLine: page.bodyLine, allowRawHTML: renderer.allowRawHTML,
            joinLines: renderer.joinLines, body: kept, environment: environment)
        return (body, entry)
    }

    /// `pages`: those this build asked for. When there are as many entries as bodies asked for, the
    /// entries are those pages' (after most edits): nothing to look through. `sameOrder`: the pages are
    /// the last build's files in its order (the order kept is still right).
    func keep(only pages: [Page], sameOrder: Bool = false) {
        if !sameOrder || lock.withLock({ order.count != pages.count }) { lock.withLock { order = pages.map(\.sourcePath) } }
        if lock.withLock({ asked == pages.count && entries.count == asked }) { return }
        let paths = Set(pages.map(\.sourcePath))
        lock.withLock {
            let before = entries.count
            entries = entries.filter { paths.contains($0.key) }
            changeCount += before - entries.count
        }
    }

    /// After the entries were saved.
    func saved() { lock.withLock { changeCount = 0 } }

    /// Serve's last build's bodies in its page order (see `LastBodies`).
    var last: LastBodies? {
        get { lock.withLock { lastBodies } }
        set { lock.withLock { lastBodies = newValue } }
    }
    private var lastBodies: LastBodies?

    /// Bodies the build took from `last` without asking (counted as asked, and from the session).
    func taken(_ count: Int) {
        lock.withLock {
            hits += count
            asked += count
        }
    }

    var count: Int { lock.withLock { entries.count } }
    /// Entries when read from the build state (`count` of a restored cache, whose entries a build takes).
    var readCount = 0
}
