import Foundation
import GongkaiContent
import GongkaiMarkdown

/// What `gongkai build` keeps between runs in the site's cache folder, so that a build after a small
/// edit parses and renders only what changed: two files, each read only by the step that needs it.
///
/// - `state-files`: each content file's fingerprint (`FileFingerprint`) and what parsing it gave,
///   without page bodies (a page reads its body from its file when first asked for); before them, the
///   last load (its files, the site's shape it walked, its findings, its pages' order), which the next
///   build patches when the shape is the same (`ContentLoader.keptLoad`).
/// - `state-bodies`: what each page's rendered body gave besides its HTML and text, keyed by the
///   page's source hash, the renderer's settings and what its links resolved to (`BodyCache.Entry`):
///   summary, snippet, reading time, headings, HTML hash, link signatures, copies, diagnostics. A
///   page whose output must be rendered again renders its body again from its file (`RemadeBody`).
///
/// Each file: a header (magic, format version, content length, checksum of the content), then the
/// binary that wrote it (`BuildStamp.executableIdentity`) and the settings that shape what it holds,
/// then the entries. It is written to a temporary file and renamed over the old one. Anything in doubt
/// — missing, short, a checksum or version that does not match, another binary or other settings — and
/// that part starts empty: the build makes everything it would have taken from it, and saves it anew.
/// Every entry is keyed by what it was made from, so a state older than the output (a killed save
/// leaves the previous file) is still right for whatever it has.
enum BuildState {
    enum Part: String, CaseIterable {
        case files = "state-files"
        case bodies = "state-bodies"
        case checks = "state-checks"
    }

    static let magic = Array("GKSTATE\n".utf8)
    /// Raised whenever what is written changes shape.
    static let version: UInt64 = 7
    /// Magic, version, content length, checksum.
    static let headerSize = 32

    /// `GONGKAI_TEST_PAUSE_IN_STATE_SAVE=<seconds>`: a save stops halfway through writing the temporary
    /// file for that long (tests kill the build there).
    static let pauseInSave = ProcessInfo.processInfo.environment["GONGKAI_TEST_PAUSE_IN_STATE_SAVE"].flatMap(Double.init)

    static func path(_ part: Part, _ files: SiteFiles) -> String { files.absolute("\(BuildStamp.folder)/\(part.rawValue)") }

    /// What the entries were made under besides the files themselves: the binary, site.yaml (parsing
    /// and rendering depend on it) and whether drafts are built.
    static func settings(_ files: SiteFiles, options: SiteBuilder.Options) -> UInt64 {
        var hash = StableHash()
        hash.add("gongkai-build-state")
        hash.add(BuildStamp.executableIdentity)
        hash.add(files.read(SiteConfig.fileName) ?? [])
        hash.add(options.includeDrafts)
        return hash.value
    }

    enum Restored: Sendable {
        case files(ParseCache)
        case bodies(BodyCache)
        case checks(KeptChecks)
    }

    /// Why a part was not used (`GONGKAI_TIMING=1` prints it).
    enum Refusal: Error { case missing, damaged, otherVersion, otherSettings }

    /// The session kept for the site: each part as saved, or empty when it cannot be trusted. The
    /// parts are read on other threads while the build goes on: the files' part is waited for by the
    /// load (after its walk of `content/`), the bodies' by the bodies phase, the plan by the render.
    static func restore(files: SiteFiles, output: String, options: SiteBuilder.Options, timer: inout PhaseTimer) -> SiteBuilder.Session {
        // (Here, before any part is read: the load asks for it too.)
        PlanState.installVerifier()
        let settings = settings(files, options: options)
        @Sendable func read(_ part: Part) -> Result<Restored, Error> {
            Result {
                try BuildState.read(at: path(part, files), settings: settings) { reader, bytes -> Restored in
                    switch part {
                    case .files: .files(try ParseCache.read(from: &reader, files: files))
                    // (The bodies' headings, links and snippets are read from `bytes` when asked for.)
                    case .bodies: .bodies(try BodyCache.read(from: &reader, bytes: bytes))
                    case .checks: .checks(try KeptChecks.read(from: &reader))
                    }
                }
            }
        }
        // Two threads on two cores: one reads the files' part, which the load waits for (it needs nothing
        // else); the other the bodies' (needed next), then the checks' and the plan (needed later). Four
        // at once shared the cores, and the load waited for its part twice as long.
        let filesPart = Deferred { read(.files) }
        let bodiesPart = Deferred { read(.bodies) }
        let parts = Part.allCases.map { part in
            switch part {
            case .files: filesPart
            case .bodies: bodiesPart
            case .checks: Deferred(after: bodiesPart) { read(.checks) }
            }
        }
        let checksPart = parts[Part.allCases.firstIndex(of: .checks)!]
        let keptChecks: @Sendable () -> KeptChecks? = {
            guard case .success(.checks(let kept)) = checksPart.value else { return nil }
            return kept
        }
        // The output checks' findings go with the cutoff, which keys them.
        let plan = Deferred(after: parts[Part.allCases.firstIndex(of: .checks)!]) {
            let restored = PlanState.restore(files: files, settings: settings)
            if let kept = keptChecks() {
                restored.cutoff.checkFindings = kept.output
                restored.cutoff.outputOrder = kept.order
            }
            return restored
        }
        let parsed = ParseCache(withoutBodiesOf: files), bodies = BodyCache()
        let checks = CheckMemo { keptChecks()?.disclosure }
        for (part, deferred) in zip(Part.allCases, parts) {
            switch part {
            case .checks: break
            case .files:
                parsed.restoring {
                    guard case .success(.files(let cache)) = deferred.value else { return nil }
                    return cache
                }
            case .bodies:
                bodies.restoring {
                    guard case .success(.bodies(let cache)) = deferred.value else { return nil }
                    return cache
                }
            }
        }
        let notes: @Sendable () -> [String] = {
            zip(Part.allCases, parts).map { part, deferred in
                switch deferred.value {
                case .success(.files(let cache)): "\(part.rawValue) \(cache.readCount)"
                case .success(.bodies(let cache)): "\(part.rawValue) \(cache.readCount)"
                case .success(.checks(let kept)): "\(part.rawValue) \(kept.output.count + (kept.disclosure == nil ? 0 : 1))"
                case .failure(let error): "\(part.rawValue) none: \(error)"
                }
            } + [plan.value.note]
        }
        timer.mark(.restoreState, note: "read beside the build: " + (Part.allCases.map(\.rawValue) + [PlanState.name]).joined(separator: ", "))
        return SiteBuilder.Session(
            parsed: parsed, bodies: bodies, storedFor: output, restoredCutoff: plan, notes: notes, checks: checks, keptChecks: keptChecks)
    }

    /// One part's entries, read by `decode` once the header, checksum, binary and settings are right.
    static func read<T>(_ part: Part, files: SiteFiles, settings: UInt64, decode: (inout BinaryReader) throws -> T) throws -> T {
        try read(at: path(part, files), settings: settings, decode: decode)
    }

    /// A part's file at `path` (see `read(_:files:settings:decode:)`).
    static func read<T>(at path: String, settings: UInt64, decode: (inout BinaryReader) throws -> T) throws -> T {
        try read(at: path, settings: settings) { reader, _ in try decode(&reader) }
    }

    /// A part's file at `path`, `decode` given also its content (checked), to keep for what it reads later.
    static func read<T>(at path: String, settings: UInt64, decode: (inout BinaryReader, StateBytes) throws -> T) throws -> T {
        guard let bytes = MappedFile(path) else { throw Refusal.missing }
        return try bytes.withUnsafeBytes { all -> T in
            guard all.count >= headerSize, Array(all[0..<magic.count]) == magic else { throw Refusal.damaged }
            var header = BinaryReader(all, at: magic.count)
            guard try header.fixed64() == version else { throw Refusal.otherVersion }
            let length = try header.fixed64(), checksum = try header.fixed64()
            guard length == UInt64(all.count - headerSize) else { throw Refusal.damaged }
            let content = UnsafeRawBufferPointer(rebasing: all[headerSize...])
            guard Checksum.of(content) == checksum else { throw Refusal.damaged }
            var reader = BinaryReader(content)
            guard try reader.string() == BuildStamp.executableIdentity, try reader.fixed64() == settings else {
                throw Refusal.otherSettings
            }
            let value = try decode(&reader, StateBytes(bytes, start: headerSize))
            guard reader.isAtEnd else { throw Refusal.damaged }
            return value
        }
    }

    /// A part restored as saved whose entries differ from the build's in no more than this many is not
    /// written again: every entry is keyed by what it was made from, so the next build makes those few
    /// again (after a body edit, the edited page, which it parses and renders anyway) instead of
    /// rewriting megabytes. Past it, or when the part was not restored, it is written.
    static let rewriteAfter = 8

    /// Whether the save step writes `part` (see `rewriteAfter`): `changes`, its entries changed since
    /// it was restored or saved; `restored`, whether it was restored.
    static func isWanted(_ part: Part, changes: Int, restored: Bool, files: SiteFiles) -> Bool {
        FileFingerprint(path(part, files)) == nil || (changes > 0 && (!restored || changes > rewriteAfter))
    }

    /// Writes the parts that changed, after a build that swapped its output in. A failure to write is
    /// not a failure of the build (the next one starts from what it finds). `ahead`: parts already
    /// encoded while the build went on, renamed here while they still hold what the session holds.
    static func save(
        _ session: SiteBuilder.Session, files: SiteFiles, options: SiteBuilder.Options, ahead: Ahead? = nil, timer: inout PhaseTimer
    ) {
        let settings = ahead?.settings ?? settings(files, options: options)
        try? FileManager.default.createDirectory(atPath: files.absolute(BuildStamp.folder), withIntermediateDirectories: true)
        let parsed = session.parsed, bodies = session.bodies
        let plan = PlanState.started { [cutoff = session.cutoff] in PlanState.save(cutoff, files: files, settings: settings) }
        // The checks' part is small: written whenever it holds other findings than the one restored.
        let checks = KeptChecks(
            disclosure: session.checks?.kept, output: session.cutoff?.checkFindings ?? [:], order: session.cutoff?.outputOrder)
        let checksChanged = !checks.sameKeys(session.keptChecks?())
        let changes: [Part: (count: Int, restored: Bool)] = [
            .files: (parsed.stateChanges, parsed.restored), .bodies: (bodies.changedEntries, bodies.restored),
            .checks: (checksChanged ? 1 : 0, false),
        ]
        let wanted = Part.allCases.filter { part in
            isWanted(part, changes: changes[part]!.count, restored: changes[part]!.restored, files: files)
        }
        let left = Part.allCases.filter { !wanted.contains($0) && changes[$0]!.count > 0 }
        let sizes = parallelMap(wanted) { part -> Int? in
            if let done = ahead?.commit(part, changes: changes[part]!.count) { return done }
            guard let encoded = encode(part, session: session, checks: checks, files: files, settings: settings) else { return nil }
            return encoded.file.commit() ? encoded.size : nil
        }
        ahead?.discard()
        for (part, size) in zip(wanted, sizes) where size != nil {
            switch part {
            case .files: parsed.saved()
            case .bodies: bodies.saved()
            case .checks: break
            }
        }
        let note =
            zip(wanted, sizes).map { "\($0.rawValue) \($1.map { "\($0 / 1024) KB" } ?? "not written")" }
            + left.map { "\($0.rawValue) kept (to make again: \(changes[$0]!.count))" }
            + [plan()].compactMap { $0 }
        // What the restore step read (it went on beside the build).
        let restored = session.restoreNotes.isEmpty ? "" : "restored " + session.restoreNotes.joined(separator: ", ") + "; "
        timer.mark(.saveState, note: restored + (note.isEmpty ? "unchanged" : note.joined(separator: ", ")))
    }

    /// `part` encoded into its temporary file, not yet renamed over the part's file (nil: it could not be written).
    static func encode(
        _ part: Part, session: SiteBuilder.Session, checks: KeptChecks? = nil, files: SiteFiles, settings: UInt64
    ) -> (file: StateFile, size: Int)? {
        guard let file = StateFile(path(part, files)) else { return nil }
        var out = BinaryWriter(capacity: StateFile.chunk + (1 << 16))
        out.string(BuildStamp.executableIdentity)
        out.fixed64(settings)
        switch part {
        case .files: session.parsed.write(to: &out, drain: file.drain)
        case .bodies: session.bodies.write(to: &out, drain: file.drain)
        case .checks: checks?.write(to: &out)
        }
        return file.complete(&out).map { (file, $0) }
    }

    /// A part written as it is encoded, in chunks (a large site's state is tens of megabytes, which
    /// the build would otherwise hold at once at its end): into a temporary file (a symlink there is
    /// replaced, not followed) that starts with room for the header, written last; then renamed over
    /// the part's file.
    final class StateFile {
        static let chunk = 1 << 20
        let path: String
        let temporary: String
        let fd: Int32
        var checksum = Checksum()
        var length = 0
        var failed = false

        init?(_ path: String) {
            self.path = path
            temporary = path + ".partial"
            unlink(temporary)
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return nil }
            if !write([UInt8](repeating: 0, count: headerSize)[...]) {
                close(fd)
                unlink(temporary)
                return nil
            }
        }

        private func write(_ bytes: ArraySlice<UInt8>) -> Bool {
            bytes.withUnsafeBytes { buffer in
                var done = 0
                while done < buffer.count {
                    let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { return false }
                    done += n
                }
                return true
            }
        }

        /// Writes whole blocks of 32 bytes (see `Checksum`) once a chunk's worth is encoded.
        func drain(_ out: inout BinaryWriter) {
            guard out.count >= Self.chunk else { return }
            let whole = out.count / 32 * 32
            let blocks = out.bytes[0..<whole]
            blocks.withUnsafeBytes { checksum.addBlocks($0) }
            if !failed && !write(blocks) { failed = true }
            length += whole
            out.removeFirst(whole)
        }

        /// The rest, then the header, then renamed over the part's file; the size of the content, or
        /// nil when anything failed.
        func finish(_ out: inout BinaryWriter) -> Int? {
            guard let length = complete(&out), commit() else { return nil }
            return length
        }

        /// The rest, then the header, in the temporary file (which `commit` renames, or `discard`
        /// removes); the size of the content, or nil when anything failed (nothing is left then).
        func complete(_ out: inout BinaryWriter) -> Int? {
            defer { close(fd) }
            let whole = out.count / 32 * 32
            out.bytes[0..<whole].withUnsafeBytes { checksum.addBlocks($0) }
            let sum = out.bytes[whole...].withUnsafeBytes { checksum.value(tail: $0) }
            let half = out.count / 2
            var written = !failed && write(out.bytes[0..<half])
            if written, let pauseInSave { Thread.sleep(forTimeInterval: pauseInSave) }
            written = written && write(out.bytes[half...])
            length += out.count
            var header = BinaryWriter(capacity: headerSize)
            for byte in magic { header.byte(byte) }
            header.fixed64(version)
            header.fixed64(UInt64(length))
            header.fixed64(sum)
            written =
                written
                && header.bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress!, headerSize, 0) } == headerSize
            guard written else {
                unlink(temporary)
                return nil
            }
            return length
        }

        /// The completed temporary file renamed over the part's file.
        func commit() -> Bool {
            guard rename(temporary, path) == 0 else {
                unlink(temporary)
                return false
            }
            return true
        }

        /// The completed temporary file removed (the part's file stays as it was).
        func discard() { unlink(temporary) }
    }
}

extension BuildContext {
    /// The restore step: without a process that keeps a session (serve's), what the last
    /// `gongkai build` kept. Not with `--force`, nor when the cache folder is not safe to use.
    mutating func restoreState() {
        guard session == nil, options.incremental, stamp.cacheIsSafe else { return }
        let restored = BuildState.restore(files: files, output: outputPath, options: options, timer: &timer)
        session = restored
        stateAhead = BuildState.Ahead(session: restored, files: files, settings: BuildState.settings(files, options: options))
    }

    /// The save step, after the output was swapped in.
    mutating func saveState() {
        guard options.incremental, stamp.cacheIsSafe, let session, session.storedFor != nil else { return }
        BuildState.save(session, files: files, options: options, ahead: stateAhead, timer: &timer)
    }

    /// The parts encoded ahead that the save step did not rename (a build that failed), removed.
    func discardStateAhead() { stateAhead?.discard() }
}

extension ParseCache {
    /// `changedEntries` as the save step counts them: a load of another shape than the state's is kept
    /// for the next build however few files changed (`changedShape`).
    var stateChanges: Int { changedShape ? max(changedEntries, BuildState.rewriteAfter + 1) : changedEntries }
}

// MARK: The bodies' part

extension BodyCache {
    /// `drain`: called after each entry (to write what is done to a file).
    func write(to out: inout BinaryWriter, drain: (inout BinaryWriter) -> Void = { _ in }) {
        let (kept, pageOrder) = lock.withLock { (self.entries, self.order) }
        // In the order of the site's pages (as written by the last build); any other entry after them.
        var paths = pageOrder.filter { kept[$0] != nil }
        if paths.count != kept.count {
            let listed = Set(paths)
            paths += kept.keys.filter { !listed.contains($0) }.sorted { $0.bytesPrecede($1) }
        }
        out.unsigned(UInt64(paths.count))
        for path in paths {
            let entry = kept[path]!
            out.string(path)
            out.fixed64(entry.sourceHash)
            out.string(entry.output)
            out.int(entry.firstLine)
            out.bool(entry.allowRawHTML)
            out.bool(entry.joinLines)
            out.fixed64(entry.environment)
            let body = entry.body
            out.array(body.headings) { out, heading in
                out.int(heading.level)
                out.string(heading.text)
                out.string(heading.id)
            }
            out.strings(body.copies)
            out.array(body.diagnostics) { $0.diagnostic($1) }
            out.array(body.links) { out, link in
                out.string(link.url)
                out.string(link.signature)
            }
            out.string(body.summary)
            out.fixed64(body.htmlHash)
            out.int(body.readingMinutes)
            out.string(body.snippet)
            out.optional(body.signatureDated) { $0.bool($1) }
            out.string(body.keptText)
            drain(&out)
        }
    }

    /// `bytes`: the content `reader` reads (checked), kept by the bodies for their headings, links,
    /// snippet and kept text, which are then only stepped over here (decoded when first asked for);
    /// without it, decoded now.
    static func read(from reader: inout BinaryReader, bytes: StateBytes? = nil) throws -> BodyCache {
        let cache = BodyCache()
        let count = try reader.count()
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(count)
        var order: [String] = []
        order.reserveCapacity(count)
        for _ in 0..<count {
            let path = try reader.string()
            order.append(path)
            let sourceHash = try reader.fixed64(), output = try reader.string(), firstLine = try reader.int()
            let allowRawHTML = try reader.bool(), joinLines = try reader.bool(), environment = try reader.fixed64()
            let headingsAt = reader.position
            var headings: [Markdown.Heading] = []
            if bytes == nil {
                headings = try StoredBodyParts.headings(&reader)
            } else {
                for _ in 0..<(try reader.count()) {
                    _ = try reader.int()
                    try reader.skipString()
                    try reader.skipString()
                }
            }
            let copies = try reader.strings(), diagnostics = try reader.array { try $0.diagnostic() }
            let linksAt = reader.position
            var links: [(url: String, signature: String)] = []
            if bytes == nil {
                links = try StoredBodyParts.links(&reader)
            } else {
                for _ in 0..<(try reader.count()) {
                    try reader.skipString()
                    try reader.skipString()
                }
            }
            var body = RenderedBody(html: "", headings: headings, plainText: "", copies: copies, diagnostics: diagnostics, links: links)
            body.keptHTML = nil
            body.summary = try reader.optionalString()
            body.htmlHash = try reader.fixed64()
            body.readingMinutes = try reader.optionalInt()
            if let bytes {
                let snippetAt = reader.position
                let hasSnippet = try reader.bool()
                if hasSnippet { try reader.skipString() }
                body.signatureDated = try reader.optional { try $0.bool() }
                // (A regulation's text, stepped over too: most edit builds never ask for it.)
                let textAt = try reader.bool() ? reader.position : nil
                if textAt != nil { try reader.skipString() }
                body.keepStored(
                    StoredBodyParts(bytes, headingsAt: headingsAt, linksAt: linksAt, snippetAt: snippetAt, hasSnippet: hasSnippet, textAt: textAt))
            } else {
                body.snippet = try reader.optionalString()
                body.signatureDated = try reader.optional { try $0.bool() }
                body.keptText = try reader.optionalString()
            }
            entries[path] = Entry(
                sourceHash: sourceHash, output: output, firstLine: firstLine, allowRawHTML: allowRawHTML,
                joinLines: joinLines, body: body, environment: environment)
        }
        cache.entries = entries
        cache.order = order
        cache.readCount = count
        return cache
    }
}

/// Work started on another thread; `value` waits for it and gives its result (each time the same).
// Safe to share because: `result` is written once on the worker, before the group is left, and read
// only after `group.wait()`.
final class Deferred<T: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: T?

    init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async(group: group) { [self] in result = work() }
    }

    /// Started once `first` is done (no thread waits for it meanwhile).
    init<U>(after first: Deferred<U>, _ work: @escaping @Sendable () -> T) {
        group.enter()
        first.group.notify(queue: .global()) { [self] in
            result = work()
            group.leave()
        }
    }

    var value: T {
        group.wait()
        return result!
    }
}
