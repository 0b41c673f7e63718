import Foundation

/// File-system access for loading: reads files whole and keeps every path inside the site folder.
public struct SiteFiles: Sendable {
    /// The site folder as given, and its real path (symlinks resolved) used for containment checks.
    public let root: String
    public let realRoot: String

    public init(root: String) {
        var trimmed = root
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
        self.realRoot = SiteFiles.realPath(trimmed) ?? trimmed
    }

    public func absolute(_ relative: String) -> String {
        relative.isEmpty ? root : root + "/" + relative
    }

    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether a site-relative path, after resolving symlinks, is still inside the site folder.
    public func staysInside(_ relative: String) -> Bool {
        guard let real = SiteFiles.realPath(absolute(relative)) else { return true }
        return real == realRoot || real.hasPrefix(realRoot + "/")
    }

    /// An entry of a folder as the walk over `content/` needs it: `staysInside`, `isDirectory` and
    /// `realPath` of `folder/name`, given the real path of `folder`. An entry that is not a symlink has
    /// the real path of its folder plus its name, so one `lstat` answers all three; a symlink, or
    /// anything unusual, is asked about as before.
    public struct Entry {
        public let path: String
        public let staysInside: Bool
        public let isDirectory: Bool
        /// Only for folders.
        public let realPath: String?
        /// The entry's `lstat`, when it is not a symlink (then it is also its `stat`).
        public var info: stat? = nil
    }

    /// `folderDescriptor`: `folder` opened (see `entries(in:folderRealPath:)`). `seen`: the name's
    /// `lstat` as a walk just before saw it (`ContentListing`; nil inside: it failed), asked again without it.
    /// `folderInside`: whether `folderRealPath` is known to be inside the site (`isInside`; then so is each
    /// of its entries that is not a symlink, and its real path is made for folders only). `listed`: `folder/name`,
    /// when `name` is one a listing of `folder` gave (so neither `.` nor `..`, and without a `/`).
    public func entry(
        _ name: String, in folder: String, folderRealPath: String?, folderDescriptor: Int32? = nil, seen: stat?? = nil,
        folderInside: Bool = false, listed: String? = nil
    ) -> Entry {
        let path = listed ?? folder + "/" + name
        var info = stat()
        func found() -> Bool {
            switch seen {
            case .some(.some(let known)):
                info = known
                return true
            case .some(.none): return false
            case .none: return (folderDescriptor.map { fstatat($0, name, &info, AT_SYMLINK_NOFOLLOW) } ?? lstat(absolute(path), &info)) == 0
            }
        }
        if let folderRealPath, listed != nil || (name != "." && name != ".." && !Self.hasSlash(name)), found(),
            (info.st_mode & S_IFMT) != S_IFLNK
        {
            // realpath(3) gives up on paths longer than PATH_MAX.
            if (folderRealPath == "/" ? 0 : folderRealPath.utf8.count) + 1 + name.utf8.count < 4000 {
                let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
                // The real path of a file in a folder inside the site starts with the folder's: not made.
                if folderInside && !isDirectory {
                    return Entry(path: path, staysInside: true, isDirectory: false, realPath: nil, info: info)
                }
                let real = folderRealPath == "/" ? "/" + name : folderRealPath + "/" + name
                return Entry(
                    path: path, staysInside: real == realRoot || real.hasPrefix(realRoot + "/"),
                    isDirectory: isDirectory, realPath: isDirectory ? real : nil, info: info)
            }
        }
        let stays = staysInside(path)
        let isDirectory = stays && self.isDirectory(path)
        return Entry(
            path: path, staysInside: stays, isDirectory: isDirectory,
            realPath: isDirectory ? SiteFiles.realPath(absolute(path)) : nil)
    }

    /// `list(folder)`, each name with its `entry(_:in:folderRealPath:)`: the folder is opened once, and
    /// each name's `lstat` asked of it (the kernel looks up one name, not every folder of the path).
    /// `listing`: what a walk just before saw (the folder's names and `lstat`s are taken from it when it listed the folder).
    public func entries(in folder: String, folderRealPath: String?, listing: ContentListing? = nil) -> [(name: String, entry: Entry)] {
        let inside = folderRealPath.map(isInside) ?? false
        if let seen = listing?.entries(of: folder) {
            var entries: [(name: String, entry: Entry)] = []
            entries.reserveCapacity(seen.count)
            for (name, path, info) in seen where !name.hasPrefix(".") {
                entries.append((name, entry(name, in: folder, folderRealPath: folderRealPath, seen: .some(info), folderInside: inside, listed: path)))
            }
            return entries
        }
        let names = list(folder)
        let fd = names.isEmpty ? -1 : open(absolute(folder), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if fd >= 0 { close(fd) } }
        return names.map { name in
            (name, entry(name, in: folder, folderRealPath: folderRealPath, folderDescriptor: fd >= 0 ? fd : nil, folderInside: inside))
        }
    }

    /// Whether `name` holds a `/` (on its bytes at once: asked for every file of the walk).
    static func hasSlash(_ name: String) -> Bool {
        name.utf8.withContiguousStorageIfAvailable { $0.contains(0x2F) } ?? name.utf8.contains(0x2F)
    }

    /// Whether a real path (of a folder other than `/`) is the site's or under it: then so is
    /// `realPath + "/" + name` for every name without a `/`.
    func isInside(_ realPath: String) -> Bool {
        realPath != "/" && (realPath == realRoot || realPath.hasPrefix(realRoot + "/"))
    }

    public func exists(_ relative: String) -> Bool {
        var info = stat()
        return stat(absolute(relative), &info) == 0
    }

    public func isDirectory(_ relative: String) -> Bool {
        var info = stat()
        return stat(absolute(relative), &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Names in a folder, sorted, hidden ones (starting with `.`) left out.
    public func list(_ relative: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute(relative)) else { return [] }
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The whole file, or nil if it cannot be read.
    public func read(_ relative: String) -> [UInt8]? {
        SiteFiles.readBytes(absolute(relative))
    }

    /// Regular files only: a FIFO or device named like a content file would block the build or never end,
    /// so it is opened without blocking and refused.
    public static func readBytes(_ path: String) -> [UInt8]? {
        withRegularFile(path) { fd, size in readBytes(fd: fd, size: size) }
    }

    /// `body` given the file at `path` opened for reading, and its size, when it is a regular file
    /// (opened without blocking: a FIFO is refused, not waited on); closed after. Nil otherwise.
    static func withRegularFile<T>(_ path: String, _ body: (Int32, Int) -> T?) -> T? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return body(fd, Int(info.st_size))
    }

    /// Up to `size` bytes of the open file `fd` from where it stands (fewer if it ends sooner), read
    /// into memory that is not zeroed first: every byte kept is one the reads wrote.
    static func readBytes(fd: Int32, size: Int) -> [UInt8]? {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let n = Glibc.read(fd, buffer.baseAddress! + done, size - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    break
                }
                if n == 0 { break }
                done += n
            }
            count = done
        }
        return failed ? nil : bytes
    }
}

/// Joins and normalises `/`-separated paths; `..` that would climb above the start returns nil.
public enum RelativePath {
    public static func normalize(_ path: String) -> String? {
        var path = path
        switch path.withUTF8(normalizeBytes) {
        case .path(let normalized): return normalized
        case .leavesRoot: return nil
        case .undecided: return normalizeByCharacters(path)
        }
    }

    static func normalizeByCharacters(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    enum Normalized {
        case path(String)
        case leavesRoot
        /// A `/` next to a byte of a non-ASCII character may belong to that character: not a separator.
        case undecided
    }

    /// Code points that never join a `/` beside them into one character: ASCII and Chinese.
    static func neverJoins(_ v: UInt32) -> Bool {
        v < 0x80 || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
    }

    /// Whether the code point ending just before `i` (or the start) never joins what follows it.
    static func standsAlone(_ bytes: UnsafeBufferPointer<UInt8>, before i: Int) -> Bool {
        guard i > 0 else { return true }
        if bytes[i - 1] < 0x80 { return true }
        guard i >= 3, bytes[i - 3] & 0xF0 == 0xE0 else { return false }
        return neverJoins(UInt32(bytes[i - 3] & 0x0F) << 12 | UInt32(bytes[i - 2] & 0x3F) << 6 | UInt32(bytes[i - 1] & 0x3F))
    }

    /// Whether the code point starting just after `i` (or the end) never joins what comes before it.
    static func standsAlone(_ bytes: UnsafeBufferPointer<UInt8>, after i: Int) -> Bool {
        guard i + 1 < bytes.count else { return true }
        if bytes[i + 1] < 0x80 { return true }
        guard i + 3 < bytes.count, bytes[i + 1] & 0xF0 == 0xE0 else { return false }
        return neverJoins(UInt32(bytes[i + 1] & 0x0F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F))
    }

    /// `normalize` on the UTF-8 bytes, for paths whose every `/` stands between ASCII or Chinese: then
    /// each `/` is a character of its own, and a part is `.` or `..` exactly when its bytes are.
    static func normalizeBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Normalized {
        var parts: [Range<Int>] = []
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x2F {
            if i < bytes.count && !(standsAlone(bytes, before: i) && standsAlone(bytes, after: i)) { return .undecided }
            let part = start..<i
            start = i + 1
            if part.isEmpty || (part.count == 1 && bytes[part.lowerBound] == 0x2E) { continue }
            if part.count == 2 && bytes[part.lowerBound] == 0x2E && bytes[part.lowerBound + 1] == 0x2E {
                if parts.isEmpty { return .leavesRoot }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for part in parts {
            if !out.isEmpty { out.append(0x2F) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[part]))
        }
        return .path(String(decoding: out, as: UTF8.self))
    }

    public static func directory(of path: String) -> String {
        guard let slash = lastSlash(path) else { return "" }
        return String(path[..<slash])
    }

    /// `path.lastIndex(of: "/")`, found on the bytes: the last `/` byte is that character when it starts
    /// a character that is `/` alone (else, as for a slash joined to a mark, the characters are searched).
    static func lastSlash(_ path: String) -> String.Index? {
        guard let byte = path.utf8.lastIndex(of: 0x2F) else { return nil }
        if byte.samePosition(in: path) != nil, path[byte] == "/" { return byte }
        return path.lastIndex(of: "/")
    }

    /// `target` resolved against the folder `base`; nil when it leaves the root.
    public static func resolve(_ target: String, from base: String) -> String? {
        normalize(base.isEmpty ? target : base + "/" + target)
    }
}
