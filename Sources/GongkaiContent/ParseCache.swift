import Foundation

/// Parsed files kept between builds of a long-running process (`gongkai serve`): a file whose size,
/// modification time and inode are unchanged is not read and parsed again.
///
/// A file written in the last two seconds is not kept: a second write within the file system's
/// timestamp granularity could leave size and time unchanged, and the cache would then miss it.
// Safe to share because: `entries`, `hitCount`, `load` and `asked` are read and written only inside
// `lock.withLock`; parsing runs outside the lock and touches none of them.
public final class ParseCache: @unchecked Sendable {
    struct Stamp: Equatable {
        var size: Int
        var seconds: Int
        var nanoseconds: Int
        var changeSeconds: Int
        var changeNanoseconds: Int
        var inode: UInt

        init?(_ path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            self.init(info)
        }

        init?(_ info: stat) {
            guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            size = Int(info.st_size)
            seconds = Int(info.st_mtim.tv_sec)
            nanoseconds = Int(info.st_mtim.tv_nsec)
            changeSeconds = Int(info.st_ctim.tv_sec)
            changeNanoseconds = Int(info.st_ctim.tv_nsec)
            inode = UInt(info.st_ino)
        }

        var isSettled: Bool {
            Double(seconds) < Date().timeIntervalSince1970 - 2
        }
    }

    struct Entry {
        var stamp: Stamp
        var result: (ContentLoader.Parsed, [Diagnostic])
        /// The last load that asked for it.
        var load: Int
    }

    private var entries: [String: Entry] = [:]
    private let lock = NSLock()
    private var hitCount = 0
    private var load = 0
    /// Entries the current load asked for (each file once).
    private var asked = 0

    public init() {}

    /// Files parsed by the last load that came from the cache.
    public var hits: Int { lock.withLock { hitCount } }

    /// `found`: the file's `stat` as the walk over `content/` saw it just before, if it did.
    func parse(
        _ path: String, absolute: String, found: stat? = nil,
        _ parse: () -> (ContentLoader.Parsed, [Diagnostic])
    ) -> (ContentLoader.Parsed, [Diagnostic]) {
        guard let stamp = found.flatMap(Stamp.init) ?? Stamp(absolute) else { return parse() }
        // One look-up under one lock: this runs for every file of the site on every build.
        let kept: (ContentLoader.Parsed, [Diagnostic])? = lock.withLock {
            guard let index = entries.index(forKey: path), entries.values[index].stamp == stamp else { return nil }
            entries.values[index].load = load
            hitCount += 1
            asked += 1
            return entries.values[index].result
        }
        if let kept { return kept }
        let result = parse()
        // Only a file that did not change while it was read is kept.
        if stamp.isSettled, Stamp(absolute) == stamp {
            lock.withLock {
                asked += 1
                entries[path] = Entry(stamp: stamp, result: result, load: load)
            }
        } else {
            lock.withLock { entries[path] = nil }
        }
        return result
    }

    func startLoad() {
        lock.withLock {
            hitCount = 0
            asked = 0
            load += 1
        }
    }

    /// Forgets files that are no longer part of the site: those the load did not ask for (when every
    /// entry was asked for, as after most edits, there is nothing to look through).
    func keepAsked() {
        lock.withLock {
            if asked == entries.count { return }
            entries = entries.filter { $0.value.load == load }
        }
    }
}
