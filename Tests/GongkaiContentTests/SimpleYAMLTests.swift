import Foundation
import XCTest
import Yams
@testable import GongkaiContent

/// Both readers of YAML give the same `YAMLValue` — texts, styles, lines — for every input the quick
/// one takes, and the quick one leaves the rest to Yams.
final class SimpleYAMLTests: XCTestCase {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Reads `text` both ways and requires equal values; true when SimpleYAML took it.
    @discardableResult
    func checkAgreement(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        guard let quick = SimpleYAML.read(text) else { return false }
        do {
            guard let full = try YAMLYams.read(text) else {
                XCTFail("\(name): Yams found no document in \(text.debugDescription)", file: file, line: line)
                return true
            }
            XCTAssertEqual(quick, full, "\(name) \(text.debugDescription)", file: file, line: line)
        } catch {
            XCTFail("\(name): Yams refused what SimpleYAML took: \(error)\n\(text.debugDescription)", file: file, line: line)
        }
        return true
    }

    func testAgreesOnEveryFixtureAndTheExampleSite() throws {
        var taken = 0
        var files = 0
        for folder in ["Tests/Fixtures", "content"] {
            let root = Self.repositoryRoot.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["md", "yaml", "yml"].contains(url.pathExtension) {
                guard let bytes = try? Data(contentsOf: url), case .success(let text) = SourceText.decode(Array(bytes), file: url.path) else { continue }
                files += 1
                var texts = [text]
                if case .success(let front) = FrontMatter.split(text, file: url.path) { texts.append(front.yaml) }
                for yaml in texts where checkAgreement(yaml, url.path) { taken += 1 }
            }
        }
        for file in ["site.yaml", "disclosure.yaml"] {
            let text = try String(contentsOf: Self.repositoryRoot.appendingPathComponent(file), encoding: .utf8)
            checkAgreement(text, file)
        }
        XCTAssertGreaterThan(files, 300)
        XCTAssertGreaterThan(taken, 150, "most front matter is simple")
    }

    func testAgreesOnFuzzedFrontMatter() {
        let keys = ["title", "date", "tags", "a", "x-y", "k_1", "Title", "1", "-x", "? x", "", " title", "title ", "&a title", "#c", "中文"]
        let separators = [": ", ":  ", ":", ": \t", " : ", "::", ":\t"]
        let pieces = [
            "宪法", "a", "1", " ", "  ", "-", "- ", "#", " #", ":", ": ", "[", "]", "{", "}", ",", ", ", "\"", "'", "\\", "\\n", "&", "*", "!",
            "|", ">", "%", "@", "`", "?", "~", "null", "yes", "2026-11-08", "12:30", "\t", "\u{85}", "\u{2028}", "\u{FEFF}", "\u{3000}",
            "“", "”", "é", "e\u{301}", "\u{301}", "👍🏽", "\u{7F}", "\u{1}", "\u{A0}", "\u{FFFD}", "\u{E000}", "·", "x", "《法》",
        ]
        var seed: UInt64 = 2026
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % bound
        }
        func text(_ count: Int) -> String { (0..<count).map { _ in pieces[next(pieces.count)] }.joined() }
        func value() -> String {
            switch next(6) {
            case 0: return "\"" + text(next(5)) + "\"" + (next(4) == 0 ? text(1) : "")
            case 1:
                return "["
                    + (0..<next(4)).map { _ in next(2) == 0 ? text(1 + next(2)) : "\"" + text(next(3)) + "\"" }.joined(separator: next(3) == 0 ? "," : ", ")
                    + "]" + (next(5) == 0 ? text(1) : "")
            case 2: return text(1)
            default: return text(1 + next(6))
            }
        }
        var taken = 0
        var takenOdd = 0
        for round in 0..<60_000 {
            var lines: [String] = []
            let count = 1 + next(5)
            let odd = next(count)
            for line in 0..<count {
                // Mostly well-formed lines, so that many inputs are taken.
                let key = round % 4 == 0 ? keys[next(keys.count)] : ["title", "date", "tags", "law", "summary"][next(5)] + (next(3) == 0 ? "\(next(9))" : "")
                let separator = round % 5 == 0 ? separators[next(separators.count)] : ": "
                lines.append(key + separator + (round % 3 == 0 && line == odd ? value() : ["宪法宣传周", "2026-11-08", "[普法, 宪法]", "\"通知：放假\"", "A b c"][next(5)]))
            }
            var yaml = lines.joined(separator: "\n")
            if next(4) == 0 { yaml += "\n" }
            if checkAgreement(yaml, "round \(round)") {
                taken += 1
                if round % 3 == 0 { takenOdd += 1 }
            }
        }
        XCTAssertGreaterThan(taken, 5_000)
        XCTAssertGreaterThan(takenOdd, 2_000, "odd values taken too")
    }

    func testLongLinesAndManyLinesAreTakenAlike() throws {
        // No limit on a line's length or the number of lines: lines are counted, not looked up.
        XCTAssertTrue(checkAgreement("title: " + String(repeating: "字", count: 3000) + "\ntags: [" + String(repeating: "长", count: 400) + "]", "long"))
        let many = (1...1500).map { "k\($0): v\($0)" }.joined(separator: "\n")
        XCTAssertTrue(checkAgreement(many, "many"))
        let last = try XCTUnwrap(SimpleYAML.read(many)?.mapping?.entries.last)
        XCTAssertEqual(last.line, 1500)
        XCTAssertEqual(last.value, .scalar(.init("v1500", style: .plain, line: 1500)))
        XCTAssertNil(SimpleYAML.read("title: a\ntitle: b"), "duplicates: Yams reports them")
        XCTAssertNil(SimpleYAML.read(""))
    }

    /// The values and lines of a typical page, as both readers give them.
    func testValuesAndLinesOfAPage() throws {
        let text = "title: 宪法宣传周\ndate: 2026-11-08\ntags: [普法, \"宪法 宣传\"]\nsummary: \"通知：放假\"\n"
        let expected = YAMLValue.mapping(
            .init(
                [
                    .init(key: "title", line: 1, value: .scalar(.init("宪法宣传周", style: .plain, line: 1))),
                    .init(key: "date", line: 2, value: .scalar(.init("2026-11-08", style: .plain, line: 2))),
                    .init(
                        key: "tags", line: 3,
                        value: .sequence(
                            .init(
                                [
                                    .scalar(.init("普法", style: .plain, line: 3)),
                                    .scalar(.init("宪法 宣传", style: .doubleQuoted, line: 3)),
                                ], line: 3))),
                    .init(key: "summary", line: 4, value: .scalar(.init("通知：放假", style: .doubleQuoted, line: 4))),
                ], line: 1))
        XCTAssertEqual(SimpleYAML.read(text), expected)
        XCTAssertEqual(try YAMLYams.read(text), expected)
        // What only Yams reads: a comment, a block list, a nested mapping; its lines are the text's.
        let complex = "# 说明\ntitle: 标题\nhonors:\n  - 一\n  - '二'\nfooter:\n  phone: 0000-0000000\n"
        XCTAssertNil(SimpleYAML.read(complex))
        let value = try XCTUnwrap(try YAMLYams.read(complex))
        XCTAssertEqual(value.mapping?.entries.map(\.key), ["title", "honors", "footer"])
        XCTAssertEqual(value.mapping?.entries.map(\.line), [2, 3, 6])
        XCTAssertEqual(
            value.mapping?.entries[1].value,
            .sequence(
                .init(
                    [
                        .scalar(.init("一", style: .plain, line: 4)),
                        .scalar(.init("二", style: .singleQuoted, line: 5)),
                    ], line: 4)))
        XCTAssertEqual(value.mapping?.entries[2].value.mapping?.entries.first?.line, 7)
    }

    /// Aliases of aliases (10⁹ items if expanded) are copied once each and shared.
    func testAliasesAreSharedNotExpanded() throws {
        var yaml = "l0: &l0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]\n"
        for level in 1...9 {
            yaml += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let value = try XCTUnwrap(try YAMLYams.read(yaml + "tags: *l9\n"))
        let entries = try XCTUnwrap(value.mapping?.entries)
        XCTAssertEqual(entries.last?.key, "tags")
        XCTAssertEqual(entries.last?.value.line, 10, "an alias has the line of the node it names")
        XCTAssertEqual(entries.last?.value.sequence?.first?.sequence?.count, 10)
        // Lists at one place, one inside the other, are not taken for aliases of each other.
        let nested = try XCTUnwrap(try YAMLYams.read("a: [{}: 1, {b: 1}: 2, [[]]: 3]"))
        XCTAssertEqual(nested.mapping?.entries.first?.value.sequence?.count, 3)
        let pairs = try XCTUnwrap(nested.mapping?.entries.first?.value.sequence)
        XCTAssertEqual(pairs[0].mapping?.entries.first?.value.scalar?.text, "1")
        XCTAssertEqual(pairs[1].mapping?.entries.first?.value.scalar?.text, "2")
        XCTAssertEqual(pairs[2].mapping?.entries.first?.value.scalar?.text, "3")
    }

    /// `isNull`, `bool`, `int` and `float` read a scalar as Yams's own readings of its node did, on
    /// texts of every shape those readings look at (signs, prefixes, `_`, base 60, words), in every style.
    func testScalarReadingsAgreeWithYams() {
        let pieces = [
            "0", "1", "7", "9", "12", "0x", "0b", "0o", "0", "x", "b", "o", "_", "-", "+", ":", ".", "e", "E", "1e3", "f", "F",
            "inf", ".inf", ".Inf", "nan", ".NaN", "yes", "No", "on", "OFF", "true", "False", "y", "~", "null", "Null", "NULL",
            " ", ",", "５", "٣", "¹", "一", "是", "é", "e\u{301}", ":\u{301}", "\u{FEFF}",
        ]
        var seed: UInt64 = 17
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % bound
        }
        var texts = [
            "", "~", "null", "0", "-0", "+0", "010", "09", "0x1F", "-0x1F", "0x-5", "+0b101", "0o17", "1_000", "1:30", "-1:30:00",
            "190:20:30", "1:-5", "1:", ":1", "1.5", "1e5", "-.inf", ".nan", "inf", "Infinity", "0x1p3", "45,000", "yes", "On",
        ]
        for _ in 0..<6_000 {
            var text = ""
            for _ in 0..<(1 + next(4)) { text += pieces[next(pieces.count)] }
            // Yams's base-60 reading overflows (a crash) on long numbers; keep them short.
            if text.count <= 10 && text.filter({ $0 == ":" }).count <= 3 { texts.append(text) }
        }
        let styles: [(Node.Scalar.Style, YAMLValue.Style)] = [
            (.plain, .plain), (.singleQuoted, .singleQuoted), (.doubleQuoted, .doubleQuoted),
            (.literal, .literal), (.folded, .folded),
        ]
        for text in texts {
            for (yamsStyle, style) in styles {
                for tag in [Tag.Name.implicit, .str, "!x"] {
                    let node = Node.scalar(.init(text, Tag(tag), yamsStyle))
                    let value = YAMLValue.scalar(.init(text, style: style, isText: tag == .str, line: 1))
                    let context = "\(text.debugDescription) \(style) \(tag.rawValue)"
                    XCTAssertEqual(value.isNull, node.null != nil, context)
                    XCTAssertEqual(value.bool, node.bool, context)
                    XCTAssertEqual(value.int, node.int, context)
                    XCTAssertEqual(value.float?.isNaN, node.float?.isNaN, context)
                    if let float = value.float, !float.isNaN { XCTAssertEqual(float, node.float, context) }
                }
            }
        }
    }

    /// Where Yams's reading of a number overflowed and stopped the program, the value is no number.
    func testHugeBaseSixtyIsNoNumber() {
        XCTAssertNil(YAMLValue.scalar(.init("1:0:0:0:0:0:0:0:0:0:0:0", style: .plain, line: 1)).int)
        XCTAssertNil(YAMLValue.scalar(.init("9223372036854775807:0", style: .plain, line: 1)).int)
        // Eleven digits of base 60 fit (Yams's reading overflowed here too, on a unit it did not need).
        XCTAssertEqual(YAMLValue.scalar(.init("1:0:0:0:0:0:0:0:0:0:5", style: .plain, line: 1)).int, 604_661_760_000_000_005)
        XCTAssertEqual(YAMLValue.scalar(.init("1:30", style: .plain, line: 1)).int, 90)
    }
}
