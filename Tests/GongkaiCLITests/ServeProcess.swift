import Foundation
import GongkaiTestSupport
import XCTest

/// A `gongkai serve` process for a test: started on a free port, its output collected as it comes,
/// always stopped (SIGTERM, then SIGKILL) when the test ends.
///
/// Sendable by hand: the output buffers are read and written only under `lock`, and `process` is a constant
/// that the reader threads never touch (they hold only the pipes' file handles).
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var outData = Data()
    private var errData = Data()

    /// Starts `gongkai serve --port 0 …` in `site` and registers its stop with the test.
    init(_ test: XCTestCase, site: URL, arguments: [String] = [], environment: [String: String] = [:]) throws {
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--site", site.path, "--port", "0", "--poll-interval", "0.1"] + arguments
        process.environment = CLI.environment(environment)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        collect(out.fileHandleForReading) { self.outData.append($0) }
        collect(err.fileHandleForReading) { self.errData.append($0) }
        test.addTeardownBlock { [self] in stop() }
    }

    private func collect(_ handle: FileHandle, into append: @escaping @Sendable (Data) -> Void) {
        Thread.detachNewThread { [lock] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.lock()
                append(chunk)
                lock.unlock()
            }
        }
    }

    var stdout: String { lock.lock(); defer { lock.unlock() }; return String(decoding: outData, as: UTF8.self) }
    var stderr: String { lock.lock(); defer { lock.unlock() }; return String(decoding: errData, as: UTF8.self) }

    /// Waits until `condition` holds for stdout, or the time is up.
    @discardableResult
    func waitForStdout(timeout: Double = 20, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(stdout) { return true }
            if !process.isRunning { return condition(stdout) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition(stdout)
    }

    /// The port from `正在预览：http://127.0.0.1:PORT/`.
    func port(timeout: Double = 30) throws -> Int {
        let pattern = try NSRegularExpression(pattern: #"http://127\.0\.0\.1:([0-9]+)/"#)
        var found: Int?
        waitForStdout(timeout: timeout) { text in
            let range = NSRange(text.startIndex..., in: text)
            guard let match = pattern.firstMatch(in: text, range: range),
                let portRange = Range(match.range(at: 1), in: text)
            else { return false }
            found = Int(text[portRange])
            return true
        }
        guard let found else {
            throw ServeFailure(message: "gongkai serve printed no address.\nstdout: \(stdout)\nstderr: \(stderr)")
        }
        return found
    }

    /// SIGTERM, then SIGKILL if it has not ended within five seconds.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Waits for the process to end by itself.
    func waitForExit(timeout: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { return nil }
        // Let the reader threads drain the pipes.
        Thread.sleep(forTimeInterval: 0.1)
        return process.terminationStatus
    }
}

struct ServeFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
