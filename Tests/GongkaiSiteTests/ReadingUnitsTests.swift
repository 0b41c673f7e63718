import XCTest

@testable import GongkaiSite

/// `ChineseText.readingUnits`, which reads code points off a text's UTF-8 bytes, must count what the
/// scalar view counts.
final class ReadingUnitsTests: XCTestCase {
    /// Pieces of text: Chinese, ASCII words and digits, letters and digits of other scripts (1-, 2-, 3- and
    /// 4-byte UTF-8), marks, symbols, and the code points either side of U+2E80 (where CJK counting starts).
    static let pieces = [
        "村规民约", "第一条", "transparency", "2026", "Q3", " ", "\n", "，", "。", "café", "e\u{301}", "Ωμέγα", "Жизнь",
        "٣٤٥", "١٢", "©", "§", "\u{2E7F}", "\u{2E80}", "\u{2E81}", "⺀部首", "\u{2E7F}⺀", "０１２", "ｗｏｒｄ", "👍", "𠀀𠀁", "🇨🇳", "\u{3000}",
        "ひらがな", "한국어", "x", "_", "-", "\t", "ℕ", "Ⅻ", "½", "\u{0301}", "ß", "İ", "\u{FEFF}", "\u{10FFFF}",
    ]

    /// Texts of one piece, and of every two pieces (alone and around a space).
    static var texts: [String] {
        var texts = [""]
        for a in pieces {
            texts.append(a)
            for b in pieces {
                texts.append(a + b)
                texts.append(a + " " + b + a)
            }
        }
        return texts
    }

    func testReadingUnitsAgreeWithTheScalarView() {
        var counted = 0
        for text in Self.texts {
            let units = ChineseText.readingUnits(text)
            XCTAssertEqual(units, ChineseText.scalarReadingUnits(text), text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            counted += units
        }
        XCTAssertGreaterThan(counted, Self.texts.count)
        // Words count once, CJK characters each.
        XCTAssertEqual(ChineseText.readingUnits("村务公开 transparency 2026 café Ωμέγα"), 8)
        XCTAssertEqual(ChineseText.readingMinutes(String(repeating: "字", count: 401)), 2)
    }
}
