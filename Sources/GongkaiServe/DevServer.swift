import FlyingFox
import FlyingSocks
import Foundation
import GongkaiContent
import GongkaiSite

/// `gongkai serve`: builds the site, serves the output folder over HTTP, rebuilds when a watched file
/// changes and tells open tabs to reload (or to show the errors over the last good page).
public final class DevServer: Sendable {
    public struct Options: Sendable {
        public var site: String
        /// The folder built into and served.
        public var output: String
        public var host: String
        /// 0 lets the system choose a free port.
        public var port: UInt16
        public var includeDrafts: Bool
        public var language: Language
        /// Seconds between two looks at the watched files.
        public var pollInterval: Double

        public init(
            site: String, output: String, host: String = "127.0.0.1", port: UInt16 = 1313,
            includeDrafts: Bool = false, language: Language = .zh, pollInterval: Double = 0.3
        ) {
            self.site = site
            self.output = output
            self.host = host
            self.port = port
            self.includeDrafts = includeDrafts
            self.language = language
            self.pollInterval = pollInterval
        }
    }

    /// What happens, for the command line to tell the user.
    public enum Event: Sendable {
        case building(changed: [String])
        case built(SiteBuilder.Summary, seconds: Double)
        case failed([Diagnostic], seconds: Double)
        case listening(host: String, port: Int)
    }

    public enum Failure: Error, Sendable {
        /// `--host` is not an IP address this machine can listen on.
        case badHost(String)
        /// Binding failed: the port is taken (`EADDRINUSE`), not allowed (`EACCES`), ….
        case cannotListen(host: String, port: UInt16, code: Int32, reason: String)
    }

    public let options: Options
    public let hub: ReloadHub
    /// Parsed files and rendered bodies kept between the builds of this server.
    let session = SiteBuilder.Session()
    let report: @Sendable (Event) -> Void

    public init(_ options: Options, report: @escaping @Sendable (Event) -> Void) {
        self.options = options
        self.hub = ReloadHub(language: options.language)
        self.report = report
    }

    /// Runs until cancelled or until the server cannot listen (thrown as `Failure`).
    public func run() async throws {
        let address = try socketAddress()
        let watcher = SiteWatcher(site: options.site)
        // Both taken before the first build, so an edit made while it runs is not missed.
        let feed = ChangeFeed(site: options.site)
        let initial = watcher.snapshot()
        await build()

        let handler = PreviewHandler(output: OutputFolder(path: options.output), hub: hub)
        let server = HTTPServer(config: .init(address: address, timeout: 30, logger: .disabled), handler: handler)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await server.run() }
                group.addTask {
                    try await server.waitUntilListening(timeout: 10)
                    self.report(.listening(host: self.options.host, port: DevServer.port(of: await server.listeningAddress)))
                    if let feed {
                        try await self.watch(watcher, feed: feed, from: initial)
                    } else {
                        try await self.watch(watcher, from: initial)
                    }
                }
                group.addTask {
                    while true {
                        try await Task.sleep(nanoseconds: 15_000_000_000)
                        await self.hub.ping()
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        } catch let SocketError.failed(type, code, message) where ["bind", "listen"].contains(type.lowercased()) {
            throw Failure.cannotListen(host: options.host, port: options.port, code: code, reason: message)
        }
    }

    /// Rebuilds after each batch of changes the kernel reports (see `ChangeFeed`).
    func watch(_ watcher: SiteWatcher, feed: ChangeFeed, from initial: SiteWatcher.Snapshot) async throws {
        var last = initial
        while true {
            try Task.checkCancellation()
            // The wait blocks (poll(2)), so it runs on a thread of its own, half a second at a time.
            let batch = await withCheckedContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: feed.wait(timeout: 0.5)) }
            }
            let changed: [String]
            switch batch {
            case nil:
                continue
            case .paths(let paths)?:
                changed = watcher.update(&last, paths: paths)
            case .rescan?:
                let now = watcher.snapshot()
                changed = SiteWatcher.changes(from: last, to: now)
                last = now
            }
            guard !changed.isEmpty else { continue }
            report(.building(changed: changed))
            session.parsed.noteChanges(changed)
            await build()
        }
    }

    /// Polls the watched files; after a change has settled, rebuilds (where `ChangeFeed` cannot be had).
    func watch(_ watcher: SiteWatcher, from initial: SiteWatcher.Snapshot) async throws {
        var last = initial
        var interval = options.pollInterval
        while true {
            try await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
            let started = Date()
            var now = watcher.snapshot()
            // A large site takes a while to stat: look less often, so watching costs at most a tenth of a core.
            interval = max(options.pollInterval, Date().timeIntervalSince(started) * 10)
            guard now != last else { continue }
            // Editors write in steps (truncate, write, rename): wait until the files stop changing.
            for _ in 0..<10 {
                try await Task.sleep(nanoseconds: UInt64(min(options.pollInterval, 0.2) * 1_000_000_000))
                let again = watcher.snapshot()
                if again == now { break }
                now = again
            }
            let changed = SiteWatcher.changes(from: last, to: now)
            last = now
            report(.building(changed: changed))
            // The load then reads only these files (every change since the last build is in them).
            session.parsed.noteChanges(changed)
            await build()
        }
    }

    /// One build on a thread of its own (it blocks and uses every core); the old output stays in place
    /// when it fails. Builds are incremental: the session keeps parsed files and rendered bodies, and
    /// only the pages that show a changed file are rendered and written again.
    public func build() async {
        let started = Date()
        let options = self.options
        let session = self.session
        let result: Result<SiteBuilder.Summary, Error> = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(
                    returning: Result {
                        try SiteBuilder.build(
                            .init(site: options.site, output: options.output, includeDrafts: options.includeDrafts),
                            session: session)
                    })
            }
        }
        let seconds = Date().timeIntervalSince(started)
        switch result {
        case .success(let summary):
            await hub.buildSucceeded()
            report(.built(summary, seconds: seconds))
        case .failure(let error as DiagnosticError):
            await hub.buildFailed(error.diagnostics)
            report(.failed(error.diagnostics, seconds: seconds))
        case .failure(let error):
            let diagnostic = Diagnostic.error(
                options.output, zh: "生成失败：\(error.localizedDescription)",
                en: "the build failed: \(error.localizedDescription)")
            await hub.buildFailed([diagnostic])
            report(.failed([diagnostic], seconds: seconds))
        }
    }

    func socketAddress() throws -> any SocketAddress {
        let host = options.host == "localhost" ? "127.0.0.1" : options.host
        if host.contains(":") {
            guard let address = try? sockaddr_in6.inet6(ip6: host, port: options.port) else { throw Failure.badHost(options.host) }
            return address
        }
        guard let address = try? sockaddr_in.inet(ip4: host, port: options.port) else { throw Failure.badHost(options.host) }
        return address
    }

    static func port(of address: Socket.Address?) -> Int {
        switch address {
        case .ip4(_, let port), .ip6(_, let port): Int(port)
        default: 0
        }
    }
}
