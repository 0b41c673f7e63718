import Foundation
import GongkaiContent

/// Incremental builds skip rendering what cannot have changed.
///
/// The generator makes the portal in groups of files (an item page, one page of a list, a village's
/// yearly archive, the feeds…). Each group has a key: a `StableHash` of everything the group is made
/// from — the site's settings and theme, and the source hash of each page it shows. When the build
/// that made the current output recorded the same key for a group, the group's files are taken as
/// they are (`OutputFile(unchanged:)`) instead of being rendered again. A key that leaves out
/// something a group shows would make an incremental build differ from a clean one; tests edit sites
/// at random and compare the two byte for byte.
final class OutputMemo: @unchecked Sendable {
    struct Group: Equatable {
        var key: UInt64
        var files: [Entry]
    }

    struct Entry: Equatable {
        var path: String
        var stamp: FileStamp
    }

    /// Groups of the build that made the current output (empty for a clean build).
    let previous: [String: Group]
    private var current: [String: Group] = [:]
    private var renderedCount = 0
    private let lock = NSLock()

    init(previous: [String: Group] = [:]) {
        self.previous = previous
    }

    /// The group's files: the current output's, when its key is unchanged, else `render()`'s.
    func outputs(_ id: String, key: UInt64, render: () -> [OutputFile]) -> [OutputFile] {
        if let group = previous[id], group.key == key {
            lock.withLock { current[id] = group }
            return group.files.map { entry in
                var file = OutputFile(unchanged: entry.path, stamp: entry.stamp)
                file.grouped = true
                return file
            }
        }
        var files = render()
        for n in files.indices { files[n].grouped = true }
        let group = Group(key: key, files: files.map { Entry(path: $0.path, stamp: $0.stamp) })
        lock.withLock {
            current[id] = group
            renderedCount += 1
        }
        return files
    }

    func output(_ id: String, key: UInt64, render: () -> OutputFile) -> OutputFile {
        outputs(id, key: key) { [render()] }[0]
    }

    /// The groups of this build, to be saved with its output.
    var groups: [String: Group] { lock.withLock { current } }
    /// How many groups this build rendered (the rest were unchanged).
    var rendered: Int { lock.withLock { renderedCount } }
}

/// The keys of the groups: what each is made from, hashed.
struct BuildKeys {
    /// What every page shows: the binary, settings, theme, the day, village names, feeds, rule names.
    let global: UInt64
    /// Every page, village profile and the home text, by source hash.
    let all: UInt64
    /// What the disclosure check saw: disclosure pages and village profiles.
    let disclosure: UInt64
    /// The regulations of each owner (a regulation page shows its versions and what supersedes it).
    let regulations: [Owner: UInt64]

    init(content: SiteContent, files: SiteFiles, theme: Theme, asOf: Day, includeDrafts: Bool,
         ruleNames: [String: String], feedPaths: Set<String>) {
        var g = StableHash()
        g.add("gongkai-keys-v1")
        g.add(BuildStamp.executableIdentity)
        for name in [SiteConfig.fileName, "disclosure.yaml"] { g.add(files.read(name) ?? []) }
        g.add(theme.fingerprint)
        g.add(asOf.description)
        g.add(includeDrafts)
        for village in content.villages {
            g.add(village.id)
            g.add(village.name)
        }
        for (id, name) in ruleNames.sorted(by: { $0.key < $1.key }) {
            g.add(id)
            g.add(name)
        }
        for path in feedPaths.sorted() { g.add(path) }
        g.add(content.pages.contains { $0.owner == .county })
        global = g.value

        var a = StableHash()
        a.add(global)
        for village in content.villages { a.add(village.sourceHash) }
        a.add(content.home?.sourceHash ?? 0)
        for page in content.pages { Self.add(page, to: &a) }
        all = a.value

        var d = StableHash()
        d.add(global)
        for village in content.villages { d.add(village.sourceHash) }
        for page in content.pages where page.kind == .disclosure { Self.add(page, to: &d) }
        disclosure = d.value

        var byOwner: [Owner: StableHash] = [:]
        for page in content.pages where page.kind == .regulation {
            Self.add(page, to: &byOwner[page.owner, default: StableHash()])
        }
        regulations = byOwner.mapValues(\.value)
    }

    static func add(_ page: Page, to hash: inout StableHash) {
        hash.add(page.sourcePath)
        hash.add(page.sourceHash)
    }

    /// A key over the global one and `pages`, with `extra` for what else the group depends on.
    func key(_ pages: some Sequence<Page>, _ extra: (inout StableHash) -> Void = { _ in }) -> UInt64 {
        var hash = StableHash()
        hash.add(global)
        for page in pages { Self.add(page, to: &hash) }
        extra(&hash)
        return hash.value
    }
}

/// What the output folder holds, as incremental builds need to know it: the groups and files of the
/// build that made it, and a second folder (the spare) the next build is written into and swapped in.
///
/// The spare holds an older build whose files are listed in its own manifest; a build brings it up to
/// date by writing only the files that differ, deletes the files that are gone, and swaps it with the
/// output in one step. The output then is the new build and the spare the previous one. Manifests are
/// removed before their folder is touched and written after, so a killed build leaves at worst a spare
/// with no manifest, which the next build rewrites whole.
struct OutputState {
    let folder: String
    let output: String
    /// Manifests a session (`gongkai serve`) keeps parsed between builds.
    var cache: ManifestCache? = nil

    var manifestPath: String { folder + "/output.manifest" }
    var spareManifestPath: String { folder + "/spare.manifest" }
    var sparePath: String { folder + "/spare" }

    init(files: SiteFiles, output: String) {
        self.output = output
        folder = files.absolute("\(BuildStamp.folder)/out-\(String(StableHash.of(output), radix: 16))")
    }

    /// The spare can be swapped with the output only on the same file system, and the cache folder
    /// must be a real folder of the site (see `BuildStamp.cacheIsSafe`).
    func spareIsUsable(cacheIsSafe: Bool) -> Bool {
        guard cacheIsSafe else { return false }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var a = stat(), b = stat()
        var info = stat()
        guard lstat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return false }
        let parent = URL(fileURLWithPath: output).deletingLastPathComponent().path
        return stat(folder, &a) == 0 && stat(parent, &b) == 0 && a.st_dev == b.st_dev
    }

    struct Manifest {
        var identity: String
        var groups: [String: OutputMemo.Group]
        /// Files copied from the site (static files, attachments), stamped by the source's size and time.
        var copies: [OutputMemo.Entry]

        /// Whether `OutputState.write` then `read` gives this manifest back: no text in it has the
        /// file's separators (tab, line break).
        var readsBackAsWritten: Bool {
            func plain(_ text: String) -> Bool { !text.utf8.contains { $0 == 9 || $0 == 10 } }
            return plain(identity) && groups.allSatisfy { id, group in plain(id) && group.files.allSatisfy { plain($0.path) } }
                && copies.allSatisfy { plain($0.path) }
        }

        var files: [String: FileStamp] {
            var all: [String: FileStamp] = [:]
            for group in groups.values { for entry in group.files { all[entry.path] = entry.stamp } }
            for entry in copies { all[entry.path] = entry.stamp }
            return all
        }
    }

    /// The manifest of the current output, when the output is still the folder that build swapped in.
    func currentManifest() -> Manifest? {
        guard let manifest = read(manifestPath)?.manifest,
              let identity = BuildStamp.identity(of: output), manifest.identity == identity else { return nil }
        return manifest
    }

    /// The files the spare holds, when its manifest says (nil: unknown, rewrite it whole).
    func spareFiles() -> [String: FileStamp]? {
        var info = stat()
        guard lstat(sparePath, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return [:] }
        return read(spareManifestPath)?.files
    }

    func forgetSpare() {
        ManifestCache.run {
            unlink(spareManifestPath)
            cache?.forget(spareManifestPath)
        }
    }

    /// Records the new output; `spareHoldsPrevious`: the spare now holds what the output held, which the
    /// output's manifest describes (it becomes the spare's).
    func save(_ manifest: Manifest, spareHoldsPrevious: Bool) {
        func save() {
            if !spareHoldsPrevious || rename(manifestPath, spareManifestPath) != 0 { unlink(spareManifestPath) }
            cache?.moved(manifestPath, to: spareManifestPath)
            Self.write(manifest, to: manifestPath)
            cache?.keep(manifest, at: manifestPath)
        }
        // A session saves in the background, before anything else touches manifests (see `ManifestCache`).
        if cache != nil { ManifestCache.runLater(save) } else { ManifestCache.run(save) }
    }

    /// A manifest file, from the session's cache while the file is the one it parsed or wrote.
    func read(_ path: String) -> ManifestCache.Parsed? {
        ManifestCache.run { cache.map { $0.read(path) } ?? Self.read(path).map { ManifestCache.Parsed($0) } }
    }

    // MARK: File format: one line per group and file, tab-separated; read and written as bytes (a
    // large site's manifest has tens of thousands of lines, and it is read on every build).

    static func write(_ manifest: Manifest, to path: String) {
        var out: [UInt8] = []
        out.reserveCapacity(manifest.groups.count * 120)
        out += Array("gongkai-output-manifest 1\nidentity\t\(manifest.identity)\n".utf8)
        func line(_ tag: UInt8, _ text: String, _ number: UInt64, _ size: Int?) {
            out.append(tag)
            out.append(9)
            out += text.utf8
            out.append(9)
            appendHex(number, to: &out)
            if let size {
                out.append(9)
                out += String(size).utf8
            }
            out.append(10)
        }
        for (id, group) in manifest.groups.sorted(by: { $0.key < $1.key }) {
            line(UInt8(ascii: "G"), id, group.key, nil)
            for entry in group.files { line(UInt8(ascii: "F"), entry.path, entry.stamp.hash, entry.stamp.size) }
        }
        for entry in manifest.copies { line(UInt8(ascii: "C"), entry.path, entry.stamp.hash, entry.stamp.size) }
        try? Data(out).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    static func appendHex(_ value: UInt64, to out: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        var shift = 60
        while shift > 0 && (value >> UInt64(shift)) & 0xF == 0 { shift -= 4 }
        while shift >= 0 {
            out.append(digits[Int((value >> UInt64(shift)) & 0xF)])
            shift -= 4
        }
    }

    static func read(_ path: String) -> Manifest? {
        guard let bytes = SiteFiles.readBytes(path) else { return nil }
        return bytes.withUnsafeBufferPointer { parse($0) }
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Manifest? {
        var position = 0
        /// The next line's tab-separated fields, as byte ranges.
        func nextLine() -> [Range<Int>]? {
            guard position < bytes.count else { return nil }
            var fields: [Range<Int>] = []
            var start = position
            while position < bytes.count && bytes[position] != 10 {
                if bytes[position] == 9 {
                    fields.append(start..<position)
                    start = position + 1
                }
                position += 1
            }
            fields.append(start..<position)
            position += 1
            return fields
        }
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        func number(_ range: Range<Int>, radix: UInt64) -> UInt64? {
            guard !range.isEmpty, range.count <= 16 || radix == 10 else { return nil }
            var value: UInt64 = 0
            for i in range {
                let c = bytes[i]
                let digit: UInt64
                switch c {
                case 48...57: digit = UInt64(c - 48)
                case 97...102 where radix == 16: digit = UInt64(c - 87)
                default: return nil
                }
                let (times, overflow) = value.multipliedReportingOverflow(by: radix)
                guard !overflow else { return nil }
                value = times &+ digit
            }
            return value
        }
        guard let first = nextLine(), first.count == 1, text(first[0]) == "gongkai-output-manifest 1",
              let second = nextLine(), second.count == 2, text(second[0]) == "identity" else { return nil }
        var manifest = Manifest(identity: text(second[1]), groups: [:], copies: [])
        var group: (String, OutputMemo.Group)?
        while let fields = nextLine() {
            if fields.count == 1 && fields[0].isEmpty { continue }
            guard let tagRange = fields.first, tagRange.count == 1 else { return nil }
            switch bytes[tagRange.lowerBound] {
            case UInt8(ascii: "G"):
                guard fields.count == 3, let key = number(fields[2], radix: 16) else { return nil }
                if let (id, done) = group { manifest.groups[id] = done }
                group = (text(fields[1]), OutputMemo.Group(key: key, files: []))
            case UInt8(ascii: "F"), UInt8(ascii: "C"):
                guard fields.count == 4, let hash = number(fields[2], radix: 16), let size = number(fields[3], radix: 10),
                      size <= UInt64(Int.max) else { return nil }
                let entry = OutputMemo.Entry(path: text(fields[1]), stamp: FileStamp(hash: hash, size: Int(size)))
                if bytes[tagRange.lowerBound] == UInt8(ascii: "C") {
                    manifest.copies.append(entry)
                } else {
                    guard group != nil else { return nil }
                    group!.1.files.append(entry)
                }
            default:
                return nil
            }
        }
        if let (id, done) = group { manifest.groups[id] = done }
        return manifest
    }
}

/// Manifests kept parsed by a session between builds: the output's manifest has a line per file (tens
/// of thousands at 10k pages) and is read and written on every build. A manifest is taken from here
/// only while its file has the device, inode, size, and modification and change times it had when it
/// was parsed or written here; a file replaced or edited by anyone else is read again.
///
/// A session's build saves its manifest in the background (`runLater`); everything else that reads or
/// changes manifest files runs after it (`run`): a build does not wait for its save, the next one does. A process
/// killed before the save ends leaves no manifest for the output (it was renamed or removed first), as a
/// build killed before it saved: the next build then renders everything.
final class ManifestCache: @unchecked Sendable {
    /// A manifest and its files by path, made when first asked for (or in the background after a save).
    final class Parsed: @unchecked Sendable {
        let manifest: OutputState.Manifest
        private var made: [String: FileStamp]?
        private let lock = NSLock()

        init(_ manifest: OutputState.Manifest) { self.manifest = manifest }

        var files: [String: FileStamp] {
            lock.withLock {
                if made == nil { made = manifest.files }
                return made!
            }
        }
    }

    /// One for the process: builds with and without a session take their turns.
    private static let queue = DispatchQueue(label: "gongkai.manifests")

    /// Runs `work` after every save started before.
    static func run<T>(_ work: () -> T) -> T { queue.sync(execute: work) }

    static func runLater(_ work: @escaping @Sendable () -> Void) { queue.async(execute: work) }

    struct Identity: Equatable {
        var device: UInt64, inode: UInt64, size: Int
        var seconds: Int, nanoseconds: Int, changeSeconds: Int, changeNanoseconds: Int

        init?(_ path: String) {
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int(info.st_size)
            seconds = Int(info.st_mtim.tv_sec)
            nanoseconds = Int(info.st_mtim.tv_nsec)
            changeSeconds = Int(info.st_ctim.tv_sec)
            changeNanoseconds = Int(info.st_ctim.tv_nsec)
        }
    }

    private var kept: [String: (identity: Identity, parsed: Parsed)] = [:]
    private let lock = NSLock()

    func read(_ path: String) -> Parsed? {
        guard let identity = Identity(path) else {
            forget(path)
            return nil
        }
        if let entry = lock.withLock({ kept[path] }), entry.identity == identity { return entry.parsed }
        guard let manifest = OutputState.read(path) else {
            forget(path)
            return nil
        }
        let parsed = Parsed(manifest)
        // Kept only if the file did not change while it was read.
        if Identity(path) == identity { lock.withLock { kept[path] = (identity, parsed) } }
        return parsed
    }

    /// After `manifest` was written to `path`.
    func keep(_ manifest: OutputState.Manifest, at path: String) {
        // Reading the file back gives the same manifest unless a name has a tab or line break (a file
        // under static/ may): then it is read back, as without a session.
        guard let identity = Identity(path), manifest.readsBackAsWritten else { return forget(path) }
        let parsed = Parsed(manifest)
        lock.withLock { kept[path] = (identity, parsed) }
        // The next build asks for the files of this manifest (then the spare's): made while serve waits.
        DispatchQueue.global(qos: .utility).async { _ = parsed.files }
    }

    /// After `from` was renamed to `to` (a rename changes the file's change time), or failed to be.
    func moved(_ from: String, to: String) {
        lock.withLock {
            let entry = kept.removeValue(forKey: from)
            kept[to] = nil
            if let entry, let identity = Identity(to), identity.inode == entry.identity.inode, identity.size == entry.identity.size {
                kept[to] = (identity, entry.parsed)
            }
        }
    }

    func forget(_ path: String) { lock.withLock { kept[path] = nil } }
}
