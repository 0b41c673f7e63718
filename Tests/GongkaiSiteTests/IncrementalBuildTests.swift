import Foundation
import GongkaiTestSupport
import XCTest
import GongkaiContent
@testable import GongkaiSite

final class IncrementalBuildTests: XCTestCase {
    func makeSite() throws -> URL {
        let root = try temporaryDirectory(self)
        try writeFiles(
            [
                "site.yaml": "title: 测试门户\n",
                "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n",
                "content/villages/xinghua/news/a.md": "---\ntitle: 甲\ndate: 2026-01-01\n---\n正文\n",
            ], under: root)
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
        try writeFiles(["content/villages/xinghua/news/a.md": "---\ntitle: 甲（修改）\ndate: 2026-01-01\n---\n正文\n"], under: root)
        _ = try SiteBuilder.build(.init(site: root.path))
        let html = try String(contentsOf: root.appendingPathComponent("public/villages/xinghua/news/a.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("甲（修改）"))
        // A new template file counts too.
        try writeFiles(["templates/notfound.mustache": "{{<layout}}{{$body}}<h1>找不到</h1>{{/body}}{{/layout}}"], under: root)
        _ = try SiteBuilder.build(.init(site: root.path))
        XCTAssertTrue(try String(contentsOf: root.appendingPathComponent("public/404.html"), encoding: .utf8).contains("找不到"))
    }

    func testHandEditedOutputIsRebuilt() throws {
        let root = try makeSite()
        _ = try SiteBuilder.build(.init(site: root.path))
        let output = root.appendingPathComponent("public")
        try FileManager.default.removeItem(at: output.appendingPathComponent("index.html"))
        _ = try SiteBuilder.build(.init(site: root.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
    }

    func testNoOpOutputEqualsCleanBuild() throws {
        let root = try makeSite()
        _ = try SiteBuilder.build(.init(site: root.path))
        _ = try SiteBuilder.build(.init(site: root.path))
        let clean = try temporaryDirectory(self).appendingPathComponent("public")
        _ = try SiteBuilder.build(.init(site: root.path, output: clean.path, incremental: false))
        XCTAssertEqual(try snapshot(root.appendingPathComponent("public")), try snapshot(clean))
    }

    /// One attachment that two pages of a folder both list is copied once and stays while either page
    /// does: the writer finds it wanted twice. Each incremental build equals a clean one; when the last
    /// page that lists it goes, so does the copy.
    func testAttachmentOfTwoPagesStaysUntilBothAreGone() throws {
        let root = try makeSite()
        let folder = "content/villages/xinghua/notices/"
        try writeFiles(
            [
                folder + "files/停水通知.txt": "停水时间：12月5日上午",
                folder + "a.md": "---\ntitle: 停水通知\ndate: 2026-12-01\nattachments: [files/停水通知.txt]\n---\n见附件。\n",
                folder + "b.md": "---\ntitle: 停水通知（补充）\ndate: 2026-12-02\nattachments: [files/停水通知.txt]\n---\n仍见附件。\n",
            ], under: root)
        let output = root.appendingPathComponent("public")
        let copy = "villages/xinghua/notices/files/停水通知.txt"
        func buildAndCompare(_ label: String) throws -> [String: Data] {
            _ = try SiteBuilder.build(.init(site: root.path))
            let clean = try temporaryDirectory(self, name: "clean").appendingPathComponent("public")
            _ = try SiteBuilder.build(.init(site: root.path, output: clean.path, incremental: false))
            let built = try snapshot(output)
            XCTAssertEqual(built.keys.sorted(), try snapshot(clean).keys.sorted(), label)
            XCTAssertEqual(built, try snapshot(clean), label)
            return built
        }
        XCTAssertEqual(try buildAndCompare("both pages")[copy], Data("停水时间：12月5日上午".utf8))
        try writeFiles([folder + "b.md": "---\ntitle: 停水通知（补充）\ndate: 2026-12-02\nattachments: [files/停水通知.txt]\n---\n改过的正文。\n"], under: root)
        XCTAssertNotNil(try buildAndCompare("after an edit of one")[copy])
        try FileManager.default.removeItem(at: root.appendingPathComponent(folder + "a.md"))
        XCTAssertNotNil(try buildAndCompare("one page left")[copy])
        try FileManager.default.removeItem(at: root.appendingPathComponent(folder + "b.md"))
        XCTAssertNil(try buildAndCompare("no page left")[copy])
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent(copy).path))
    }

    /// A `.gongkai-cache` that is a symlink (to anywhere) is neither read nor written: builds still work,
    /// in full, and equal clean ones.
    func testSymlinkedCacheFolderIsLeftAlone() throws {
        let root = try makeSite()
        let elsewhere = try temporaryDirectory(self).appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent(".gongkai-cache"), withDestinationURL: elsewhere)
        for step in 0..<3 {
            try writeFiles(["content/villages/xinghua/news/a.md": "---\ntitle: 甲\(step)\ndate: 2026-01-01\n---\n正文\(step)\n"], under: root)
            _ = try SiteBuilder.build(.init(site: root.path), session: SiteBuilder.Session())
            let clean = root.appendingPathComponent("clean-\(step)")
            _ = try SiteBuilder.build(.init(site: root.path, output: clean.path, incremental: false))
            XCTAssertEqual(try snapshot(root.appendingPathComponent("public")), try snapshot(clean))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path), [], "nothing is written through the symlink")
    }
}

final class ParallelBuildTests: XCTestCase {
    /// The example site built on all cores equals the same site built on one thread, byte for byte.
    func testParallelBuildEqualsSerialBuild() throws {
        let folder = try temporaryDirectory(self)
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
        let root = try temporaryDirectory(self)
        var files: [String: String] = [
            "site.yaml": "title: 测试门户\nas-of: 2026-11-23\n",
            "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n",
        ]
        for n in 0..<12 {
            files["content/villages/xinghua/news/p\(n).md"] = "---\ntitle: 新闻\(n)\ndate: 2026-01-\(10 + n)\n---\n正文\(n)。\n"
        }
        try writeFiles(files, under: root)
        var generator = SeededGenerator(seed: 20_261_123)
        for step in 0..<8 {
            let n = Int.random(in: 0..<14, using: &generator)
            let path = "content/villages/xinghua/news/p\(n).md"
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: try? FileManager.default.removeItem(at: root.appendingPathComponent(path))
            case 1: try writeFiles([path: "---\ntitle: 改\(step)\ndate: 2026-02-0\(1 + step)\n---\n新正文\(step)。\n"], under: root)
            default: try writeFiles(["site.yaml": "title: 测试门户\(step)\nas-of: 2026-11-23\n"], under: root)
            }
            _ = try SiteBuilder.build(.init(site: root.path))
            let clean = root.appendingPathComponent("clean-\(step)")
            _ = try SiteBuilder.build(.init(site: root.path, output: clean.path, incremental: false))
            XCTAssertEqual(try snapshot(root.appendingPathComponent("public")), try snapshot(clean), "step \(step)")
        }
    }

    /// The example site (every kind, county pages, superseded regulations, tags, photos, feeds), edited
    /// the way editors do — text, titles, dates, tags, expiry, new and deleted pages, links between
    /// pages, village names, settings, templates and static files — a few edits per build. After each
    /// build, the incremental output must equal a clean build's byte for byte, and a build that fails
    /// must fail both ways.
    func testIncrementalBuildsOfTheExampleSiteEqualCleanBuilds() throws {
        try exampleSiteEdits(seed: 7_20261123, steps: 40, toldChanges: false)
    }

    /// The same, with the session told which files changed before each build, as serve's watcher tells
    /// it: the load then reads only those, the build stamp stats only the folders they are in, and a
    /// body-only edit keeps the disclosure check (`ContentLoader.quickLoad`, `BuildStamp.Subtrees`,
    /// `CheckMemo`).
    func testSessionToldItsChangesEqualsCleanBuilds() throws {
        try exampleSiteEdits(seed: 18_20261202, steps: 14, toldChanges: true)
    }

    /// A session told its changes keeps the disclosure check across a body edit, and makes it again
    /// when a disclosure page's period or the rule file changes (the overview and the village pages
    /// then show another status).
    func testSessionToldItsChangesChecksDisclosuresAgainWhenTheyChange() throws {
        let root = try temporaryDirectory(self)
        for item in ["content", "site.yaml", "disclosure.yaml"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        // Without the health panel (its link findings read the bodies: the check is then made every build).
        let rulesFile = root.appendingPathComponent("disclosure.yaml")
        try String(contentsOf: rulesFile, encoding: .utf8).replacingOccurrences(of: "health:\n  profile: gov-2019", with: "")
            .write(to: rulesFile, atomically: false, encoding: .utf8)
        let today = Day(year: 2026, month: 11, day: 23)!
        let session = SiteBuilder.Session()
        var watched = Self.watchedFiles(root)
        _ = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
        let page = "content/villages/xinghua/disclosures/2026-02-财务收支公开.md"
        let text = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
        let rules = try String(contentsOf: root.appendingPathComponent("disclosure.yaml"), encoding: .utf8)
        let edits: [(String, String, String)] = [
            ("body", page, text + "\n补充一句。\n"),
            ("period", page, text.replacingOccurrences(of: "period: 2026-02", with: "period: 2025-12")),
            ("body again", page, text.replacingOccurrences(of: "period: 2026-02", with: "period: 2025-12") + "\n再补充一句。\n"),
            ("rule file", "disclosure.yaml", rules.replacingOccurrences(of: "due: 10", with: "due: 1")),
        ]
        for (step, (edit, path, written)) in edits.enumerated() {
            try written.write(to: root.appendingPathComponent(path), atomically: false, encoding: .utf8)
            _ = try Self.buildTold(session, root, watched: &watched, today: today)
            // (The rule file is not read by the load: the pages' structure stands.)
            XCTAssertEqual(session.parsed.keptStructure, edit != "period", "step \(step): \(edit)")
            try Self.assertOutputIsClean(root, today: today, "step \(step): the \(edit) edit")
        }
    }

    /// Serve's expiry check of notices (`NoticeMemo`) checks only the pages that changed, for the same
    /// day: its warnings are a clean build's after each edit, and after a build for another day.
    func testSessionWarnsOfRunOutNoticesAsACleanBuild() throws {
        let root = try temporaryDirectory(self)
        let notices = "content/villages/xinghua/notices/"
        try writeFiles(
            [
                "site.yaml": "title: 测试门户\n",
                "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n",
                notices + "a.md": "---\ntitle: 防溺水通知\ndate: 2025-06-01\n---\n有效期至2025年9月1日。\n",
                notices + "b.md": "---\ntitle: 秸秆禁烧通知\ndate: 2025-06-02\n---\n请各户遵守。\n",
                notices + "c.md": "---\ntitle: 防汛通知\ndate: 2025-06-03\n---\n截止日期：2025-07-01\n",
            ], under: root)
        let session = SiteBuilder.Session()
        var watched = Self.watchedFiles(root)
        func runOut(_ summary: SiteBuilder.Summary) -> [String] {
            summary.diagnostics.filter { $0.en.contains("which has passed") }.map(\.file)
        }
        func check(_ step: String, today: Day, expected: [String]) throws {
            let served = try Self.buildTold(session, root, watched: &watched, today: today)
            let clean = root.appendingPathComponent("clean")
            try? FileManager.default.removeItem(at: clean)
            let cleanly = try SiteBuilder.build(.init(site: root.path, output: clean.path, today: today, incremental: false))
            XCTAssertEqual(runOut(served), runOut(cleanly), step)
            XCTAssertEqual(runOut(served), expected.map { notices + $0 }, step)
        }
        let today = Day(year: 2026, month: 11, day: 23)!
        try check("first build", today: today, expected: ["a.md", "c.md"])
        try "---\ntitle: 防溺水通知\ndate: 2025-06-01\n---\n请注意安全。\n".write(
            to: root.appendingPathComponent(notices + "a.md"), atomically: false, encoding: .utf8)
        try check("a no longer says", today: today, expected: ["c.md"])
        try "---\ntitle: 秸秆禁烧通知\ndate: 2025-06-02\n---\n请各户遵守，有效期至2025年10月1日。\n".write(
            to: root.appendingPathComponent(notices + "b.md"), atomically: false, encoding: .utf8)
        try check("b says now", today: today, expected: ["b.md", "c.md"])
        try "---\ntitle: 防汛通知\ndate: 2025-06-03\n---\n截止日期：2025-07-01\n补充一句。\n".write(
            to: root.appendingPathComponent(notices + "c.md"), atomically: false, encoding: .utf8)
        try check("c's body edited", today: today, expected: ["b.md", "c.md"])
        try check("another day", today: Day(year: 2025, month: 9, day: 15)!, expected: ["c.md"])
    }

    /// Serve keeps the last 版本沿革 while no regulation changed (`RegulationHistory.kept`): after body
    /// edits of a news page and of either version of a superseded regulation, the output is a clean build's.
    func testSessionKeepsRegulationHistoryOnlyWhileNoRegulationChanged() throws {
        let root = try temporaryDirectory(self)
        for item in ["content", "site.yaml", "disclosure.yaml"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        let today = Day(year: 2026, month: 11, day: 23)!
        let session = SiteBuilder.Session()
        var watched = Self.watchedFiles(root)
        _ = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
        let folder = "content/villages/xinghua/"
        let edits: [(String, String)] = [
            ("news", folder + "news/2026-04-12-党员志愿服务队清理杏林垃圾.md"),
            ("older regulation", folder + "regulations/2023版村规民约.md"),
            ("news again", folder + "news/2026-04-12-党员志愿服务队清理杏林垃圾.md"),
            ("newer regulation", folder + "regulations/2026版村规民约.md"),
            ("news once more", folder + "news/2026-08-22-坝坝会商量冷链仓储电费分摊.md"),
        ]
        for (step, (edit, path)) in edits.enumerated() {
            let file = root.appendingPathComponent(path)
            try (String(contentsOf: file, encoding: .utf8) + "\n第\(step + 100)条 本条为第\(step)次修改新增。\n").write(
                to: file, atomically: false, encoding: .utf8)
            _ = try Self.buildTold(session, root, watched: &watched, today: today)
            try Self.assertOutputIsClean(root, today: today, "step \(step): the \(edit) edit")
        }
    }

    /// Builds with `session` after telling it what changed since `watched`, as serve's watcher does.
    static func buildTold(_ session: SiteBuilder.Session, _ root: URL, watched: inout [String: [Int]], today: Day) throws
        -> SiteBuilder.Summary
    {
        let now = watchedFiles(root)
        session.parsed.noteChanges(Set(now.keys).union(watched.keys).filter { now[$0] != watched[$0] }.sorted())
        watched = now
        return try SiteBuilder.build(.init(site: root.path, today: today), session: session)
    }

    /// Builds the site cleanly into `clean/` and fails for each file where `public/` is not the same.
    static func assertOutputIsClean(_ root: URL, today: Day, _ label: String, line: UInt = #line) throws {
        let clean = root.appendingPathComponent("clean")
        try? FileManager.default.removeItem(at: clean)
        _ = try SiteBuilder.build(.init(site: root.path, output: clean.path, today: today, incremental: false))
        let (mine, theirs) = (try snapshot(root.appendingPathComponent("public")), try snapshot(clean))
        XCTAssertEqual(mine.keys.sorted(), theirs.keys.sorted(), label, line: line)
        for (file, data) in theirs where mine[file] != data { XCTFail("\(label): \(file) differs from a clean build", line: line) }
    }

    /// What serve's watcher compares (`SiteWatcher`): every watched file's modification time and size.
    static func watchedFiles(_ root: URL) -> [String: [Int]] {
        var found: [String: [Int]] = [:]
        func visit(_ relative: String, depth: Int) {
            var info = stat()
            guard depth < 32, stat(root.path + "/" + relative, &info) == 0 else { return }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: root.path + "/" + relative)) ?? [] where !name.hasPrefix(".") {
                    visit(relative + "/" + name, depth: depth + 1)
                }
            } else {
                found[relative] = [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_size)]
            }
        }
        for name in ["content", "templates", "static", "site.yaml", "disclosure.yaml"] { visit(name, depth: 0) }
        return found
    }

    func exampleSiteEdits(seed: UInt64, steps: Int, toldChanges: Bool) throws {
        let root = try temporaryDirectory(self)
        for item in ["content", "site.yaml", "disclosure.yaml"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        let today = Day(year: 2026, month: 11, day: 23)!
        var editor = SiteEditor(root: root, generator: SeededGenerator(seed: seed))
        let output = root.appendingPathComponent("public")
        // As `gongkai serve` builds: one session for all builds, keeping parsed files and bodies.
        let session = SiteBuilder.Session()
        // Every output the session's early cutoff keeps is planned too: its key must be the kept one.
        let mismatches = PlanCutoffTests.Mismatches()
        PlanCutoff.verifier = { mismatches.add($0) }
        defer { PlanCutoff.verifier = nil }
        var watched = Self.watchedFiles(root)
        _ = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
        var built = 0
        var rendered = (incremental: 0, clean: 0)
        var keptStructure = 0
        for step in 0..<steps {
            let before = try editor.saveState()
            var done: [String] = []
            if toldChanges && step % 2 == 0 {
                // Serve's most common build: one page's text (the structure is kept).
                done.append(try editor.bodyEdit())
            } else {
                for _ in 0..<Int.random(in: 1...3, using: &editor.generator) { done.append(try editor.randomEdit()) }
            }
            let clean = root.appendingPathComponent("clean")
            try? FileManager.default.removeItem(at: clean)
            if toldChanges {
                let now = Self.watchedFiles(root)
                let changed = Set(now.keys).union(watched.keys).filter { now[$0] != watched[$0] }
                watched = now
                session.parsed.noteChanges(changed.sorted())
            }
            let incremental = Result { try SiteBuilder.build(.init(site: root.path, today: today), session: session) }
            if session.parsed.keptStructure { keptStructure += 1 }
            let full = Result { try SiteBuilder.build(.init(site: root.path, output: clean.path, today: today, incremental: false)) }
            switch (incremental, full) {
            case (.success(let a), .success(let b)):
                built += 1
                // Edits to settings and templates render (nearly) everything again: counted apart.
                if !done.contains(where: { $0.hasPrefix("site-wide") }) {
                    rendered.incremental += a.groupsRendered
                    rendered.clean += b.groupsRendered
                }
                XCTAssertEqual(a.diagnostics, b.diagnostics, "step \(step): \(done)")
                XCTAssertEqual(mismatches.all, [], "step \(step): kept outputs whose planned key differs, after \(done)")
                let (mine, theirs) = (try snapshot(output), try snapshot(clean))
                XCTAssertEqual(mine.keys.sorted(), theirs.keys.sorted(), "step \(step): \(done)")
                for (path, data) in theirs where mine[path] != data {
                    XCTFail("step \(step): \(path) differs from a clean build after \(done)")
                }
            case (.failure, .failure):
                try editor.restore(before)
            default:
                XCTFail("step \(step): incremental \(incremental) vs clean \(full) after \(done)")
                try editor.restore(before)
            }
        }
        XCTAssertGreaterThan(built, steps / 2, "most edits should leave a site that builds")
        if toldChanges { XCTAssertGreaterThan(keptStructure, 0, "no build found the structure kept") }
        // The builds after page edits were incremental: most pages were not rendered again.
        XCTAssertLessThan(rendered.incremental * 2, rendered.clean, "incremental builds rendered \(rendered.incremental) groups, clean ones \(rendered.clean)")
    }
}

/// Random editors' changes to a site folder, repeatable from a seed.
struct SiteEditor {
    let root: URL
    var generator: SeededGenerator
    var counter = 0

    func pages() -> [String] {
        let all = (FileManager.default.subpaths(atPath: root.appendingPathComponent("content").path) ?? [])
        return all.filter { $0.hasSuffix(".md") && !$0.hasSuffix("_village.md") && !$0.hasSuffix("_index.md") }.sorted()
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    /// Sets a front matter key (replacing its line, or adding it after the opening `---`).
    func setting(_ key: String, _ value: String, in text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        if let index = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) {
            lines[index] = "\(key): \(value)"
        } else {
            lines.insert("\(key): \(value)", at: 1)
        }
        return lines.joined(separator: "\n")
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &generator)] }

    /// Makes one edit and says what it was.
    /// Text added at the end of a page's body, nothing else (the bench's edit).
    mutating func bodyEdit() throws -> String {
        counter += 1
        let page = "content/" + pick(pages())
        try write(page, try read(page) + "\n补充说明（第\(counter)次）。\n")
        return "text of \(page)"
    }

    mutating func randomEdit() throws -> String {
        counter += 1
        let page = "content/" + pick(pages())
        switch Int.random(in: 0..<20, using: &generator) {
        case 0:
            try write(page, try read(page) + "\n本次修改补充的一段话（第\(counter)次）。\n")
            return "text of \(page)"
        case 1:
            try write(page, setting("title", "修改后的标题\(counter)", in: try read(page)))
            return "title of \(page)"
        case 2:
            let day = String(format: "2026-%02d-%02d", Int.random(in: 1...11, using: &generator), Int.random(in: 1...28, using: &generator))
            try write(page, setting("date", day, in: try read(page)))
            return "date of \(page)"
        case 3:
            try FileManager.default.removeItem(at: root.appendingPathComponent(page))
            return "deleted \(page)"
        case 4:
            let copy = (page as NSString).deletingPathExtension + "-副本\(counter).md"
            try write(copy, setting("title", "新增的一篇\(counter)", in: try read(page)))
            return "added \(copy)"
        case 5:
            try write(page, setting("tags", "[\(pick(["普法", "乡村振兴", "新标签\(counter)"]))]", in: try read(page)))
            return "tags of \(page)"
        case 6:
            let village = pick((try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("content/villages").path)).sorted())
            let profile = "content/villages/\(village)/_village.md"
            try write(profile, setting("name", "改名村\(counter)", in: try read(profile)))
            return "name of \(village)"
        case 7:
            try write("site.yaml", setting("title", "白鹭镇门户\(counter)", in: try read("site.yaml")))
            return "site-wide: site title"
        case 8:
            let footer = BuiltinTheme.files["footer.mustache"] ?? ""
            try write("templates/footer.mustache", footer + "<!-- 第\(counter)版 -->\n")
            return "site-wide: footer template"
        case 9:
            try write("static/files/说明\(counter % 3).txt", "附件第\(counter)版\n")
            return "static file"
        case 10:
            let day = pick(["2026-01-01", "2026-12-31", "2027-06-30"])
            try write(page, setting("expires", day, in: try read(page)))
            return "expires of \(page)"
        case 11:
            let target = pick(pages())
            let relative = String(repeating: "../", count: page.split(separator: "/").count - 2) + target
            try write(page, try read(page) + "\n参见[另一篇](\(relative))。\n")
            return "link from \(page) to \(target)"
        case 13:
            // A page that others link to goes away: their pages change though their files did not.
            var linked: [String] = []
            for source in pages() {
                let text = try read("content/" + source)
                for part in text.components(separatedBy: "](").dropFirst() {
                    guard let end = part.firstIndex(of: ")"), part[..<end].hasSuffix(".md") else { continue }
                    let folder = (("content/" + source) as NSString).deletingLastPathComponent
                    let target = ((folder as NSString).appendingPathComponent(String(part[..<end])) as NSString).standardizingPath
                    if FileManager.default.fileExists(atPath: root.appendingPathComponent(target).path) { linked.append(target) }
                }
            }
            guard !linked.isEmpty else { return "nothing linked" }
            let target = pick(linked.sorted())
            try FileManager.default.removeItem(at: root.appendingPathComponent(target))
            return "deleted the linked page \(target)"
        case 12:
            try write(page, setting("summary", "修改后的摘要\(counter)", in: try read(page)))
            return "summary of \(page)"
        case 15:
            try write("site.yaml", setting("page-size", pick(["3", "7", "20"]), in: try read("site.yaml")))
            return "site-wide: page-size"
        case 16:
            // Without base-url there are no feeds, sitemap or QR codes; with another, every address changes.
            let text = try read("site.yaml")
            let lines = text.components(separatedBy: "\n").filter { !$0.hasPrefix("base-url:") }
            let base = pick(["", "https://example.org/bailu/", "https://白鹭.example.cn/"])
            try write("site.yaml", base.isEmpty ? lines.joined(separator: "\n") : setting("base-url", base, in: lines.joined(separator: "\n")))
            return "site-wide: base-url \(base)"
        case 17:
            // The sponsor is the county's name on county pages, breadcrumbs, feeds and footers.
            let text = try read("site.yaml")
            guard let line = text.components(separatedBy: "\n").first(where: { $0.hasPrefix("  sponsor:") }) else { return "no sponsor" }
            try write("site.yaml", text.replacingOccurrences(of: line, with: "  sponsor: 白鹭镇政府\(counter)"))
            return "site-wide: footer sponsor"
        case 18:
            let name = pick(["list.mustache", "archive.mustache", "gallery.mustache", "tags.mustache", "print.mustache", "page.mustache"])
            try write("templates/" + name, (BuiltinTheme.files[name] ?? "") + "<!-- \(name) 第\(counter)版 -->\n")
            return "site-wide: template \(name)"
        case 19:
            // A body edit that leaves title and summary alone: lists keep their entries.
            var text = try read(page)
            if !text.contains("\nsummary:") { text = setting("summary", "固定摘要", in: text) }
            try write(page, text + "\n只改正文（第\(counter)次）。\n")
            return "body only of \(page)"
        default:
            let home = "content/_index.md"
            try write(home, try read(home) + "\n首页新增一句（\(counter)）。\n")
            return "home text"
        }
    }

    /// Every file of the site but outputs and caches, to undo a step that broke the site.
    func saveState() throws -> [String: Data] {
        var state: [String: Data] = [:]
        for item in ["content", "static", "templates"] {
            let folder = root.appendingPathComponent(item)
            for path in FileManager.default.subpaths(atPath: folder.path) ?? [] {
                let url = folder.appendingPathComponent(path)
                if let data = FileManager.default.contents(atPath: url.path), !url.hasDirectoryPath { state[item + "/" + path] = data }
            }
        }
        for name in ["site.yaml", "disclosure.yaml"] { state[name] = FileManager.default.contents(atPath: root.appendingPathComponent(name).path) }
        return state
    }

    func restore(_ state: [String: Data]) throws {
        for item in ["content", "static", "templates"] { try? FileManager.default.removeItem(at: root.appendingPathComponent(item)) }
        for (path, data) in state {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }
}

final class SessionBuildTests: XCTestCase {
    /// `gongkai serve` keeps a session: after a one-page edit, only that page's file is parsed and only
    /// its body rendered again, and the output equals a clean build.
    func testSessionReusesParsedFilesAndBodies() throws {
        let root = try temporaryDirectory(self)
        for item in ["content", "site.yaml", "disclosure.yaml"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        // Files written in the last two seconds are not kept (their time stamps could hide a second write).
        let old = Date().addingTimeInterval(-60)
        for path in FileManager.default.subpaths(atPath: root.path) ?? [] {
            try? FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: root.appendingPathComponent(path).path)
        }
        let today = Day(year: 2026, month: 11, day: 23)!
        // Built before serve starts: serve's first build still runs (it fills the session), though nothing changed.
        _ = try SiteBuilder.build(.init(site: root.path, today: today))
        let session = SiteBuilder.Session()
        let first = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
        XCTAssertEqual(first.filesReused, 0)
        let page = root.appendingPathComponent("content/villages/xinghua/news/2026-04-12-党员志愿服务队清理杏林垃圾.md")
        try (String(contentsOf: page, encoding: .utf8) + "\n补充一句。\n").write(to: page, atomically: true, encoding: .utf8)
        let second = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
        let pages = second.pagesByKind.values.reduce(0, +)
        XCTAssertGreaterThan(pages, 50)
        XCTAssertGreaterThanOrEqual(second.filesReused, pages - 1, "every file but the edited one comes from the session")
        XCTAssertEqual(second.bodiesReused, pages - 1, "every body but the edited one comes from the session")
        let clean = root.appendingPathComponent("clean")
        let full = try SiteBuilder.build(.init(site: root.path, output: clean.path, today: today, incremental: false))
        XCTAssertLessThan(second.groupsRendered * 5, full.groupsRendered, "only the pages that show the edited one are rendered")
        XCTAssertEqual(try snapshot(root.appendingPathComponent("public")), try snapshot(clean))
    }
}

extension SessionBuildTests {
    /// A session keeps the manifests it read and wrote, but a build without it (another `gongkai build`)
    /// may have replaced them since: the spare then holds another build than the session knows of. Here
    /// the spare holds the session's own build with page X edited, and the next build has X as it was
    /// before: only a spare manifest read again says that X must be written.
    func testSessionReadsManifestsAnotherBuildWrote() throws {
        let root = try temporaryDirectory(self)
        for item in ["content", "site.yaml", "disclosure.yaml"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        let today = Day(year: 2026, month: 11, day: 23)!
        let x = root.appendingPathComponent("content/villages/xinghua/news/2026-04-12-党员志愿服务队清理杏林垃圾.md")
        let y = root.appendingPathComponent("content/county/news/2026-11-16-白鹭镇开展三务公开专项检查.md")
        let original = try String(contentsOf: x, encoding: .utf8)
        func append(_ text: String, to url: URL) throws {
            try (String(contentsOf: url, encoding: .utf8) + "\n\(text)\n").write(to: url, atomically: true, encoding: .utf8)
        }
        let session = SiteBuilder.Session()
        _ = try SiteBuilder.build(.init(site: root.path, today: today))
        try append("改动一。", to: x)
        _ = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
        try append("改动二。", to: y)
        _ = try SiteBuilder.build(.init(site: root.path, today: today))
        try original.write(to: x, atomically: true, encoding: .utf8)
        _ = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
        let clean = root.appendingPathComponent("clean")
        _ = try SiteBuilder.build(.init(site: root.path, output: clean.path, today: today, incremental: false))
        XCTAssertEqual(try snapshot(root.appendingPathComponent("public")), try snapshot(clean))
    }
}

final class OutputManifestTests: XCTestCase {
    /// A manifest read back knows its groups' order (its file's, by their ids' bytes), and the next one
    /// of the same groups is written in it without sorting: the same bytes as sorting gives. Another
    /// set of groups (as many, or a file out of order or with an id twice) is sorted.
    func testWrittenOrderIsKeptOnlyForTheSameGroups() throws {
        let folder = try temporaryDirectory(self)
        let (path, sorted) = (folder.appendingPathComponent("m").path, folder.appendingPathComponent("s").path)
        func group(_ key: UInt64) -> OutputMemo.Group { OutputMemo.Group(key: key, files: []) }
        var groups: [OutputID: OutputMemo.Group] = [:]
        for n in 0..<300 { groups[.item("villages/v\(n % 7)/news/第\(n)篇.html")] = group(UInt64(n)) }
        for n in 0..<20 { groups[.list(folder: "tags/t\(n)", number: n % 3)] = group(UInt64(n)) }
        groups[.home] = group(1)
        groups[.gallery(ownerFolder: nil)] = group(2)
        let manifest = OutputManifest(identity: "i", groups: groups, copies: [])
        manifest.write(to: path)
        let read = try XCTUnwrap(OutputManifest.read(path))
        XCTAssertEqual(read.order.ids.count, groups.count)
        XCTAssertEqual(read.order.ids.map(\.text), inByteOrder(groups.keys.map(\.text), key: { $0 }))
        func assertWritesSorted(_ manifest: OutputManifest, _ message: String) throws {
            manifest.write(to: path)
            OutputManifest(identity: manifest.identity, groups: manifest.groups, copies: []).write(to: sorted)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), try Data(contentsOf: URL(fileURLWithPath: sorted)), message)
        }
        var next = OutputManifest(identity: "i", groups: groups, copies: [], order: read.order)
        try assertWritesSorted(next, "the same groups")
        next.groups[.item("villages/v1/news/第1篇.html")] = nil
        next.groups[.item("villages/v0/news/新的.html")] = group(9)
        try assertWritesSorted(next, "as many groups, one other")
        next.groups[.county] = group(3)
        try assertWritesSorted(next, "one more")
        // Made out of order, an order is none.
        var reversed = ByteOrderedIDs()
        for id in read.order.ids.reversed() { reversed.append(id, text: id.text) }
        XCTAssertEqual(reversed.ids, [])
        var twice = ByteOrderedIDs()
        for id in [read.order.ids[0], read.order.ids[1], read.order.ids[1]] { twice.append(id, text: id.text) }
        XCTAssertEqual(twice.ids, [])

        // A file whose groups are out of order, or one listed twice, gives no order.
        let lines = try String(contentsOfFile: sorted, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let groupLines = lines.indices.filter { lines[$0].hasPrefix("G\t") }
        var swapped = lines
        swapped.swapAt(groupLines[3], groupLines[4])
        try swapped.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try XCTUnwrap(OutputManifest.read(path)).order.ids, [])
        var doubledLines = lines
        doubledLines.insert(lines[groupLines[5]], at: groupLines[5] + 1)
        try doubledLines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let doubled = try XCTUnwrap(OutputManifest.read(path))
        XCTAssertEqual(doubled.order.ids, [])
        XCTAssertEqual(inByteOrder(doubled.groups, known: doubled.order).map(\.key.text), inByteOrder(doubled.groups.keys.map(\.text), key: { $0 }))
    }

    func testManifestRoundTripsAndRefusesDamage() throws {
        let folder = try temporaryDirectory(self)
        let path = folder.appendingPathComponent("m").path
        let manifest = OutputManifest(
            identity: "27:361465:1795441929.252094671",
            groups: [
                .item("villages/xinghua/news/a.html"): OutputMemo.Group(
                    key: 0xFFFF_FFFF_FFFF_FFFF,
                    files: [
                        OutputMemo.Entry(path: "villages/xinghua/news/a.html", stamp: FileStamp(hash: 0, size: 0))
                    ]),
                .archive(ownerFolder: "county"): OutputMemo.Group(
                    key: 1,
                    files: [
                        OutputMemo.Entry(path: "county/archive/index.html", stamp: FileStamp(hash: 0xABC, size: 12)),
                        OutputMemo.Entry(path: "county/archive/2026.html", stamp: FileStamp(hash: 0x1234_5678_9ABC_DEF0, size: 99_999)),
                    ]),
                .list(folder: "tags/普法:1", number: 12): OutputMemo.Group(key: 7, files: []),
                .gallery(ownerFolder: nil): OutputMemo.Group(key: 8, files: []),
            ], copies: [OutputMemo.Entry(path: "files/说明 1.txt", stamp: FileStamp(hash: 5, size: 3))])
        XCTAssertTrue(manifest.write(to: path), "reads back as written")
        let read = try XCTUnwrap(OutputManifest.read(path))
        XCTAssertEqual(read.identity, manifest.identity)
        XCTAssertEqual(read.groups, manifest.groups)
        XCTAssertEqual(read.copies, manifest.copies)
        XCTAssertEqual(read.files.count, 4)
        // The spare's files, read without the groups: the same.
        XCTAssertEqual(OutputManifest.readFiles(path)?.dictionary, read.files.dictionary)

        // Any damage makes the manifest unknown (the build then renders and writes everything).
        let good = try String(contentsOfFile: path, encoding: .utf8)
        for damaged in [
            good.replacingOccurrences(of: "gongkai-output-manifest 2", with: "gongkai-output-manifest 1"),
            good.replacingOccurrences(of: "G\tarchive:", with: "G\tarchiv:"),
            good.replacingOccurrences(of: "\t99999", with: "\t9x"),
            good.replacingOccurrences(of: "abc", with: "abg"),
            good.replacingOccurrences(of: "G\t", with: "Q\t"),
            "F\tx\t1\t1\n" + good, "",
        ] {
            try damaged.write(toFile: path, atomically: true, encoding: .utf8)
            XCTAssertNil(OutputManifest.read(path), damaged.prefix(60) + "…")
            XCTAssertNil(OutputManifest.readFiles(path), damaged.prefix(60) + "…")
        }
        // A file listed twice: what the folder holds is not known (it is written whole).
        try (good + "C\tcounty/archive/index.html\t1\t1\n").write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertNotNil(OutputManifest.read(path))
        XCTAssertNil(OutputManifest.readFiles(path))

        // A tab or line break in any text of it (a file under static/ may have one): `write` says the
        // file does not read back as the manifest, and serve's session does not keep it as written.
        var copy = manifest
        copy.copies.append(OutputMemo.Entry(path: "files/a\tb.txt", stamp: FileStamp(hash: 1, size: 1)))
        XCTAssertFalse(copy.write(to: path))
        copy = manifest
        copy.groups[.item("villages/xinghua/news/b\n.html")] = OutputMemo.Group(key: 2, files: [])
        XCTAssertFalse(copy.write(to: path))
        copy = manifest
        copy.groups[.archive(ownerFolder: "county")]?.files.append(OutputMemo.Entry(path: "county/a\nb.html", stamp: FileStamp(hash: 1, size: 1)))
        XCTAssertFalse(copy.write(to: path))
        copy = manifest
        copy.identity += "\n"
        XCTAssertFalse(copy.write(to: path))
        let cache = ManifestCache()
        cache.keep(copy, at: path, readsBack: copy.write(to: path))
        XCTAssertEqual(cache.read(path)?.manifest.identity, manifest.identity, "read back from the file, not kept as written")
        copy = manifest
        copy.copies.append(OutputMemo.Entry(path: "files/a\tb.txt", stamp: FileStamp(hash: 1, size: 1)))
        cache.keep(copy, at: path, readsBack: copy.write(to: path))
        XCTAssertNil(cache.read(path), "read back from the file, which is not a manifest")
        cache.keep(manifest, at: path, readsBack: manifest.write(to: path))
        XCTAssertEqual(cache.read(path)?.manifest.groups, manifest.groups)
    }
}

/// Pages are written into the staging folder (a fresh one, or the spare) while they are rendered; a
/// build that fails after that must still leave the output as it was, and later builds must be right.
final class StreamedOutputTests: XCTestCase {
    func makeSite() throws -> URL {
        let root = try temporaryDirectory(self)
        try writeTwelveNewsSite(under: root)
        return root
    }

    func assertEqualsClean(_ root: URL, _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let clean = try temporaryDirectory(self).appendingPathComponent("public")
        _ = try SiteBuilder.build(.init(site: root.path, output: clean.path, incremental: false))
        XCTAssertEqual(try snapshot(root.appendingPathComponent("public")), try snapshot(clean), message, file: file, line: line)
    }

    /// `gongkai build` reads the manifests beside the build (the spare's until the first page is
    /// written): a body edit then writes only what differs from the spare, never every file, and the
    /// output is a clean build's.
    func testBodyEditsWriteOnlyWhatDiffersFromTheSpare() throws {
        let root = try makeSite()
        var summaries: [SiteBuilder.Summary] = []
        for n in 0..<5 {
            if n > 0 {
                try writeFiles(["content/villages/xinghua/news/p3.md": "---\ntitle: 第3篇\ndate: 2026-01-04\n---\n正文三，第\(n)次修改\n"], under: root)
            }
            summaries.append(try SiteBuilder.build(.init(site: root.path)))
            try assertEqualsClean(root, "after edit \(n)")
        }
        // From the third build on, the spare holds a build of two edits ago.
        for summary in summaries.dropFirst(2) {
            XCTAssertLessThan(summary.filesChanged, summary.filesWritten / 2, "only what differs from the spare is written")
            XCTAssertGreaterThan(summary.filesChanged, 0)
        }
    }

    func testFailedBuildsAfterPagesWereWrittenLeaveOutputAndLaterBuildsRight() throws {
        for (useSession, strict) in [(false, false), (true, false), (false, true)] {
            let root = try makeSite()
            let session = useSession ? SiteBuilder.Session() : nil
            // Two builds: the output and the spare both hold a build.
            _ = try SiteBuilder.build(.init(site: root.path, strict: strict), session: session)
            try writeFiles(["content/villages/xinghua/news/p1.md": "---\ntitle: 第1篇（改）\ndate: 2026-01-02\n---\n正文一\n"], under: root)
            _ = try SiteBuilder.build(.init(site: root.path, strict: strict), session: session)
            let before = try snapshot(root.appendingPathComponent("public"))

            // Edited pages are rendered (and written early); then a page's address clashes with a list page.
            try writeFiles(
                [
                    "content/villages/xinghua/news/p2.md": "---\ntitle: 第2篇（改）\ndate: 2026-01-03\n---\n正文二\n",
                    "content/villages/xinghua/notices/clash.md": "---\ntitle: 重名\ndate: 2026-02-01\nslug: index\n---\n正文\n",
                ], under: root)
            XCTAssertThrowsError(try SiteBuilder.build(.init(site: root.path, strict: strict), session: session))
            XCTAssertEqual(try snapshot(root.appendingPathComponent("public")), before, "a failed build leaves the output as it was")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".public.tmp") }
            XCTAssertEqual(leftovers, [], "a failed build's staging folder is removed")

            try FileManager.default.removeItem(at: root.appendingPathComponent("content/villages/xinghua/notices/clash.md"))
            _ = try SiteBuilder.build(.init(site: root.path, strict: strict), session: session)
            try assertEqualsClean(root, "after the failed build (session: \(useSession), strict: \(strict))")
            try writeFiles(["content/villages/xinghua/news/p3.md": "---\ntitle: 第3篇（改）\ndate: 2026-01-04\n---\n正文三\n"], under: root)
            _ = try SiteBuilder.build(.init(site: root.path, strict: strict), session: session)
            try assertEqualsClean(root, "two builds after the failed one (session: \(useSession), strict: \(strict))")
        }
    }

    /// A content page where the portal puts a yearly archive keeps its place: the archive page, left out
    /// with a warning, must not be written early over it.
    func testContentPageKeepsItsPlaceOverAYearlyArchive() throws {
        let root = try makeSite()
        try writeFiles(["content/villages/xinghua/archive/2026.md": "---\ntitle: 二〇二六年大事记\ndate: 2026-03-01\nkind: article\n---\n正文\n"], under: root)
        let summary = try SiteBuilder.build(.init(site: root.path))
        XCTAssertTrue(summary.diagnostics.contains { $0.zh.contains("与内容页重名") }, "the clash is reported")
        let page = try String(contentsOf: root.appendingPathComponent("public/villages/xinghua/archive/2026.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<h1>二〇二六年大事记</h1>"), "the content page is kept")
        try assertEqualsClean(root, "the clash, built incrementally")
    }

    /// A file of the previous build stands where a folder is needed now: the page cannot be written
    /// early, and is written once the file is gone.
    func testFileWhereAFolderIsNeededNow() throws {
        let root = try makeSite()
        try writeFiles(["static/villages/xinghua/notices": "not a folder\n"], under: root)
        _ = try SiteBuilder.build(.init(site: root.path))
        try writeFiles(["content/villages/xinghua/news/p1.md": "---\ntitle: 第1篇（改）\ndate: 2026-01-02\n---\n正文一\n"], under: root)
        _ = try SiteBuilder.build(.init(site: root.path))
        try FileManager.default.removeItem(at: root.appendingPathComponent("static/villages"))
        try writeFiles(["content/villages/xinghua/notices/n1.md": "---\ntitle: 通知\ndate: 2026-01-05\n---\n正文四\n"], under: root)
        _ = try SiteBuilder.build(.init(site: root.path))
        try assertEqualsClean(root, "the notices folder replaces the file")
        var isFolder: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("public/villages/xinghua/notices").path, isDirectory: &isFolder))
        XCTAssertTrue(isFolder.boolValue)
    }
}
