import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The kernel's word on what changed (Linux inotify), so that `gongkai serve` starts a build as soon as
/// a file is saved, without statting the whole site every few hundred milliseconds: at 10,000 pages
/// the poll took a quarter of a core while idle and, with its settling, let ~0.5 s pass between a save
/// and the build. It also sees what a poll of modification times and sizes cannot: a permission
/// change, or a file written again within the same clock tick at the same size.
///
/// Watches every folder the build reads (`SiteWatcher.watched`, hidden names skipped, symlinks
/// followed as the build follows them) and the site folder for site.yaml and disclosure.yaml. A
/// folder created or moved in is watched from then on. When the kernel's queue overflowed, or a
/// folder could not be watched (the per-user watch limit), `wait` says so and the caller compares
/// whole snapshots instead, as the poll does.
final class ChangeFeed: @unchecked Sendable {
    enum Batch: Equatable {
        /// Site-relative paths something happened to (a file, or a folder created, moved or removed).
        case paths(Set<String>)
        /// The feed lost events: compare whole snapshots.
        case rescan
    }

    let site: String
    private let fd: Int32
    /// Watch descriptor → site-relative folder ("" for the site folder itself).
    private var folders: [Int32: String] = [:]
    private var lost = false
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// What the watches ask for: every way a file's bytes, name, presence or mode changes.
    static let mask = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE)

    /// nil where inotify cannot be had (not Linux, or no instance left): the caller polls.
    init?(site: String) {
        #if os(Linux)
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        self.fd = fd
        self.site = site
        guard add("", depth: 0) else {
            close(fd)
            return nil
        }
        for name in SiteWatcher.watched { watchTree(name, depth: 0) }
        #else
        return nil
        #endif
    }

    deinit { close(fd) }

    /// Watches the folder at `relative` (not its subfolders); false when the kernel refused.
    @discardableResult
    private func add(_ relative: String, depth: Int) -> Bool {
        let path = relative.isEmpty ? site : site + "/" + relative
        let wd = inotify_add_watch(fd, path, ChangeFeed.mask)
        guard wd >= 0 else {
            // ENOENT/ENOTDIR: gone or not a folder, nothing lost; anything else (ENOSPC: the watch limit) is.
            if errno != ENOENT && errno != ENOTDIR { lost = true }
            return false
        }
        folders[wd] = relative
        return true
    }

    /// Watches `relative` and every folder under it, when it is a folder.
    private func watchTree(_ relative: String, depth: Int) {
        var info = stat()
        guard depth < 32, stat(site + "/" + relative, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return }
        guard add(relative, depth: depth) else { return }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: site + "/" + relative) else { return }
        for name in names where !name.hasPrefix(".") { watchTree(relative + "/" + name, depth: depth + 1) }
    }

    /// Whether `relative` (site-relative) is something the build reads.
    static func isWatched(_ relative: String) -> Bool {
        guard let top = relative.split(separator: "/", maxSplits: 1).first else { return false }
        guard SiteWatcher.watched.contains(String(top)) else { return false }
        return !relative.split(separator: "/").contains { $0.hasPrefix(".") }
    }

    /// Waits up to `timeout` seconds for something to happen, then until nothing has happened for
    /// `quiet` seconds (editors save in steps: write a temporary file, rename it over the old one), at
    /// most `longest` seconds in all. nil when nothing happened within `timeout`.
    func wait(timeout: Double, quiet: Double = 0.03, longest: Double = 2) -> Batch? {
        var paths = Set<String>()
        guard readEvents(within: timeout, into: &paths) else { return nil }
        let started = Date()
        while Date().timeIntervalSince(started) < longest, readEvents(within: quiet, into: &paths) {}
        if lost {
            lost = false
            return .rescan
        }
        return paths.isEmpty ? nil : .paths(paths)
    }

    /// Reads the events that arrive within `seconds`; false when none did.
    private func readEvents(within seconds: Double, into paths: inout Set<String>) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(max(0, seconds * 1000))) > 0 else { return false }
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                return (event.wd, event.mask, Int(event.len))
            }
            let name: String = buffer.withUnsafeBytes { raw in
                let bytes = raw[(offset + header)..<(offset + header + length)]
                return String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            offset += header + length
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                lost = true
                continue
            }
            if mask & UInt32(IN_IGNORED) != 0 {
                folders[wd] = nil
                continue
            }
            guard let folder = folders[wd], !name.isEmpty, !name.hasPrefix(".") else { continue }
            let relative = folder.isEmpty ? name : folder + "/" + name
            guard ChangeFeed.isWatched(relative) else { continue }
            paths.insert(relative)
            // A folder created or moved in: watch it and what is under it from now on.
            if mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                watchTree(relative, depth: relative.split(separator: "/").count - 1)
            }
        }
        return true
    }
}

extension SiteWatcher {
    /// The snapshot after `paths` changed, and which watched files changed: `old` with each path
    /// statted again — a folder among them statted through, and every file that was under a path that
    /// is gone, dropped. A file the feed named stays among the changes even when its time and size
    /// are the same (a permission change, a rewrite within one clock tick).
    public func update(_ old: Snapshot, paths: Set<String>) -> (snapshot: Snapshot, changed: [String]) {
        var snapshot = old
        let changed = update(&snapshot, paths: paths)
        return (snapshot, changed)
    }

    /// `update`, in place (serve's: its snapshot has a stamp per file of the site, not copied for one
    /// edit). A path that was a file had nothing under it: looked up, not searched for among every
    /// file; only a folder, or a path the snapshot does not know, is.
    public func update(_ snapshot: inout Snapshot, paths: Set<String>) -> [String] {
        var changed = Set<String>()
        for path in paths {
            // What was at or under the path before (what an earlier path of the batch put there is now
            // on disk, and statted again here: the same).
            let before: [String]
            if snapshot.files[path] != nil {
                before = [path]
            } else {
                let prefix = path + "/"
                before = snapshot.files.keys.filter { $0.hasPrefix(prefix) }
            }
            var now = Snapshot()
            visit(path, into: &now, depth: path.split(separator: "/").count - 1)
            for gone in before where now.files[gone] == nil {
                snapshot.files[gone] = nil
                changed.insert(gone)
            }
            for (file, stamp) in now.files {
                snapshot.files[file] = stamp
                changed.insert(file)
            }
        }
        return changed.sorted()
    }
}
