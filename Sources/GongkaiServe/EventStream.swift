import FlyingFox
import FlyingSocks
import Foundation
import GongkaiContent

/// The state of the preview shared by the HTTP handler and the rebuild loop: the status of the
/// latest build, and the open server-sent-event streams of browser tabs that hear about the next one.
public actor ReloadHub {
    public private(set) var status: BuildStatus
    public let language: Language
    private var clients: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]

    public init(language: Language, status: BuildStatus = BuildStatus()) {
        self.language = language
        self.status = status
    }

    public var clientCount: Int { clients.count }

    /// A new stream for one tab. It starts with `hello` carrying the current status, so a tab that
    /// connects after a rebuild still learns about it.
    func subscribe() -> AsyncStream<[UInt8]> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(64))
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        continuation.yield(Array(("retry: 1000\n" + ReloadHub.event("hello", data: status.json(language))).utf8))
        clients[id] = continuation
        return stream
    }

    private func remove(_ id: UUID) {
        clients[id] = nil
    }

    /// A good build: open tabs reload.
    public func buildSucceeded() {
        status.succeeded()
        broadcast("reload", data: status.json(language))
    }

    /// A failed build: open tabs show the errors over the page they have.
    public func buildFailed(_ diagnostics: [Diagnostic]) {
        status.failed(diagnostics)
        broadcast("build-error", data: status.json(language))
    }

    private func broadcast(_ name: String, data: String) {
        let bytes = Array(ReloadHub.event(name, data: data).utf8)
        for continuation in clients.values { continuation.yield(bytes) }
    }

    /// A comment line: keeps proxies from timing out and finds tabs that were closed.
    public func ping() {
        for continuation in clients.values { continuation.yield(Array(": ping\n\n".utf8)) }
    }

    /// Ends every stream (the server is stopping).
    public func finishAll() {
        for continuation in clients.values { continuation.finish() }
        clients = [:]
    }

    /// `event: name` and one `data:` line per line of data, then a blank line.
    static func event(_ name: String, data: String) -> String {
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }
        return "event: \(name)\n" + lines.joined() + "\n"
    }
}

/// An `AsyncStream` of byte chunks as the buffered byte sequence FlyingFox streams a response body from
/// (sent with chunked transfer encoding, each event in one chunk).
struct EventStreamBody: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.AsyncIterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            guard let buffer = await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            while pending.isEmpty {
                guard let chunk = await base.next() else { return nil }
                pending = chunk
            }
            let size = Swift.max(1, Swift.min(count, pending.count))
            let buffer = Array(pending.prefix(size))
            pending.removeFirst(size)
            return buffer
        }
    }
}
