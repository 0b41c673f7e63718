import Foundation
import GongkaiContent

/// The early cutoff (`PlanCutoff`) kept between runs of `gongkai build`: a part of the build state
/// (`BuildState`) of its own, `state-plan`, in the same file format (header, checksum, the binary that
/// wrote it, the settings), read before the build and written after it. It holds the last build's
/// structure fingerprint, each output's stamp and key, what each phase kept whole made (its outputs
/// and keys, copies, diagnostics and file roles), each page's values' key and path's hash by its place, and each
/// page's entry (what lists show of it) with what it was made from.
///
/// Every hash in it is stable (`StableHash`, `InputKey`), and everything is keyed by what it was made
/// from. An output is kept only when the current output's manifest still holds the key the cutoff
/// knows for it (`OutputMemo.keep`), so a plan older than the output (a killed save leaves the previous
/// file) keeps less, never wrongly; a plan in doubt is not read at all, and the build plans everything.
enum PlanState {
    static let name = "state-plan"
    /// Raised whenever what is written changes shape.
    static let format: UInt64 = 5

    static func path(_ files: SiteFiles) -> String { files.absolute("\(BuildStamp.folder)/\(name)") }

    /// The cutoff the last `gongkai build` kept, or an empty one (and why, for `GONGKAI_TIMING=1`).
    static func restore(files: SiteFiles, settings: UInt64) -> (cutoff: PlanCutoff, note: String) {
        installVerifier()
        do {
            let cutoff = try BuildState.read(at: path(files), settings: settings) { reader -> PlanCutoff in
                guard try reader.unsigned() == format else { throw BuildState.Refusal.otherVersion }
                return try PlanCutoff.read(from: &reader)
            }
            cutoff.recordsItems = false
            return (cutoff, "\(name) \(cutoff.current.count)")
        } catch {
            let cutoff = PlanCutoff()
            cutoff.recordsItems = false
            return (cutoff, "\(name) none: \(error)")
        }
    }

    /// `work` started on another thread (beside the build state's other parts, which take longer);
    /// the function returned waits for it and gives its result.
    static func started<T: Sendable>(_ work: @escaping @Sendable () -> T) -> () -> T {
        let box = StartedResult<T>(), group = DispatchGroup()
        DispatchQueue.global().async(group: group) { box.value = work() }
        return {
            group.wait()
            return box.value!
        }
    }

    /// A plan restored as saved, of the same structure, that differs from the build's in no more than
    /// this many outputs, phases, places and entries is not written again (as `BuildState.rewriteAfter`
    /// for the other parts): everything in it is keyed by what it was made from, so the next build makes
    /// those few again instead of rewriting megabytes. A body edit changes about three (the edited page's
    /// item page, its place and its entry; a title or date changes the structure, and the plan is
    /// written): the plan is written again after about five edits of other pages, and what a build plans
    /// again for the ones before stays a handful of outputs.
    static let rewriteAfter = 16

    /// Writes the cutoff of the build that just swapped its output in (nothing when it did not begin,
    /// or when it differs from the plan restored in no more than `rewriteAfter`).
    static func save(_ cutoff: PlanCutoff?, files: SiteFiles, settings: UInt64) -> String? {
        guard let cutoff, cutoff.structure != nil else { return nil }
        if let changes = cutoff.changesSinceBegin, changes <= rewriteAfter, FileFingerprint(path(files)) != nil {
            return "\(name) kept (to make again: \(changes))"
        }
        guard let file = BuildState.StateFile(path(files)) else { return "\(name) not written" }
        var out = BinaryWriter(capacity: BuildState.StateFile.chunk + (1 << 16))
        out.string(BuildStamp.executableIdentity)
        out.fixed64(settings)
        out.unsigned(format)
        cutoff.write(to: &out, drain: file.drain)
        return file.finish(&out).map { "\(name) \($0 / 1024) KB" } ?? "\(name) not written"
    }

    /// `GONGKAI_TEST_VERIFY_CUTOFF=1` (tests): every output the cutoff keeps is planned too, and a
    /// planned key that differs from the kept one stops the build (exit status 86, the id on stderr).
    static func installVerifier() {
        guard ProcessInfo.processInfo.environment["GONGKAI_TEST_VERIFY_CUTOFF"] == "1", PlanCutoff.verifier == nil else { return }
        PlanCutoff.verifier = { id in
            FileHandle.standardError.write(Data("cutoff verifier: \(id) kept with another key than planned\n".utf8))
            exit(86)
        }
    }
}

extension PlanCutoff {
    func write(to out: inout BinaryWriter, drain: (inout BinaryWriter) -> Void = { _ in }) {
        out.fixed64(structure ?? 0)
        // Every dictionary in the order of its keys' bytes: the same cutoff gives the same file.
        // (`current` once: it puts the kept runs in each time it is asked, see `PlanCutoff.current`.)
        let current = current
        out.unsigned(UInt64(current.count))
        for (id, kept) in inByteOrder(current, known: restoredOrder) {
            out.string(id.text)
            out.fixed64(kept.stamp)
            out.fixed64(kept.key)
            drain(&out)
        }
        out.unsigned(UInt64(currentPhases.count))
        for (name, record) in currentPhases.sorted(by: { $0.key.bytesPrecede($1.key) }) {
            out.string(name)
            out.fixed64(record.stamp)
            // (A phase gathers its outputs in no fixed order; what it replays does not depend on it.)
            out.array(record.outputs.map { ($0.0.text, $0.1) }.sorted { $0.0.bytesPrecede($1.0) }) { out, output in
                out.string(output.0)
                out.fixed64(output.1)
            }
            out.array(record.copies) { out, copy in
                out.string(copy.0)
                out.string(copy.1)
            }
            out.array(record.diagnostics) { $0.diagnostic($1) }
            out.array(record.introDiagnostics) { $0.diagnostic($1) }
            out.array(record.roles.sorted { $0.key.bytesPrecede($1.key) }) { out, role in
                out.string(role.key)
                out.byte(role.value.code)
            }
            drain(&out)
        }
        // By place, in the site's order (not sorted: the same site gives the same order).
        out.unsigned(UInt64(places.count))
        for place in places {
            // (Shared: the entries' paths, written next, are mostly these.)
            out.sharedString(place.path)
            out.fixed64(place.source)
            out.fixed64(place.meta)
            out.fixed64(place.pathHash)
            drain(&out)
        }
        // Entries in the site's order (its pages' places; paths are unique, so as many means all of
        // them), else by path.
        var ordered = places.compactMap { place in entries[place.path].map { (key: place.path, value: $0) } }
        if ordered.count != entries.count { ordered = inByteOrder(entries.map { $0 }, key: \.key) }
        out.unsigned(UInt64(ordered.count))
        for (path, kept) in ordered {
            out.sharedString(path)
            out.fixed64(kept.stamp)
            let shown = kept.entry.shown
            out.string(shown.title)
            out.string(shown.target)
            // What repeats from entry to entry shared (dates, kinds, owners).
            for text in [shown.date, shown.dateISO, shown.kind, shown.kindName, shown.owner] { out.sharedString(text) }
            // Not the summary, which is most of an entry's bytes: the entry's stamp holds its hash,
            // and `PlanCutoff.entry` takes it back from the build's summaries.
            out.bool(shown.summary != nil)
            out.bool(shown.expired)
            out.sharedString(shown.upcoming)
            out.fixed64(kept.entry.keys.digest)
            out.fixed64(kept.entry.keys.withoutSummary)
            drain(&out)
        }
    }

    static func read(from reader: inout BinaryReader) throws -> PlanCutoff {
        func id(_ reader: inout BinaryReader) throws -> OutputID {
            guard let id = OutputID(utf8: try reader.stringBytes()) else { throw BuildState.Refusal.damaged }
            return id
        }
        let cutoff = PlanCutoff()
        cutoff.structure = try reader.fixed64()
        let count = try reader.count()
        var current: [OutputID: Kept] = [:]
        current.reserveCapacity(count)
        var order = ByteOrderedIDs(capacity: count)
        for _ in 0..<count {
            let text = try reader.stringBytes()
            guard let output = OutputID(utf8: text) else { throw BuildState.Refusal.damaged }
            order.append(output, utf8: text)
            current[output] = Kept(stamp: try reader.fixed64(), key: try reader.fixed64())
        }
        cutoff.current = current
        cutoff.restoredOrder = order
        for _ in 0..<(try reader.count()) {
            let name = try reader.string()
            var record = PhaseRecord(
                stamp: try reader.fixed64(), outputs: try reader.array { reader in (try id(&reader), try reader.fixed64()) })
            record.copies = try reader.array { reader in (try reader.string(), try reader.string()) }
            record.diagnostics = try reader.array { try $0.diagnostic() }
            record.introDiagnostics = try reader.array { try $0.diagnostic() }
            for (path, code) in try reader.array({ reader in (try reader.string(), try reader.byte()) }) {
                guard let role = OutputFile.Role(code: code) else { throw BuildState.Refusal.damaged }
                record.roles[path] = role
            }
            cutoff.currentPhases[name] = record
        }
        let placeCount = try reader.count()
        cutoff.places.reserveCapacity(placeCount)
        for _ in 0..<placeCount {
            cutoff.places.append(
                Placed(path: try reader.sharedString(), source: try reader.fixed64(), meta: try reader.fixed64(), pathHash: try reader.fixed64()))
        }
        let entryCount = try reader.count()
        cutoff.entries.reserveCapacity(entryCount)
        for _ in 0..<entryCount {
            let path = try reader.sharedString(), stamp = try reader.fixed64()
            let shown = ListEntry.Shown(
                title: try reader.string(), target: try reader.string(), date: try reader.sharedString(),
                dateISO: try reader.sharedString(), kind: try reader.sharedString(), kindName: try reader.sharedString(),
                owner: try reader.sharedString(), summary: try reader.bool() ? PlanCutoff.detachedSummary : nil,
                expired: try reader.bool(), upcoming: try reader.optionalSharedString())
            let entry = ListEntry(kept: shown, digest: try reader.fixed64(), digestWithoutSummary: try reader.fixed64())
            cutoff.entries[path] = (stamp, entry)
        }
        return cutoff
    }
}

extension OutputFile.Role {
    /// How the plan's state writes a role.
    var code: UInt8 {
        switch self {
        case .other: 0
        case .item: 1
        case .village: 2
        }
    }

    init?(code: UInt8) {
        switch code {
        case 0: self = .other
        case 1: self = .item
        case 2: self = .village
        default: return nil
        }
    }
}

/// What a thread `PlanState.started` gives back.
// Safe to share because: `value` is written once on the worker, and read only after `group.wait()`.
private final class StartedResult<T>: @unchecked Sendable {
    var value: T?
}
