import Foundation
import GongkaiContent
import GongkaiTestSupport
import XCTest

@testable import GongkaiSite

/// `gongkai build` keeps the search index between runs (`SearchIndex.Store`): after an edit only the
/// changed blocks are tokenised and only the changed shards made. Each build here starts from the
/// files on disk alone, as a new process would.
final class SearchStoreTests: XCTestCase {
    static let han = Array("宪法宣传村民自治党课学习法治乡村振兴道德模范公开财务监督会议决定通知")
    static let latin = ["alpha", "beta", "gamma", "wifi", "5g", "app"]
    /// Pages the last incremental build of `buildAndCompare` tokenised.
    var tokenised = 0

    func page(_ n: Int, title: String, day: Int, words: [String], generator: inout SeededGenerator) -> String {
        var body = ""
        for _ in 0..<Int.random(in: 20...60, using: &generator) { body.append(Self.han[Int.random(in: 0..<Self.han.count, using: &generator)]) }
        body += " " + words.joined(separator: " ") + "\n"
        let month = 1 + day / 28, date = 1 + day % 28
        return "---\ntitle: \(title)\ndate: 2025-\(String(format: "%02d-%02d", month, date))\n---\n\(body)"
    }

    func makeSite(pages: Int, generator: inout SeededGenerator) throws -> URL {
        let root = try temporaryDirectory(self)
        var files: [String: String] = [
            "site.yaml": "title: 测试门户\nas-of: 2026-11-23\n",
            "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n",
            "content/villages/lishu/_village.md": "---\nname: 梨树村\ntype: village\n---\n",
        ]
        for n in 0..<pages {
            let village = n % 2 == 0 ? "xinghua" : "lishu"
            let words = n % 5 == 0 ? [Self.latin[n % Self.latin.count]] : []
            files["content/villages/\(village)/news/p\(n).md"] = page(n, title: "新闻\(n)", day: n % 300, words: words, generator: &generator)
        }
        try writeFiles(files, under: root)
        return root
    }

    func news(_ root: URL) -> [String] {
        ["xinghua", "lishu"].flatMap { village in
            ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("content/villages/\(village)/news").path)) ?? [])
                .map { "content/villages/\(village)/news/\($0)" }
        }.sorted()
    }

    /// Builds incrementally (the store) and clean (another output, no store read), compares both outputs
    /// and returns what the store did.
    @discardableResult
    func buildAndCompare(_ root: URL, _ label: String) throws -> String {
        _ = try SiteBuilder.build(.init(site: root.path))
        let note = SearchIndex.Store.lastNote.withLock { $0 }
        tokenised = SearchIndex.Store.lastTokenisedPages.withLock { $0 }
        let clean = root.appendingPathComponent("clean")
        try? FileManager.default.removeItem(at: clean)
        _ = try SiteBuilder.build(.init(site: root.path, output: clean.path, incremental: false))
        let (mine, theirs) = (try snapshot(root.appendingPathComponent("public")), try snapshot(clean))
        XCTAssertEqual(mine.keys.sorted(), theirs.keys.sorted(), label)
        for (path, data) in theirs where mine[path] != data { XCTFail("\(label): \(path) differs from a clean build (store: \(note))") }
        return note
    }

    /// Seeded random edits — text, Latin words added and taken away, titles, dates, new and deleted
    /// pages — each followed by a build that reads the store: the output equals a clean build's, and
    /// most one-page edits are made from the store.
    func testEditBuildsFromTheStoreEqualCleanBuilds() throws {
        var generator = SeededGenerator(seed: 18_2026_1202)
        let root = try makeSite(pages: 420, generator: &generator)
        try buildAndCompare(root, "first build")
        var notes: [String] = []
        for step in 0..<36 {
            var done: [String] = []
            for _ in 0..<Int.random(in: 1...2, using: &generator) {
                let pages = news(root)
                let path = pages[Int.random(in: 0..<pages.count, using: &generator)]
                let url = root.appendingPathComponent(path)
                var text = try String(contentsOf: url, encoding: .utf8)
                switch Int.random(in: 0..<8, using: &generator) {
                case 0, 1:
                    text += "\n补充\(Self.han[Int.random(in: 0..<Self.han.count, using: &generator)])说明：本页已更新。\n"
                    done.append("text of \(path)")
                case 2:
                    text += "\n新词 word\(step)x 和 \(Self.latin[Int.random(in: 0..<Self.latin.count, using: &generator)])\n"
                    done.append("Latin words in \(path)")
                case 3:
                    // Every Latin word of the page goes (a word may then be first met on a later page).
                    text = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n---\n").first! + "\n---\n" + "去掉了外文的正文\(step)。\n"
                    done.append("Latin words out of \(path)")
                case 4:
                    text = text.replacingOccurrences(of: "title: ", with: "title: 改\(step)")
                    done.append("title of \(path)")
                case 5:
                    let lines = text.components(separatedBy: "\n").map { $0.hasPrefix("date:") ? "date: 2026-0\(1 + step % 9)-1\(step % 10)" : $0 }
                    text = lines.joined(separator: "\n")
                    done.append("date of \(path)")
                case 6:
                    try FileManager.default.removeItem(at: url)
                    done.append("deleted \(path)")
                    continue
                default:
                    let copy = url.deletingPathExtension().path + "-new\(step).md"
                    try text.write(toFile: copy, atomically: false, encoding: .utf8)
                    done.append("added \(copy)")
                    continue
                }
                try text.write(to: url, atomically: false, encoding: .utf8)
            }
            // Now and then the build state is gone while the store stays: pages are parsed and rendered
            // afresh and let their Markdown go, and a full index made after all must read it again.
            if step % 3 == 2 {
                for part in ["state-files", "state-bodies"] {
                    try? FileManager.default.removeItem(at: root.appendingPathComponent(".gongkai-cache/\(part)"))
                }
                done.append("build state removed")
            }
            notes.append(try buildAndCompare(root, "step \(step): \(done)"))
        }
        let fromStore = notes.filter { $0.contains("shards") }.count
        XCTAssertGreaterThan(fromStore, 8, "edit builds made from the store: \(notes)")
        XCTAssertTrue(notes.contains { $0.hasPrefix("full") }, "page moves and additions make the whole index: \(notes)")
    }

    /// After a one-page edit the changed block is made of the page tokens the store kept and the edited
    /// page's: that page alone is tokenised (its block's other bodies are not rendered again), and the
    /// index is a clean build's. The same when pages move: a page added, deleted or dated anew shifts
    /// the others, whose tokens are found in the last build's neighbouring blocks.
    func testEditBuildsTokeniseOnlyTheChangedPages() throws {
        var generator = SeededGenerator(seed: 16_2026_1203)
        let root = try makeSite(pages: 300, generator: &generator)
        try buildAndCompare(root, "first build")
        XCTAssertEqual(tokenised, 300, "a full build tokenises every page")
        // Every block's page tokens are kept, also the blocks saved on both cores at once while the
        // store's folder was being made.
        let cache = root.appendingPathComponent(".gongkai-cache")
        // (Two stores: the build's, and the clean build's it is compared with, into another folder.)
        let stores = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix("search-") }
        XCTAssertEqual(stores.count, 2)
        for store in stores {
            let kept = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent(store).path)
            XCTAssertEqual(kept.filter { $0.hasPrefix("p") }.count, 5, "\(kept)")
        }
        let url = root.appendingPathComponent("content/villages/xinghua/news/p100.md")
        func edit(_ change: (String) -> String) throws {
            try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: false, encoding: .utf8)
        }
        try edit { $0 + "\n补充一句：村民议事会已召开。\n" }
        XCTAssertTrue(try buildAndCompare(root, "body edit").contains("1 of 5 blocks"))
        XCTAssertEqual(tokenised, 1, "a body edit tokenises the edited page only")
        try edit { $0 + "\n新词 review 和 alpha\n" }
        try buildAndCompare(root, "Latin words added")
        XCTAssertEqual(tokenised, 1)
        try edit { $0.components(separatedBy: "\n").map { $0.hasPrefix("date:") ? "date: 2024-01-01" : $0 }.joined(separator: "\n") }
        try buildAndCompare(root, "page moved by its date")
        XCTAssertEqual(tokenised, 1, "a page moved: the pages it passed are found in the neighbouring blocks")
        let added = root.appendingPathComponent("content/villages/lishu/news/new.md")
        try "---\ntitle: 新增\ndate: 2025-06-01\n---\n新增的一页，宪法宣传。\n".write(to: added, atomically: false, encoding: .utf8)
        try buildAndCompare(root, "page added")
        XCTAssertEqual(tokenised, 1, "a page added: the others shift")
        try FileManager.default.removeItem(at: added)
        try buildAndCompare(root, "page deleted")
        XCTAssertEqual(tokenised, 0, "a page deleted: the others shift back")
    }

    /// A damaged, truncated or missing store file, or a shard file of the output that is not what the
    /// store says, means a full index, never a wrong one.
    func testDamagedStoreMeansAFullIndex() throws {
        var generator = SeededGenerator(seed: 2026_1202)
        let root = try makeSite(pages: 300, generator: &generator)
        let cache = root.appendingPathComponent(".gongkai-cache")
        // (The clean builds' store is damaged too: they do not read it.)
        func stores() throws -> [URL] {
            try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix("search-") }.map { cache.appendingPathComponent($0) }
        }
        let data = root.appendingPathComponent("public/search/data")
        func edit(_ n: Int) throws {
            let url = root.appendingPathComponent("content/villages/xinghua/news/p\(2 * n).md")
            try (try String(contentsOf: url, encoding: .utf8) + "\n新增一句话\(n)：调解纠纷 review\(n)。\n").write(to: url, atomically: false, encoding: .utf8)
        }
        func change(_ url: URL, _ damage: (inout Data) -> Void) throws {
            var bytes = try Data(contentsOf: url)
            damage(&bytes)
            try bytes.write(to: url)
        }
        func runFiles() throws -> [URL] {
            try stores().flatMap { store in
                try FileManager.default.contentsOfDirectory(atPath: store.path).filter { $0.hasPrefix("r") }.map { store.appendingPathComponent($0) }
            }
        }
        func indexes() throws -> [URL] { try stores().map { $0.appendingPathComponent("index") } }
        func pageTokenFiles() throws -> [URL] {
            try stores().flatMap { store in
                try FileManager.default.contentsOfDirectory(atPath: store.path).filter { $0.hasPrefix("p") }.map { store.appendingPathComponent($0) }
            }
        }
        try buildAndCompare(root, "first build")
        try edit(0)
        XCTAssertTrue(try buildAndCompare(root, "undamaged").contains("shards"))
        let damages: [(String, () throws -> Void)] = [
            ("index truncated", { for url in try indexes() { try change(url) { $0 = $0.prefix($0.count / 2) } } }),
            ("index byte flipped", { for url in try indexes() { try change(url) { $0[$0.count / 3] ^= 0x20 } } }),
            ("index empty", { for url in try indexes() { try Data().write(to: url) } }),
            ("index missing", { for url in try indexes() { try FileManager.default.removeItem(at: url) } }),
            ("run files missing", { for url in try runFiles() { try FileManager.default.removeItem(at: url) } }),
            ("run file byte flipped", { for url in try runFiles() { try change(url) { $0[40] ^= 1 } } }),
            ("run file truncated", { for url in try runFiles() { try change(url) { $0 = $0.dropLast(9) } } }),
            ("page tokens missing", { for url in try pageTokenFiles() { try FileManager.default.removeItem(at: url) } }),
            ("page tokens byte flipped", { for url in try pageTokenFiles() { try change(url) { $0[$0.count / 2] ^= 4 } } }),
            ("page tokens truncated", { for url in try pageTokenFiles() { try change(url) { $0 = $0.dropLast(13) } } }),
            (
                "shard file edited by hand",
                {
                    for name in try FileManager.default.contentsOfDirectory(atPath: data.path) where name.hasPrefix("t") {
                        try change(data.appendingPathComponent(name)) { $0.insert(0x20, at: 30) }
                    }
                }
            ),
            ("shard file missing", { try FileManager.default.removeItem(at: data.appendingPathComponent("t1.js")) }),
            ("chunk file edited by hand", { try change(data.appendingPathComponent("d3.js")) { $0[20] ^= 1 } }),
        ]
        for (n, (name, damage)) in damages.enumerated() {
            try damage()
            try edit(n + 1)
            try buildAndCompare(root, name)
            // And the store the build saved is good again. (Not after a hand edit of the output: the
            // spare folder keeps the edited file, which its manifest does not know — as on main.)
            if name.contains("by hand") { continue }
            try edit(n + 20)
            let note = try buildAndCompare(root, "after \(name)")
            XCTAssertTrue(note.contains("shards"), "\(name): \(note)")
        }
    }

    /// A store saved by another binary, or for other settings, is not used.
    func testStoreOfOtherSettingsIsNotUsed() throws {
        var generator = SeededGenerator(seed: 77)
        let root = try makeSite(pages: 300, generator: &generator)
        try buildAndCompare(root, "first build")
        let settings = root.appendingPathComponent("site.yaml")
        try "title: 测试门户\nas-of: 2026-11-23\nmarkdown:\n  line-breaks: join\n".write(to: settings, atomically: false, encoding: .utf8)
        let url = root.appendingPathComponent("content/villages/xinghua/news/p2.md")
        try (try String(contentsOf: url, encoding: .utf8) + "\n第一行\n第二行\n").write(to: url, atomically: false, encoding: .utf8)
        XCTAssertEqual(try buildAndCompare(root, "settings changed"), "full")
    }
}
