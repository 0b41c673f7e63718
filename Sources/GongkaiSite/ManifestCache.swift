import Foundation
import GongkaiContent
import Synchronization

/// Manifests kept parsed by a session between builds: the output's manifest has a line per file (tens
/// of thousands at 10k pages) and is read and written on every build. A manifest is taken from here
/// only while its file has the device, inode, size, and modification and change times it had when it
/// was parsed or written here; a file replaced or edited by anyone else is read again.
///
/// A session's build saves its manifest in the background (`runLater`); everything else that reads or
/// changes manifest files runs after it (`run`): a build does not wait for its save, the next one does. A process
/// killed before the save ends leaves no manifest for the output (it was renamed or removed first), as a
/// build killed before it saved: the next build then renders everything.
// Safe to share because: its only `var`, `kept`, is read and written only inside `lock.withLock`.
final class ManifestCache: @unchecked Sendable {
    /// A manifest and its files by path, made when first asked for (or in the background after a save).
    final class Parsed: Sendable {
        let manifest: OutputManifest
        private let made = Mutex<FileTable?>(nil)

        init(_ manifest: OutputManifest) { self.manifest = manifest }

        var files: FileTable {
            made.withLock { made in
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

    /// The manifest file as `lstat` sees it (nil unless a regular file): a new write changes it.
    static func identity(_ path: String) -> FileFingerprint? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return FileFingerprint(info)
    }

    private var kept: [String: (identity: FileFingerprint, parsed: Parsed)] = [:]
    private let lock = NSLock()

    func read(_ path: String) -> Parsed? {
        guard let identity = Self.identity(path) else {
            forget(path)
            return nil
        }
        if let entry = lock.withLock({ kept[path] }), entry.identity == identity { return entry.parsed }
        guard let manifest = OutputManifest.read(path) else {
            forget(path)
            return nil
        }
        let parsed = Parsed(manifest)
        // Kept only if the file did not change while it was read.
        if Self.identity(path) == identity { lock.withLock { kept[path] = (identity, parsed) } }
        return parsed
    }

    /// After `manifest` was written to `path`; `readsBack`: whether reading the file gives it back (`write` says).
    func keep(_ manifest: OutputManifest, at path: String, readsBack: Bool) {
        // Reading the file back gives the same manifest unless a name has a tab or line break (a file
        // under static/ may): then it is read back, as without a session.
        guard let identity = Self.identity(path), readsBack else { return forget(path) }
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
            if let entry, let identity = Self.identity(to), identity.inode == entry.identity.inode, identity.size == entry.identity.size {
                kept[to] = (identity, entry.parsed)
            }
        }
    }

    func forget(_ path: String) {
        let gone = lock.withLock { kept.removeValue(forKey: path) }
        // A manifest holds a group and a file stamp per output (tens of thousands): let go off the build's
        // thread (the spare's is forgotten when the first page is written, in the middle of the items phase).
        if let gone { DispatchQueue.global(qos: .utility).async { withExtendedLifetime(gone) {} } }
    }
}
