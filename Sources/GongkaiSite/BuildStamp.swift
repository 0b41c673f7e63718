import Foundation
import GongkaiContent
import Synchronization

/// Recognises a build that would change nothing: when no input file (content, templates, static
/// files, settings), no option and not the date have changed since the last build into the same
/// output, and that output is still the folder the last build swapped in, the build is skipped.
///
/// Inputs are fingerprinted by path, size and modification time (no file is read), so checking a
/// 10,000-page site costs a few milliseconds of `stat` calls.
struct BuildStamp {
    static let folder = ".gongkai-cache"
    static let file = "build-stamp"

    let fingerprint: String
    let stampPath: String
    /// The names and kinds of the files under content/ and static/ (not their times): what a link in
    /// a page can point to. While it stays the same, links resolve as they did.
    let layout: UInt64
    /// What the walk saw of `content/`'s folders, for the load (which then lists and stats none of them again).
    let listing = ContentListing()

    /// Hashes of folders under `content/`, `templates/` and `static/` at a long-running process's last
    /// stamp (serve's): the next stamp takes a folder's from here when its watcher saw no change in it
    /// (`changes`), and stats only the rest.
    final class Subtrees: Sendable {
        typealias Hashes = (hash: UInt64, layout: UInt64)
        private let kept = Mutex<[String: Hashes]>([:])
        /// Folders hashed by the stamp being made.
        fileprivate let made = Mutex<[String: Hashes]>([:])
        /// What the watcher saw change since the last stamp; nil: unknown (every folder is walked).
        fileprivate let changes: Set<String>?

        init(changes: Set<String>? = nil) { self.changes = changes }

        fileprivate func start(changes: Set<String>?) -> Subtrees {
            let next = Subtrees(changes: changes)
            if let changes {
                // What stays valid: every folder with no change in it.
                let kept = kept.withLock { $0 }
                next.kept.withLock { $0 = kept.filter { folder, _ in !changes.contains { $0 == folder || $0.hasPrefix(folder + "/") } } }
            }
            return next
        }

        fileprivate func reusable(_ folder: String) -> Hashes? {
            guard changes != nil else { return nil }
            return kept.withLock { $0[folder] }
        }

        /// After a stamp: what it kept and made, for the next.
        fileprivate func finish(into memo: Subtrees) {
            let made = made.withLock { $0 }
            let kept = kept.withLock { $0 }
            memo.kept.withLock { $0 = kept.merging(made) { _, new in new } }
        }
    }

    /// `subtrees`, `changes`: a session's folder hashes and what its watcher saw change since (see `Subtrees`).
    init(files: SiteFiles, output: String, options: SiteBuilder.Options, subtrees memo: Subtrees? = nil, changes: Set<String>? = nil) {
        let subtrees = memo?.start(changes: changes)
        var hash = StableHash()
        hash.add("gongkai-build-v1|\(BuildStamp.executableIdentity)|\(output)|drafts=\(options.includeDrafts)|")
        // Expired labels and the disclosure overview depend on the date (unless site.yaml pins it;
        // a new day then costs one full build).
        hash.add("today=\(options.today)|")
        for name in [SiteConfig.fileName, "disclosure.yaml"] { BuildStamp.addFile(name, files: files, to: &hash) }
        var layout = StableHash()
        for folder in ["content", "templates", "static"] {
            // Templates are not linked to: their names do not count.
            var ignored = StableHash()
            if folder == "templates" {
                BuildStamp.addTree(folder, files: files, to: &hash, layout: &ignored, subtrees: subtrees)
            } else {
                var info = stat()
                if lstat(files.absolute(folder), &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { listing.noteUnsure() }
                BuildStamp.addTree(
                    folder, files: files, to: &hash, layout: &layout, subtrees: subtrees, listing: folder == "content" ? listing : nil,
                    links: listing)
            }
        }
        listing.finish(layout: layout.value)
        if let memo, let subtrees { subtrees.finish(into: memo) }
        fingerprint = String(hash.value, radix: 16)
        self.layout = layout.value
        stampPath = files.absolute("\(BuildStamp.folder)/\(BuildStamp.file)")
    }

    /// Whether the previous build left this fingerprint and the output folder it swapped in is still there.
    func isUnchanged(output: String) -> Bool {
        guard cacheIsSafe, let data = FileManager.default.contents(atPath: stampPath),
            let text = String(data: data, encoding: .utf8)
        else { return false }
        let lines = text.split(separator: "\n")
        guard lines.count == 2, lines[0] == fingerprint else { return false }
        return lines[1] == BuildStamp.identity(of: output)
    }

    /// Records this build; failures to write the cache are not build failures.
    func record(output: String) {
        guard cacheIsSafe, let identity = BuildStamp.identity(of: output) else { return }
        let folder = (stampPath as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? Data("\(fingerprint)\n\(identity)".utf8).write(to: URL(fileURLWithPath: stampPath), options: .atomic)
    }

    /// The cache is used only when its folder is a real folder of the site (or absent): a symlink in its
    /// place could point anywhere, and nothing outside the site folder is read or written.
    var cacheIsSafe: Bool {
        var info = stat()
        let folder = (stampPath as NSString).deletingLastPathComponent
        return lstat(folder, &info) != 0 || (info.st_mode & S_IFMT) == S_IFDIR
    }

    func forget() {
        guard cacheIsSafe else { return }
        try? FileManager.default.removeItem(atPath: stampPath)
    }

    /// Device, inode and modification time of the output folder: a hand-edited or replaced output
    /// changes it, and the next build then runs in full.
    static func identity(of path: String) -> Substring? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"[...]
    }

    static func addFile(_ relative: String, files: SiteFiles, to hash: inout StableHash) {
        var info = stat()
        if lstat(files.absolute(relative), &info) == 0 {
            add(relative, info, to: &hash)
        } else {
            hash.add(relative)
            hash.add("absent")
        }
    }

    /// A file's path and stat: numbers added as numbers (no text is made per file of a large site).
    static func add(_ path: String, _ info: stat, to hash: inout StableHash) {
        hash.add(path)
        addStat(info, to: &hash)
    }

    /// What of a file's `stat` tells a change: size, modification time, inode, mode.
    static func addStat(_ info: stat, to hash: inout StableHash) {
        hash.add(Int(info.st_size))
        hash.add(Int(info.st_mtim.tv_sec))
        hash.add(Int(info.st_mtim.tv_nsec))
        hash.add(Int(info.st_ino))
        hash.add(Int(info.st_mode))
    }

    /// `listing`: where the folders walked are recorded, with each name's `lstat` (see `ContentListing`).
    /// `links`: told of each symlink found and each folder not walked (`ContentListing.Shape`).
    ///
    /// A file's path is hashed from its bytes (the folder's, `/`, the name's): a `String` is made only for
    /// a folder, a symlink, and a name the listing records.
    static func addTree(
        _ relative: String, files: SiteFiles, to hash: inout StableHash, layout: inout StableHash, subtrees reuse: Subtrees? = nil,
        listing: ContentListing? = nil, links: ContentListing? = nil
    ) {
        addFile(relative, files: files, to: &hash)
        guard let names = FolderNames(files.absolute(relative)) else { return }
        let prefix = Array(relative.utf8) + [0x2F]
        // The names found (`lstat` answered), and the paths made: each folder's and symlink's, every one when listed.
        var found: [Int] = []
        var paths: [String?] = Array(repeating: nil, count: names.count)
        var seen: [ContentListing.Entry] = []
        if listing != nil { seen.reserveCapacity(names.count) }
        for n in 0..<names.count {
            let info = names.infos[n]
            if let info {
                found.append(n)
                let type = info.st_mode & S_IFMT
                if listing != nil || type == S_IFDIR || type == S_IFLNK { paths[n] = names.path(prefix, n) }
                if type == S_IFLNK { links?.noteUnsure() }
            }
            if listing != nil { seen.append((names.name(n), paths[n] ?? names.path(prefix, n), info)) }
        }
        listing?.record(relative, seen)
        // A folder of many folders (content/villages): each subtree is walked on its own, in parallel,
        // into hashes of its own that are then added in order.
        let folders = found.filter { (names.infos[$0]!.st_mode & S_IFMT) == S_IFDIR }
        var subtrees: [Int: (hash: UInt64, layout: UInt64)] = [:]
        if folders.count >= 4 {
            let folderPaths = folders.map { paths[$0]! }
            let hashes = parallelMap(folderPaths) { path -> (UInt64, UInt64) in
                if let kept = reuse?.reusable(path) {
                    links?.noteUnsure()
                    return kept
                }
                var hash = StableHash(), layout = StableHash()
                addTree(path, files: files, to: &hash, layout: &layout, subtrees: reuse, listing: listing, links: links)
                reuse?.made.withLock { $0[path] = (hash.value, layout.value) }
                return (hash.value, layout.value)
            }
            for (n, subtree) in zip(folders, hashes) { subtrees[n] = subtree }
        }
        var path = prefix
        for n in found {
            let info = names.infos[n]!
            path.removeSubrange(prefix.count...)
            names.withName(n) { path.append(contentsOf: $0) }
            layout.add(path)
            layout.add(Int(info.st_mode & S_IFMT))
            if (info.st_mode & S_IFMT) == S_IFDIR {
                if let subtree = subtrees[n] {
                    hash.add(subtree.hash)
                    layout.add(subtree.layout)
                } else {
                    addTree(paths[n]!, files: files, to: &hash, layout: &layout, subtrees: reuse, listing: listing, links: links)
                }
            } else {
                hash.add(path)
                addStat(info, to: &hash)
                // A symlink's target may change without the link changing: include the target's stat too.
                if (info.st_mode & S_IFMT) == S_IFLNK, let link = paths[n] {
                    addFile(link + "/.", files: files, to: &hash)
                    layout.add((try? FileManager.default.destinationOfSymbolicLink(atPath: files.absolute(link))) ?? "")
                }
            }
        }
    }

    /// The running binary's size and modification time: a new gongkai rebuilds everything.
    static let executableIdentity: String = {
        var info = stat()
        let path = CommandLine.arguments.first.flatMap { SiteFiles.realPath($0) } ?? ""
        guard !path.isEmpty, stat(path, &info) == 0 else { return "unknown" }
        return "\(info.st_size).\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()
}
