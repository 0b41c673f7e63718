import Foundation

/// Runs the real `gongkai` binary built next to the test bundle, with a time limit.
public enum Gongkai {
    public struct Result: Sendable {
        public var status: Int32
        /// Ended by a signal (a crash: SIGILL from a Swift trap, SIGSEGV, SIGABRT) rather than an exit.
        public var signalled: Bool
        /// Killed by the harness after the time limit: a hang.
        public var timedOut: Bool
        public var stdout: String
        public var stderr: String
        public var seconds: Double

        public init(
            status: Int32, signalled: Bool = false, timedOut: Bool = false, stdout: String, stderr: String,
            seconds: Double = 0
        ) {
            self.status = status
            self.signalled = signalled
            self.timedOut = timedOut
            self.stdout = stdout
            self.stderr = stderr
            self.seconds = seconds
        }

        /// What a failing assertion should show.
        public var description: String {
            "status \(status)\(signalled ? " (signal)" : "")\(timedOut ? " (timed out)" : ""), \(String(format: "%.1f", seconds)) s\n--- stderr:\n\(stderr.prefix(4000))\n--- stdout:\n\(stdout.prefix(1000))"
        }
    }

    /// The folder holding the built products (`.build/debug`).
    public static var productsDirectory: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    public static var binary: URL { productsDirectory.appendingPathComponent("gongkai") }

    /// The environment of every run: Chinese messages, no colours, plus `extra`.
    public static func environment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "zh_CN.UTF-8"
        env["LC_ALL"] = nil
        env["LC_MESSAGES"] = nil
        env["NO_COLOR"] = "1"
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// Runs `gongkai arguments…` in `directory` (or `executable`, or `prefix` followed by the binary, such as
    /// a memory limit) and waits for it; kills it after `timeout` seconds. Standard input is empty.
    @discardableResult
    public static func run(
        _ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:],
        timeout: Double = 60, executable: URL? = nil, prefix: [String] = []
    ) throws -> Result {
        let process = Process()
        if prefix.isEmpty {
            process.executableURL = executable ?? binary
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: prefix[0])
            process.arguments = Array(prefix.dropFirst()) + [(executable ?? binary).path] + arguments
        }
        if let directory { process.currentDirectoryURL = directory }
        process.environment = environment(extra)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        let pid = process.processIdentifier
        // Settled by whichever comes first: the end of the process, or the time limit (which kills it).
        let state = Locked((settled: false, killed: false))
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            let late = state.withLock { state in
                if state.settled { return false }
                state = (true, true)
                return true
            }
            if late { kill(pid, SIGKILL) }
        }
        // Read both pipes before waiting so a chatty process cannot block on a full pipe.
        let outData = Locked(Data())
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            let data = out.fileHandleForReading.readDataToEndOfFile()
            outData.withLock { $0 = data }
            group.leave()
        }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let timedOut = state.withLock { state in
            state.settled = true
            return state.killed
        }
        return Result(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut, stdout: String(decoding: outData.current, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), seconds: Date().timeIntervalSince(start))
    }

    /// The repository root.
    public static var repositoryRoot: URL { GongkaiTestSupport.repositoryRoot }

    public static var fixtures: URL { repositoryRoot.appendingPathComponent("Tests/Fixtures") }
}
