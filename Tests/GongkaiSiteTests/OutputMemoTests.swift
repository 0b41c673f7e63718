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

    func testAGroupKeptInBulkAndAgainOneByOneIsRecordedOnce() {
        // Serve's record keeps all four in bulk; c is then kept one by one too (its made group would win).
        let memo = OutputMemo(previous: previous())
        let all = previous()
        let ids: [OutputID] = [.item("a.html"), .item("b.html"), .item("c.html")]
        memo.keepBulk(ids: ids, groups: ids.map { all[$0]! })
        XCTAssertNotNil(memo.keep(.item("c.html"), key: 3))
        var expected = all
        expected[.item("d.html")] = nil
        XCTAssertEqual(memo.groups, expected)
        XCTAssertNotNil(memo.keep(.item("d.html"), key: 4))
        XCTAssertEqual(memo.groups, all)
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
