import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
import GongkaiEscape
import GongkaiContent
@testable import GongkaiSite

/// Atom feeds, sitemap and robots.txt, read back with an XML parser.
final class FeedTests: XCTestCase {
    static let atom = "http://www.w3.org/2005/Atom"
    static let sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9"

    static let files: [String: String] = [
        "content/villages/xinghua/notices/2026-11-01-宪法宣传周.md":
            "---\ntitle: \"杏花村宪法宣传周活动安排 & “<通知>”\"\ndate: 2026-11-01\ntags: [宪法]\nsummary: 12月4日是国家宪法日。\n---\n正文\n",
        "content/villages/xinghua/news/2026-10-08-志愿.md":
            "---\ntitle: 党员志愿服务队清理垃圾\ndate: 2026-10-08T09:30:00+08:00\n---\n正文\n",
        "content/villages/lugao/lectures/2026-07-16-讲座.md":
            "---\ntitle: 赡养与继承法治讲座\ndate: 2026-07-16\n---\n正文\n",
        "content/county/notices/2026-06-01-防火.md":
            "---\ntitle: 秸秆禁烧和夏季防火通知\ndate: 2026-06-01\nvillages: [xinghua, lugao]\n---\n正文\n",
    ]

    func document(_ site: PortalFixture, _ path: String) throws -> XMLDocument {
        try XMLDocument(data: Data(contentsOf: site.output.appendingPathComponent(path)), options: [])
    }

    func children(_ element: XMLElement, _ name: String) -> [XMLElement] {
        element.elements(forLocalName: name, uri: Self.atom)
    }

    /// An attribute's value (FoundationXML on Linux does not find unprefixed attributes by name
    /// inside a default namespace, so they are looked up in the list).
    func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }

    func text(_ element: XMLElement, _ name: String) -> String? {
        children(element, name).first?.stringValue
    }

    /// RFC 3339 as Atom requires it.
    func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// The checks of RFC 4287 for a feed: namespace, required elements, absolute ids and links.
    func validateAtom(_ xml: XMLDocument, base: String, file: StaticString = #filePath, line: UInt = #line) throws -> [XMLElement] {
        let feed = try XCTUnwrap(xml.rootElement(), file: file, line: line)
        XCTAssertEqual(feed.localName, "feed", file: file, line: line)
        XCTAssertEqual(feed.uri, Self.atom, file: file, line: line)
        XCTAssertEqual(children(feed, "id").count, 1, file: file, line: line)
        XCTAssertEqual(children(feed, "title").count, 1, file: file, line: line)
        XCTAssertEqual(children(feed, "updated").count, 1, file: file, line: line)
        XCTAssertNotNil(date(text(feed, "updated")), file: file, line: line)
        XCTAssertTrue(text(feed, "id")?.hasPrefix(base) ?? false, file: file, line: line)
        XCTAssertFalse(children(feed, "author").isEmpty, "feed author (entries have none of their own)", file: file, line: line)
        let links = children(feed, "link")
        XCTAssertTrue(links.contains { attribute($0, "rel") == "self" }, file: file, line: line)
        XCTAssertTrue(links.allSatisfy { attribute($0, "href")?.hasPrefix(base) ?? false }, file: file, line: line)
        let entries = children(feed, "entry")
        for entry in entries {
            for name in ["id", "title", "updated"] {
                XCTAssertEqual(children(entry, name).count, 1, name, file: file, line: line)
            }
            XCTAssertNotNil(date(text(entry, "updated")), file: file, line: line)
            XCTAssertTrue(text(entry, "id")?.hasPrefix(base) ?? false, file: file, line: line)
            let alternate = children(entry, "link").first { (attribute($0, "rel") ?? "alternate") == "alternate" }
            XCTAssertTrue(alternate.flatMap { attribute($0, "href") }?.hasPrefix(base) ?? false, file: file, line: line)
        }
        // `updated` of the feed: its newest entry, never the time of the build.
        let newest = entries.compactMap { date(text($0, "updated")) }.max()
        XCTAssertEqual(date(text(feed, "updated")), newest, file: file, line: line)
        return entries
    }

    func testSiteVillageAndKindFeedsAreValidAtom() throws {
        let site = try PortalFixture.build(self, Self.files)
        let base = "https://example.org/bailu/"
        let entries = try validateAtom(try document(site, "feed.xml"), base: base)
        XCTAssertEqual(entries.count, 4)
        XCTAssertEqual(text(entries[0], "title"), "杏花村宪法宣传周活动安排 & “<通知>”")
        XCTAssertEqual(text(entries[0], "summary"), "12月4日是国家宪法日。")
        XCTAssertEqual(
            text(entries[0], "id"),
            base + "villages/xinghua/notices/2026-11-01-%E5%AE%AA%E6%B3%95%E5%AE%A3%E4%BC%A0%E5%91%A8.html")
        XCTAssertEqual(text(entries[1], "updated"), "2026-10-08T09:30:00+08:00")
        XCTAssertEqual(text(try XCTUnwrap(try document(site, "feed.xml").rootElement()), "updated"), "2026-11-01T00:00:00+08:00")

        // Village feeds hold the village's pages and the county pages naming it.
        let xinghua = try validateAtom(try document(site, "villages/xinghua/feed.xml"), base: base)
        XCTAssertEqual(xinghua.compactMap { text($0, "title") }, ["杏花村宪法宣传周活动安排 & “<通知>”", "党员志愿服务队清理垃圾", "秸秆禁烧和夏季防火通知"])
        let lugao = try validateAtom(try document(site, "villages/lugao/feed.xml"), base: base)
        XCTAssertEqual(lugao.count, 2)
        XCTAssertEqual(try validateAtom(try document(site, "county/feed.xml"), base: base).count, 1)
        // Kind feeds.
        XCTAssertEqual(try validateAtom(try document(site, "notices/feed.xml"), base: base).count, 2)
        XCTAssertEqual(try validateAtom(try document(site, "lectures/feed.xml"), base: base).count, 1)
        XCTAssertFalse(site.exists("models/feed.xml"), "no feed for a kind without pages")

        // Pages name their feeds for browsers and readers.
        let home = try site.text("index.html")
        XCTAssertTrue(home.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"白鹭镇测试门户 最新内容\" href=\"feed.xml\">"), home)
        let village = try site.text("villages/xinghua/index.html")
        XCTAssertTrue(village.contains("href=\"feed.xml\">") && village.contains("href=\"../../feed.xml\">"), village)
        XCTAssertTrue(try site.text("notices/index.html").contains("title=\"法治宣传 最新内容\" href=\"feed.xml\""))
        XCTAssertFalse(site.summary.diagnostics.contains { $0.file == "site.yaml" })
    }

    func testSitemapListsEveryPageWithAbsoluteURLs() throws {
        let site = try PortalFixture.build(self, Self.files)
        let xml = try document(site, "sitemap.xml")
        let root = try XCTUnwrap(xml.rootElement())
        XCTAssertEqual(root.localName, "urlset")
        XCTAssertEqual(root.uri, Self.sitemaps)
        let urls = root.elements(forLocalName: "url", uri: Self.sitemaps)
        let locations = urls.compactMap { $0.elements(forLocalName: "loc", uri: Self.sitemaps).first?.stringValue }
        XCTAssertEqual(locations.count, urls.count)
        let pages = try snapshot(site.output).keys.filter { $0.hasSuffix(".html") && !$0.hasPrefix("print/") && $0 != "404.html" }
        XCTAssertEqual(Set(locations.map { String($0.dropFirst("https://example.org/bailu/".count)).removingPercentEncoding ?? "" }), Set(pages))
        XCTAssertTrue(locations.allSatisfy { URL(string: $0)?.scheme == "https" }, "\(locations)")
        // Content pages carry their date.
        let notice = urls.first { $0.elements(forLocalName: "loc", uri: Self.sitemaps).first?.stringValue?.contains("notices/2026-11-01") ?? false }
        XCTAssertEqual(notice?.elements(forLocalName: "lastmod", uri: Self.sitemaps).first?.stringValue, "2026-11-01")
        XCTAssertEqual(try site.text("robots.txt"), "User-agent: *\nAllow: /\nSitemap: https://example.org/bailu/sitemap.xml\n")
    }

    func testWithoutBaseURLFeedsAreLeftOutWithOneWarning() throws {
        var base = PortalFixture.base
        base["site.yaml"] = "title: 白鹭镇测试门户\n"
        let site = try PortalFixture.build(self, Self.files, base: base)
        XCTAssertFalse(site.exists("feed.xml"))
        XCTAssertFalse(site.exists("villages/xinghua/feed.xml"))
        XCTAssertFalse(site.exists("sitemap.xml"))
        XCTAssertEqual(try site.text("robots.txt"), "User-agent: *\nAllow: /\n")
        XCTAssertFalse(try site.text("index.html").contains("application/atom+xml"))
        let warnings = site.summary.diagnostics.filter { $0.zh.contains("base-url") }
        XCTAssertEqual(warnings.count, 1)
        XCTAssertEqual(warnings.first?.file, "site.yaml")
        XCTAssertEqual(warnings.first?.severity, .warning)
    }

    func testFeedsAreTheSameOnEveryBuild() throws {
        let first = try PortalFixture.build(self, Self.files)
        Thread.sleep(forTimeInterval: 1.1)
        let second = try PortalFixture.build(self, Self.files)
        for path in ["feed.xml", "villages/xinghua/feed.xml", "sitemap.xml"] {
            XCTAssertEqual(try first.text(path), try second.text(path), path)
        }
    }

    func testAbsoluteURLsMatchThoseOfPrintedQRCodes() {
        for path in ["villages/xinghua/notices/2026-11-宪法宣传.html", "a b/c%d~e_f.g-h.html", "tags/A&B/index.html"] {
            XCTAssertEqual(Feeds.urlPath(path), PrintPage.absoluteURLPath(path), path)
        }
    }

    func testTimestampsAreBeijingTime() throws {
        XCTAssertEqual(Feeds.timestamp(PageDate(day: Day(year: 2026, month: 11, day: 8)!)), "2026-11-08T00:00:00+08:00")
        XCTAssertEqual(Feeds.timestamp(try XCTUnwrap(PageDate(parsing: "2026-11-10T23:30:00Z"))), "2026-11-11T07:30:00+08:00")
        XCTAssertEqual(XML.escape("a&b<c>\"d\"'\u{1}"), "a&amp;b&lt;c&gt;&quot;d&quot;&apos;")
    }
}
