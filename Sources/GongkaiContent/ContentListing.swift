import Foundation
import Synchronization

/// What a walk over `content/` saw just before the load (the build stamp's, `BuildStamp`): each folder
/// it listed, with its names (sorted, hidden ones too), each name's path (the folder's, `/`, the name) and
/// `lstat` (nil when that failed).
/// The load takes a folder's names and `lstat`s from here instead of listing and stating it again; a
/// folder not found here (one the stamp did not walk, as when it took the folder's hash from a session)
/// the load lists itself. It flows one way: the stamp writes it, the load reads it.
public final class ContentListing: Sendable {
    public typealias Entry = (name: String, path: String, info: stat?)
    private let folders = Mutex<[String: [Entry]]>([:])

    /// What the walk saw of the site's shape: the build stamp's layout (names and kinds of the files
    /// under `content/` and `static/`, links' targets), and whether every folder of both was walked and
    /// none of their entries (nor they) is a symlink (`plain`): then the names and kinds alone say what a
    /// walk over `content/` finds and which attachments exist. Set once the walk is over; nil before.
    public struct Shape: Sendable, Equatable {
        public var layout: UInt64
        public var plain: Bool
        public init(layout: UInt64, plain: Bool) {
            self.layout = layout
            self.plain = plain
        }
    }
    private let seen = Mutex<(unsure: Bool, shape: Shape?)>((false, nil))

    /// A symlink was seen (under `content/` or `static/`, or one of them is one), or a folder's hash was
    /// taken without walking it: the shape is not `plain`.
    public func noteUnsure() { seen.withLock { $0.unsure = true } }

    /// After the walk: its layout (see `Shape`).
    public func finish(layout: UInt64) { seen.withLock { $0.shape = Shape(layout: layout, plain: !$0.unsure) } }

    /// See `Shape`; nil until the walk is over.
    public var shape: Shape? { seen.withLock { $0.shape } }

    public init() {}

    /// `folder`: site-relative (`content/...`); `entries`: every name the folder listed, sorted.
    public func record(_ folder: String, _ entries: [Entry]) {
        folders.withLock { $0[folder] = entries }
    }

    /// The folder's names, paths and `lstat`s, when the walk listed it.
    func entries(of folder: String) -> [Entry]? {
        folders.withLock { $0[folder] }
    }

    /// The folder's names as `SiteFiles.list` gives them (sorted, hidden ones left out), when the walk listed it.
    func names(of folder: String) -> [String]? {
        entries(of: folder).map { $0.map(\.name).filter { !$0.hasPrefix(".") } }
    }
}
