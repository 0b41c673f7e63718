import Foundation
import GongkaiContent
@testable import GongkaiDisclosure
import GongkaiTestSupport
import XCTest

/// A site written as real files into a fresh temporary folder, loaded with the real content loader.
///
/// Disclosure pages are written with a fixed layout so tests can name lines:
/// line 1 `---`, 2 `title:`, 3 `date:`, 4 `item:`, 5 `period:`, then any extra keys.
struct SiteFixture {
    static let itemLine = 4
    static let periodLine = 5

    var files: [String: String] = ["site.yaml": "title: 测试镇党建与法治宣传门户\n"]

    init(villages: [(id: String, type: String)] = [("xinghua", "village")]) {
        for village in villages { addVillage(village.id, type: village.type) }
    }

    mutating func addVillage(_ id: String, name: String? = nil, type: String = "village", extra: [String] = []) {
        let lines = ["---", "name: \(name ?? id + (type == "community" ? "社区" : "村"))", "type: \(type)"] + extra + ["---", "村情简介。"]
        files["content/villages/\(id)/_village.md"] = lines.joined(separator: "\n") + "\n"
    }

    /// Adds `content/villages/<village>/disclosures/<name>.md` and returns its path.
    @discardableResult
    mutating func disclose(
        _ village: String, _ name: String, item: String, period: String, date: String,
        extra: [String] = []
    ) -> String {
        let path = "content/villages/\(village)/disclosures/\(name).md"
        let lines = ["---", "title: \(name)", "date: \(date)", "item: \(item)", "period: \(period)"] + extra + ["---", "公开内容。"]
        files[path] = lines.joined(separator: "\n") + "\n"
        return path
    }

    mutating func rules(_ yaml: String) { files["disclosure.yaml"] = yaml }

    /// Writes the files and returns the site folder.
    func write(_ test: XCTestCase) throws -> String {
        let root = try temporaryDirectory(test)
        try writeFiles(files, under: root)
        return root.path
    }

    func load(_ test: XCTestCase, includeDrafts: Bool = false) throws -> SiteContent {
        ContentLoader.load(site: try write(test), options: ContentLoader.Options(includeDrafts: includeDrafts))
    }

    /// Loads and checks the site; fails the test when the content itself has errors.
    func check(
        _ test: XCTestCase, asOf: String, includeDrafts: Bool = false,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> Checked {
        let content = try load(test, includeDrafts: includeDrafts)
        XCTAssertFalse(
            content.diagnostics.hasErrors, "content errors: \(content.diagnostics.map { $0.formatted(.en) })",
            file: file, line: line)
        let (report, diagnostics) = DisclosureCheck.evaluate(content, asOf: try day(asOf))
        return Checked(content: content, report: report, diagnostics: diagnostics)
    }
}

struct Checked {
    var content: SiteContent
    var report: DisclosureReport
    var diagnostics: [Diagnostic]

    func result(_ village: String, _ rule: String, _ period: String? = nil) -> DisclosureResult? {
        report.results.first { $0.village == village && $0.rule == rule && $0.period == period }
    }

    func periods(_ village: String, _ rule: String) -> [String] {
        report.results.filter { $0.village == village && $0.rule == rule }.compactMap(\.period)
    }

    var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    var warnings: [Diagnostic] { diagnostics.filter { !$0.isError } }
}

struct BadDay: Error { let text: String }

func day(_ text: String) throws -> Day {
    guard let day = Day(iso: text) else { throw BadDay(text: text) }
    return day
}
