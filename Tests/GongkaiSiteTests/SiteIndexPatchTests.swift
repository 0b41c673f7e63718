import Foundation
import GongkaiContent
import GongkaiTestSupport
import XCTest

@testable import GongkaiSite

/// Serve's site index after a body edit (`SiteIndex.replacing`) equals one made afresh from the new
/// content: every list holds the edited page with its new body, for each page of the example site in
/// turn (county pages shown in villages, regulations that supersede and are superseded among them).
final class SiteIndexPatchTests: XCTestCase {
    func assertSame(_ a: SiteIndex, _ b: SiteIndex, _ what: String) {
        XCTAssertEqual(a.pagesBySource, b.pagesBySource, what)
        XCTAssertEqual(a.pagesByKind, b.pagesByKind, what)
        XCTAssertEqual(a.pagesByVillage, b.pagesByVillage, what)
        XCTAssertEqual(a.countyPages, b.countyPages, what)
        XCTAssertEqual(a.regulations, b.regulations, what)
        XCTAssertEqual(a.supersededBy, b.supersededBy, what)
        XCTAssertEqual(a.content.pages, b.content.pages, what)
    }

    func testPatchedIndexEqualsAFreshOne() throws {
        let content = ContentLoader.load(site: repositoryRoot.path)
        let index = SiteIndex(content)
        XCTAssertFalse(index.supersededBy.isEmpty, "the example site has superseded regulations")
        for n in content.pages.indices {
            var edited = content
            var page = edited.pages[n]
            page.body += "\n改过的正文。\n"
            page.sourceHash &+= 1
            edited.pages[n] = page
            assertSame(index.replacing([n], of: edited), SiteIndex(edited), content.pages[n].sourcePath)
        }
    }
}
