import Foundation
import GongkaiTestSupport
import XCTest

@testable import GongkaiContent

/// A load told which files changed (`ParseCache.noteChanges`, as serve's watcher tells it) reads only
/// those, and gives the same content as a load that walks every file: after seeded edits of bodies,
/// titles, dates, drafts, new, deleted and moved pages, site.yaml, static/, templates/ and
/// disclosure.yaml, on the example site.
final class QuickLoadTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every file of the site back by a minute: settled (`FileFingerprint.isSettled`), so the cache keeps them.
    func settle(_ site: URL) {
        let past = Date().addingTimeInterval(-60)
        for path in FileManager.default.subpaths(atPath: site.path) ?? [] {
            try? FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: site.appendingPathComponent(path).path)
        }
    }

    func assertSame(_ quick: SiteContent, _ full: SiteContent, _ step: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(quick.pages.map(\.sourcePath), full.pages.map(\.sourcePath), step, file: file, line: line)
        let differing = zip(quick.pages, full.pages).filter { $0 != $1 }.map(\.0.sourcePath)
        XCTAssertEqual(differing, [], step, file: file, line: line)
        XCTAssertEqual(quick.pages.map(\.body), full.pages.map(\.body), step, file: file, line: line)
        XCTAssertEqual(quick.villages, full.villages, step, file: file, line: line)
        XCTAssertEqual(quick.home, full.home, step, file: file, line: line)
        XCTAssertEqual(quick.diagnostics, full.diagnostics, step, file: file, line: line)
        XCTAssertEqual(quick.config, full.config, step, file: file, line: line)
    }

    func testALoadToldItsChangesEqualsAFullLoad() throws {
        let site = try temporaryDirectory(self)
        for item in ["content", "site.yaml", "disclosure.yaml"] {
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent(item), to: site.appendingPathComponent(item))
        }
        settle(site)
        let cache = ParseCache()
        let options = ContentLoader.Options(cache: cache)
        _ = ContentLoader.load(site: site.path, options: options)
        func pages() -> [String] {
            (FileManager.default.subpaths(atPath: site.appendingPathComponent("content").path) ?? [])
                .filter { $0.hasSuffix(".md") && !$0.hasSuffix("_village.md") && !$0.hasSuffix("_index.md") }.sorted()
                .map { "content/" + $0 }
        }
        var generator = SeededGenerator(seed: 18_0719)
        var quickSteps = 0
        for step in 0..<40 {
            let all = pages()
            let page = all[Int.random(in: 0..<all.count, using: &generator)]
            let url = site.appendingPathComponent(page)
            var text = try String(contentsOf: url, encoding: .utf8)
            var changed = [page]
            let edit: String
            switch step % 10 {
            case 0, 3, 6:
                text += "\n第\(step)次修改。\n"
                edit = "body"
            case 1:
                text = text.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: 改\(step)")
                edit = "title"
            case 2:
                text = text.replacingOccurrences(of: "\ndate: 20", with: "\ndate: 19")
                edit = "date"
            case 4:
                text = text.replacingOccurrences(of: "\n---\n", with: "\ndraft: true\n---\n")
                edit = "draft"
            case 5:
                let added = page.replacingOccurrences(of: ".md", with: "-\(step).md")
                try text.write(to: site.appendingPathComponent(added), atomically: false, encoding: .utf8)
                changed = [added]
                edit = "new page"
            case 7:
                try FileManager.default.removeItem(at: url)
                edit = "deleted page"
            case 8:
                let moved = page.replacingOccurrences(of: ".md", with: "-moved.md")
                try FileManager.default.moveItem(at: url, to: site.appendingPathComponent(moved))
                changed = [page, moved]
                edit = "moved page"
            default:
                let other = ["site.yaml", "disclosure.yaml", "templates/base.mustache", "static/files/a-\(step).pdf"][step / 10 % 4]
                let target = site.appendingPathComponent(other)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                let before = (try? String(contentsOf: target, encoding: .utf8)) ?? ""
                try (before + (other == "site.yaml" ? "\ntitle: 第\(step)次改名\n" : "\n# \(step)\n")).write(
                    to: target, atomically: false, encoding: .utf8)
                changed = [other]
                edit = other
            }
            if changed == [page] && edit != "deleted page" { try text.write(to: url, atomically: false, encoding: .utf8) }
            cache.noteChanges(changed)
            let quick = ContentLoader.load(site: site.path, options: options)
            let full = ContentLoader.load(site: site.path)
            assertSame(quick, full, "step \(step): \(edit) of \(changed)")
            if edit == "body" {
                XCTAssertTrue(cache.keptStructure, "step \(step): a body edit keeps the structure")
                quickSteps += 1
            }
            if edit != "body" && edit != "templates/base.mustache" && edit != "disclosure.yaml" {
                XCTAssertFalse(cache.keptStructure, "step \(step): \(edit)")
            }
            // The full load (without the cache) did not walk for the cache: tell it nothing, and it walks.
            let walked = ContentLoader.load(site: site.path, options: options)
            assertSame(walked, full, "step \(step): walked after \(edit)")
        }
        XCTAssertGreaterThan(quickSteps, 0)
    }

    /// A file written twice within the file system's timestamp granularity, the second time unseen by
    /// the watcher (same size, same time): the load after the first write did not keep it, and the next
    /// load reads it again.
    func testAFileWrittenAgainUnseenIsReadAgain() throws {
        let site = try temporaryDirectory(self)
        for item in ["content", "site.yaml"] {
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent(item), to: site.appendingPathComponent(item))
        }
        settle(site)
        let cache = ParseCache()
        let options = ContentLoader.Options(cache: cache)
        _ = ContentLoader.load(site: site.path, options: options)
        let all = (FileManager.default.subpaths(atPath: site.appendingPathComponent("content/villages").path) ?? [])
            .filter { $0.contains("/news/") && $0.hasSuffix(".md") }.sorted().map { "content/villages/" + $0 }
        let (a, b) = (all[0], all[1])
        let url = site.appendingPathComponent(a)
        let text = try String(contentsOf: url, encoding: .utf8)
        try (text + "\n甲。\n").write(to: url, atomically: false, encoding: .utf8)
        let written = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as! Date
        cache.noteChanges([a])
        _ = ContentLoader.load(site: site.path, options: options)
        // Same size, same time: a watcher comparing them sees nothing.
        try (text + "\n乙。\n").write(to: url, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: written], ofItemAtPath: url.path)
        let other = site.appendingPathComponent(b)
        try (try String(contentsOf: other, encoding: .utf8) + "\n丙。\n").write(to: other, atomically: false, encoding: .utf8)
        cache.noteChanges([b])
        let quick = ContentLoader.load(site: site.path, options: options)
        XCTAssertTrue(quick.pages.first { $0.sourcePath == a }?.body.contains("乙") ?? false)
        assertSame(quick, ContentLoader.load(site: site.path), "after an unseen second write")
    }
}
