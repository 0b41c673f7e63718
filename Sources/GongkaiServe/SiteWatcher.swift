import Foundation

/// Notices edits by polling modification times: simple, portable, and fine for folders of a few
/// thousand files. Watches what a build reads: content/, templates/, static/, site.yaml, disclosure.yaml.
public struct SiteWatcher: Sendable {
    public static let watched = ["content", "templates", "static", "site.yaml", "disclosure.yaml"]

    /// What a file looked like: enough to tell that it was written.
    public struct Stamp: Equatable, Sendable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
    }

    /// Every watched file (site-relative path → stamp).
    public struct Snapshot: Equatable, Sendable {
        public var files: [String: Stamp] = [:]
        public init() {}
    }

    public let site: String

    public init(site: String) {
        var root = site
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.site = root
    }

    /// Stats every watched file now. Hidden names (`.swp` files of editors, `.git`) are skipped, as the
    /// build skips them.
    public func snapshot() -> Snapshot {
        var snapshot = Snapshot()
        for name in SiteWatcher.watched {
            visit(name, into: &snapshot, depth: 0)
        }
        return snapshot
    }

    func visit(_ relative: String, into snapshot: inout Snapshot, depth: Int) {
        var info = stat()
        // Follows symlinks, as the build does; the depth limit stops a link loop.
        guard depth < 32, stat(site + "/" + relative, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: site + "/" + relative) else { return }
            for name in names where !name.hasPrefix(".") {
                visit(relative + "/" + name, into: &snapshot, depth: depth + 1)
            }
        } else {
            snapshot.files[relative] = Stamp(
                seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                size: Int64(info.st_size))
        }
    }

    /// Paths added, removed or changed between two snapshots, sorted.
    public static func changes(from old: Snapshot, to new: Snapshot) -> [String] {
        var changed: [String] = []
        for (path, stamp) in new.files where old.files[path] != stamp { changed.append(path) }
        for path in old.files.keys where new.files[path] == nil { changed.append(path) }
        return changed.sorted()
    }
}
