import Foundation
import GongkaiContent

/// Writes pages into the staging folder as soon as they are rendered, so that a large build does not
/// hold the whole portal in memory until the end (50,000 pages make ~800 MB of HTML). What it wrote is
/// handed on as an `OutputFile` without its bytes (`inStaging`); `OutputWriter.write` does the rest.
///
/// Nothing is touched until the first file is written: a build that fails before rendering pages
/// (a broken link is found while rendering bodies) leaves the spare and its manifest as they were.
// Safe to share because: `began`, `failure`, `folders`, `handles` and `count` are read and written only inside
// `lock.withLock`, and `begin` (not `Sendable`) is called only there, once; `enabled` is set only
// between phases (`RenderContext.make`, `WritePhase`), never while pages are rendered in parallel.
final class OutputSink: @unchecked Sendable {
    let staging: String
    /// What the staging folder holds already (a spare); a file with the same stamp is not written again.
    /// (Read on another thread while the build renders: waited for at its first use.)
    var known: FileTable { knownFiles.value ?? FileTable() }
    private let knownFiles: Deferred<FileTable?>
    /// Runs once, before the first write (forgets the spare's manifest, empties an unknown spare).
    private let begin: () throws -> Void
    private var began = false
    private var failure: Error?
    private var folders = Set<String>()
    private var count = 0
    private let lock = NSLock()
    /// Off when the build is already known to fail: nothing is written early then.
    var enabled = true

    init(staging: String, known: Deferred<FileTable?>, begin: @escaping () throws -> Void) {
        self.staging = staging
        knownFiles = known
        self.begin = begin
    }

    /// Runs `begin` once; later calls rethrow what it threw.
    func start() throws {
        try lock.withLock {
            if !began {
                began = true
                do { try begin() } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }

    /// Files written early.
    var written: Int { lock.withLock { count } }

    /// The file as the rest of the build needs it: written now, and without its bytes, when it is new
    /// or differs from the staging folder's; as it was when it cannot be written here (the writer then
    /// reports why, after removing what is gone: a file may stand where a folder is now needed).
    func emit(_ file: OutputFile) -> OutputFile {
        guard enabled, !file.unchanged, !file.inStaging else { return file }
        var done = file
        done.bytes = []
        done.inStaging = true
        if known[file.path] == file.stamp { return done }
        guard (try? start()) != nil, makeFolders(for: file.path) else { return file }
        guard write(file.path, file.bytes) == 0 else { return file }
        lock.withLock { count += 1 }
        return done
    }

    /// Open folders of the staging folder (`""`: itself), to create files relative to: the kernel then
    /// looks up one name, not the whole path, for each file. Closed when the sink goes; past `maxHandles`
    /// folders, files go by their full path.
    private var handles: [String: Int32] = [:]
    static let maxHandles = 256

    deinit {
        for fd in handles.values where fd >= 0 { close(fd) }
    }

    /// Writes `bytes` to `path` in the staging folder (whose folder exists); 0 or the error number.
    private func write(_ path: String, _ bytes: [UInt8]) -> Int32 {
        let full = staging + "/" + path
        let slash = path.utf8.lastIndex(of: 0x2F)
        // Past PATH_MAX a full path fails where a relative one would not: keep that error.
        guard full.utf8.count < 4000, let folder = handle(slash.map { String(path[..<$0]) } ?? "") else {
            return OutputWriter.writeFile(full, bytes)
        }
        let name = slash.map { String(path[path.utf8.index(after: $0)...]) } ?? path
        return OutputWriter.writeFile(openat(folder, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644), bytes)
    }

    /// The open folder `dir` of the staging folder; nil when it cannot be opened or too many are open.
    private func handle(_ dir: String) -> Int32? {
        if let fd = lock.withLock({ handles[dir] }) { return fd >= 0 ? fd : nil }
        if lock.withLock({ handles.count }) >= Self.maxHandles { return nil }
        let opened = open(dir.isEmpty ? staging : staging + "/" + dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        return lock.withLock {
            // Another thread may have opened it meanwhile: keep one.
            if let fd = handles[dir] {
                if opened >= 0 { close(opened) }
                return fd >= 0 ? fd : nil
            }
            handles[dir] = opened
            return opened >= 0 ? opened : nil
        }
    }

    private func makeFolders(for path: String) -> Bool {
        var missing: [String] = []
        var dir = RelativePath.directory(of: path)
        lock.withLock {
            while !dir.isEmpty, !folders.contains(dir) {
                missing.append(dir)
                dir = RelativePath.directory(of: dir)
            }
        }
        for folder in missing.reversed() {
            if mkdir(staging + "/" + folder, 0o755) != 0 && errno != EEXIST { return false }
            lock.withLock { _ = folders.insert(folder) }
        }
        return true
    }
}
