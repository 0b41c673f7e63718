import Foundation
import GongkaiContent
import GongkaiTestSupport
import XCTest
@testable import GongkaiSite

/// The early cutoff of a session (`PlanCutoff`): while the site's structure is unchanged, outputs whose
/// own page is unchanged keep their keys without being planned. Every kept output is planned anyway
/// here (`PlanCutoff.verifier`) and its key compared with the kept one, and the output is compared
/// with a clean build's byte for byte.
final class PlanCutoffTests: XCTestCase {
    /// The ids of outputs the cutoff kept although planning them gives another key.
    final class Mismatches: @unchecked Sendable {
        private let lock = NSLock()
        private var ids: [String] = []
        func add(_ id: String) { lock.withLock { ids.append(id) } }
        var all: [String] { lock.withLock { ids } }
    }

    var mismatches = Mismatches()

    override func setUp() {
        mismatches = Mismatches()
        let mismatches = self.mismatches
        PlanCutoff.verifier = { mismatches.add($0) }
    }

    override func tearDown() {
        PlanCutoff.verifier = nil
    }

    func exampleSite() throws -> URL {
        let root = try temporaryDirectory(self)
        for item in ["content", "site.yaml", "disclosure.yaml"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        return root
    }

    func assertEqualsClean(_ root: URL, today: Day, _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let clean = root.appendingPathComponent("clean")
        try? FileManager.default.removeItem(at: clean)
        _ = try SiteBuilder.build(.init(site: root.path, output: clean.path, today: today, incremental: false))
        let (mine, theirs) = (try snapshot(root.appendingPathComponent("public")), try snapshot(clean))
        XCTAssertEqual(mine.keys.sorted(), theirs.keys.sorted(), message, file: file, line: line)
        for (path, data) in theirs where mine[path] != data {
            XCTFail("\(message): \(path) differs from a clean build", file: file, line: line)
        }
    }

    /// A body-only edit keeps every other item page, print view, list, archive and gallery without
    /// planning it; the edited page is made again and shows the new text.
    func testBodyOnlyEditKeepsTheRestWithoutPlanning() throws {
        let root = try exampleSite()
        let today = Day(year: 2026, month: 11, day: 23)!
        let session = SiteBuilder.Session()
        let editor = SiteEditor(root: root, generator: SeededGenerator(seed: 18))
        let page = "content/" + editor.pages().first { $0.hasPrefix("villages/") && $0.contains("/lectures/") }!
        _ = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
        // A village renamed: its pages' files are unchanged, their entries (owner) are not.
        let village = page.split(separator: "/").prefix(3).joined(separator: "/") + "/_village.md"
        try editor.write(village, editor.setting("name", "改了名的村", in: try editor.read(village)))
        _ = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
        XCTAssertEqual(mismatches.all, [])
        try assertEqualsClean(root, today: today, "after a village was renamed")
        // A summary of its own: appending to the body leaves its entry in the lists as it was.
        try editor.write(page, editor.setting("summary", "固定摘要", in: try editor.read(page)))
        _ = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
        // The structure changed with that edit: nothing was kept.
        XCTAssertEqual(session.cutoff!.keptCount, 0)

        try editor.write(page, try editor.read(page) + "\n本页补充的一句话。\n")
        let summary = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
        XCTAssertEqual(mismatches.all, [])
        let items = try snapshot(root.appendingPathComponent("public")).keys.filter { !$0.hasPrefix("print/") && $0.contains("/lectures/") }
        XCTAssertGreaterThan(session.cutoff!.keptCount, items.count, "most outputs were kept without planning")
        XCTAssertLessThanOrEqual(summary.groupsRendered, 2, "the page (and its search page) only: \(summary.groupsRendered)")
        let shown = try snapshot(root.appendingPathComponent("public")).filter { String(decoding: $0.value, as: UTF8.self).contains("本页补充的一句话") }
        XCTAssertTrue(shown.keys.contains { $0.contains("/lectures/") && $0.hasSuffix(".html") }, "the page shows the new text: \(shown.keys.sorted())")
        try assertEqualsClean(root, today: today, "after a body-only edit")
    }

    /// A body-only edit of a regulation's older version changes the newer version's 版本沿革 (what
    /// changed since it): the newer page's stamp holds the text it is compared with
    /// (`RegulationHistory.stamp`), so it is made again.
    func testEditOfAnOlderRegulationRemakesTheNewerOne() throws {
        let root = try exampleSite()
        let today = Day(year: 2026, month: 11, day: 23)!
        let session = SiteBuilder.Session()
        let editor = SiteEditor(root: root, generator: SeededGenerator(seed: 20))
        let older = "content/villages/xinghua/regulations/2023版村规民约.md"
        _ = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
        try editor.write(older, try editor.read(older) + "\n旧版里后来补上的一条。\n")
        _ = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
        XCTAssertGreaterThan(session.cutoff!.keptCount, 0, "the rest was kept")
        XCTAssertEqual(mismatches.all, [])
        try assertEqualsClean(root, today: today, "after the older version's text changed")
    }

    /// Later builds of a session keep each item's stamp while what it is made from is unchanged
    /// (`ItemsRecord.inputs`) and each 版本沿革 stamp while its texts are the same bytes
    /// (`RegulationHistory.StampMemo`): edits of either version of a regulation, one after another and
    /// between body edits of another page (kept by place), each make the pages that show them again.
    func testRegulationEditsOneAfterAnotherRemakeWhatShowsThem() throws {
        let root = try exampleSite()
        let today = Day(year: 2026, month: 11, day: 23)!
        let session = SiteBuilder.Session()
        let editor = SiteEditor(root: root, generator: SeededGenerator(seed: 22))
        let older = "content/villages/xinghua/regulations/2023版村规民约.md"
        let newer = "content/villages/xinghua/regulations/2026版村规民约.md"
        let lecture = "content/" + editor.pages().first { $0.hasPrefix("villages/") && $0.contains("/lectures/") }!
        _ = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
        for (n, path) in [lecture, older, lecture, older, newer, lecture, newer, older].enumerated() {
            try editor.write(path, try editor.read(path) + "\n第\(n + 1)次补上的一句。\n")
            _ = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
            XCTAssertGreaterThan(session.cutoff!.keptByPlace, 0, "edit \(n + 1) of \(path): kept by place")
            XCTAssertEqual(mismatches.all, [], "edit \(n + 1) of \(path)")
            try assertEqualsClean(root, today: today, "after edit \(n + 1) of \(path)")
        }
    }

    /// The output's checks (clashes with pages the site makes, names a host cannot hold) are kept
    /// while what they read is unchanged (`PlanCutoff.check`): after a body-only edit, and after edits
    /// that add a page on a list's own address and a page named as a device (and a body-only edit
    /// after them, which keeps both findings), a session build finds what a clean build finds.
    func testOutputChecksFindWhatACleanBuildFinds() throws {
        let root = try exampleSite()
        let today = Day(year: 2026, month: 11, day: 23)!
        let session = SiteBuilder.Session()
        let editor = SiteEditor(root: root, generator: SeededGenerator(seed: 19))
        let notices = "content/villages/liushu/notices/"
        let source = notices + "2026-05-12-民法典宣传月提示.md"
        func found(_ options: SiteBuilder.Options, session: SiteBuilder.Session?) -> [Diagnostic] {
            do { return try SiteBuilder.build(options, session: session).diagnostics.sorted() } catch let error as DiagnosticError {
                return error.diagnostics.sorted()
            } catch {
                XCTFail("\(error)")
                return []
            }
        }
        func assertFindsAsClean(_ message: String) -> [Diagnostic] {
            let mine = found(.init(site: root.path, today: today), session: session)
            let clean = root.appendingPathComponent("clean")
            try? FileManager.default.removeItem(at: clean)
            XCTAssertEqual(mine, found(.init(site: root.path, output: clean.path, today: today, incremental: false), session: nil), message)
            XCTAssertEqual(mismatches.all, [], message)
            return mine
        }
        _ = assertFindsAsClean("first build")
        try editor.write(source, try editor.read(source) + "\n补充的一句话。\n")
        _ = assertFindsAsClean("a body-only edit")
        try editor.write(notices + "clash.md", editor.setting("slug", "index", in: try editor.read(source)))
        XCTAssertTrue(assertFindsAsClean("a page on the list's address").contains { $0.file.hasSuffix("clash.md") }, "the clash is reported")
        try editor.write(notices + "aux.md", try editor.read(source))
        XCTAssertTrue(assertFindsAsClean("a page named as a device").contains { $0.en.contains("aux") }, "the name is reported")
        try editor.write(source, try editor.read(source) + "\n再补充的一句话。\n")
        XCTAssertTrue(assertFindsAsClean("a body-only edit after it").contains { $0.en.contains("aux") }, "the name is still reported")
    }

    /// Outputs put in the last build's order by moving them (`PlanCutoff.permute`) are in the order a
    /// copy by index gives.
    /// What the cutoff keeps of each page by its place (`PlanCutoff.placed`) is what a cutoff that never
    /// saw the site makes: after an edit (same path, another file), a page added in front (every place
    /// shifts), a page removed, and from the plan's state (which keeps places only, not values by path).
    func testPagesByPlaceEqualPagesMadeAfresh() throws {
        let content = ContentLoader.load(site: repositoryRoot.path)
        let pages = content.pages
        XCTAssertGreaterThan(pages.count, 3)
        func fresh(_ pages: [Page]) -> [String] { PlanCutoff().placed(pages).map(describe) }
        func describe(_ place: PlanCutoff.Placed) -> String { "\(place.path) \(place.source) \(place.meta) \(place.pathHash)" }
        var edited = pages
        edited[1].title += "（改）"
        edited[1].sourceHash &+= 1
        var added = pages[2]
        added.sourcePath = "content/added.md"
        added.sourceHash &+= 7
        let sequence: [(String, [Page])] = [
            ("first", pages), ("unchanged", pages), ("edited", edited), ("added in front", [added] + edited),
            ("removed", Array(edited.dropFirst(2))), ("back", pages),
        ]
        let cutoff = PlanCutoff()
        var restored = PlanCutoff()
        for (name, pages) in sequence {
            XCTAssertEqual(cutoff.placed(pages).map(describe), fresh(pages), name)
            XCTAssertEqual(restored.placed(pages).map(describe), fresh(pages), name + ", restored")
            var out = BinaryWriter()
            restored.write(to: &out)
            restored = try out.bytes.withUnsafeBytes { all in
                var reader = BinaryReader(all)
                return try PlanCutoff.read(from: &reader)
            }
        }
    }

    func testPermutingOutputsEqualsCopyingThemInOrder() {
        var generator = SeededGenerator(seed: 22)
        for count in [0, 1, 2, 7, 100] {
            let files = (0..<count).map { OutputFile("page-\($0).html", "第\($0)页") }
            let order = Array(0..<count).shuffled(using: &generator)
            var moved = files
            PlanCutoff.permute(&moved, by: order)
            XCTAssertEqual(moved.map(\.path), order.map { files[$0].path }, "\(count) files")
            XCTAssertEqual(moved.map(\.bytes), order.map { files[$0].bytes }, "\(count) files")
        }
    }

    /// The fingerprint of output paths (`PathsFingerprint`) given back for the same paths is the one
    /// hashed afresh: for the very strings, for new strings of the same bytes, and not after one path
    /// changed, one was added or two swapped places (long paths, small ones and non-ASCII ones).
    func testPathsFingerprintEqualsAFreshHashOfThePaths() {
        func fresh(_ paths: [String]) -> UInt64 {
            var hash = StableHash()
            hash.add(paths.count)
            for path in paths { hash.add(path) }
            return hash.value
        }
        let memo = PathsFingerprint()
        var paths = (0..<50).map { $0 % 3 == 0 ? "p\($0).html" : "villages/v\($0)/lectures/第\($0)篇宣讲/index.html" }
        func check(_ step: String) {
            XCTAssertEqual(memo.of(paths.map { OutputFile($0, "x") }), fresh(paths), step)
        }
        check("first")
        check("the same bytes again")
        let files = paths.map { OutputFile($0, "x") }
        XCTAssertEqual(memo.of(files), fresh(paths), "new strings")
        XCTAssertEqual(memo.of(files), fresh(paths), "the very strings")
        paths[7] = "villages/v7/lectures/第7篇宣讲/index.htm"
        check("a path changed")
        paths[3] = "p4.html"
        check("a small path changed")
        paths.swapAt(10, 11)
        check("two swapped")
        paths.append("search/data/0.json")
        check("one added")
        paths.removeFirst()
        check("one removed")
    }

    /// Serve keeps item pages and print views by place from its last build's record
    /// (`PlanCutoff.ItemsRecord`), and writes into the spare by place. A record holds for one structure
    /// and one saved output only: between body edits (kept by place), a title edit, a page added and
    /// one deleted, a date and a tag changed (pages move in their lists), a build that failed after
    /// rendering and an output removed by hand, every build equals a clean one and keeps by place only
    /// after a body edit into the output the last build saved.
    func testPagesKeptByPlaceEqualCleanBuildsAcrossEditsThatMovePages() throws {
        let root = try exampleSite()
        let today = Day(year: 2026, month: 11, day: 23)!
        let session = SiteBuilder.Session()
        let editor = SiteEditor(root: root, generator: SeededGenerator(seed: 21))
        let lectures = editor.pages().filter { $0.hasPrefix("villages/") && $0.contains("/lectures/") }.map { "content/" + $0 }
        let (a, b) = (lectures[0], lectures[1])
        let added = RelativePath.directory(of: a) + "/2026-11-01-新加的一篇.md"
        var count = 0
        func edit(_ path: String, _ change: (String) -> String) throws { try editor.write(path, change(try editor.read(path))) }
        func appended(_ text: String) -> String {
            count += 1
            return text + "\n补充的第\(count)句话。\n"
        }
        func step(_ message: String, byPlace: Bool) throws {
            _ = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
            XCTAssertEqual(mismatches.all, [], message)
            if byPlace {
                XCTAssertGreaterThan(session.cutoff!.keptByPlace, 0, "\(message): kept by place")
            } else {
                XCTAssertEqual(session.cutoff!.keptByPlace, 0, "\(message): nothing kept by place")
            }
            try assertEqualsClean(root, today: today, message)
        }
        _ = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
        try edit(a, appended)
        try step("a body edit", byPlace: true)
        // The record, patched for the page made again, keeps that page now.
        try edit(b, appended)
        try step("a body edit of another page", byPlace: true)
        try edit(a, appended)
        try step("a body edit of the first page again", byPlace: true)
        try edit(b) { editor.setting("title", "改过的标题", in: $0) }
        try step("a title edit", byPlace: false)
        try edit(b, appended)
        try step("a body edit after the title edit", byPlace: true)
        try editor.write(added, editor.setting("date", "2026-11-01", in: try editor.read(a)))
        try step("a page added", byPlace: false)
        try edit(added, appended)
        try step("a body edit of the added page", byPlace: true)
        try FileManager.default.removeItem(at: root.appendingPathComponent(a))
        try step("a page deleted", byPlace: false)
        try edit(b) { editor.setting("date", "2019-03-04", in: $0) }
        try step("a date changed (the page moves to the end of its lists)", byPlace: false)
        try edit(added, appended)
        try step("a body edit after the date change", byPlace: true)
        try edit(b) { editor.setting("tags", "[新标签]", in: $0) }
        try step("a tag changed", byPlace: false)
        // A build that fails after its pages were rendered (a name no host can hold, with --strict):
        // what it made is not what the output holds.
        let aux = RelativePath.directory(of: b) + "/aux.md"
        try editor.write(aux, try editor.read(b))
        try edit(added, appended)
        XCTAssertThrowsError(try SiteBuilder.build(.init(site: root.path, today: today, strict: true), session: session))
        try FileManager.default.removeItem(at: root.appendingPathComponent(aux))
        try edit(added, appended)
        try step("a body edit after a failed build", byPlace: false)
        try edit(b, appended)
        try step("a body edit after that", byPlace: true)
        // The output removed by hand: the record describes an output that is gone.
        try FileManager.default.removeItem(at: root.appendingPathComponent("public"))
        try edit(b, appended)
        try step("a body edit after the output was removed", byPlace: false)
        try edit(added, appended)
        try step("a body edit after that", byPlace: true)
    }

    /// Random edits of every kind (text, titles, dates, tags, expiry, links, village names, settings,
    /// templates, pages added and deleted), built with one session: every output the cutoff keeps has
    /// the key planning gives it, and every build equals a clean one.
    func testKeptKeysEqualPlannedKeysAfterRandomEdits() throws {
        let root = try exampleSite()
        let today = Day(year: 2026, month: 11, day: 23)!
        var editor = SiteEditor(root: root, generator: SeededGenerator(seed: 18_20261202))
        let session = SiteBuilder.Session()
        _ = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
        var kept = 0
        for step in 0..<30 {
            let before = try editor.saveState()
            var done: [String] = []
            // Mostly body edits (the cutoff's case), with structural edits among them.
            for _ in 0..<Int.random(in: 1...2, using: &editor.generator) {
                let page = "content/" + editor.pick(editor.pages())
                switch Int.random(in: 0..<4, using: &editor.generator) {
                case 0:
                    try editor.write(page, try editor.read(page) + "\n正文补充（第\(step)步）。\n")
                    done.append("end of the text of \(page)")
                case 1:
                    // At the start of the body: a page without a summary of its own shows another one in lists.
                    let text = try editor.read(page)
                    guard let end = text.range(of: "\n---\n", range: text.index(after: text.startIndex)..<text.endIndex) else { continue }
                    try editor.write(page, text.replacingCharacters(in: end, with: "\n---\n开头新写的一段（第\(step)步）。\n\n"))
                    done.append("start of the text of \(page)")
                default:
                    done.append(try editor.randomEdit())
                }
            }
            do {
                _ = try SiteBuilder.build(.init(site: root.path, today: today), session: session)
            } catch {
                try editor.restore(before)
                continue
            }
            kept += session.cutoff!.keptCount
            XCTAssertEqual(mismatches.all, [], "step \(step): \(done)")
            try assertEqualsClean(root, today: today, "step \(step): \(done)")
        }
        XCTAssertGreaterThan(kept, 0, "the cutoff kept outputs (and they were checked)")
    }
}
