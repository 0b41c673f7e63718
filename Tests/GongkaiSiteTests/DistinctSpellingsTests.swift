import XCTest

@testable import GongkaiSite

/// The tags of every page, made distinct by their bytes (`DistinctSpellings`): the set of them is
/// the set of all the tags, with the same text kept for each (the first seen), as `Set<String>` gives.
final class DistinctSpellingsTests: XCTestCase {
    func testTheSetOfSpellingsIsTheSetOfTheTexts() {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        let texts = ["普法", "扫黑除恶", decomposed, "普法", "", composed, "扫黑除恶", "普法 ", decomposed, "Fa"] + (0..<500).map { "标签\($0 % 37)" }
        var spellings = DistinctSpellings()
        spellings.insert(contentsOf: texts)
        // Distinct bytes, first seen first.
        XCTAssertEqual(
            Array(spellings.texts.prefix(8)).map { Array($0.utf8) }, ["普法", "扫黑除恶", decomposed, "", composed, "普法 ", "Fa", "标签0"].map { Array($0.utf8) })
        XCTAssertEqual(spellings.texts.count, 7 + 37)
        let all = Set(texts), made = Set(spellings.texts)
        XCTAssertEqual(made, all)
        // The text kept for café is the one seen first (decomposed), in both.
        XCTAssertEqual(made.first { $0 == composed }.map { Array($0.utf8) }, all.first { $0 == composed }.map { Array($0.utf8) })
        XCTAssertEqual(made.first { $0 == composed }.map { Array($0.utf8) }, Array(decomposed.utf8))
    }
}
