import Foundation
import GongkaiTestSupport
import XCTest

@testable import GongkaiContent

/// The load keeps the pages' order of the last load (newest first) instead of sorting them again, and
/// checks it: the order is always the one sorting gives, whatever places the parse cache holds — right,
/// stale after edits of dates, titles, new and deleted pages, from the build state's file, or wrong.
final class PageOrderTests: XCTestCase {
    /// Pages of several dates, several on the same day (ordered by path then).
    func site() throws -> Fixture {
        var files = Fixture.minimal
        for n in 0..<60 {
            let day = 1 + n % 7
            files["content/villages/xinghua/news/第\(n)篇.md"] = "---\ntitle: 第\(n)篇\ndate: 2026-03-0\(day)\n---\n正文\(n)\n"
        }
        return try Fixture(self, files: files)
    }

    func sorted(_ site: Fixture) -> [String] {
        ContentLoader.load(site: site.path).pages.map(\.sourcePath)
    }

    /// Every file back by a minute: settled, so that the cache keeps them.
    func settle(_ site: Fixture) {
        let past = Date().addingTimeInterval(-60)
        for path in FileManager.default.subpaths(atPath: site.path) ?? [] {
            try? FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: site.root.appendingPathComponent(path).path)
        }
    }

    func testAnyPlacesGiveTheSortedOrder() throws {
        let site = try site()
        let pages = ContentLoader.load(site: site.path).pages
        var generator = SeededGenerator(seed: 18_1802)
        for round in 0..<50 {
            var shuffled = pages.shuffled(using: &generator)
            // Right places, some missing; or wrong ones.
            let places: [Int?] = shuffled.map { page in
                let right = pages.firstIndex { $0.sourcePath == page.sourcePath }!
                switch round % 3 {
                case 0: return Int.random(in: 0..<10, using: &generator) == 0 ? nil : right
                case 1: return right
                default: return Int.random(in: 0..<pages.count, using: &generator)
                }
            }
            let placeOf = Dictionary(uniqueKeysWithValues: zip(shuffled.map(\.sourcePath), places))
            let moved = PageOrder.newestFirst(&shuffled, places: places)
            XCTAssertEqual(shuffled.map(\.sourcePath), pages.map(\.sourcePath), "round \(round)")
            // The places to note again are exactly those whose page was not given that place.
            if let moved {
                XCTAssertEqual(moved, shuffled.indices.filter { placeOf[shuffled[$0].sourcePath]! != $0 }, "round \(round)")
            }
            if round % 3 == 1 { XCTAssertEqual(moved, [], "round \(round): every place right") }
        }
    }

    func testTheOrderFollowsEditsAndTheBuildState() throws {
        let site = try site()
        settle(site)
        var cache = ParseCache(withoutBodiesOf: SiteFiles(root: site.path))
        XCTAssertEqual(ContentLoader.load(site: site.path, options: .init(cache: cache)).pages.map(\.sourcePath), sorted(site))
        var generator = SeededGenerator(seed: 18_1803)
        for step in 0..<24 {
            let n = Int.random(in: 0..<60, using: &generator)
            let path = "content/villages/xinghua/news/第\(n)篇.md"
            let url = site.root.appendingPathComponent(path)
            switch step % 4 {
            case 0:
                if let text = try? String(contentsOf: url, encoding: .utf8) {
                    try text.replacingOccurrences(of: "date: 2026-03-0", with: "date: 2025-0\(1 + step % 9)-1").write(
                        to: url, atomically: false, encoding: .utf8)
                }
            case 1: try site.write("content/villages/xinghua/news/新\(step).md", "---\ntitle: 新\(step)\ndate: 2026-03-04\n---\n新\n")
            case 2: try? FileManager.default.removeItem(at: url)
            default: try site.write(path, "---\ntitle: 改\(step)\ndate: 2027-01-0\(1 + step % 9)\n---\n改\n")
            }
            settle(site)
            if step % 2 == 1 {
                // Through the build state's file, as `gongkai build` keeps it between runs.
                var out = BinaryWriter(capacity: 1 << 16)
                cache.write(to: &out)
                try out.bytes.withUnsafeBytes { bytes in
                    var reader = BinaryReader(bytes)
                    cache = try ParseCache.read(from: &reader, files: SiteFiles(root: site.path))
                }
            }
            let loaded = ContentLoader.load(site: site.path, options: .init(cache: cache))
            XCTAssertEqual(loaded.pages.map(\.sourcePath), sorted(site), "step \(step)")
        }
    }
}
