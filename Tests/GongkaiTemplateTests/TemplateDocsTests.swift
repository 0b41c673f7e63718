import Foundation
import XCTest

/// docs/templates.md lists the data each built-in template receives; site authors copy a built-in
/// template and change it, so every name the built-in theme uses must be in that list.
final class TemplateDocsTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testEveryNameTheThemeUsesIsDocumented() throws {
        let docs = try String(contentsOf: Self.root.appendingPathComponent("docs/templates.md"), encoding: .utf8)
        let folder = Self.root.appendingPathComponent("templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }.sorted()
        XCTAssertEqual(files.count, 16)
        // Variables and sections: `{{name}}`, `{{{name}}}`, `{{&name}}`, `{{#name}}`, `{{^name}}`.
        let tag = try NSRegularExpression(pattern: #"\{\{\{?[#^&]?\s*([A-Za-z0-9_.?*-]+)\s*\}?\}\}"#)
        var missing: [String] = []
        for file in files {
            let name = String(file.dropLast(".mustache".count))
            XCTAssertTrue(docs.contains("`\(name)`"), "docs/templates.md does not name the template \(name)")
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in tag.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let raw = (text as NSString).substring(with: match.range(at: 1))
                for part in raw.split(separator: ".") where !docs.contains("`\(part)`") && !docs.contains(".\(part)`") {
                    missing.append("\(file): \(raw)")
                }
            }
        }
        XCTAssertEqual(missing, [], "names the built-in theme uses that docs/templates.md does not list")
    }

    func testEveryDeviationHasATest() throws {
        let docs = try String(contentsOf: Self.root.appendingPathComponent("docs/templates.md"), encoding: .utf8)
        let section = try XCTUnwrap(docs.components(separatedBy: "## 与 Mustache 规范的不同").last)
        let numbered = section.split(separator: "\n").filter { line in
            guard let dot = line.firstIndex(of: ".") else { return false }
            return !line[..<dot].isEmpty && line[..<dot].allSatisfy(\.isNumber)
        }
        let tests = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("DeviationTests.swift"),
            encoding: .utf8)
        XCTAssertGreaterThan(numbered.count, 0)
        for n in 1...numbered.count {
            XCTAssertTrue(tests.contains(String(format: "func test%02d", n)), "deviation \(n) has no DeviationTests.test\(n)")
        }
    }
}
