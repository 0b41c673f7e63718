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
            return group.files.map { OutputFile(unchanged: $0.path, stamp: $0.stamp) }
        }
        let files = render()
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

        var files: [String: FileStamp] {
            var all: [String: FileStamp] = [:]
            for group in groups.values { for entry in group.files { all[entry.path] = entry.stamp } }
            for entry in copies { all[entry.path] = entry.stamp }
            return all
        }
    }

    /// The manifest of the current output, when the output is still the folder that build swapped in.
    func currentManifest() -> Manifest? {
        guard let manifest = Self.read(manifestPath),
              let identity = BuildStamp.identity(of: output), manifest.identity == identity else { return nil }
        return manifest
    }

    /// The files the spare holds, when its manifest says (nil: unknown, rewrite it whole).
    func spareFiles() -> [String: FileStamp]? {
        var info = stat()
        guard lstat(sparePath, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return [:] }
        return Self.read(spareManifestPath)?.files
    }

    func forgetSpare() { unlink(spareManifestPath) }
    func forgetOutput() { unlink(manifestPath) }

    func save(_ manifest: Manifest, spare: Manifest?) {
        Self.write(manifest, to: manifestPath)
        if let spare { Self.write(spare, to: spareManifestPath) }
    }

    // MARK: File format: one line per group and file, tab-separated.

    static func write(_ manifest: Manifest, to path: String) {
        var text = "gongkai-output-manifest 1\nidentity\t\(manifest.identity)\n"
        for (id, group) in manifest.groups.sorted(by: { $0.key < $1.key }) {
            text += "G\t\(id)\t\(String(group.key, radix: 16))\n"
            for entry in group.files { text += "F\t\(entry.path)\t\(String(entry.stamp.hash, radix: 16))\t\(entry.stamp.size)\n" }
        }
        for entry in manifest.copies { text += "C\t\(entry.path)\t\(String(entry.stamp.hash, radix: 16))\t\(entry.stamp.size)\n" }
        try? Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    static func read(_ path: String) -> Manifest? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard lines.popFirst() == "gongkai-output-manifest 1", let identityLine = lines.popFirst(),
              identityLine.hasPrefix("identity\t") else { return nil }
        var manifest = Manifest(identity: String(identityLine.dropFirst("identity\t".count)), groups: [:], copies: [])
        var group: (String, OutputMemo.Group)?
        for line in lines where !line.isEmpty {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            switch parts.first {
            case "G":
                guard parts.count == 3, let key = UInt64(parts[2], radix: 16) else { return nil }
                if let (id, done) = group { manifest.groups[id] = done }
                group = (String(parts[1]), OutputMemo.Group(key: key, files: []))
            case "F", "C":
                guard parts.count == 4, let hash = UInt64(parts[2], radix: 16), let size = Int(parts[3]) else { return nil }
                let entry = OutputMemo.Entry(path: String(parts[1]), stamp: FileStamp(hash: hash, size: size))
                if parts[0] == "C" {
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
