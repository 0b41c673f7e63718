import GongkaiTestSupport
import XCTest

@testable import GongkaiSite

/// What the memo records of a build (`OutputMemo.groups`, saved as the next build's manifest) when most
/// outputs are kept many at once (`keepAll`, `keepBulk`) and a few one by one: the groups of exactly the
/// outputs this build kept or made, whichever way they were kept.
final class OutputMemoTests: XCTestCase {
    private func group(_ name: String, key: UInt64) -> OutputMemo.Group {
        OutputMemo.Group(key: key, files: [OutputMemo.Entry(path: name + ".html", stamp: FileStamp(hash: key &* 31, size: name.utf8.count))])
    }

    /// Four item pages a, b, c, d in the previous output, with keys 1…4.
    private func previous() -> [OutputID: OutputMemo.Group] {
        Dictionary(uniqueKeysWithValues: ["a", "b", "c", "d"].enumerated().map { (OutputID.item($1 + ".html"), group($1, key: UInt64($0 + 1))) })
    }

    func testEveryPreviousGroupKeptOrMadeAgainIsRecordedOnce() {
        let memo = OutputMemo(previous: previous())
        let kept = memo.keepAll([(.item("a.html"), 1), (.item("b.html"), 2), (.item("c.html"), 3)])
        XCTAssertEqual(kept.map { $0?.map(\.path) }, [["a.html"], ["b.html"], ["c.html"]])
        XCTAssertNotNil(memo.keep(.item("d.html"), key: 4))
        XCTAssertEqual(memo.groups, previous())
    }

    func testAGroupNotKeptAgainIsNotRecorded() {
        // d is gone (no page asks for it); c's key changed, so it is not kept.
        let memo = OutputMemo(previous: previous())
        let kept = memo.keepAll([(.item("a.html"), 1), (.item("b.html"), 2), (.item("c.html"), 30)])
        XCTAssertNil(kept[2])
        var expected = previous()
        expected[.item("c.html")] = nil
        expected[.item("d.html")] = nil
        XCTAssertEqual(memo.groups, expected)
    }

    func testAGroupMadeAndThenKeptInBulkIsRecordedOnce() {
        // Serve's record: c was made again (here: kept one by one), then all of a, b, c kept in bulk (its
        // made group wins); d is kept one by one after.
        let memo = OutputMemo(previous: previous())
        let all = previous()
        XCTAssertNotNil(memo.keep(.item("c.html"), key: 3))
        let ids: [OutputID] = [.item("a.html"), .item("b.html"), .item("c.html")]
        memo.keepBulk(ids: ids, groups: ids.map { all[$0]! }, made: [2])
        var expected = all
        expected[.item("d.html")] = nil
        XCTAssertEqual(memo.groups, expected)
        XCTAssertNil(memo.groupsAndChanges(whole: true).changed, "d was neither kept nor made")
        XCTAssertNotNil(memo.keep(.item("d.html"), key: 4))
        XCTAssertEqual(memo.groups, all)
        XCTAssertEqual(memo.groupsAndChanges(whole: true).changed, [], "every group as it was")
    }

    func testGroupsKeptInBulkAreFoundOneByOne() {
        let memo = OutputMemo(previous: previous())
        _ = memo.keepAll([(.item("a.html"), 1), (.item("b.html"), 2)])
        XCTAssertEqual(memo.group(.item("b.html")), previous()[.item("b.html")])
        XCTAssertNil(memo.group(.item("c.html")))
        _ = memo.keepAll([(.item("c.html"), 3)])
        XCTAssertEqual(memo.group(.item("c.html")), previous()[.item("c.html")])
    }
}

extension OutputMemoTests {
    /// The previous build's files made outside any group (its search index) are not this build's: they are
    /// recorded after it (`BuildContext.record`), whichever way the other groups were kept.
    func testThePreviousUngroupedFilesAreNotRecorded() {
        var withIndex = previous()
        withIndex[.ungrouped] = group("search/data/index", key: 0)
        let memo = OutputMemo(previous: withIndex)
        _ = memo.keepAll([(.item("a.html"), 1), (.item("b.html"), 2), (.item("c.html"), 3), (.item("d.html"), 4)])
        XCTAssertEqual(memo.groups, previous())
        let fewer = OutputMemo(previous: withIndex)
        _ = fewer.keepAll([(.item("a.html"), 1), (.item("b.html"), 2), (.item("c.html"), 3)])
        var expected = previous()
        expected[.item("d.html")] = nil
        XCTAssertEqual(fewer.groups, expected)
    }
}

extension OutputMemoTests {
    /// `gongkai build` after an edit saves its manifest from the groups it made or kept one by one, the
    /// others' lines copied from the previous manifest's file: the same bytes as the manifest of all the
    /// groups, whatever was kept in bulk, made, changed or gone.
    func testTheManifestOfAnEditBuildIsTheWholeOne() throws {
        let folder = try temporaryDirectory(self)
        let path = folder.appendingPathComponent("m").path, wholePath = folder.appendingPathComponent("whole").path
        let ids: [OutputID] =
            (0..<300).map { OutputID.item("villages/v\($0 % 7)/news/第\($0)篇.html") } + (0..<40).map { .list(folder: "tags/普法", number: $0) }
            + [.home, .search, .ungrouped]
        var random = SystemRandomNumberGenerator()
        for round in 0..<20 {
            var previous: [OutputID: OutputMemo.Group] = [:]
            for (n, id) in ids.enumerated() { previous[id] = group("\(n)", key: UInt64(n)) }
            OutputManifest(identity: "1", groups: previous, copies: []).write(to: path)
            let read = try XCTUnwrap(OutputManifest.read(path))
            let memo = OutputMemo(previous: Deferred { read }, reuse: true)
            XCTAssertNotNil(memo.patchSource)
            // The items: most kept in bulk; a few with another key, made again (in odd rounds: gone).
            let items = ids.filter { if case .item = $0 { true } else { false } }
            let remade = Set((0..<[0, 1, 5][round % 3]).map { _ in Int.random(in: 0..<items.count, using: &random) })
            let kept = memo.keepAll(items.enumerated().map { n, id in (id, remade.contains(n) ? 9999 : previous[id]!.key) })
            for n in remade.sorted() where round % 2 == 0 {
                XCTAssertNil(kept[n])
                _ = memo.outputs(items[n], key: 9999) { [OutputFile("new-\(n).html", "新的")] }
            }
            // The rest one by one: all kept as they were but one list, made anew in a round of three.
            for id in ids where !items.contains(id) && id != .ungrouped {
                if round % 3 == 1, id == .list(folder: "tags/普法", number: 7) { continue }
                XCTAssertNotNil(memo.keep(id, key: previous[id]!.key))
            }
            let (all, _) = memo.groupsAndChanges(whole: true)
            let (some, changed) = memo.groupsAndChanges(whole: false)
            var whole = OutputManifest(identity: "2", groups: all, copies: [], order: read.order)
            whole.groups[.ungrouped] = group("search", key: 0)
            whole.write(to: wholePath)
            var patched = OutputManifest(identity: "2", groups: some, copies: [], order: read.order)
            patched.groups[.ungrouped] = group("search", key: 0)
            if let changed {
                XCTAssertLessThan(some.count, all.count, "round \(round): the groups kept in bulk are left out")
                patched.source = memo.patchSource
                patched.changed = changed.contains(.ungrouped) ? changed : changed + [.ungrouped]
            } else {
                XCTAssertEqual(some.count, all.count, "round \(round)")
            }
            patched.write(to: path)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), try Data(contentsOf: URL(fileURLWithPath: wholePath)), "round \(round)")
        }
    }
}
