import Foundation
import XCTest

/// Runs the real `gongkai` binary built next to the test bundle, with a time limit.
enum Gongkai {
    struct Result {
        var status: Int32
        /// Ended by a signal (a crash: SIGILL from a Swift trap, SIGSEGV, SIGABRT) rather than an exit.
        var signalled: Bool
        /// Killed by the harness after the time limit: a hang.
        var timedOut: Bool
        var stdout: String
        var stderr: String
        var seconds: Double

        /// What a failing assertion should show.
        var description: String {
            "status \(status)\(signalled ? " (signal)" : "")\(timedOut ? " (timed out)" : ""), \(String(format: "%.1f", seconds)) s\n--- stderr:\n\(stderr.prefix(4000))\n--- stdout:\n\(stdout.prefix(1000))"
        }
    }

    static var productsDirectory: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    static var binary: URL { productsDirectory.appendingPathComponent("gongkai") }

    /// The environment of every run: Chinese messages, no colours.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "zh_CN.UTF-8"
        env["LC_ALL"] = nil
        env["LC_MESSAGES"] = nil
        env["NO_COLOR"] = "1"
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// Runs `gongkai arguments…` in `directory`; kills it after `timeout` seconds.
    static func run(_ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:],
                    timeout: Double = 60, executable: URL? = nil, prefix: [String] = []) throws -> Result {
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
        let finished = DispatchSemaphore(value: 0)
        var timedOut = false
        let watchdog = DispatchQueue(label: "gongkai.watchdog")
        watchdog.asyncAfter(deadline: .now() + timeout) {
            if finished.wait(timeout: .now()) == .timedOut {
                timedOut = true
                kill(pid, SIGKILL)
            } else {
                finished.signal()
            }
        }
        var outData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        finished.signal()
        let wasTimedOut = watchdog.sync { timedOut }
        return Result(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                      timedOut: wasTimedOut, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), seconds: Date().timeIntervalSince(start))
    }

    /// The repository root.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var fixtures: URL { repositoryRoot.appendingPathComponent("Tests/Fixtures") }
}

/// A fresh temporary folder, removed when the test ends.
func makeScratch(_ test: XCTestCase, _ name: String = "scratch") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-robust-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock {
        // Folders a test made read-only must be writable again to be removed.
        _ = try? Gongkai.run(["-R", "u+w", url.path], executable: URL(fileURLWithPath: "/bin/chmod"))
        try? FileManager.default.removeItem(at: url)
    }
    return url
}

/// Writes `files` (path → text or bytes) under `root`, creating folders.
func write(_ files: [String: Data], under root: URL) throws {
    for (path, data) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }
}

func write(_ files: [String: String], under root: URL) throws {
    try write(files.mapValues { Data($0.utf8) }, under: root)
}

/// Copies a folder tree (files, folders and symlinks as they are).
func copyTree(_ source: URL, to target: URL) throws {
    try? FileManager.default.removeItem(at: target)
    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: source, to: target)
}

/// Every entry under `root` (hidden ones too): files by content, symlinks by target, folders by name.
/// Two equal snapshots are byte-identical trees.
func snapshot(_ root: URL) -> [String: Data]? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
    var result: [String: Data] = [:]
    let paths = (try? FileManager.default.subpathsOfDirectory(atPath: root.path)) ?? []
    for path in paths {
        let full = root.path + "/" + path
        var info = stat()
        guard lstat(full, &info) == 0 else { continue }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: result[path] = Data(("link:" + ((try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "")).utf8)
        case S_IFDIR: result[path + "/"] = Data()
        default: result[path] = FileManager.default.contents(atPath: full) ?? Data("unreadable".utf8)
        }
    }
    return result
}

/// Names in `folder` that a build leaves only while it runs: staging and set-aside outputs.
func leftovers(in folder: URL, output: String = "public") -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasPrefix(".\(output).tmp-") || $0.hasPrefix(".\(output).old-") }.sorted()
}

/// A small deterministic random generator (SplitMix64): the same seed gives the same runs.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Whether this process may ignore file permissions (root): then chmod alone cannot make a folder read-only.
var runningAsRoot: Bool { geteuid() == 0 }
