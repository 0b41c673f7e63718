import Foundation
import GongkaiTestSupport
import XCTest
import GongkaiContent
@testable import GongkaiSite

final class BuildBehaviourTests: XCTestCase {
    let base: [String: String] = [
        "site.yaml": "title: 测试门户\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n",
    ]

    func build(_ files: [String: String]) throws -> (URL, Result<SiteBuilder.Summary, Error>) {
        let root = try temporaryDirectory(self)
        try writeFiles(base.merging(files) { _, new in new }, under: root)
        let result = Result { try SiteBuilder.build(.init(site: root.path, today: Day(year: 2026, month: 11, day: 23)!)) }
        return (root, result)
    }

    func page(_ root: URL, _ path: String) throws -> String {
        String(decoding: try Data(contentsOf: root.appendingPathComponent("public/" + path)), as: UTF8.self)
    }

    func testTitlesAndFrontMatterValuesAreEscaped() throws {
        let (root, result) = try build([
            "content/villages/xinghua/lectures/x.md": """
            ---
            title: "<script>alert('t')</script>宣讲"
            date: 2026-01-01
            speaker: "<b onmouseover=alert(1)>某某</b>"
            tags: ["<i>标签</i>"]
            summary: "\\"><img src=x onerror=alert(2)>"
            ---
            正文
            """
        ])
        _ = try result.get()
        let html = try page(root, "villages/xinghua/lectures/x.html")
        XCTAssertFalse(html.contains("<script>alert"))
        XCTAssertFalse(html.contains("<b onmouseover"))
        XCTAssertFalse(html.contains("<i>标签</i>"))
        XCTAssertFalse(html.contains("<img src=x"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;宣讲") || html.contains("&lt;script&gt;"), html)
        let list = try page(root, "lectures/index.html")
        XCTAssertFalse(list.contains("<img src=x"))
    }

    func testRawHTMLAndJavascriptLinksAreNeutralised() throws {
        let (root, result) = try build([
            "content/villages/xinghua/news/x.md": """
            ---
            title: 新闻
            date: 2026-01-01
            ---
            <script>alert(1)</script>

            [点我](javascript:alert(1)) <img src=x onerror=alert(1)>

            ![图](data:text/html,xx)
            """
        ])
        let summary = try result.get()
        let html = try page(root, "villages/xinghua/news/x.html")
        XCTAssertFalse(html.contains("<script>alert"))
        XCTAssertFalse(html.contains("javascript:"))
        XCTAssertFalse(html.contains("onerror"))
        XCTAssertFalse(html.contains("data:text/html"))
        XCTAssertTrue(summary.diagnostics.contains { $0.file == "content/villages/xinghua/news/x.md" && $0.line == 5 })
    }

    func testTrustedSiteMayAllowRawHTML() throws {
        let (root, result) = try build([
            "site.yaml": "title: 测试门户\nmarkdown:\n  unsafe: true\n",
            "content/villages/xinghua/news/x.md": "---\ntitle: 新闻\ndate: 2026-01-01\n---\n<div class=\"map\">地图</div>\n",
        ])
        _ = try result.get()
        XCTAssertTrue(try page(root, "villages/xinghua/news/x.html").contains("<div class=\"map\">地图</div>"))
    }

    func testFailedBuildKeepsThePreviousOutput() throws {
        let (root, result) = try build(["content/villages/xinghua/news/x.md": "---\ntitle: 新闻\ndate: 2026-01-01\n---\n正文\n"])
        _ = try result.get()
        let before = try snapshot(root.appendingPathComponent("public"))
        try writeFiles(["content/villages/xinghua/news/y.md": "---\ntitle: 坏\ndate: 2026-13-01\n---\n"], under: root)
        XCTAssertThrowsError(try SiteBuilder.build(.init(site: root.path))) { error in
            let diagnostics = (error as? DiagnosticError)?.diagnostics ?? []
            XCTAssertEqual(diagnostics.first?.file, "content/villages/xinghua/news/y.md")
            XCTAssertEqual(diagnostics.first?.line, 3)
        }
        XCTAssertEqual(try snapshot(root.appendingPathComponent("public")), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".public") }
        XCTAssertEqual(leftovers, [])
    }

    /// The previous build is removed folder by folder in parallel: everything goes, and a symlink in it
    /// is removed, never followed.
    func testRemovingAnOldBuildRemovesLinksNotWhatTheyPointTo() throws {
        let folder = try temporaryDirectory(self)
        let keep = folder.appendingPathComponent("keep")
        try FileManager.default.createDirectory(at: keep, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: keep.appendingPathComponent("precious.txt"))
        let old = folder.appendingPathComponent("old")
        for n in 0..<40 {
            let sub = old.appendingPathComponent("a/\(n % 5)/b\(n)")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try Data("页面".utf8).write(to: sub.appendingPathComponent("页面 \(n).html"))
        }
        try FileManager.default.createDirectory(at: old.appendingPathComponent("empty/inner"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: old.appendingPathComponent("a/link"), withDestinationURL: keep)
        try FileManager.default.createSymbolicLink(at: old.appendingPathComponent("file-link"), withDestinationURL: keep.appendingPathComponent("precious.txt"))
        OutputWriter.removeTree(old.path)
        XCTAssertFalse(FileManager.default.fileExists(atPath: old.path))
        XCTAssertEqual(try String(contentsOf: keep.appendingPathComponent("precious.txt"), encoding: .utf8), "x")
        // A file, and a path that is not there.
        OutputWriter.removeTree(keep.appendingPathComponent("precious.txt").path)
        XCTAssertFalse(FileManager.default.fileExists(atPath: keep.appendingPathComponent("precious.txt").path))
        OutputWriter.removeTree(old.path)
    }

    func testRebuildReplacesOutputAndRemovesStalePages() throws {
        let (root, result) = try build(["content/villages/xinghua/news/old.md": "---\ntitle: 旧\ndate: 2026-01-01\n---\n"])
        _ = try result.get()
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/villages/xinghua/news/old.md"))
        try writeFiles(["content/villages/xinghua/news/new.md": "---\ntitle: 新\ndate: 2026-01-01\n---\n"], under: root)
        _ = try SiteBuilder.build(.init(site: root.path))
        let files = try snapshot(root.appendingPathComponent("public"))
        XCTAssertNil(files["villages/xinghua/news/old.html"])
        XCTAssertNotNil(files["villages/xinghua/news/new.html"])
    }

    func testSiteTemplatesOverrideTheBuiltInTheme() throws {
        let (root, result) = try build([
            "templates/page.mustache": "<!DOCTYPE html><title>{{item.title}}</title><p class=\"own\">{{item.title}}</p>",
            "content/villages/xinghua/news/x.md": "---\ntitle: 新闻\ndate: 2026-01-01\n---\n",
        ])
        _ = try result.get()
        XCTAssertTrue(try page(root, "villages/xinghua/news/x.html").contains("<p class=\"own\">新闻</p>"))
        XCTAssertTrue(try page(root, "index.html").contains("site-header"))
    }

    func testBrokenTemplateIsAnErrorWithItsLine() throws {
        let (_, result) = try build(["templates/page.mustache": "<p>\n{{#item}}{{title}}\n"])
        XCTAssertThrowsError(try result.get()) { error in
            let diagnostic = (error as? DiagnosticError)?.diagnostics.first
            XCTAssertEqual(diagnostic?.file, "templates/page.mustache")
            XCTAssertNotNil(diagnostic?.line)
        }
    }

    func testStaticFilesAndAttachmentsAreCopied() throws {
        let (root, result) = try build([
            "static/images/logo.txt": "logo",
            "content/villages/xinghua/news/files/通知.txt": "附件内容",
            "content/villages/xinghua/news/x.md": "---\ntitle: 新闻\ndate: 2026-01-01\nattachments: [files/通知.txt, /images/logo.txt]\n---\n[下载](files/通知.txt)\n",
        ])
        _ = try result.get()
        let files = try snapshot(root.appendingPathComponent("public"))
        XCTAssertEqual(files["images/logo.txt"], Data("logo".utf8))
        XCTAssertEqual(files["villages/xinghua/news/files/通知.txt"], Data("附件内容".utf8))
        let html = try page(root, "villages/xinghua/news/x.html")
        XCTAssertTrue(html.contains("href=\"files/通知.txt\""), html)
        XCTAssertTrue(html.contains("href=\"../../../images/logo.txt\""), html)
    }

    func testExpiredNoticesAndSupersededRegulationsAreLabelled() throws {
        let (root, result) = try build([
            "content/villages/xinghua/notices/x.md": "---\ntitle: 防溺水\ndate: 2026-06-01\nexpires: 2026-09-01\n---\n",
            "content/villages/xinghua/regulations/old.md": "---\ntitle: 旧版\ndate: 2023-01-01\n---\n",
            "content/villages/xinghua/regulations/new.md": "---\ntitle: 新版\ndate: 2026-01-01\nsupersedes: old\n---\n",
        ])
        _ = try result.get()
        XCTAssertTrue(try page(root, "villages/xinghua/notices/x.html").contains("已过期"))
        XCTAssertTrue(try page(root, "villages/xinghua/regulations/old.html").contains("已废止"))
        XCTAssertTrue(try page(root, "villages/xinghua/regulations/new.html").contains("现行有效"))
    }

    func testListsArePaginated() throws {
        var files = ["site.yaml": "title: 测试门户\npage-size: 2\n"]
        for n in 1...5 { files["content/villages/xinghua/news/n\(n).md"] = "---\ntitle: 新闻\(n)\ndate: 2026-01-0\(n)\n---\n" }
        let (root, result) = try build(files)
        _ = try result.get()
        let first = try page(root, "articles/index.html")
        XCTAssertTrue(first.contains("新闻5") && first.contains("新闻4") && !first.contains("新闻3"))
        XCTAssertTrue(first.contains("href=\"page-2.html\""))
        XCTAssertTrue(try page(root, "articles/page-3.html").contains("新闻1"))
    }
}
