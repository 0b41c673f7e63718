import Foundation
import GongkaiContent

/// Early cutoff by durability (`gongkai serve`): most of what an item page is planned from changes
/// rarely — the site's structure: every page's title, date, path, tags and fields, the villages,
/// settings, theme and the names of the site's files. A body-only edit changes one page's own values.
///
/// While the structure's fingerprint is what it was at the last build of the session, an output whose
/// own stamp (its page's file, body and entry) is unchanged keeps the key it had, and the memo keeps
/// its files (`OutputMemo.keep`) without its inputs being built and hashed again. When the structure
/// changes, everything is planned as before. Both the fingerprint and the stamps are made from the
/// values the inputs are built from (`Page.valuesWithoutBody` is every value of a page but its body);
/// tests plan every kept output anyway (`verifier`) and compare its key with the kept one.
///
/// Hashes are stable (`StableHash`, `InputKey`): serve keeps the cutoff in memory, in its session;
/// `gongkai build` keeps it between runs in the build state (`PlanState`).
// Safe to share because: `previous`, `previousStructure` and `structure` are written only by
// `begin`, before any phase's parallel work (and `begin` holds the lock); everything else is read and
// written only inside `lock.withLock`.
final class PlanCutoff: @unchecked Sendable {
    /// What the cutoff remembers of an output: its own stamp, and the key it was made with.
    struct Kept: Equatable {
        var stamp: UInt64
        var key: UInt64
    }

    private let lock = NSLock()
    private var previous: [OutputID: Kept] = [:]
    /// What this build made or kept, by id: the outputs made and kept one by one (`made`), and those
    /// kept many at once (`keepAll`), in runs, put in one by one only when asked for (`made` wins).
    /// An edit build keeps 15k outputs at 10k pages: put in one by one, on one core, they were a third
    /// of its items phase, and the plan is saved again only after more than a few changes (`PlanState`).
    // Read and written by `begin` and the phases, and by `PlanState` (restoring before the build, saving
    // after it).
    var current: [OutputID: Kept] {
        get {
            if keptRuns.isEmpty { return made }
            var all: [OutputID: Kept] = [:]
            all.reserveCapacity(currentCount)
            for run in keptRuns { for (id, kept) in zip(run.ids, run.kept) { all[id] = kept } }
            for (id, kept) in made { all[id] = kept }
            return all
        }
        set {
            made = newValue
            keptRuns = []
        }
    }
    private var made: [OutputID: Kept] = [:]
    private var keptRuns: [(ids: [OutputID], kept: [Kept])] = []
    /// `current.count`, without putting the runs in or looking their ids up. An id both in a run and in
    /// `made` would be counted twice, but a build keeps or makes each output once; and the count only
    /// decides whether the plan is saved again (`changesSinceBegin`): counted too high, fewer outputs
    /// count as gone, and a plan not saved again only makes later builds plan a few outputs again.
    private var currentCount: Int { keptRuns.reduce(made.count) { $0 + $1.ids.count } }
    /// The ids of `current` in the order `PlanState` read them (its file's, by their texts' bytes): the
    /// next save writes the same ids in this order without sorting them.
    var restoredOrder = ByteOrderedIDs()
    private var previousStructure: UInt64?
    /// The structure's fingerprint of this build.
    var structure: UInt64?
    /// The regulations' 版本沿革 stamps of the last build, with what they read (serve).
    let historyStamps = RegulationHistory.StampMemo()
    /// Outputs kept without planning in this build (tests and timing).
    private(set) var keptCount = 0
    /// What builds changed of what the cutoff was made or restored with, counted as it is made (places
    /// and entries are made before a build begins): outputs made with another stamp or key (`madeNew`:
    /// of them, outputs it did not have), phases recorded, places and entries made anew. `PlanState.save`
    /// rewrites the plan's state only past a few (see `changesSinceBegin`).
    private var changes = 0, madeNew = 0
    /// Builds begun with this cutoff (`gongkai build` restores one for its one build).
    private var begun = 0

    /// Starts a build whose structure has this fingerprint.
    func begin(structure: UInt64) {
        lock.withLock {
            previous = current
            current = [:]
            previousPhases = currentPhases
            currentPhases = [:]
            pendingRecords = [:]
            pendingLayout = nil
            pathsFingerprint = nil
            previousStructure = self.structure
            self.structure = structure
            keptCount = 0
            keptByPlace = 0
            begun += 1
        }
    }

    /// How much of what the cutoff holds differs from what it was restored with, after one build (nil:
    /// restored with nothing, or another structure, or more than one build began): `changes`, and the
    /// outputs and phases the build no longer made (an output made twice counts as new twice: then more
    /// are counted as gone; one kept in a run and again one by one, which no phase does, counts twice in
    /// `currentCount`: then fewer. Either way only whether the plan is saved again depends on it).
    var changesSinceBegin: Int? {
        lock.withLock {
            guard begun == 1, previousStructure != nil && previousStructure == structure else { return nil }
            let goneOutputs = max(0, previous.count - (currentCount - madeNew))
            let gonePhases = previousPhases.keys.filter { currentPhases[$0] == nil }.count
            return changes + goneOutputs + gonePhases
        }
    }

    /// Whether the structure is what it was at the last build (the only time the cutoff applies).
    var structureUnchanged: Bool { lock.withLock { previousStructure != nil && previousStructure == structure } }

    /// The key of the page's values but its body, made once per parsed file and kept with the page
    /// (`Page.valuesKey`: in serve's parse cache, and in the build state's `state-files`).
    static func meta(_ page: Page) -> UInt64 {
        if let known = page.valuesKey { return known }
        let hash = InputKey.of(page.valuesWithoutBody, global: 0, type: "Page")
        page.keepValuesKey(hash)
        return hash
    }

    /// What the structure and the items' stamps read of a page besides its own values, made once per
    /// version of its file: its values' key (`meta`) and its path's hash.
    struct Placed {
        var path: String
        var source: UInt64
        var meta: UInt64
        var pathHash: UInt64
    }
    /// The last build's `Placed` of each page, by its place in the site (kept by `PlanState` in this
    /// order: a build whose pages are the last one's compares them by place, without looking any up).
    var places: [Placed] = []

    /// Each page's `Placed`, in the site's order: the last build's where the same file is at the same
    /// place (after an edit, every page but the edited ones: compared, not looked up by path or hashed).
    /// Not thread-safe against itself: called once per build, by the contexts phase.
    func placed(_ pages: [Page]) -> [Placed] {
        // Taken out and patched in place: a page kept at its place is neither retained nor released.
        var places: [Placed] = lock.withLock {
            defer { self.places = [] }
            return self.places
        }
        var missed = false, replaced = max(0, places.count - pages.count)
        for n in pages.indices {
            if n < places.count && places[n].source == pages[n].sourceHash && places[n].path == pages[n].sourcePath { continue }
            replaced += 1
            if !missed {
                missed = true
                if places.count > pages.count { places.removeLast(places.count - pages.count) }
                places.reserveCapacity(pages.count)
            }
            var hash = StableHash()
            hash.add(pages[n].sourcePath)
            let place = Placed(path: pages[n].sourcePath, source: pages[n].sourceHash, meta: Self.meta(pages[n]), pathHash: hash.value)
            if n < places.count { places[n] = place } else { places.append(place) }
        }
        if places.count > pages.count { places.removeLast(places.count - pages.count) }
        lock.withLock {
            self.places = places
            changes += replaced
        }
        return places
    }

    /// The output's files: kept when the structure and its stamp are unchanged, else planned and made.
    func make<Type: PageType>(
        _ id: OutputID, stamp: UInt64, memo: OutputMemo, env: RenderEnvironment, unchanged: Bool,
        plan: () -> PlannedOutput<Type>
    ) -> [OutputFile] {
        // `previous` is not written while a phase runs (only by `begin`): read without the lock.
        if unchanged, let kept = previous[id], kept.stamp == stamp, let files = memo.keep(id, key: kept.key) {
            if let verify = PlanCutoff.verifier {
                let planned = plan()
                if planned.id != id || planned.key(in: env) != kept.key { verify(id.text) }
            }
            lock.withLock {
                made[id] = kept
                keptCount += 1
            }
            return files
        }
        let planned = plan()
        let (files, key) = memo.makeKeyed(planned, in: env)
        let now = Kept(stamp: stamp, key: key)
        // Counted only while the structure is unchanged (otherwise the plan is written whole, and every
        // output is made: no lookup for each); `previous` is read without the lock, as above.
        let before = unchanged ? previous[planned.id] : nil
        lock.withLock {
            if unchanged && before != now {
                changes += 1
                if before == nil { madeNew += 1 }
            }
            made[planned.id] = now
        }
        return files
    }

    /// `make`'s keeping for many outputs at once (while the structure is unchanged): for each output
    /// whose stamp is the one it had, and whose files the memo holds with the key it had, those files
    /// and that key; nil for the others (to be made with `make`). One lock for all.
    func keepAll(_ outputs: [(id: OutputID, stamp: UInt64)], memo: OutputMemo) -> [(files: [OutputFile], key: UInt64)?] {
        // `previous` is not written while a phase runs (only by `begin`): read without the lock, and
        // looked up on every core (the lookups are most of keeping 15k outputs; the inserts below are not
        // shared out: they go into one dictionary).
        let previous = previous
        let found = parallelMap(outputs) { output in previous[output.id].flatMap { $0.stamp == output.stamp ? $0 : nil } }
        var candidates: [(at: Int, id: OutputID, kept: Kept)] = []
        candidates.reserveCapacity(outputs.count)
        for (n, kept) in found.enumerated() {
            if let kept { candidates.append((n, outputs[n].id, kept)) }
        }
        let files = memo.keepAll(candidates.map { ($0.id, $0.kept.key) })
        var result: [(files: [OutputFile], key: UInt64)?] = Array(repeating: nil, count: outputs.count)
        var run: (ids: [OutputID], kept: [Kept]) = ([], [])
        run.ids.reserveCapacity(candidates.count)
        run.kept.reserveCapacity(candidates.count)
        for (candidate, files) in zip(candidates, files) {
            guard let files else { continue }
            result[candidate.at] = (files, candidate.kept.key)
            run.ids.append(candidate.id)
            run.kept.append(candidate.kept)
        }
        lock.withLock {
            keptCount += run.ids.count
            keptRuns.append(run)
        }
        return result
    }

    /// One output of each of many pages (item pages, print views) as a build made them, by their place
    /// in the phase's list: a later build of the same structure, into the output that build saved,
    /// keeps the outputs whose stamps are unchanged from here, by place, and the memo keeps their groups
    /// in bulk (`OutputMemo.keepBulk`), instead of looking each one up by its id (15k at 10k pages).
    struct ItemsRecord {
        /// The structure's fingerprint it was made under.
        var structure: UInt64
        /// The serial of the manifest of the output it describes (set when that is saved).
        var serial: UInt64 = 0
        var ids: [OutputID]
        var stamps: [UInt64]
        /// What each stamp was made from.
        var inputs: [OwnInputs]
        var groups: [OutputMemo.Group]
        /// Each output's file as a later build keeps it (`OutputFile.kept`).
        var files: [OutputFile]
    }

    private var records: [String: ItemsRecord] = [:]
    /// Whether a later build of this process may keep outputs by place (`ItemsRecord`) and the set of
    /// the output paths (`pathSet`): not for the cutoff `gongkai build` restores (`PlanState`), whose
    /// process ends with its build.
    var recordsItems = true
    private var pendingRecords: [String: ItemsRecord] = [:]

    /// The record of `name` made by the build that saved the output `memo` starts from, when it was made
    /// under this build's structure for as many outputs; nil otherwise. Taken out (each build records
    /// its own, `record(items:_:)`): the caller patches it in place rather than copying its arrays.
    func itemsRecord(_ name: String, count: Int, memo: OutputMemo) -> ItemsRecord? {
        lock.withLock {
            guard let record = records[name], let structure, record.structure == structure, record.serial != 0,
                record.serial == memo.previousSerial, record.ids.count == count
            else { return nil }
            records[name] = nil
            return record
        }
    }

    /// What this build made of `name`, for the next build once its output is saved (`commitRecords`).
    func record(items name: String, _ record: ItemsRecord) {
        lock.withLock { pendingRecords[name] = record }
    }

    /// The output this build made is saved with manifest `serial`: what its phases recorded describes it.
    func commitRecords(serial: UInt64) {
        lock.withLock {
            records = pendingRecords
            for name in records.keys { records[name]!.serial = serial }
            pendingRecords = [:]
            // Kept: this output's, and the last one's (the spare's after this build's swap).
            layouts = layouts.filter { $0.key == lastSerial }
            lastSerial = serial
            if var layout = pendingLayout {
                layout.serial = serial
                layouts[serial] = layout
            }
            pendingLayout = nil
        }
    }
    private var lastSerial: UInt64 = 0

    /// What a build wrote into its staging folder (then the output, and after the next build the spare),
    /// by place in its outputs ordered by path: a later build whose outputs have the same paths in the
    /// same order (`sortByPath`'s fingerprint), writing into that folder, finds what to write by comparing
    /// stamps by place instead of looking up 19k paths (at 10k pages) in the folder's manifest.
    struct Layout {
        var serial: UInt64 = 0
        var paths: UInt64
        var stamps: [FileStamp]
        var copies: [OutputMemo.Entry]
    }
    private var layouts: [UInt64: Layout] = [:]
    private var pendingLayout: Layout?
    /// The fingerprint of this build's output paths in the order they were made (`sortByPath`).
    private var pathsFingerprint: UInt64?
    private var pathsCount = 0

    /// The stamps by place of what the folder whose manifest has `serial` holds, when its paths are this
    /// build's `outputs`' (in the same order) and its copies are `copies`; nil otherwise.
    func layout(serial: UInt64, outputs: [OutputFile], copies: [OutputMemo.Entry]) -> [FileStamp]? {
        lock.withLock {
            guard serial != 0, let layout = layouts[serial], let pathsFingerprint, layout.paths == pathsFingerprint,
                layout.stamps.count == outputs.count, layout.copies == copies
            else { return nil }
            return layout.stamps
        }
    }

    /// What this build wrote (`outputs` in order, and `copies`), for a later build (`commitRecords`).
    func wrote(_ outputs: [OutputFile], copies: [OutputMemo.Entry]) {
        lock.withLock {
            guard let pathsFingerprint else { return }
            pendingLayout = Layout(paths: pathsFingerprint, stamps: outputs.map(\.stamp), copies: copies)
        }
    }

    /// Counts outputs kept by a record (tests and timing).
    func noteKept(_ count: Int) {
        lock.withLock {
            keptCount += count
            keptByPlace += count
        }
    }
    /// Outputs kept by place from a record in this build (tests).
    private(set) var keptByPlace = 0

    /// What a whole phase made: each output with its key, and what else it added to `Generated`
    /// (files to copy, what rendering intros found, how files are measured).
    struct PhaseRecord {
        var stamp: UInt64
        var outputs: [(OutputID, UInt64)]
        var copies: [(String, String)] = []
        var diagnostics: [Diagnostic] = []
        var introDiagnostics: [Diagnostic] = []
        var roles: [String: OutputFile.Role] = [:]
    }

    private var previousPhases: [String: PhaseRecord] = [:]
    var currentPhases: [String: PhaseRecord] = [:]

    /// The files of every output the phase made at the last build, when its stamp is unchanged and
    /// the current output still holds each of them; nil when the phase has to run.
    func keepPhase(_ name: String, stamp: UInt64, memo: OutputMemo) -> (files: [OutputFile], record: PhaseRecord)? {
        guard let last = lock.withLock({ previousPhases[name] }), last.stamp == stamp else { return nil }
        var files: [OutputFile] = []
        for (id, key) in last.outputs {
            guard let kept = memo.keep(id, key: key) else { return nil }
            files += kept
        }
        if !last.roles.isEmpty {
            for n in files.indices { if let role = last.roles[files[n].path] { files[n].role = role } }
        }
        lock.withLock {
            currentPhases[name] = last
            keptCount += last.outputs.count
        }
        return (files, last)
    }

    /// What the phase made this build, for the next one.
    func record(phase name: String, _ record: PhaseRecord) {
        lock.withLock {
            currentPhases[name] = record
            changes += 1
        }
    }

    /// Each page's entry, with what it was made from: the page's file, its summary, the as-of day and
    /// its owner's name (what `ListEntry.init(_:contexts:)` reads).
    var entries: [String: (stamp: UInt64, entry: ListEntry)] = [:]

    /// The page's entry: the one made at an earlier build when what it is made from is unchanged.
    func entry(_ page: Page, contexts: PageContexts) -> ListEntry {
        let known = lock.withLock { entries[page.sourcePath] }
        let (entry, stamp, isNew) = Self.entry(page, contexts: contexts, known: known)
        if isNew {
            lock.withLock {
                entries[page.sourcePath] = (stamp, entry)
                changes += 1
            }
        }
        return entry
    }

    /// Every page's entry, in the site's order: `entry` for each, without a lock for each (~30 ms at
    /// 10k pages in `gongkai build`). The known entries are taken out, read in place, and put back with
    /// those made again. Not thread-safe against itself or `entry`: called once per build (contexts).
    func entries(_ pages: [Page], contexts: PageContexts) -> [ListEntry] {
        var known = lock.withLock {
            defer { entries = [:] }
            return entries
        }
        let made: [(entry: ListEntry, stamp: UInt64, isNew: Bool)]
        do {
            // Shared with the workers until they are done: then `known` is patched in place.
            let shared = known
            made = parallelMap(Array(pages.indices)) { n in Self.entry(pages[n], contexts: contexts, known: shared[pages[n].sourcePath]) }
        }
        var new = 0
        for n in pages.indices where made[n].isNew {
            known[pages[n].sourcePath] = (made[n].stamp, made[n].entry)
            new += 1
        }
        lock.withLock {
            entries = known
            changes += new
        }
        return made.map(\.entry)
    }

    /// The page's entry: `known`'s when it was made from the same, else made; with its stamp, and
    /// whether it is new. An entry the plan's state kept without its summary gets it back, and is not
    /// new (kept as it is, its summary is taken back again from its stamp at the next build).
    private static func entry(
        _ page: Page, contexts: PageContexts, known: (stamp: UInt64, entry: ListEntry)?
    ) -> (entry: ListEntry, stamp: UInt64, isNew: Bool) {
        var hash = StableHash()
        let summary = contexts.summaries[page.sourcePath]
        hash.add(page.sourceHash)
        hash.add(page.outputPath)
        hash.add(summary)
        hash.add(contexts.asOf.dayNumber)
        hash.add(contexts.index.ownerName(page.owner))
        let stamp = hash.value
        guard var entry = known?.entry, known?.stamp == stamp else { return (ListEntry(page, contexts: contexts), stamp, true) }
        if entry.shown.summary == PlanCutoff.detachedSummary {
            // Kept without its summary (`PlanState`): the one the stamp was made with.
            var shown = entry.shown
            shown.summary = summary
            entry = ListEntry(kept: shown, digest: entry.keys.digest, digestWithoutSummary: entry.keys.withoutSummary)
        }
        if let verify = PlanCutoff.verifier {
            let planned = ListEntry(page, contexts: contexts)
            if planned.key != entry.key || planned.shown.summary != entry.shown.summary { verify("entry:" + page.sourcePath) }
        }
        return (entry, stamp, false)
    }

    /// What an entry the plan's state kept without its summary holds in its place until it is used.
    static let detachedSummary = "\u{0}kept without its summary\u{0}"

    /// Forgets pages no longer in the site (when the count says there are some).
    func keep(onlyPages pages: [Page]) {
        guard lock.withLock({ entries.count > pages.count }) else { return }
        let paths = Set(pages.map(\.sourcePath))
        lock.withLock { entries = entries.filter { paths.contains($0.key) } }
    }

    /// The last build's order by path of its outputs (`Generated.finished`), with the fingerprint of
    /// their paths in the order they were made: the same paths made in the same order sort the same.
    private var ordered: (fingerprint: UInt64, order: [Int])?

    /// The outputs' order by path as `gongkai build` keeps it between runs (`KeptChecks.order`).
    var outputOrder: (fingerprint: UInt64, order: [Int])? {
        get { lock.withLock { ordered } }
        set { lock.withLock { ordered = newValue } }
    }

    /// Sorts the outputs by path (stably, as `sort` does): by the last build's order when the paths,
    /// in the order they were made, are the ones it sorted (19k paths at 10k pages: ~20 ms to sort).
    func sortByPath(_ outputs: inout [OutputFile]) {
        let fingerprint = madePaths.of(outputs)
        lock.withLock { (pathsFingerprint, pathsCount) = (fingerprint, outputs.count) }
        if let last = lock.withLock({ ordered }), last.fingerprint == fingerprint, last.order.count == outputs.count {
            if let verify = PlanCutoff.verifier, !outputs.indices.dropFirst().allSatisfy({ outputs[last.order[$0 - 1]].path <= outputs[last.order[$0]].path }) {
                verify("order by path")
            }
            Self.permute(&outputs, by: last.order)
            return
        }
        let order = outputs.indices.sorted { outputs[$0].path < outputs[$1].path }
        let unsorted = outputs
        outputs = order.map { unsorted[$0] }
        lock.withLock { ordered = (fingerprint, order) }
    }

    /// Puts `order[i]`'s element at `i`: each element moved, not copied (a copy retains its path and
    /// bytes, and releases them again: ~19k files at 10k pages); `order` is a permutation of the indices.
    static func permute(_ elements: inout [OutputFile], by order: [Int]) {
        precondition(order.count == elements.count)
        let empty = OutputFile(unchanged: "", stamp: FileStamp(hash: 0, size: 0))
        var moved: [OutputFile] = []
        moved.reserveCapacity(order.count)
        elements.withUnsafeMutableBufferPointer { from in
            for at in order {
                precondition(at >= 0 && at < from.count)
                // What is left in its place holds nothing to release.
                moved.append((from.baseAddress! + at).move())
                (from.baseAddress! + at).initialize(to: empty)
            }
        }
        elements = moved
    }

    /// The paths of `outputs`, as a set, made again only when they differ from the last build's
    /// (the same paths in the same order: a fingerprint, cheaper than hashing each into a set).
    func pathSet(_ outputs: [OutputFile]) -> FileTable {
        // (The cutoff `gongkai build` restores has no later build in its process to give the set to.)
        guard recordsItems else { return FileTable(paths: outputs) }
        let fingerprint = setPaths.of(outputs)
        if let last = lock.withLock({ paths }), last.fingerprint == fingerprint { return last.set }
        let set = FileTable(paths: outputs)
        lock.withLock { paths = (fingerprint, set) }
        return set
    }
    private var paths: (fingerprint: UInt64, set: FileTable)?
    /// The fingerprints of the last paths sorted (`sortByPath`) and put in a set (`pathSet`), kept with them.
    private let madePaths = PathsFingerprint(), setPaths = PathsFingerprint()

    /// What each check of the last build's output (clashes, portable names) found, with the
    /// fingerprint of everything it read (`checksFingerprint`).
    private var checked: [String: (fingerprint: UInt64, diagnostics: [Diagnostic])] = [:]

    /// The checks' findings as `gongkai build` keeps them between runs (`KeptChecks.output`).
    var checkFindings: [String: (fingerprint: UInt64, diagnostics: [Diagnostic])] {
        get { lock.withLock { checked } }
        set { lock.withLock { checked = newValue } }
    }

    /// The fingerprint of what the output's checks read: the structure (which holds every page's
    /// values but its body — path, slug line, tags — and the villages), the output paths, the copies
    /// and static/'s files. Nil when this cutoff did not begin the build.
    func checksFingerprint(_ outputs: [OutputFile], copies: [(String, String)], statics: [(String, String)]) -> UInt64? {
        guard let structure = lock.withLock({ structure }) else { return nil }
        var hash = StableHash()
        hash.add(structure)
        hash.add(outputs.count)
        // The paths in the order they were made, when this build sorted them (`sortByPath`): the same
        // made order gives the same sorted order.
        if let made = lock.withLock({ pathsFingerprint.map { ($0, pathsCount) } }), made.1 == outputs.count {
            hash.add(made.0)
        } else {
            for file in outputs { hash.add(file.path) }
        }
        for list in [copies, statics] {
            hash.add(list.count)
            for (source, target) in list {
                hash.add(source)
                hash.add(target)
            }
        }
        return hash.value
    }

    /// The check's findings: the last build's when it read the same (`fingerprint`), else `check()`'s.
    func check(_ name: String, fingerprint: UInt64?, _ check: () -> [Diagnostic]) -> [Diagnostic] {
        guard let fingerprint else { return check() }
        if let last = lock.withLock({ checked[name] }), last.fingerprint == fingerprint {
            if let verify = PlanCutoff.verifier, check() != last.diagnostics { verify("check " + name) }
            return last.diagnostics
        }
        let diagnostics = check()
        lock.withLock { checked[name] = (fingerprint, diagnostics) }
        return diagnostics
    }

    /// A test hook: when set, every output the cutoff keeps is planned too, and `verifier` is called
    /// with its id when the planned key differs from the kept one (the fingerprint left something out).
    static var verifier: ((String) -> Void)? {
        get { verifierLock.withLock { verifierHandler } }
        set { verifierLock.withLock { verifierHandler = newValue } }
    }
    private static let verifierLock = NSLock()
    // Read and written only under `verifierLock`.
    nonisolated(unsafe) private static var verifierHandler: ((String) -> Void)?
}

extension RenderContext {
    /// The fingerprint of what item pages and print views read besides their own page: the build's
    /// global key (settings, theme, day, village names, rule names, feeds), the county's name, the
    /// names of the site's files, the villages (but their intros), the tags' folders, and every page's
    /// values but its body, in the site's order (`placed`, made before).
    func structureFingerprint(_ cutoff: PlanCutoff, layout: UInt64) -> UInt64 {
        var hash = StableHash()
        hash.add(env.fingerprint)
        hash.add(countyName)
        hash.add(layout)
        for village in content.villages {
            var bare = village
            bare.body = ""
            bare.sourceHash = 0
            hash.add(InputKey.of(bare, global: 0, type: "Village"))
        }
        for (tag, folder) in contexts.tagFolders.sorted(by: { $0.key < $1.key }) {
            hash.add(tag)
            hash.add(folder)
        }
        hash.add(content.pages.count)
        for place in placed { hash.add(place.meta) }
        cutoff.keep(onlyPages: content.pages)
        return hash.value
    }

    /// A phase whose outputs are made from the structure and the entries (title, date, summary… of
    /// every page) only: while both are unchanged, the outputs it made last time are kept without
    /// planning them; else `run` plans and makes them as always. `keep` puts kept files where `run`
    /// would have put them.
    func phase(
        _ name: String, stamp extra: UInt64 = 0, made: inout Generated, run: (inout Generated) -> Void,
        keep: ([OutputFile], inout Generated) -> Void
    ) {
        guard let cutoff else { return run(&made) }
        var hash = StableHash()
        hash.add(name)
        hash.add(entriesStamp)
        hash.add(extra)
        let stamp = hash.value
        if structureUnchanged, let (files, record) = cutoff.keepPhase(name, stamp: stamp, memo: memo) {
            if let verify = PlanCutoff.verifier {
                var scratch = made
                let planned = memo.taping { run(&scratch) }
                func sorted(_ outputs: [(OutputID, UInt64)]) -> [String] { outputs.map { "\($0.0.text) \($0.1)" }.sorted() }
                if sorted(planned) != sorted(record.outputs) { verify(name) }
            }
            made.copies += record.copies
            made.diagnostics += record.diagnostics
            made.introDiagnostics += record.introDiagnostics
            return keep(files, &made)
        }
        let before = (made.outputs.count, made.copies.count, made.diagnostics.count, made.introDiagnostics.count)
        let outputs = memo.taping { run(&made) }
        var record = PlanCutoff.PhaseRecord(
            stamp: stamp, outputs: outputs, copies: Array(made.copies[before.1...]),
            diagnostics: Array(made.diagnostics[before.2...]), introDiagnostics: Array(made.introDiagnostics[before.3...]))
        for file in made.outputs[before.0...] where file.role != .other { record.roles[file.path] = file.role }
        cutoff.record(phase: name, record)
    }

    /// What an item's own stamp is made from: its file, its body's HTML, its entry (title, date, summary
    /// as shown), and for a regulation its 版本沿革 (`RegulationHistory.stamp`).
    /// (The bodies are read in place: copying a rendered body retains each of its parts.)
    func ownInputs(_ n: Int, bodies: [RenderedBody], history: UInt64? = nil) -> PlanCutoff.OwnInputs {
        // Fields read in place: a copy of the page would retain each of its parts.
        var path: UInt64
        if n < placed.count {
            path = placed[n].pathHash
        } else {
            var hash = StableHash()
            hash.add(content.pages[n].sourcePath)
            path = hash.value
        }
        return PlanCutoff.OwnInputs(
            path: path, source: content.pages[n].sourceHash, html: bodies[n].htmlHash,
            reading: bodies[n].readingMinutes.map { UInt64(bitPattern: Int64($0 + 1)) } ?? 0, signature: bodies[n].signatureDated.map { $0 ? 2 : 1 } ?? 0,
            entry: entries[n].key, history: history ?? 0)
    }
}

extension PlanCutoff {
    /// What an item's own stamp is made from (`RenderContext.ownInputs`): a later build whose inputs for
    /// the item are these keeps the stamp (`ItemsRecord.inputs`) instead of hashing them again.
    struct OwnInputs: Equatable {
        /// The hash of the page's path.
        var path: UInt64
        var source: UInt64
        var html: UInt64
        var reading: UInt64
        var signature: UInt64
        var entry: UInt64
        var history: UInt64

        var stamp: UInt64 {
            var hash = StableHash()
            hash.add(path)
            hash.add(source)
            hash.add(html)
            hash.add(reading)
            hash.add(signature)
            hash.add(entry)
            hash.add(history)
            return hash.value
        }
    }
}
