import XCTest

@testable import GongkaiSite

/// Output ids are compared and hashed by case and by their texts' bytes (`OutputID.==`, `hash(into:)`):
/// equal ids hash alike, ids of other cases or other bytes differ, and a dictionary by id finds each.
final class OutputIDHashTests: XCTestCase {
    private let paths = ["villages/v1/news/a.html", "村务/公开.html", "", "a", "tags/普法:1"]

    private var ids: [OutputID] {
        paths.flatMap { path -> [OutputID] in
            [
                .item(path), .print(path), .phoneQR(path), .village(path), .archive(ownerFolder: path), .gallery(ownerFolder: path),
                .list(folder: path, number: 1), .list(folder: path, number: 2),
            ]
        } + [.gallery(ownerFolder: nil), .villages, .county, .home, .disclosure, .theme, .tagIndex, .search, .feeds, .ungrouped]
    }

    func testEqualIdsHashAlikeAndOthersDiffer() {
        let ids = ids
        for (n, a) in ids.enumerated() {
            for (m, b) in ids.enumerated() { XCTAssertEqual(a == b, n == m, "\(a) \(b)") }
            // The same id made again from its text (other storage) is equal and hashes alike.
            let again = OutputID(text: a.text)
            XCTAssertEqual(again, a)
            XCTAssertEqual(again?.hashValue, a.hashValue)
        }
        var byID: [OutputID: Int] = [:]
        for (n, id) in ids.enumerated() { byID[id] = n }
        XCTAssertEqual(byID.count, ids.count)
        for (n, id) in ids.enumerated() { XCTAssertEqual(byID[OutputID(text: id.text)!], n) }
    }

    func testTwoSpellingsOfOneTextAreTwoIds() {
        // Composed and decomposed: two file names on Linux, two outputs.
        let composed = OutputID.item("caf\u{E9}.html"), decomposed = OutputID.item("cafe\u{301}.html")
        XCTAssertNotEqual(composed, decomposed)
        XCTAssertEqual(Set([composed, decomposed, .item("caf\u{E9}.html")]).count, 2)
    }
}
