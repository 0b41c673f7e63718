import Foundation

/// A value shared between threads (the workers of `concurrentPerform`, a reader thread, a watchdog).
///
/// Sendable by hand, and safe: `value` is private and only reached through `withLock`, which holds `lock`
/// for the whole access, so no two threads ever touch it at once.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    @discardableResult
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    /// A copy of the value now.
    public var current: Value { withLock { $0 } }
}
