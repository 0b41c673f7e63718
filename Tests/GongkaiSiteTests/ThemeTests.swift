import Foundation
import GongkaiTestSupport
import XCTest
@testable import GongkaiSite

final class ThemeTests: XCTestCase {
    /// The binary carries templates/ in BuiltinTheme.swift; editing one without the other is a mistake.
    func testEmbeddedThemeMatchesTemplatesFolder() throws {
        let folder = repositoryRoot.appendingPathComponent("templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".mustache") || $0.hasSuffix(".css") || $0.hasSuffix(".js") }.sorted()
        XCTAssertEqual(names, BuiltinTheme.files.keys.sorted(), "run scripts/embed-theme")
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            XCTAssertEqual(text, BuiltinTheme.files[name], "\(name) differs from the embedded copy: run scripts/embed-theme")
        }
    }

    func testEveryTemplateTheBuildUsesIsEmbedded() {
        for name in Theme.templateNames {
            XCTAssertNotNil(BuiltinTheme.files["\(name).mustache"], name)
        }
    }
}
