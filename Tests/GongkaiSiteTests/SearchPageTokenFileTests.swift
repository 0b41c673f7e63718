import Foundation
import GongkaiTestSupport
import XCTest
import GongkaiContent
@testable import GongkaiSite

/// The page tokens a full build keeps (`PageTokenWriter`), written as a block is tokenised.
final class SearchPageTokenFileTests: XCTestCase {
    /// Written page by page from the block's table (each Han token's small form made once, for all its
    /// entries), the file is the one written token by token from each page's own tokens
    /// (`PageTokenList`), with and without characters outside U+3400–U+9FFF.
    func testTokensRecordedWhileTokenisingAreEachPagesTokens() {
        var random = RandomText(seed: 3, pool: SearchIndexTests.filler + "宪法普法低保治理乡风文明，。 WiFi 2026 Café")
        let documents = (0..<40).map { n in
            let page = Page(
                sourcePath: "content/villages/a/news/\(n).md", kind: .article, owner: .village("a"), section: "news",
                slug: "\(n)", title: random.text(10), date: PageDate(day: Day(year: 2026, month: 1, day: 1)!))
            let body = random.text(100 + random.next(800)) + (n % 7 == 3 ? "𠀋村𠀋" : "")
            return SearchIndex.Document(page: page, summary: random.text(20), plainText: body)
        }
        var recorded = SearchIndex.PageTokenWriter()
        _ = SearchIndex.Block(documents, pages: documents.indices, recording: &recorded)
        var byPage = SearchIndex.PageTokenWriter()
        for document in documents { byPage.add(SearchIndex.PageTokenList(document), key: BuildKeys.key(of: document.page)) }
        XCTAssertEqual(recorded.pages, documents.count)
        XCTAssertTrue(recorded.bytes == byPage.bytes)
    }
}
