import GongkaiTestSupport
import XCTest

@testable import GongkaiContent
@testable import GongkaiSite

/// Each fast path of the full build gives what the plain code it replaced gives (kept here as the
/// reference), on texts built from pieces that put every shortcut to the test: Chinese, ASCII, spaces of
/// three kinds, marks joined to a slash, colon or space, a prepended character, CR LF, compatibility
/// ideographs (equal to their unified twins as characters), characters that must be escaped.
final class FastPathTests: XCTestCase {
    static let pieces = [
        "村规民约", "第一条", "第十二条：", "第二章 总则", "a", "Q3", " ", "\u{3000}", "\t", "\n", "\r\n", "/", ":", "：", "/\u{301}",
        ":\u{301}", " \u{301}", "\u{3000}\u{301}", "\u{600}/", "\u{600}:", "e\u{301}", "豈", "\u{8C48}", "\u{F900}", "👍", "🇨🇳", "%",
        "\"", "\\", "<", "&", "'", "\u{2028}", "\u{2029}", "\u{7F}", "\u{1}", "\u{E2}", "⺀", "。", "，", "x.md", "..", "?", "#",
    ]

    /// Texts of one piece, of every two pieces, and 3,000 of 3 to 12 pieces drawn at random.
    static var texts: [String] { textsOfPieces(pieces, random: 3000, lengths: 3...12) }

    func testLinesAndTrimOfRegulations() {
        for text in Self.texts {
            XCTAssertEqual(RegulationHistory.lines(text), text.utf8.split(separator: 0x0A).map { Substring($0) }, text.debugDescription)
            let plain = Substring(text)
            var reference = plain
            while let c = reference.first, c == " " || c == "\u{3000}" || c == "\t" { reference = reference.dropFirst() }
            while let c = reference.last, c == " " || c == "\u{3000}" || c == "\t" { reference = reference.dropLast() }
            XCTAssertEqual(RegulationHistory.trim(plain), reference, text.debugDescription)
        }
    }

    func testCharacterEditsAreTheEditsOfTheCharacters() {
        let texts = Self.texts
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let a = Array(texts.randomElement(using: &generator)!), b = Array(texts.randomElement(using: &generator)!)
            let fast = RegulationHistory.characterEdits(from: a, to: b), slow = RegulationHistory.edits(from: a, to: b)
            XCTAssertEqual(fast.removed, slow.removed, "\(a) → \(b)")
            XCTAssertEqual(fast.inserted, slow.inserted, "\(a) → \(b)")
        }
        // A compatibility ideograph is the same character as its unified twin: no change.
        let same = RegulationHistory.characterEdits(from: Array("豈\u{F900}"), to: Array("\u{8C48}豈"))
        XCTAssertEqual(same.removed + same.inserted, [false, false, false, false])
    }

    func testUnitEditsAreTheEditsOfTheTexts() {
        // Lists of articles drawn from small pools (so that many are equal): pools of plain Chinese and
        // ASCII (numbered by their bytes) and pools with texts equal as characters but not as bytes.
        let plain = ["第一条 村民应当爱护公共设施。", "第二条 禁止乱倒垃圾。", "第二条 禁止乱倒垃圾", "第三条", "a", "é", ""]
        let mixed = plain + ["e\u{301}", "豈", "\u{F900}", "第一条 村民应当爱护公共设施。\u{301}"]
        var generator = SystemRandomNumberGenerator()
        for pool in [plain, mixed] {
            for _ in 0..<1500 {
                let a = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pool.randomElement(using: &generator)! }
                let b = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pool.randomElement(using: &generator)! }
                let fast = RegulationHistory.unitEdits(from: a, to: b), slow = RegulationHistory.edits(from: a, to: b)
                XCTAssertEqual(fast.removed, slow.removed, "\(a) → \(b)")
                XCTAssertEqual(fast.inserted, slow.inserted, "\(a) → \(b)")
            }
        }
        // A compatibility ideograph equals its unified twin as text: unchanged, though its bytes differ.
        let same = RegulationHistory.unitEdits(from: ["豈"], to: ["\u{F900}"])
        XCTAssertEqual(same.removed + same.inserted, [false, false])
    }

    /// What `RegulationHistory.edits` gave before it trimmed the equal ends: `difference(from:)` of the whole.
    static func differenceMarks<Element: Equatable>(from old: [Element], to new: [Element]) -> (removed: [Bool], inserted: [Bool]) {
        var removed = [Bool](repeating: false, count: old.count)
        var inserted = [Bool](repeating: false, count: new.count)
        for change in new.difference(from: old) {
            switch change {
            case .remove(let offset, _, _): removed[offset] = true
            case .insert(let offset, _, _): inserted[offset] = true
            }
        }
        return (removed, inserted)
    }

    func testEditsTakingShortcutsAreTheEditsOfTheWhole() {
        // Short sequences over one to four symbols: ties between equally short scripts are many, and equal
        // ends and sequences with no symbol in common are frequent.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20000 {
            let symbols = Int.random(in: 1...4, using: &generator)
            func sequence() -> [Int] { (0..<Int.random(in: 0...10, using: &generator)).map { _ in Int.random(in: 0..<symbols, using: &generator) } }
            let a = sequence()
            var b = Bool.random(using: &generator) ? sequence() : a
            if b == a && !b.isEmpty { b[Int.random(in: 0..<b.count, using: &generator)] = Int.random(in: 0..<symbols, using: &generator) }
            let fast = RegulationHistory.edits(from: a, to: b), slow = Self.differenceMarks(from: a, to: b)
            XCTAssertEqual(fast.removed, slow.removed, "\(a) → \(b)")
            XCTAssertEqual(fast.inserted, slow.inserted, "\(a) → \(b)")
        }
        // Texts as units (articles) and as characters.
        let texts = Self.texts
        for _ in 0..<500 {
            let a = (0..<Int.random(in: 0...6, using: &generator)).map { _ in texts.randomElement(using: &generator)! }
            var b = a
            for _ in 0..<Int.random(in: 0...2, using: &generator) {
                if !b.isEmpty && Bool.random(using: &generator) {
                    b.remove(at: Int.random(in: 0..<b.count, using: &generator))
                } else {
                    b.insert(texts.randomElement(using: &generator)!, at: Int.random(in: 0...b.count, using: &generator))
                }
            }
            let fast = RegulationHistory.edits(from: a, to: b), slow = Self.differenceMarks(from: a, to: b)
            XCTAssertEqual(fast.removed, slow.removed, "\(a) → \(b)")
            XCTAssertEqual(fast.inserted, slow.inserted, "\(a) → \(b)")
            let x = Array(a.joined()), y = Array(b.joined())
            let characters = RegulationHistory.characterEdits(from: x, to: y), plain = Self.differenceMarks(from: x, to: y)
            XCTAssertEqual(characters.removed, plain.removed, "\(x) → \(y)")
            XCTAssertEqual(characters.inserted, plain.inserted, "\(x) → \(y)")
        }
    }

    func testPeriodLabelsReadOffTheBytesAsBefore() {
        let parts = [
            "2026", "0999", "+202", "202", "20261", "-", "--", "10", "1", "01", "00", "12", "13", "99", "Q1", "q2", "Q3", "Q4", "Q5",
            "Q0", "H1", "h2", "H2", "H3", "QQ", "1Q", "+1", "-1", "１", "年", "05", "2026-10", " ", "x",
        ]
        var periods = Set(parts)
        for a in parts {
            for b in parts { periods.insert(a + b); periods.insert(a + "-" + b) }
        }
        for period in periods {
            XCTAssertEqual(PeriodLabel.chinese(period), PeriodLabel.readChinese(period), period)
        }
        XCTAssertEqual(PeriodLabel.plainChinese("2026-Q3"), "2026年第三季度")
        XCTAssertEqual(PeriodLabel.plainChinese("2026-07"), "2026年7月")
        XCTAssertEqual(PeriodLabel.plainChinese("2026"), "2026年度")
        XCTAssertNil(PeriodLabel.plainChinese("2026-13"))
    }

    /// `TemplateValue(_:)` as it was before lists of records and sorted pairs got their own way.
    static func referenceValue(_ any: Any) -> TemplateValue? {
        switch any {
        case let text as String: return .text(text)
        case let flag as Bool: return .flag(flag)
        case let number as Int: return .number(number)
        case let record as Record:
            var fields: [TemplateValue.Field] = []
            for key in record.values.keys.sorted() {
                guard let value = referenceValue(record.values[key]!) else { return nil }
                fields.append(TemplateValue.Field(key: key, value: value))
            }
            return .record(fields)
        case let list as [Any]:
            var values: [TemplateValue] = []
            for element in list {
                guard let value = referenceValue(element) else { return nil }
                values.append(value)
            }
            return .list(values)
        default:
            return nil
        }
    }

    func testTemplateValuesOfRecordsAsBefore() {
        var generator = SystemRandomNumberGenerator()
        let keys = ["title", "href", "b", "a", "版本", "A", "isCurrent", "number", "", "z"]
        let texts = Self.texts
        func value(_ depth: Int) -> Any {
            switch Int.random(in: 0..<(depth > 1 ? 4 : 8), using: &generator) {
            case 0: return texts.randomElement(using: &generator)!
            case 1: return Bool.random(using: &generator)
            case 2: return Int.random(in: -5...5, using: &generator)
            // Not template data (nil), or an optional text (the text: a cast unwraps it, an exact type test does not).
            case 3: return Bool.random(using: &generator) ? 1.5 : Optional(texts.randomElement(using: &generator)!) as Any
            case 4, 5: return record(depth + 1)
            case 6: return (0..<Int.random(in: 0...3, using: &generator)).map { _ in record(depth + 1) }
            default: return (0..<Int.random(in: 0...3, using: &generator)).map { _ in value(depth + 1) }
            }
        }
        func record(_ depth: Int) -> Record {
            var record = Record()
            for _ in 0..<Int.random(in: 0...5, using: &generator) { record[keys.randomElement(using: &generator)!] = value(depth) }
            return record
        }
        for _ in 0..<400 {
            let data = value(0)
            XCTAssertEqual(TemplateValue(data), Self.referenceValue(data))
        }
    }

    func testSlashAndColonFoundOnTheBytes() {
        for text in Self.texts {
            XCTAssertEqual(RelativePath.lastSlash(text), text.lastIndex(of: "/"), text.debugDescription)
            XCTAssertEqual(BodyRenderer.firstColon(text), text.firstIndex(of: ":"), text.debugDescription)
        }
    }

    func testRelativePathsAreEncodedAsBefore() {
        func reference(from: String, to: String) -> String {
            let f = Array(from.utf8), t = Array(to.utf8)
            var common = 0
            var i = 0
            while i < f.count, i < t.count, f[i] == t[i] {
                if f[i] == 0x2F { common = i + 1 }
                i += 1
            }
            let ups = f[common...].filter { $0 == 0x2F }.count
            let text = String(decoding: Array(repeating: Array("../".utf8), count: ups).joined() + t[common...], as: UTF8.self)
            guard text.utf8.contains(where: { Paths.mustEncode(UInt32($0)) }) else { return text }
            var out = ""
            for scalar in text.unicodeScalars {
                if Paths.mustEncode(scalar.value) {
                    out += "%" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        let names = [
            "index.html", "villages/v0001/index.html", "villages/v0001/lectures/2024 讲座.html", "tags/村规民约/index.html",
            "a/b/c/d.html", "search/?q=1.html", "x%y/z\"w.html", "villages/v0002/notices/a<b>.html", "print/villages/v0001/x.html",
        ]
        for from in names {
            for to in names {
                XCTAssertEqual(Paths.relative(from: from, to: to), reference(from: from, to: to), "\(from) → \(to)")
            }
        }
        for text in Self.texts {
            XCTAssertEqual(
                Paths.relative(from: "villages/v0001/index.html", to: "villages/" + text), reference(from: "villages/v0001/index.html", to: "villages/" + text))
        }
        // The masks that tell a byte to encode say what `mustEncode` says of it.
        for byte in 0...255 {
            XCTAssertEqual(Paths.mustEncode(byte: UInt8(byte)), Paths.mustEncode(UInt32(byte)), "\(byte)")
        }
    }

    func testJSONStringsAsBefore() {
        func reference(_ text: String, forScript: Bool) -> [UInt8] {
            let hex = Array("0123456789abcdef".utf8)
            var out: [UInt8] = [0x22]
            let bytes = Array(text.utf8)
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                switch b {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, 0x6E]
                case 0x0D: out += [0x5C, 0x72]
                case 0x09: out += [0x5C, 0x74]
                case 0x3C where forScript: out += Array("\\u003c".utf8)
                case 0..<0x20, 0x7F: out += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]]
                case 0xE2 where forScript && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    out += Array((bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    i += 2
                default: out.append(b)
                }
                i += 1
            }
            return out + [0x22]
        }
        for text in Self.texts {
            for forScript in [false, true] {
                var out: [UInt8] = [0x41]
                JSONText.append(text, forScript: forScript, to: &out)
                XCTAssertEqual(out, [0x41] + reference(text, forScript: forScript), text.debugDescription)
            }
        }
    }

    /// The page types' names, which keys are made with, are what `String(describing:)` gives.
    func testPageTypeNames() {
        XCTAssertEqual(PlannedOutput<ItemPage>.typeName, String(describing: ItemPage.self))
        XCTAssertEqual(PlannedOutput<PagedList>.typeName, "PagedList")
        XCTAssertEqual(PlannedOutput<PrintPage>.typeName, String(describing: PrintPage.self))
    }
}
