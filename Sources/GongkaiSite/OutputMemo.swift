import Foundation
import GongkaiContent

/// Incremental builds skip rendering what cannot have changed.
///
/// The generator makes the portal in groups of files (an item page, one page of a list, a village's
/// yearly archive, the feeds…), each a `PlannedOutput`: its `OutputID`, its `PageType` and the inputs
/// it is rendered from. Its key is derived from those inputs (`PlannedOutput.key`); no key is written
/// by hand. When the build that made the current output recorded the same key for a group, the
/// group's files are taken as they are (`OutputFile(unchanged:)`) instead of being rendered again.
/// Tests edit sites at random and compare incremental and clean builds byte for byte.
// Safe to share because: `previous` is a `let`; the `var`s `current` and `renderedCount` are read and
// written only inside `lock.withLock`; rendering happens outside the lock and touches neither.
final class OutputMemo: @unchecked Sendable {
    struct Group: Equatable {
        var key: UInt64
        var files: [Entry]
    }

    struct Entry: Equatable {
        var path: String
        var stamp: FileStamp
    }

    /// Groups of the build that made the current output (empty for a clean build). `gongkai build`'s
    /// manifest is read on another thread: waited for when first asked for.
    var previous: [OutputID: Group] { reuse ? previousManifest.value?.groups ?? [:] : [:] }
    /// The order of `previous`'s ids in its file (`OutputManifest.order`), for the next manifest's.
    var previousOrder: ByteOrderedIDs { reuse ? previousManifest.value?.order ?? ByteOrderedIDs() : ByteOrderedIDs() }
    /// The file `previous` was read from (`OutputManifest.source`), for the next manifest's.
    var previousSource: OutputManifest.Source? { reuse ? previousManifest.value?.source : nil }
    /// `previousSource` when the next manifest can copy lines from it (`OutputManifest.write` does when
    /// it describes as many groups as `previousOrder` orders).
    var patchSource: OutputManifest.Source? { previousSource.flatMap { $0.count == previousOrder.ids.count ? $0 : nil } }
    private let previousManifest: Deferred<OutputManifest?>
    private let reuse: Bool
    /// The serial of the manifest `previous` came from (`OutputManifest.serial`): 0 unless this process
    /// saved it, and then it names the build whose records (`PlanCutoff.ItemsRecord`) describe it.
    let previousSerial: UInt64
    private var current: [OutputID: Group] = [:]
    /// Groups kept in bulk (`keepBulk`), each run standing for its entries; `current` wins over them.
    /// `made`: how many of the run's ids `current` holds too (made by this build before the run was kept).
    private var bulk: [(ids: [OutputID], groups: [Group], made: Int)] = []
    private var renderedCount = 0
    private let lock = NSLock()

    init(previous: [OutputID: Group] = [:], serial: UInt64 = 0) {
        previousManifest = Deferred { OutputManifest(identity: "", groups: previous, copies: []) }
        reuse = true
        previousSerial = serial
        current.reserveCapacity(previous.count)
    }

    /// The groups of `manifest` (being read), when `reuse`; its serial is 0 (read from its file).
    init(previous manifest: Deferred<OutputManifest?>, reuse: Bool) {
        previousManifest = manifest
        self.reuse = reuse
        previousSerial = 0
    }

    /// The output's files: the current output's when its key is unchanged, else rendered.
    func make<Type: PageType>(_ output: PlannedOutput<Type>, in env: RenderEnvironment) -> [OutputFile] {
        if let probe = PlannedOutputProbe.handler { probe(PlannedCheck(output, in: env)) }
        return outputs(output.id, key: output.key(in: env)) { Type.render(output.inputs, in: env) }
    }

    /// An output of one file.
    func makeOne<Type: PageType>(_ output: PlannedOutput<Type>, in env: RenderEnvironment) -> OutputFile {
        make(output, in: env)[0]
    }

    /// The output's files and its key (for the early cutoff, `PlanCutoff`, to remember).
    func makeKeyed<Type: PageType>(_ output: PlannedOutput<Type>, in env: RenderEnvironment) -> ([OutputFile], UInt64) {
        if let probe = PlannedOutputProbe.handler { probe(PlannedCheck(output, in: env)) }
        let key = output.key(in: env)
        return (outputs(output.id, key: key) { Type.render(output.inputs, in: env) }, key)
    }

    /// The current output's files of `id` when its group has `key` (a key the early cutoff knows the
    /// output would have, without planning it); nil when the current output has no such group.
    func keep(_ id: OutputID, key: UInt64) -> [OutputFile]? {
        guard let group = previous[id], group.key == key else { return nil }
        return kept(id, group)
    }

    /// `keep` for many outputs at once, under one lock (kept outputs are most of an edit build's, and
    /// a lock per output, taken by every worker, cost more than the rest of keeping it).
    /// The lookups and the files are made on every core; the groups are kept in bulk (`keepBulk`), not
    /// put into `current` one by one on one core (15k at 10k pages, a third of an edit build's items).
    func keepAll(_ outputs: [(OutputID, UInt64)]) -> [[OutputFile]?] {
        let previous = previous
        let groups: [Group?] = parallelMap(outputs) { id, key in previous[id].flatMap { $0.key == key ? $0 : nil } }
        var ids: [OutputID] = [], kept: [Group] = []
        ids.reserveCapacity(outputs.count)
        kept.reserveCapacity(outputs.count)
        for (n, group) in groups.enumerated() {
            guard let group else { continue }
            ids.append(outputs[n].0)
            kept.append(group)
        }
        keepBulk(ids: ids, groups: kept)
        return parallelMap(groups) { group in group.map(Self.files) }
    }

    /// The files of a group kept as they are.
    private static func files(_ group: Group) -> [OutputFile] {
        group.files.map { entry in
            var file = OutputFile(unchanged: entry.path, stamp: entry.stamp)
            file.grouped = true
            return file
        }
    }

    private func kept(_ id: OutputID, _ group: Group) -> [OutputFile] {
        lock.withLock {
            current[id] = group
            tape?.append((id, group.key))
        }
        return Self.files(group)
    }

    /// The files of `id`: the current output's when its group has `key`, else `render`'s (`make`'s way,
    /// for any rendering).
    func outputs(_ id: OutputID, key: UInt64, render: () -> [OutputFile]) -> [OutputFile] {
        if let group = previous[id], group.key == key { return kept(id, group) }
        var files = render()
        for n in files.indices { files[n].grouped = true }
        let group = Group(key: key, files: files.map { Entry(path: $0.path, stamp: $0.stamp) })
        lock.withLock {
            current[id] = group
            renderedCount += 1
            tape?.append((id, key))
        }
        return files
    }

    /// Keeps the groups `ids` had in the current output, all at once and without looking each up: the
    /// caller knows that `previous` holds these (a record of the build that saved it, `previousSerial`).
    /// `made`: the places in `ids` of the outputs this build made (or kept) one by one before, whose
    /// groups take the place of the kept ones; no other of `ids` is made or kept again after this.
    func keepBulk(ids: [OutputID], groups: [Group], made: [Int] = []) {
        precondition(ids.count == groups.count)
        lock.withLock {
            assert(made.allSatisfy { current[ids[$0]] != nil }, "an output said to be made was not")
            bulk.append((ids, groups, made.count))
            if tape != nil { tape! += zip(ids, groups).map { ($0, $1.key) } }
        }
    }

    /// The group this build made or kept for `id`. Those kept in bulk are looked up in an index of them
    /// made when first asked for (serve, once per structure: the record of its item pages).
    func group(_ id: OutputID) -> Group? {
        lock.withLock {
            if let group = current[id] { return group }
            guard !bulk.isEmpty else { return nil }
            if bulkIndex.runs != bulk.count {
                for run in bulk[bulkIndex.runs...] { for (id, group) in zip(run.ids, run.groups) { bulkIndex.groups[id] = group } }
                bulkIndex.runs = bulk.count
            }
            return bulkIndex.groups[id]
        }
    }
    /// The groups of the first `runs` runs of `bulk`, by id (the later run's where two have one).
    private var bulkIndex: (runs: Int, groups: [OutputID: Group]) = (0, [:])

    /// The outputs made (or kept) while `body` runs, and their keys, in the order they were made.
    func taping(_ body: () -> Void) -> [(OutputID, UInt64)] {
        lock.withLock { tape = [] }
        body()
        return lock.withLock {
            defer { tape = nil }
            return tape ?? []
        }
    }
    private var tape: [(OutputID, UInt64)]?

    /// The groups of this build, to be saved with its output (those kept in bulk put in here: for a
    /// large site, tens of thousands; serve saves its manifest while it waits for the next edit).
    var groups: [OutputID: Group] { groupsAndChanges(whole: true).groups }

    /// The groups of this build, and the ids whose groups differ from `previous`'s when every previous
    /// group was kept or made again (an edit build; the previous `.ungrouped` group counts as changed):
    /// the next manifest copies the other groups' lines from the previous one's file
    /// (`OutputManifest.Source`). Then, unless `whole` (serve keeps the manifest it saves), the groups are
    /// only those made or kept one by one (the changed ones among them): `gongkai build` writes the
    /// changed groups' lines and nothing else of them, and putting the 15k kept in bulk into one
    /// dictionary was most of the save its last step waits for. With no file to copy lines from
    /// (`patchSource`), the groups are all of them.
    func groupsAndChanges(whole: Bool) -> (groups: [OutputID: Group], changed: [OutputID]?) {
        let current: [OutputID: Group] = lock.withLock { self.current }
        let bulk: [(ids: [OutputID], groups: [Group], made: Int)] = lock.withLock { self.bulk }
        if bulk.isEmpty { return (current, nil) }
        // A group kept in bulk is the previous output's as it was (`keepBulk`), each id once (an output is
        // one page's, and pages' output paths are unique), and `current` holds `made` of a run's ids. When
        // every previous group was kept or made again (an edit build), the previous groups copied as they
        // are (no id hashed again), with the made ones put in, are all of them. (The files made outside
        // any group are recorded after the build, `BuildContext.record`: the previous ones are not this
        // build's.)
        assert(Set(bulk.flatMap(\.ids)).count == bulk.reduce(0) { $0 + $1.ids.count }, "an output kept in bulk twice")
        assert(bulk.allSatisfy { run in run.ids.count { current[$0] != nil } == run.made }, "an output kept in bulk made again")
        let previous = previous
        var fromPrevious = 0
        var changed: [OutputID] = []
        for (id, group) in current {
            if let last = previous[id] {
                fromPrevious += 1
                if last != group { changed.append(id) }
            } else {
                changed.append(id)
            }
        }
        for run in bulk { fromPrevious += run.ids.count - run.made }
        let previousUngrouped = current[.ungrouped] == nil && previous[.ungrouped] != nil
        if fromPrevious + (previousUngrouped ? 1 : 0) == previous.count {
            if previousUngrouped { changed.append(.ungrouped) }
            if !whole && patchSource != nil { return (current, changed) }
            var all = previous
            if previousUngrouped { all[.ungrouped] = nil }
            for (id, group) in current { all[id] = group }
            return (all, changed)
        }
        var all: [OutputID: Group] = [:]
        var count = current.count
        for run in bulk { count += run.ids.count }
        all.reserveCapacity(count)
        for run in bulk { for (id, group) in zip(run.ids, run.groups) { all[id] = group } }
        for (id, group) in current { all[id] = group }
        return (all, nil)
    }
    /// How many groups this build rendered (the rest were unchanged).
    var rendered: Int { lock.withLock { renderedCount } }
}
