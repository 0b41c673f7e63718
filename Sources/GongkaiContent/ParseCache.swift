import Foundation

/// Parsed files kept between builds (by `gongkai serve` in memory, by `gongkai build` in the site's
/// build state): a file whose fingerprint (`FileFingerprint`) is unchanged is not read and parsed again.
///
/// A file written in the last two seconds is not kept: a second write within the file system's
/// timestamp granularity could leave size and time unchanged, and the cache would then miss it.
// Safe to share because: `entries` (`stored`, `pending`, `waited`, `waitedFor`), `hitCount`, `load`, `asked`
// `changeCount` and `fromState` are read and written only inside `lock.withLock`; `site` never changes; parsing runs outside the lock and touches none of them.
public final class ParseCache: @unchecked Sendable {
    struct Entry {
        var stamp: FileFingerprint
        var result: (ContentLoader.Parsed, [Diagnostic])
        /// The last load that asked for it.
        var load: Int
        /// The page's place in the site's order (newest first) at the last load that noted it, or, for an
        /// entry restored from the build state, its place in the state's file (written in that order). Nil
        /// for a file parsed since: an edit may have moved it. (Only a hint: `PageOrder` checks it.)
        var place: Int? = nil

        /// Its result and place when `stamp` is still the file's, noting that `load` asked for it (called in
        /// place: the entry, with its result, is not copied to be looked at).
        mutating func kept(ifStill stamp: FileFingerprint, load: Int) -> Parse? {
            guard self.stamp == stamp else { return nil }
            self.load = load
            return (result, place)
        }
    }

    /// By path relative to the site (`BuildState` reads and writes them). Read under `lock`; a cache
    /// whose entries are still being read from the build state (`restoring(from:)`) waits for them here.
    var entries: [String: Entry] {
        get {
            settle()
            return stored
        }
        _modify {
            settle()
            yield &stored
        }
        set {
            settle()
            stored = newValue
        }
    }
    private var stored: [String: Entry] = [:]
    /// The entries being read on another thread, taken in at the first use of `entries`.
    private var pending: (@Sendable () -> ParseCache?)?
    /// How long the first use waited for them (seconds).
    private var waited = 0.0

    /// Takes its entries from `cache` (the build state's, read on another thread while the build walks
    /// `content/`) when they are first used; none when `cache` gives nil.
    public func restoring(from cache: @escaping @Sendable () -> ParseCache?) {
        lock.withLock { pending = cache }
    }

    /// How long the load waited for the entries being restored, in milliseconds (nil: none were).
    public var restoreWait: Double? { lock.withLock { waitedFor ? waited * 1000 : nil } }
    private var waitedFor = false

    /// (Under `lock`.)
    private func settle() {
        guard let pending else { return }
        self.pending = nil
        let start = Date()
        if let cache = pending() {
            // Taken out of the restored cache (which the restore's notes keep): else the first entry
            // added or changed would copy every entry.
            (stored, last) = cache.lock.withLock {
                let taken = (cache.stored, cache.last)
                cache.stored = [:]
                cache.last = nil
                return taken
            }
            restoredShape = last?.shape
            fromState = true
        }
        waited = Date().timeIntervalSince(start)
        waitedFor = true
    }
    let lock = NSLock()
    private var hitCount = 0
    /// Whether the entries changed since they were restored or saved (the build state saves them then).
    public var changed: Bool { lock.withLock { changeCount > 0 } }
    /// How many entries were added, replaced or removed since they were restored or saved.
    public var changedEntries: Int { lock.withLock { changeCount } }
    private var changeCount = 0
    /// Whether the entries were restored from the build state (not refused, not missing).
    public var restored: Bool { lock.withLock { fromState } }
    private var fromState = false
    private var load = 0
    /// How many entries were read from the build state (set before the cache is shared; its entries
    /// are then taken out by the cache the build uses).
    public internal(set) var readCount = 0
    /// Entries the current load asked for (each file once).
    private var asked = 0

    /// The site of the build state's cache: its entries keep pages without their bodies (a page
    /// taken from it reads its body from its file when first asked for), so that the cache does not
    /// hold a large site's text to the end of the build. nil for serve's, which keeps bodies.
    let site: SiteFiles?

    /// `site`: see `site`.
    public init(withoutBodiesOf site: SiteFiles? = nil) { self.site = site }

    /// How many loads asked this cache so far (the last load is number `loads`).
    public var loads: Int { lock.withLock { load } }

    /// Files parsed by the last load that came from the cache.
    public var hits: Int { lock.withLock { hitCount } }

    /// What `parse` gives: the file's result, and its place (`places(of:)`; nil for a file parsed again).
    typealias Parse = (result: (ContentLoader.Parsed, [Diagnostic]), place: Int?)

    /// `found`: the file's `stat` as the walk over `content/` saw it just before, if it did. `absolute`: the
    /// file's path, made only when asked for (not for a file kept whose `stat` the walk saw).
    func parse(
        _ path: String, absolute: @autoclosure () -> String, found: stat? = nil,
        _ parse: () -> (ContentLoader.Parsed, [Diagnostic])
    ) -> Parse {
        guard let stamp = found.flatMap(FileFingerprint.init) ?? FileFingerprint(absolute()) else { return (parse(), nil) }
        // One look-up under one lock: this runs for every file of the site on every build.
        let kept: Parse? = lock.withLock {
            guard let index = entries.index(forKey: path), let kept = entries.values[index].kept(ifStill: stamp, load: load) else {
                return nil
            }
            hitCount += 1
            asked += 1
            return kept
        }
        if let kept { return kept }
        let result = parse()
        // Only a file that did not change while it was read is kept.
        if stamp.isSettled, FileFingerprint(absolute()) == stamp {
            lock.withLock {
                asked += 1
                entries[path] = Entry(stamp: stamp, result: result, load: load)
                changeCount += 1
            }
        } else {
            lock.withLock {
                if entries.removeValue(forKey: path) != nil { changeCount += 1 }
            }
        }
        return (result, nil)
    }

    /// After the entries were saved.
    public func saved() { lock.withLock { changeCount = 0 } }

    /// Each page's place in the last order noted (`notePlaces`), or nil.
    func places(of pages: [Page]) -> [Int?] {
        lock.withLock { pages.map { entries[$0.sourcePath]?.place } }
    }

    /// The site's pages in their order (newest first), for the next load: those at `places` (nil: all).
    func notePlaces(_ pages: [Page], at places: [Int]? = nil) {
        lock.withLock {
            for n in places ?? Array(pages.indices) {
                guard let index = entries.index(forKey: pages[n].sourcePath) else { continue }
                entries.values[index].place = n
            }
        }
    }

    // MARK: What the watcher saw (serve)

    /// Files (site-relative) the process's watcher saw added, removed or changed since it last told,
    /// gathered until a load takes them; nil when nobody told (then the load walks `content/`).
    private var changes: Set<String>?
    /// What the last load gave (see `LastLoad`); for `gongkai build`'s, what the build state kept. (Under `lock`.)
    var last: LastLoad?
    private var lastKeptStructure = false

    /// `paths`: what the watcher saw change since it last told (`SiteWatcher.changes`). Every change
    /// after the last load must be told, before the next load (the watcher looks again after each build).
    public func noteChanges(_ paths: [String]) {
        lock.withLock { changes = (changes ?? []).union(paths) }
    }

    /// The changes told since the last load (and forgets them): the next load walks unless told again.
    func takeChanges() -> Set<String>? {
        lock.withLock {
            defer { changes = nil }
            return changes
        }
    }

    /// The changes told since the last load, left for it to take (the build stamp reads them first).
    public var pendingChanges: Set<String>? { lock.withLock { changes } }

    /// (A cache being restored waits for the build state's.)
    var lastLoad: LastLoad? {
        lock.withLock {
            settle()
            return last
        }
    }

    /// The last load, no longer kept here (the load that takes it remembers its own).
    func takeLastLoad() -> LastLoad? {
        lock.withLock {
            settle()
            defer { last = nil }
            return last
        }
    }

    /// Whether the last load found every value of the site but some pages' bodies as the load before
    /// it: the same pages in the same order, the same villages, settings and findings.
    public var keptStructure: Bool { lock.withLock { lastKeptStructure } }

    /// The shape of the last load the build state kept (nil: it kept none).
    private var restoredShape: ContentListing.Shape?
    private var shapeChanged = false

    /// Whether the last load walked a site of another shape than the one the build state kept (a page
    /// added or removed, or no load kept): the state is then written again whatever else changed, so that
    /// the next build starts from this shape (`ContentLoader.keptLoad`) rather than walking again.
    public var changedShape: Bool { lock.withLock { shapeChanged } }

    /// `read`: the jobs the load read (nil: all of them); the others' entries are as the last load left them.
    func remember(_ load: LastLoad, keptStructure: Bool, read: [Int]? = nil) {
        var load = load
        // `gongkai build`'s (which loads once) for the build state, which keeps it for the next build
        // (`keptLoad`); only a process that is told its changes (serve's) needs the rest.
        guard site == nil else {
            lock.withLock {
                settle()
                // A build with no state restored (the first, or after a refused one) keeps none: held to the
                // build's end, every file's parse came on top of the peak of a full build (~40–80 MB at 100k
                // pages). Its state then keeps no load, and the next build walks once and keeps its own.
                guard fromState else { return }
                shapeChanged = read == nil && load.shape?.plain == true && load.shape != restoredShape
                last = load
                lastKeptStructure = keptStructure
            }
            return
        }
        if load.jobNumbers.isEmpty {
            load.jobNumbers = Dictionary(zip(load.jobs.map(\.path), load.jobs.indices), uniquingKeysWith: { a, _ in a })
        }
        let jobs = load.jobs
        load.unsettled = lock.withLock { (read ?? Array(jobs.indices)).filter { entries[jobs[$0].path] == nil } }
        lock.withLock {
            last = load
            lastKeptStructure = keptStructure
        }
    }

    /// When the last load was `gongkai build`'s from the load the build state kept (`ContentLoader.keptLoad`):
    /// how many files it read again (the others it did not look up one by one); nil when it walked.
    public var keptLoadRead: Int? { lock.withLock { keptRead } }
    private var keptRead: Int?

    func noteKeptLoad(reading count: Int?) { lock.withLock { keptRead = count } }

    /// Files the load took from its last one without asking (counted as from the cache).
    func reused(_ count: Int) {
        lock.withLock { hitCount += count }
    }

    func startLoad() {
        lock.withLock {
            settle()
            hitCount = 0
            asked = 0
            load += 1
        }
    }

    /// Forgets files that are no longer part of the site: those the load did not ask for (when every
    /// entry was asked for, as after most edits, there is nothing to look through).
    func keepAsked() {
        lock.withLock {
            if asked == entries.count { return }
            let before = entries.count
            entries = entries.filter { $0.value.load == load }
            changeCount += before - entries.count
        }
    }
}
