import Foundation
import GongkaiTestSupport
import XCTest
import GongkaiContent
@testable import GongkaiSite

/// Builds the bundled example site (the repository root) into a temporary folder and checks the portal.
final class ExampleSiteTests: XCTestCase {
    let today = Day(year: 2026, month: 11, day: 23)!

    func build(into output: URL) throws -> SiteBuilder.Summary {
        try SiteBuilder.build(.init(site: repositoryRoot.path, output: output.path, today: today))
    }

    func testExampleSiteBuildsWithoutWarnings() throws {
        let output = try temporaryDirectory(self).appendingPathComponent("public")
        let summary = try build(into: output)
        // One warning, on purpose: the county's self-inspection article keeps a link to a withdrawn notice,
        // so the example shows a broken link (explained in that article; `gongkai check` reports it too).
        XCTAssertEqual(
            summary.diagnostics.map { $0.formatted(.en) },
            [
                "content/county/news/2026-11-20-镇党政办通报门户网站自查情况.md:16: warning: the linked page \"../notices/2025-10-08-秋冬季森林防火通知.md\" does not exist (or is a draft). Check the file name and relative path, e.g. ../notices/x.md"
            ])
        XCTAssertGreaterThanOrEqual(summary.villages, 4)
        for kind in Kind.allCases {
            XCTAssertGreaterThanOrEqual(summary.pagesByKind[kind] ?? 0, 2, "\(kind)")
        }
        let files = try snapshot(output)
        for path in [
            "index.html", "404.html", "villages/index.html", "villages/xinghua/index.html", "disclosure/index.html",
            "notices/index.html", "villages/xinghua/notices/index.html", "county/index.html", "assets/gongkai.css",
        ] {
            XCTAssertNotNil(files[path], path)
        }
        let home = String(decoding: try XCTUnwrap(files["index.html"]), as: UTF8.self)
        XCTAssertTrue(home.contains("<html lang=\"zh-CN\">"))
        XCTAssertTrue(home.contains("杏花村"))
    }

    func testEveryLinkResolvesToAFile() throws {
        let output = try temporaryDirectory(self).appendingPathComponent("public")
        _ = try build(into: output)
        let files = try snapshot(output)
        var checked = 0
        // Kept broken on purpose, to show link health (see the county's 自查情况 article): a withdrawn
        // notice and an annual report whose scan is not uploaded yet.
        let onPurpose = [
            "2025-10-08-%E7%A7%8B%E5%86%AC%E5%AD%A3%E6%A3%AE%E6%9E%97%E9%98%B2%E7%81%AB%E9%80%9A%E7%9F%A5.md",
            "files/xinghua-2025-annual-report.pdf",
        ]
        var brokenOnPurpose = Set<String>()
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            let folder = (path as NSString).deletingLastPathComponent
            for target in linkTargets(in: html) {
                if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("tel:") || target.hasPrefix("mailto:") { continue }
                if let kept = onPurpose.first(where: { target.hasSuffix($0) }) {
                    brokenOnPurpose.insert(kept)
                    continue
                }
                XCTAssertFalse(target.hasPrefix("/"), "\(path): site-absolute link \(target) breaks under a sub-path")
                var file = target
                if let hash = file.firstIndex(of: "#") { file = String(file[..<hash]) }
                if file.isEmpty { continue }
                XCTAssertFalse(file.hasSuffix("/"), "\(path): folder link \(target) does not work from file://")
                let decoded = file.removingPercentEncoding ?? file
                let resolved = RelativePath.resolve(decoded, from: folder)
                XCTAssertNotNil(resolved.flatMap { files[$0] }, "\(path): broken link \(target)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 1000)
        XCTAssertEqual(brokenOnPurpose, Set(onPurpose), "the example's deliberate broken links are still there")
    }

    func testBuildsAreByteIdentical() throws {
        let folder = try temporaryDirectory(self)
        _ = try build(into: folder.appendingPathComponent("a"))
        _ = try build(into: folder.appendingPathComponent("b"))
        let a = try snapshot(folder.appendingPathComponent("a"))
        let b = try snapshot(folder.appendingPathComponent("b"))
        XCTAssertEqual(a.keys.sorted(), b.keys.sorted())
        for (path, data) in a { XCTAssertEqual(data, b[path], path) }
    }

    func testChineseFileNamesStayReadableInURLs() throws {
        let output = try temporaryDirectory(self).appendingPathComponent("public")
        _ = try build(into: output)
        let files = try snapshot(output)
        XCTAssertNotNil(files["villages/xinghua/regulations/2026版村规民约.html"])
        let village = String(decoding: try XCTUnwrap(files["villages/xinghua/regulations/index.html"]), as: UTF8.self)
        XCTAssertTrue(village.contains("href=\"2026版村规民约.html\""), village)
    }

    func testMarkdownLinksBetweenPagesBecomePageLinks() throws {
        let output = try temporaryDirectory(self).appendingPathComponent("public")
        _ = try build(into: output)
        let files = try snapshot(output)
        let linking = try XCTUnwrap(files.first { $0.key.hasPrefix("villages/xinghua/news/") && $0.key.contains("志愿") })
        let html = String(decoding: linking.value, as: UTF8.self)
        // cmark percent-encodes non-ASCII in the hrefs it writes; browsers show them decoded.
        let targets = linkTargets(in: html).map { $0.removingPercentEncoding ?? $0 }
        XCTAssertTrue(targets.contains("../regulations/2026版村规民约.html"), "\(targets)")
        XCTAssertFalse(html.contains(".md\""))
    }

    func testDisclosureOverviewShowsStatusesInText() throws {
        let output = try temporaryDirectory(self).appendingPathComponent("public")
        _ = try build(into: output)
        let html = String(decoding: try Data(contentsOf: output.appendingPathComponent("disclosure/index.html")), as: UTF8.self)
        XCTAssertTrue(html.contains("截至 2026年11月23日"))
        for label in ["按时公开", "逾期公开", "未公开"] { XCTAssertTrue(html.contains(label), label) }
    }

    /// The example turns column health on and keeps one finding of each kind, each explained in its
    /// content: a stale section, an empty one, a broken link, a missing attachment, a footer item, and
    /// an annual report published late before the members' meeting.
    func testDashboardShowsOneFindingOfEachKind() throws {
        let output = try temporaryDirectory(self).appendingPathComponent("public")
        _ = try build(into: output)
        let html = String(decoding: try Data(contentsOf: output.appendingPathComponent("disclosure/index.html")), as: UTF8.self)
        for text in [
            "栏目更新情况", "<span class=\"status late\">长期未更新</span> 芦篙村“法治宣传”栏目：最近一篇2026年4月13日，已224天未更新（标准183天）",
            "<span class=\"status missing\">空白栏目</span> 镇（县）级页面“道德模范”栏目",
            "<span class=\"status missing\">链接失效</span>", "<span class=\"status missing\">附件缺失</span>",
            "<span class=\"status missing\">页脚缺项</span>", "年度财务会计报告、收益分配方案（成员大会前公布）",
            "会议（成员大会等）召开 10 日前公开", "2026年1月20日会议",
        ] {
            XCTAssertTrue(html.contains(text), text)
        }
    }
}
