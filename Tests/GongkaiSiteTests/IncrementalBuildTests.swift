import Foundation
import XCTest
import GongkaiContent
@testable import GongkaiSite

final class IncrementalBuildTests: XCTestCase {
    func makeSite() throws -> URL {
        let root = try makeTemporaryFolder(self)
        try writeSite([
            "site.yaml": "title: 测试门户\n",
            "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n",
            "content/villages/xinghua/news/a.md": "---\ntitle: 甲\ndate: 2026-01-01\n---\n正文\n",
        ], to: root)
        return root
    }

    func modificationTime(_ url: URL) throws -> Date {
        try XCTUnwrap(FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
    }

    func testUnchangedSiteIsNotRebuilt() throws {
        let root = try makeSite()
        let index = root.appendingPathComponent("public/index.html")
        let first = try SiteBuilder.build(.init(site: root.path))
        let written = try modificationTime(index)
        let second = try SiteBuilder.build(.init(site: root.path))
        XCTAssertEqual(try modificationTime(index), written, "a no-op build must not rewrite the output")
        XCTAssertEqual(second.pagesByKind, first.pagesByKind)
        XCTAssertEqual(second.diagnostics, first.diagnostics)
    }

    func testAnyChangeRebuilds() throws {
        let root = try makeSite()
        _ = try SiteBuilder.build(.init(site: root.path))
        try writeSite(["content/villages/xinghua/news/a.md": "---\ntitle: 甲（修改）\ndate: 2026-01-01\n---\n正文\n"], to: root)
        _ = try SiteBuilder.build(.init(site: root.path))
        let html = try String(contentsOf: root.appendingPathComponent("public/villages/xinghua/news/a.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("甲（修改）"))
        // A new template file counts too.
        try writeSite(["templates/notfound.mustache": "{{<layout}}{{$body}}<h1>找不到</h1>{{/body}}{{/layout}}"], to: root)
        _ = try SiteBuilder.build(.init(site: root.path))
        XCTAssertTrue(try String(contentsOf: root.appendingPathComponent("public/404.html"), encoding: .utf8).contains("找不到"))
    }

    func testHandEditedOutputIsRebuilt() throws {
        let root = try makeSite()
        _ = try SiteBuilder.build(.init(site: root.path))
        let public_ = root.appendingPathComponent("public")
        try FileManager.default.removeItem(at: public_.appendingPathComponent("index.html"))
        _ = try SiteBuilder.build(.init(site: root.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: public_.appendingPathComponent("index.html").path))
    }

    func testNoOpOutputEqualsCleanBuild() throws {
        let root = try makeSite()
        _ = try SiteBuilder.build(.init(site: root.path))
        _ = try SiteBuilder.build(.init(site: root.path))
        let clean = try makeTemporaryFolder(self).appendingPathComponent("public")
        _ = try SiteBuilder.build(.init(site: root.path, output: clean.path, incremental: false))
        XCTAssertEqual(try snapshot(root.appendingPathComponent("public")), try snapshot(clean))
    }
}
