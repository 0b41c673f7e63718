import Foundation
import GongkaiContent

extension BuildState {
    /// The files' and the bodies' parts of the state encoded while the build goes on: what they hold
    /// is final once the bodies phase is over (the load parsed every file, the bodies phase rendered
    /// every body and let go of the Markdown), and a first build's are tens of megabytes, which the save
    /// step would otherwise encode at the very end, one core working while the other waits.
    ///
    /// They are encoded one after the other on one thread (beside the build's own, on two cores), each
    /// into its temporary file. Only the save step renames them over the parts' files, after the output
    /// was swapped in, as it does every part: the state on disk is never newer than the output. A part
    /// whose entries changed since it was encoded (another count of changed entries), or that the save
    /// step has not seen started, is encoded there again; a build that fails removes what was encoded.
    // Safe to share because: `jobs` is set once in `start`, before any job runs, and only read after;
    // each job guards its own state.
    final class Ahead: @unchecked Sendable {
        let session: SiteBuilder.Session
        let files: SiteFiles
        /// `BuildState.settings` of this build.
        let settings: UInt64
        private var jobs: [Part: Job] = [:]

        /// One part's encoding: run by the thread ahead unless the save step took it first.
        // Safe to share because: `state` is read and written only inside `lock.withLock`, and the file
        // it holds is used by one thread at a time (the one encoding it, then the one that takes it).
        final class Job: @unchecked Sendable {
            /// The part's count of changed entries when it was encoded.
            let changes: Int
            private let lock = NSLock()
            private var state = State.waiting
            private let done = DispatchGroup()

            enum State {
                case waiting, running, taken
                case finished((file: StateFile, size: Int)?)
            }

            init(changes: Int) {
                self.changes = changes
                done.enter()
            }

            /// Runs `encode` unless the save step took the job.
            func run(_ encode: () -> (file: StateFile, size: Int)?) {
                let claimed = lock.withLock { () -> Bool in
                    guard case .waiting = state else { return false }
                    state = .running
                    return true
                }
                guard claimed else { return }
                let encoded = encode()
                lock.withLock { state = .finished(encoded) }
                done.leave()
            }

            /// What the thread ahead encoded (waiting for it if it runs), given once; nil when it had
            /// not begun (the job is then taken: the caller encodes the part) or was given before.
            func take() -> (file: StateFile, size: Int)?? {
                let begun = lock.withLock { () -> Bool in
                    switch state {
                    case .waiting:
                        // (Taken before it ran: it never will.)
                        state = .taken
                        done.leave()
                        return false
                    case .taken: return false
                    case .running, .finished: return true
                    }
                }
                guard begun else { return nil }
                done.wait()
                return lock.withLock { () -> (file: StateFile, size: Int)?? in
                    guard case .finished(let encoded) = state else { return nil }
                    state = .taken
                    return .some(encoded)
                }
            }
        }

        init(session: SiteBuilder.Session, files: SiteFiles, settings: UInt64) {
            self.session = session
            self.files = files
            self.settings = settings
        }

        /// After the bodies phase: the parts the save step would write as things stand, begun.
        func start() {
            let counts: [(Part, Int, Bool)] = [
                (.bodies, session.bodies.changedEntries, session.bodies.restored),
                (.files, session.parsed.stateChanges, session.parsed.restored),
            ]
            for (part, changes, restored) in counts where BuildState.isWanted(part, changes: changes, restored: restored, files: files) {
                jobs[part] = Job(changes: changes)
            }
            guard !jobs.isEmpty else { return }
            try? FileManager.default.createDirectory(atPath: files.absolute(BuildStamp.folder), withIntermediateDirectories: true)
            let work = counts.compactMap { part, _, _ in jobs[part].map { (part, $0) } }
            DispatchQueue.global().async { [self] in
                for (part, job) in work {
                    job.run { BuildState.encode(part, session: session, files: files, settings: settings) }
                }
            }
        }

        /// The part encoded ahead, renamed over its file while its entries are the ones encoded: its
        /// size, or nil inside when it could not be written. nil when there is none to rename (the
        /// part is then encoded by the caller).
        func commit(_ part: Part, changes: Int) -> Int?? {
            guard let job = jobs[part], let result = job.take() else { return nil }
            guard let encoded = result else { return .some(nil) }
            guard job.changes == changes else {
                encoded.file.discard()
                return nil
            }
            return .some(encoded.file.commit() ? encoded.size : nil)
        }

        /// What was encoded and not renamed, removed (after the save step, or a build that failed).
        func discard() {
            for job in jobs.values {
                if case .some(.some(let encoded)) = job.take() { encoded.file.discard() }
            }
        }
    }
}
