import Foundation
import GongkaiTestSupport
import XCTest
import GongkaiContent
@testable import GongkaiSite

/// `HanTable`, the block-wide table of Han tokens a block is tokenised into: each page's tokens, each
/// once with its highest place, numbered for the whole block.
final class SearchHanTableTests: XCTestCase {
    /// Pages of real text (one starting at page 0, others far on), read into one table that starts
    /// small: it grows while a page is read, and every page's tokens must still be the ones `tokens`
    /// finds, in order (pairs and rare characters, then common characters, each as first met), with
    /// the highest place, and one number a token for the whole block.
    func testPagesGiveTheirTokensOnceWithHighestPlaceAndOneNumberForTheBlock() {
        var random = RandomText(seed: 11, pool: "村规民约宪法低保党建普法治理文明乡风家风孝老爱亲见义勇为诚实守信，。 WiFi 2026 𠀋村 憲法")
        let pages: [(number: Int, title: String, summary: String, body: String)] = [
            (0, "杏花村宪法宣传周", "宪法日", SearchIndexTests.filler + random.text(300)),
            (1, random.text(8), "", random.text(2_000)),
            (2, "", "", ""),
            (70_000, "芦篙村普法", random.text(20), random.text(600) + "𠀋𠀋村"),
            (70_001, "宪法", "宪法", "宪法"),
        ]
        var table = SearchIndex.PageTokens(capacity: 1)
        defer { table.release() }
        var numbers: [UInt64: Int32] = [:]
        for page in pages {
            table.startPage(page.number)
            table.add(page.title, place: SearchIndex.Place.title)
            table.add(page.summary, place: SearchIndex.Place.summary)
            table.add(page.body, place: SearchIndex.Place.body)
            // What the page should give: each Han token once, with its highest place.
            var expected: [(key: UInt64, place: UInt8)] = []
            var at: [UInt64: Int] = [:]
            for (text, place) in [(page.title, 2), (page.summary, 1), (page.body, 0)] {
                for token in SearchIndex.tokens(text) {
                    let scalars = token.unicodeScalars.map(\.value)
                    guard SearchIndex.isHan(scalars[0]) else { continue }
                    let key = UInt64(scalars[0]) << 21 | (scalars.count > 1 ? UInt64(scalars[1]) : 0)
                    if let n = at[key] {
                        expected[n].place = max(expected[n].place, UInt8(place))
                    } else {
                        at[key] = expected.count
                        expected.append((key, UInt8(place)))
                    }
                }
            }
            let common = { (key: UInt64) in key & 0x1F_FFFF == 0 && key >> 21 >= 0x3400 && key >> 21 < 0xA000 }
            expected = expected.filter { !common($0.key) } + expected.filter { common($0.key) }
            var given: [(key: UInt64, place: UInt8)] = []
            table.forEachHan { number, place in
                let key = table.han.keys[Int(number)]
                XCTAssertEqual(numbers[key] ?? number, number, "one number a token")
                numbers[key] = number
                given.append((key, place))
            }
            XCTAssertEqual(given.count, expected.count, "page \(page.number)")
            XCTAssertTrue(given.map(\.key) == expected.map(\.key), "page \(page.number): tokens")
            XCTAssertTrue(given.map(\.place) == expected.map(\.place), "page \(page.number): places")
        }
        // Numbered in the order first met, every one in use.
        XCTAssertEqual(numbers.count, table.han.count)
        XCTAssertEqual(Set(numbers.values), Set(0..<Int32(table.han.count)))
        XCTAssertGreaterThan(table.han.slots.count, 128, "the table grew")
    }
}
