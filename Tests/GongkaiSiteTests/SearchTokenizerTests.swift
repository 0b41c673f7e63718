import Foundation
import GongkaiTestSupport
import XCTest
import GongkaiContent
@testable import GongkaiSite

/// `SearchIndex.tokenize` reads U+4000–U+9FFF, most of a Chinese text, before its general checks.
final class SearchTokenizerTests: XCTestCase {
    /// The tokens of Chinese text, with the characters at the edges of U+4000–U+9FFF, the U+4DC0–U+4DFF
    /// it leaves to the general checks, traditional characters, full-width letters and words, are the
    /// ones read character by character with `fold` and `isHan`.
    func testCommonHanAreTokenisedAsByTheGeneralRules() {
        let edges = "\u{3FFF}\u{4000}\u{4DBF}\u{4DC0}\u{4DFF}\u{4E00}\u{9FFF}\u{A000}䷀憲法ＷｉＦｉ"
        var random = RandomText(seed: 9, pool: SearchIndexTests.filler + edges + "宪法 WiFi 2026 Café naïve 𠀋")
        for _ in 0..<50 {
            let text = random.text(300)
            XCTAssertEqual(SearchIndex.tokens(text), Self.tokens(text), text)
        }
    }

    /// The tokens of `text` read code point by code point.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var previous: UInt32 = 0
        var word = String.UnicodeScalarView()
        func endWord() {
            if !word.isEmpty { out.append(String(word)) }
            word = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            var c = SearchIndex.fold(scalar.value)
            if SearchIndex.isHan(c) {
                if c < 0x10000 { c = HanFold.table[Int(c)] }
                if previous != 0 { out.append(String(String.UnicodeScalarView([Unicode.Scalar(previous)!, Unicode.Scalar(c)!]))) }
                out.append(String(Unicode.Scalar(c)!))
                previous = c
                endWord()
            } else if SearchIndex.isWordCharacter(c) {
                previous = 0
                word.append(Unicode.Scalar(c)!)
            } else {
                previous = 0
                endWord()
            }
        }
        endWord()
        return out
    }
}
