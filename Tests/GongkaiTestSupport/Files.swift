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

/// A site of one village (杏花村) with twelve news pages, 第0篇 to 第11篇, dated 2026-01-01 on, under `root`;
/// `config`: site.yaml's lines after the title and base-url.
public func writeTwelveNewsSite(under root: URL, config: String = "") throws {
    var files = [
        "site.yaml": "title: 测试门户\nbase-url: https://example.org/\n" + config,
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n",
    ]
    for n in 0..<12 {
        files["content/villages/xinghua/news/p\(n).md"] = "---\ntitle: 第\(n)篇\ndate: 2026-01-\(String(format: "%02d", n + 1))\n---\n正文\(n)\n"
    }
    try writeFiles(files, under: root)
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
