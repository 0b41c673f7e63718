import Foundation
import XCTest
import Yams
@testable import GongkaiContent

/// The quick reading of simple front matter gives exactly the nodes Yams gives — strings, styles, tags,
/// marks — for every input it takes, and leaves the rest to Yams.
final class SimpleYAMLTests: XCTestCase {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Compares what SimpleYAML makes of `text` with what Yams makes; true when SimpleYAML took it.
    @discardableResult
    func checkAgreement(_ text: String, _ name: String) -> Bool {
        let constructor = YAMLFields.constructor
        guard let quick = SimpleYAML.compose(text, resolver: .basic, constructor: constructor) else { return false }
        do {
            guard let full = try Yams.compose(yaml: text, .basic, constructor, .utf8) else {
                XCTFail("\(name): Yams found no document in \(text.debugDescription)")
                return true
            }
            assertSame(quick, full, "\(name) \(text.debugDescription)")
        } catch {
            XCTFail("\(name): Yams refused what SimpleYAML took: \(error)\n\(text.debugDescription)")
        }
        return true
    }

    func assertSame(_ a: Node, _ b: Node, _ context: String) {
        XCTAssertEqual(a.mark?.line, b.mark?.line, context)
        XCTAssertEqual(a.mark?.column, b.mark?.column, context)
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            XCTAssertEqual(x.string, y.string, context)
            XCTAssertEqual(x.style, y.style, context)
            XCTAssertEqual(x.tag.description, y.tag.description, context)
            XCTAssertNil(x.anchor, context)
            XCTAssertNil(y.anchor, context)
        case (.mapping(let x), .mapping(let y)):
            XCTAssertEqual(x.style, y.style, context)
            XCTAssertEqual(x.tag.description, y.tag.description, context)
            XCTAssertEqual(x.count, y.count, context)
            for ((keyA, valueA), (keyB, valueB)) in zip(x, y) {
                assertSame(keyA, keyB, context)
                assertSame(valueA, valueB, context)
            }
        case (.sequence(let x), .sequence(let y)):
            XCTAssertEqual(x.style, y.style, context)
            XCTAssertEqual(x.tag.description, y.tag.description, context)
            XCTAssertEqual(x.count, y.count, context)
            for (itemA, itemB) in zip(x, y) { assertSame(itemA, itemB, context) }
        default:
            XCTFail("different kinds of node: \(a) / \(b) — \(context)")
        }
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
        let pieces = ["宪法", "a", "1", " ", "  ", "-", "- ", "#", " #", ":", ": ", "[", "]", "{", "}", ",", ", ", "\"", "'", "\\", "\\n", "&", "*", "!",
                      "|", ">", "%", "@", "`", "?", "~", "null", "yes", "2026-11-08", "12:30", "\t", "\u{85}", "\u{2028}", "\u{FEFF}", "\u{3000}",
                      "“", "”", "é", "e\u{301}", "\u{301}", "👍🏽", "\u{7F}", "\u{1}", "\u{A0}", "\u{FFFD}", "\u{E000}", "·", "x", "《法》"]
        var seed: UInt64 = 2026
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % bound
        }
        func text(_ count: Int) -> String { (0..<count).map { _ in pieces[next(pieces.count)] }.joined() }
        func value() -> String {
            switch next(6) {
            case 0: return "\"" + text(next(5)) + "\"" + (next(4) == 0 ? text(1) : "")
            case 1: return "[" + (0..<next(4)).map { _ in next(2) == 0 ? text(1 + next(2)) : "\"" + text(next(3)) + "\"" }.joined(separator: next(3) == 0 ? "," : ", ") + "]" + (next(5) == 0 ? text(1) : "")
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

    func testLongLinesAndManyLinesGoToYams() {
        XCTAssertNil(SimpleYAML.compose("title: " + String(repeating: "字", count: 300), resolver: .basic, constructor: YAMLFields.constructor))
        let many = (1...40).map { "k\($0): v\($0)" }.joined(separator: "\n")
        XCTAssertTrue(checkAgreement(many, "many"))
        XCTAssertNil(SimpleYAML.compose("title: a\ntitle: b", resolver: .basic, constructor: YAMLFields.constructor), "duplicates: Yams reports them")
        XCTAssertNil(SimpleYAML.compose("", resolver: .basic, constructor: YAMLFields.constructor))
    }
}
