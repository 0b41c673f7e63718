import Foundation
import GongkaiContent

/// Writes pages into the staging folder as soon as they are rendered, so that a large build does not
/// hold the whole portal in memory until the end (50,000 pages make ~800 MB of HTML). What it wrote is
/// handed on as an `OutputFile` without its bytes (`inStaging`); `OutputWriter.write` does the rest.
///
/// Nothing is touched until the first file is written: a build that fails before rendering pages
/// (a broken link is found while rendering bodies) leaves the spare and its manifest as they were.
// Safe to share because: `began`, `failure`, `folders` and `count` are read and written only inside
// `lock.withLock`, and `begin` (not `Sendable`) is called only there, once; `enabled` is set only
// between phases (`RenderContext.make`, `WritePhase`), never while pages are rendered in parallel.
final class OutputSink: @unchecked Sendable {
    let staging: String
    /// What the staging folder holds already (a spare); a file with the same stamp is not written again.
    let known: [String: FileStamp]
    /// Runs once, before the first write (forgets the spare's manifest, empties an unknown spare).
    private let begin: () throws -> Void
    private var began = false
    private var failure: Error?
    private var folders = Set<String>()
    private var count = 0
    private let lock = NSLock()
    /// Off when the build is already known to fail: nothing is written early then.
    var enabled = true

    init(staging: String, known: [String: FileStamp], begin: @escaping () throws -> Void) {
        self.staging = staging
        self.known = known
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
        guard OutputWriter.writeFile(staging + "/" + file.path, file.bytes) == 0 else { return file }
        lock.withLock { count += 1 }
        return done
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
