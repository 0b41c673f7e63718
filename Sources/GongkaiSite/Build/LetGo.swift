import Foundation

/// A value let go on another thread: its last reference is dropped there, not on the build's thread
/// (a build's staged output holds a path and the bytes of each file: ~125,000 at 50,000 pages, which
/// serve's build would otherwise release before it reports the build done).
// Safe to share because: `value` is set when the box is made, before it is handed over, and then
// only the block it is handed to touches it.
final class LetGo<T>: @unchecked Sendable {
    private var value: T?

    private init(_ value: consuming T) { self.value = value }

    static func later(_ value: consuming T) {
        let box = LetGo(value)
        DispatchQueue.global(qos: .utility).async { box.value = nil }
    }
}
