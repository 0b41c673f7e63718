import Foundation
import XCTest

/// The repository root (the example site lives there).
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A fresh folder `<tmp>/gongkai-tests-<uuid>/<name>`, removed with its parent when the test ends (after making
/// writable again whatever the test made read-only).
public func temporaryDirectory(_ test: XCTestCase, name: String = "site") throws -> URL {
    let parent = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-tests-\(UUID().uuidString)")
    let url = parent.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock {
        _ = try? Gongkai.run(["-R", "u+w", parent.path], executable: URL(fileURLWithPath: "/bin/chmod"))
        try? FileManager.default.removeItem(at: parent)
    }
    return url
}

/// Writes `files` (path relative to `root` → bytes) to disk, creating folders.
public func writeFiles(_ files: [String: Data], under root: URL) throws {
    for (path, data) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }
}

/// Writes `files` (path relative to `root` → text, as UTF-8) to disk, creating folders.
public func writeFiles(_ files: [String: String], under root: URL) throws {
    try writeFiles(files.mapValues { Data($0.utf8) }, under: root)
}

/// A small deterministic random generator (SplitMix64): the same seed gives the same runs.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
