import Foundation
import GongkaiContent

/// Writes a complete build next to the output folder and swaps it in only at the end, so readers and
/// web servers never see a half-built portal and a failed or killed build leaves the old one intact.
struct OutputWriter {
    let output: String
    let staging: String
    let parent: String
    let base: String
    /// The staging folder is the spare of an incremental build (kept after the swap, holding the
    /// previous build), not a fresh folder removed after it.
    let stagingIsSpare: Bool
    /// How messages name the output and the files copied from the site: as the user wrote them, where
    /// the build writes to and reads from the same folders spelled one way (`BuildContext.init`).
    var names = Names()

    struct Names {
        /// The output folder as given (nil: `output`).
        var output: String?
        /// The site folder as the copies' sources spell it, and as given.
        var site: (root: String, given: String)?
    }

    /// `spare`: write into this folder (see `OutputState`) instead of a fresh one beside the output.
    init(output: String, spare: String? = nil) {
        let path = OutputWriter.trimmed(output)
        self.output = path
        let url = URL(fileURLWithPath: path)
        self.parent = url.deletingLastPathComponent().path
        self.base = url.lastPathComponent
        self.staging = spare ?? (parent + "/." + base + ".tmp-\(getpid())")
        self.stagingIsSpare = spare != nil
    }

    static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// The output folder `path` spelled one way however it was written (relative or absolute, through
    /// a symlink, with `.` or `..`): the real path of the folder it is in (of the nearest one above that
    /// exists, then the rest as written) and its own name. The name is not resolved: the swap replaces
    /// whatever is there (a symlink too), as it did when spelled otherwise.
    static func place(of path: String) -> String {
        var absolute = trimmed(path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path)
        while absolute.count > 2 && absolute.hasSuffix("/.") { absolute = trimmed(String(absolute.dropLast(2))) }
        guard let slash = absolute.lastIndex(of: "/"), absolute != "/" else { return absolute }
        if absolute[slash...] == "/.." { return SiteFiles.realPath(absolute) ?? absolute }
        var folder = String(absolute[..<slash]), rest = String(absolute[slash...])
        while true {
            if let real = SiteFiles.realPath(folder.isEmpty ? "/" : folder) { return (real == "/" ? "" : real) + rest }
            guard let up = folder.lastIndex(of: "/") else { return absolute }
            rest = String(folder[up...]) + rest
            folder = String(folder[..<up])
        }
    }

    /// The output as messages name it.
    var shown: String { names.output ?? output }

    /// A copy's source as messages name it.
    func shown(source: String) -> String {
        guard let site = names.site, source.hasPrefix(site.root + "/") else { return source }
        return site.given + source.dropFirst(site.root.count)
    }

    /// Removes what a killed build left behind: staging folders of processes no longer running. A build
    /// killed between the two renames of `commit()`'s fallback left the output missing and the previous
    /// one under `.<name>.old-<pid>`: that is put back first.
    func cleanLeftovers() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for name in names.sorted() where name.hasPrefix("." + base + ".tmp-") || name.hasPrefix("." + base + ".old-") {
            let pidText = name.split(separator: "-").last.map(String.init) ?? ""
            // Still running (EPERM: running as another user): its staging folder is in use.
            if let pid = Int32(pidText), pid != getpid(), kill(pid, 0) == 0 || errno == EPERM { continue }
            var info = stat()
            if name.hasPrefix("." + base + ".old-"), lstat(output, &info) != 0, rename(parent + "/" + name, output) == 0 {
                continue
            }
            try? FileManager.default.removeItem(atPath: parent + "/" + name)
        }
    }

    /// Creates the staging folder (and the output's parent); the error says what to do.
    func prepare() throws {
        // Past a file-size limit (`ulimit -f`) a write fails with EFBIG and is reported like a full disk,
        // instead of the signal ending the process.
        signal(SIGXFSZ, SIG_IGN)
        cleanLeftovers()
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            var info = stat()
            if stagingIsSpare && lstat(staging, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { return }
            OutputWriter.removeTree(staging)
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            let shownParent = names.output.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? parent
            throw DiagnosticError([
                .error(
                    shown,
                    zh: "无法在 \(shownParent) 创建输出文件夹（\(OutputWriter.reason(error))）。请检查该位置是否可写，或用 --output 指定别的位置",
                    en:
                        "cannot create the output folder in \(shownParent) (\(OutputWriter.reason(error))). Check that it is writable, or choose another with --output"
                )
            ])
        }
    }

    /// A file the incremental build did not render differs from what the output held when that build
    /// recorded it (someone edited the output by hand): the build must start again, in full.
    struct OutputChanged: Error {}

    /// A file copied from the site (a static file, an attachment) into the output.
    struct Copy {
        var source: String
        var target: String
        /// Size and modification time of the source, so an unchanged file is not copied again.
        var stamp: FileStamp

        init(source: String, target: String) {
            self.source = source
            self.target = target
            var info = stat()
            guard stat(source, &info) == 0 else {
                stamp = FileStamp(hash: 0, size: -1)
                return
            }
            var hash = StableHash()
            BuildStamp.add(source, info, to: &hash)
            stamp = FileStamp(hash: hash.value, size: Int(info.st_size))
        }
    }

    /// What writes pages into the staging folder while they are rendered. `known`: what the staging
    /// folder holds already (a spare brought up to date writes only what differs); nil when that is not
    /// known, and then it is emptied before the first write. `beforeWriting` runs then too (after
    /// `known` was read: it may be being read on another thread).
    func sink(known: Deferred<FileTable?>, beforeWriting: @escaping () -> Void = {}) -> OutputSink {
        OutputSink(staging: staging, known: known) { [self] in
            let known = known.value ?? FileTable()
            beforeWriting()
            if stagingIsSpare && known.isEmpty {
                OutputWriter.removeTree(staging)
                if mkdir(staging, 0o755) != 0 { throw failure(base, errno) }
            }
        }
    }

    /// Makes the staging folder hold exactly `files` and `copies`: writes what `sink` has not written,
    /// removes what is gone. Files this build did not render are copied from the current output.
    /// `byPlace`: the stamps of what the staging folder holds, one per file of `files` at the same
    /// place, when it holds exactly those paths and `copies` (a spare the session wrote: nothing to remove).
    /// Returns how many files were written (by the sink too).
    @discardableResult
    func write(_ files: [OutputFile], copies: [Copy], sink: OutputSink, byPlace: [FileStamp]? = nil) throws -> Int {
        try sink.start()
        let changed: [OutputFile]
        let changedCopies: [Copy]
        if let byPlace, byPlace.count == files.count {
            changed = files.indices.filter { !files[$0].inStaging && byPlace[$0] != files[$0].stamp }.map { files[$0] }
            changedCopies = []
        } else {
            // Each wanted path is taken out of what the staging folder holds (one lookup a path, not a
            // set of the wanted paths built and looked up too): what is left is gone since. (A path wanted
            // twice — one attachment copied for two pages — finds nothing the second time, and is written again.)
            // The lookups (20k paths at 10k pages) on every core, in runs; then each taken in order.
            let known = sink.known
            let paths = files.map(\.path) + copies.map(\.target)
            let runs = stride(from: 0, to: paths.count, by: 4096).map { $0..<min($0 + 4096, paths.count) }
            let places = parallelMap(runs) { run in run.map { known.index(of: paths[$0]) } }.flatMap { $0 }
            var taken = [Bool](repeating: false, count: known.count)
            var held = [FileStamp?](repeating: nil, count: paths.count)
            for (n, at) in places.enumerated() {
                guard let at, !taken[at] else { continue }
                taken[at] = true
                held[n] = known.stamps[at]
            }
            changed = files.indices.filter { !files[$0].inStaging && held[$0] != files[$0].stamp }.map { files[$0] }
            changedCopies = copies.indices.filter { held[files.count + $0] != copies[$0].stamp }.map { copies[$0] }
            // Gone since: files first, then the folders they leave empty, deepest first.
            var emptied = Set<String>()
            for path in taken.indices.filter({ !taken[$0] }).map(known.path(at:)) {
                unlink(staging + "/" + path)
                var dir = RelativePath.directory(of: path)
                while !dir.isEmpty, emptied.insert(dir).inserted { dir = RelativePath.directory(of: dir) }
            }
            for dir in emptied.sorted(by: { $0.count > $1.count }) { rmdir(staging + "/" + dir) }
        }
        var folders = Set<String>()
        for path in changed.map(\.path) + changedCopies.map(\.target) {
            var dir = RelativePath.directory(of: path)
            while !dir.isEmpty, folders.insert(dir).inserted {
                dir = RelativePath.directory(of: dir)
            }
        }
        for folder in folders.sorted() {
            if mkdir(staging + "/" + folder, 0o755) != 0 && errno != EEXIST {
                throw failure(folder, errno)
            }
        }
        // In runs of files next to each other in the list (mostly of one folder), each folder opened once
        // per run and its files created relative to it: the kernel does not walk the whole path again.
        let runs = stride(from: 0, to: changed.count, by: 32).map { $0..<min($0 + 32, changed.count) }
        let errors = parallelMap(runs) { run -> [(String, Int32)] in
            var folder = FolderHandle(staging: staging)
            defer { folder.close() }
            return run.compactMap { index in
                let file = changed[index]
                var bytes = file.bytes
                if file.unchanged {
                    guard let current = SiteFiles.readBytes(output + "/" + file.path), current.count == file.stamp.size,
                        StableHash.of(current) == file.stamp.hash
                    else { return (file.path, -1) }
                    bytes = current
                }
                let code = folder.write(file.path, bytes)
                return code == 0 ? nil : (file.path, code)
            }
        }
        if let (path, code) = errors.joined().first {
            if code == -1 { throw OutputChanged() }
            throw failure(path, code)
        }
        // In order: static/ first, then files the content links to (content wins on a clash).
        for copy in changedCopies {
            guard let bytes = SiteFiles.readBytes(copy.source) else {
                throw DiagnosticError([.error(shown(source: copy.source), zh: "无法读取此文件", en: "cannot read this file")])
            }
            let code = OutputWriter.writeFile(staging + "/" + copy.target, bytes)
            if code != 0 { throw failure(copy.target, code) }
        }
        return changed.count + changedCopies.count + sink.written
    }

    /// The folder of the last file written, kept open to create the next ones in it.
    struct FolderHandle {
        let staging: String
        var folder: String?
        var fd: Int32 = -1

        init(staging: String) { self.staging = staging }

        mutating func write(_ path: String, _ bytes: [UInt8]) -> Int32 {
            let full = staging + "/" + path
            let slash = path.lastIndex(of: "/")
            let dir = slash.map { String(path[..<$0]) } ?? ""
            // Past PATH_MAX a full path fails where a relative one would not: keep that error.
            guard full.utf8.count < 4000 else { return OutputWriter.writeFile(full, bytes) }
            if dir != folder {
                close()
                folder = dir
                fd = open(dir.isEmpty ? staging : staging + "/" + dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            }
            guard fd >= 0 else { return OutputWriter.writeFile(full, bytes) }
            let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
            return OutputWriter.writeFile(openat(fd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644), bytes)
        }

        mutating func close() {
            if fd >= 0 { _ = Glibc.close(fd) }
            fd = -1
        }
    }

    /// Puts the staging folder in place of the output in one step where the system allows it: Linux swaps
    /// the two folders atomically (`renameat2` with `RENAME_EXCHANGE`), so at every moment the output
    /// path holds either the whole previous build or the whole new one. Elsewhere (or on file systems
    /// without the swap) two renames, with the previous build kept aside until the new one is in place.
    func commit() throws {
        let old = parent + "/." + base + ".old-\(getpid())"
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            abandon()
            throw DiagnosticError([
                .error(
                    shown, zh: "输出位置已有一个同名文件（不是文件夹），为免误删未覆盖它。请换一个 --output",
                    en: "the output path is an existing file, not a folder; it was left alone. Choose another --output")
            ])
        }
        if exists && OutputWriter.exchange(staging, output) {
            // The previous build is now at the staging path: the spare of the next build, or removed.
            if !stagingIsSpare { abandon() }
            return
        }
        if exists {
            if rename(output, old) != 0 { abandon(); throw failure(shown, errno) }
        }
        if rename(staging, output) != 0 {
            let code = errno
            if exists { _ = rename(old, output) }
            abandon()
            throw failure(shown, code)
        }
        if exists && !(stagingIsSpare && rename(old, staging) == 0) { OutputWriter.removeTree(old) }
    }

    /// Gives up the staging folder. A spare is kept: its manifest was removed before it was touched, so
    /// the next build knows to rewrite it.
    func abandon() {
        if !stagingIsSpare { OutputWriter.removeTree(staging) }
    }

    /// Removes a folder and all it holds, as `FileManager.removeItem` does (symlinks are removed, not
    /// followed), but with the files of the folders removed in parallel, each folder's through its own
    /// descriptor. Whatever is left after that (an error on the way) goes through `FileManager`.
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            // Every folder with the names of the other entries in it, parents before children.
            var folders: [(path: String, files: [String])] = [(path, [])]
            var index = 0
            while index < folders.count {
                guard let dir = opendir(folders[index].path) else { break }
                while let entry = readdir(dir) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                        String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                    }
                    if name == "." || name == ".." { continue }
                    var type = entry.pointee.d_type
                    if type == UInt8(DT_UNKNOWN) {
                        var entryInfo = stat()
                        type =
                            lstat(folders[index].path + "/" + name, &entryInfo) == 0 && (entryInfo.st_mode & S_IFMT) == S_IFDIR
                            ? UInt8(DT_DIR) : UInt8(DT_REG)
                    }
                    if type == UInt8(DT_DIR) {
                        folders.append((folders[index].path + "/" + name, []))
                    } else {
                        folders[index].files.append(name)
                    }
                }
                closedir(dir)
                index += 1
            }
            _ = parallelMap(folders) { folder -> Bool in
                let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard fd >= 0 else { return false }
                defer { close(fd) }
                for name in folder.files { unlinkat(fd, name, 0) }
                return true
            }
            for folder in folders.reversed() { rmdir(folder.path) }
        }
        if lstat(path, &info) == 0 {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Swaps two paths in one step; false when the system or file system cannot (then nothing changed).
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        guard let renameat2 = renameat2 else { return false }
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, 2) == 0  // 2: RENAME_EXCHANGE
        #else
        return false
        #endif
    }

    #if os(Linux)
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
    /// glibc 2.28+ has `renameat2`; Swift's Glibc module does not declare it, so it is looked up at run time.
    private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
    #endif

    /// Writes `bytes` to a temporary file beside `path`, then renames it: a reader sees the old
    /// file or the new one, never a part.
    static func writeAtomically(_ bytes: [UInt8], to path: String) -> Bool {
        writeAtomically([bytes], to: path)
    }

    /// `writeAtomically` of `parts` one after the other.
    static func writeAtomically(_ parts: [[UInt8]], to path: String) -> Bool {
        let temporary = path + ".tmp\(getpid())"
        guard writeFile(open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644), parts) == 0 else {
            unlink(temporary)
            return false
        }
        if rename(temporary, path) != 0 {
            unlink(temporary)
            return false
        }
        return true
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) -> Int32 {
        writeFile(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644), bytes)
    }

    /// Writes to a file just opened (`fd`, or -1 with `errno` set) and closes it.
    static func writeFile(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
        writeFile(fd, [bytes])
    }

    /// `writeFile` of `parts` one after the other.
    static func writeFile(_ fd: Int32, _ parts: [[UInt8]]) -> Int32 {
        if fd < 0 { return errno }
        defer { close(fd) }
        for bytes in parts {
            var done = 0
            while done < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += n
            }
        }
        return 0
    }

    func failure(_ path: String, _ code: Int32) -> DiagnosticError {
        let reason = SystemErrorText.english(code)
        let full = SystemErrorText.chinese(code)
        let (zh, en): (String, String) =
            switch code {
            case ENOSPC, EDQUOT, EFBIG: ("请腾出磁盘空间后重试", "Free disk space and retry")
            case EROFS: ("请用 --output 换一个可写的位置", "Choose a writable place with --output")
            case EACCES, EPERM: ("请检查权限，或用 --output 换一个位置", "Fix the permissions or choose another place with --output")
            case ENAMETOOLONG: ("请缩短它所来自的文件名、slug 或标签", "Shorten the file name, slug or tag it comes from")
            case EINVAL, EILSEQ: ("请改掉名称里的 < > : \" \\ | ? * 等字符，或换一个输出位置", "Rename it without < > : \" \\ | ? * or choose another output place")
            default: ("请检查输出位置后重试", "Check the output location and retry")
            }
        return DiagnosticError([
            .error(
                shown,
                zh: "写入 \(path) 失败（\(full)）。原有的网站未被改动。\(zh)",
                en: "writing \(path) failed (\(reason)). The previous site is untouched. \(en)")
        ])
    }

    static func reason(_ error: Error) -> String {
        (error as NSError).localizedDescription
    }
}

/// One file of the built site: rendered by this build, or (`unchanged`) the same as the file at that path
/// in the current output, which an incremental build did not render again.
struct OutputFile {
    var path: String
    var bytes: [UInt8]
    var stamp: FileStamp
    /// Not rendered: identical to the current output's file, whose hash and size `stamp` holds.
    var unchanged: Bool
    /// Already in the staging folder (written by `OutputSink`, or there from an earlier build): `bytes` is empty.
    var inStaging = false
    /// Made in a group of the output memo (the rest is recorded in the manifest as one group).
    var grouped = false
    /// What the build summary measures it as (`PageWeights`).
    var role = Role.other

    enum Role { case other, item, village }

    /// The same file, measured as `role`.
    func measured(as role: Role) -> OutputFile {
        var file = self
        file.role = role
        return file
    }

    /// The file as a later build keeps it without rendering it (once this build's output is in place):
    /// unchanged, at the same path, with the same stamp, group and role.
    var kept: OutputFile {
        var file = OutputFile(unchanged: path, stamp: stamp)
        file.grouped = grouped
        file.role = role
        return file
    }

    init(_ path: String, _ text: String) {
        self.init(path, bytes: Array(text.utf8))
    }

    init(_ path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        self.stamp = FileStamp(hash: StableHash.of(bytes), size: bytes.count)
        self.unchanged = false
    }

    init(unchanged path: String, stamp: FileStamp) {
        self.path = path
        self.bytes = []
        self.stamp = stamp
        self.unchanged = true
    }

    var size: Int { stamp.size }
}

/// What an incremental build remembers of an output file: enough to tell that it would be the same.
struct FileStamp: Equatable, Sendable {
    var hash: UInt64
    var size: Int
}
