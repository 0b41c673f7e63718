import Foundation
import XCTest
import GongkaiContent
@testable import GongkaiSite

final class IncrementalBuildTests: XCTestCase {
    func makeSite() throws -> URL {
        let root = try makeTemporaryFolder(self)
        try writeSite([
            "site.yaml": "title: 测试门户\n",
            "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n",
            "content/villages/xinghua/news/a.md": "---\ntitle: 甲\ndate: 2026-01-01\n---\n正文\n",
        ], to: root)
        return root
    }

    func modificationTime(_ url: URL) throws -> Date {
        try XCTUnwrap(FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
    }

    func testUnchangedSiteIsNotRebuilt() throws {
        let root = try makeSite()
        let index = root.appendingPathComponent("public/index.html")
        let first = try SiteBuilder.build(.init(site: root.path))
        let written = try modificationTime(index)
        let second = try SiteBuilder.build(.init(site: root.path))
        XCTAssertEqual(try modificationTime(index), written, "a no-op build must not rewrite the output")
        XCTAssertEqual(second.pagesByKind, first.pagesByKind)
        XCTAssertEqual(second.diagnostics, first.diagnostics)
    }

    func testAnyChangeRebuilds() throws {
        let root = try makeSite()
        _ = try SiteBuilder.build(.init(site: root.path))
        try writeSite(["content/villages/xinghua/news/a.md": "---\ntitle: 甲（修改）\ndate: 2026-01-01\n---\n正文\n"], to: root)
        _ = try SiteBuilder.build(.init(site: root.path))
        let html = try String(contentsOf: root.appendingPathComponent("public/villages/xinghua/news/a.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("甲（修改）"))
        // A new template file counts too.
        try writeSite(["templates/notfound.mustache": "{{<layout}}{{$body}}<h1>找不到</h1>{{/body}}{{/layout}}"], to: root)
        _ = try SiteBuilder.build(.init(site: root.path))
        XCTAssertTrue(try String(contentsOf: root.appendingPathComponent("public/404.html"), encoding: .utf8).contains("找不到"))
    }

    func testHandEditedOutputIsRebuilt() throws {
        let root = try makeSite()
        _ = try SiteBuilder.build(.init(site: root.path))
        let public_ = root.appendingPathComponent("public")
        try FileManager.default.removeItem(at: public_.appendingPathComponent("index.html"))
        _ = try SiteBuilder.build(.init(site: root.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: public_.appendingPathComponent("index.html").path))
    }

    func testNoOpOutputEqualsCleanBuild() throws {
        let root = try makeSite()
        _ = try SiteBuilder.build(.init(site: root.path))
        _ = try SiteBuilder.build(.init(site: root.path))
        let clean = try makeTemporaryFolder(self).appendingPathComponent("public")
        _ = try SiteBuilder.build(.init(site: root.path, output: clean.path, incremental: false))
        XCTAssertEqual(try snapshot(root.appendingPathComponent("public")), try snapshot(clean))
    }
}

final class ParallelBuildTests: XCTestCase {
    /// The example site built on all cores equals the same site built on one thread, byte for byte.
    func testParallelBuildEqualsSerialBuild() throws {
        let folder = try makeTemporaryFolder(self)
        let today = Day(year: 2026, month: 11, day: 23)!
        Parallelism.serial = true
        defer { Parallelism.serial = false }
        _ = try SiteBuilder.build(.init(site: repositoryRoot.path, output: folder.appendingPathComponent("serial").path, today: today, incremental: false))
        Parallelism.serial = false
        _ = try SiteBuilder.build(.init(site: repositoryRoot.path, output: folder.appendingPathComponent("parallel").path, today: today, incremental: false))
        let serial = try snapshot(folder.appendingPathComponent("serial"))
        let parallel = try snapshot(folder.appendingPathComponent("parallel"))
        XCTAssertGreaterThan(serial.count, 100)
        XCTAssertEqual(serial.keys.sorted(), parallel.keys.sorted())
        for (path, data) in serial { XCTAssertEqual(data, parallel[path], path) }
    }
}

final class RandomEditBuildTests: XCTestCase {
    /// After a series of seeded random edits (change, add, delete pages; touch settings), each
    /// incremental build equals a clean build of the same input.
    func testIncrementalBuildsEqualCleanBuildsAfterRandomEdits() throws {
        let root = try makeTemporaryFolder(self)
        var files: [String: String] = [
            "site.yaml": "title: 测试门户\nas-of: 2026-11-23\n",
            "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n",
        ]
        for n in 0..<12 {
            files["content/villages/xinghua/news/p\(n).md"] = "---\ntitle: 新闻\(n)\ndate: 2026-01-\(10 + n)\n---\n正文\(n)。\n"
        }
        try writeSite(files, to: root)
        var generator = SeededGenerator(seed: 20261123)
        for step in 0..<8 {
            let n = Int.random(in: 0..<14, using: &generator)
            let path = "content/villages/xinghua/news/p\(n).md"
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: try? FileManager.default.removeItem(at: root.appendingPathComponent(path))
            case 1: try writeSite([path: "---\ntitle: 改\(step)\ndate: 2026-02-0\(1 + step)\n---\n新正文\(step)。\n"], to: root)
            default: try writeSite(["site.yaml": "title: 测试门户\(step)\nas-of: 2026-11-23\n"], to: root)
            }
            _ = try SiteBuilder.build(.init(site: root.path))
            let clean = root.appendingPathComponent("clean-\(step)")
            _ = try SiteBuilder.build(.init(site: root.path, output: clean.path, incremental: false))
            XCTAssertEqual(try snapshot(root.appendingPathComponent("public")), try snapshot(clean), "step \(step)")
        }
    }
}

/// A small seeded generator (SplitMix64), so the edits are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
