import Foundation
import GongkaiTestSupport
import XCTest
import GongkaiContent
@testable import GongkaiSite

/// The search page in a real browser (Debian's headless `chromium`): from `file://`, and from a
/// sub-path of a local web server. The DOM after the page's scripts ran tells what a reader sees.
final class SearchUITests: XCTestCase {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    func browser() throws -> String {
        guard let path = Self.chromium else { throw XCTSkip("chromium is not installed") }
        return path
    }

    /// The DOM of `url` after its scripts ran.
    func dumpDOM(_ url: String) throws -> String {
        let chromium = try browser()
        let profile = try temporaryDirectory(self)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
            "--virtual-time-budget=10000", "--dump-dom", url,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The search results of a dumped page: (title text, href, kind, owner), marks removed.
    func results(_ dom: String) -> [(title: String, href: String, meta: String)] {
        guard let start = dom.range(of: "<ol id=\"search-results\""), let end = dom.range(of: "</ol>", range: start.upperBound..<dom.endIndex) else {
            return []
        }
        let list = dom[start.upperBound..<end.lowerBound]
        return list.components(separatedBy: "<li class=\"item result\">").dropFirst().map { item in
            let href = item.range(of: "href=\"").flatMap { r in item[r.upperBound...].firstIndex(of: "\"").map { String(item[r.upperBound..<$0]) } } ?? ""
            let title =
                item.range(of: "class=\"item-title\"").flatMap { r in item[r.upperBound...].firstIndex(of: ">") }.flatMap { open in
                    item[open...].range(of: "</a>").map { String(item[item.index(after: open)..<$0.lowerBound]) }
                } ?? ""
            let meta =
                item.range(of: "<p class=\"item-meta\">").flatMap { r in
                    item[r.upperBound...].range(of: "</p>").map { String(item[r.upperBound..<$0.lowerBound]) }
                } ?? ""
            return (stripTags(title), href, stripTags(meta))
        }
    }

    func stripTags(_ html: String) -> String {
        var out = ""
        var inTag = false
        for ch in html {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
        }
        return out.replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    func status(_ dom: String) -> String {
        guard let start = dom.range(of: "id=\"search-status\""), let close = dom[start.upperBound...].firstIndex(of: ">"),
            let end = dom[close...].range(of: "</p>")
        else { return "" }
        return stripTags(String(dom[dom.index(after: close)..<end.lowerBound]))
    }

    /// The `<…>` tag holding `attribute`.
    func openingTag(_ dom: String, containing attribute: String) -> String? {
        guard let at = dom.range(of: attribute), let open = dom[..<at.lowerBound].lastIndex(of: "<"),
            let close = dom[at.upperBound...].firstIndex(of: ">")
        else { return nil }
        return String(dom[open...close])
    }

    func encoded(_ query: String) -> String {
        query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))) ?? query
    }

    func testSearchFromFileURL() throws {
        _ = try browser()
        let site = try PortalFixture.build(self, SearchIndexTests.files)
        let page = site.output.appendingPathComponent("search/index.html").absoluteString
        let dom = try dumpDOM(page + "?q=" + encoded("宪法"))
        let found = results(dom)
        XCTAssertEqual(found.map(\.title), ["杏花村宪法宣传周活动安排", "芦篙村普法宣传提示", "产业发展经验交流", "杏花村村规民约"], dom)
        XCTAssertEqual(found.first?.href, "../villages/xinghua/notices/2026-11-01-宪法宣传周.html")
        XCTAssertTrue(found.first?.meta.contains("法治宣传") ?? false, "\(found)")
        XCTAssertTrue(found.first?.meta.contains("杏花村") ?? false, "\(found)")
        XCTAssertTrue(found.first?.meta.contains("2026年11月1日") ?? false, "\(found)")
        XCTAssertTrue(dom.contains("<mark>宪法</mark>"), "matched text highlighted")
        XCTAssertTrue(status(dom).contains("共找到 4 条结果"), status(dom))
        // Each result links to a page that exists.
        for result in found {
            let target = site.output.appendingPathComponent("search").appendingPathComponent(result.href).standardizedFileURL.path
            XCTAssertTrue(FileManager.default.fileExists(atPath: target), result.href)
        }
        // The form, hidden in the HTML, is shown once the script runs; the browse links are hidden
        // while results are shown.
        XCTAssertTrue(try site.text("search/index.html").contains("data-shards=\"1\" data-root=\"../\" hidden>"))
        XCTAssertEqual(openingTag(dom, containing: "id=\"search-form\"")?.contains("hidden"), false, dom)
        XCTAssertEqual(openingTag(dom, containing: "id=\"search-fallback\"")?.contains("hidden"), true, dom)
    }

    /// With several shards, the browser must hash and decode exactly as the build does: its results
    /// for each query are the index's own answer (first ten, in the same order).
    func testBrowserAndIndexAgreeAcrossShards() throws {
        _ = try browser()
        let pool = Array("村规民约宪法低保党建普法治理文明乡风家风孝老爱亲见义勇为诚实守信敬业奉献助人为乐环境卫生垃圾分类秸秆禁烧防溺水反诈骗")
        var files: [String: String] = [:]
        var firstText = ""
        for n in 0..<400 {
            var text = ""
            for k in 0..<150 { text.append(pool[(n * 7 + k * k + k / 5) % pool.count]) }
            if n == 0 { firstText = text }
            let day = 1 + n % 28
            files["content/villages/\(n % 2 == 0 ? "xinghua" : "lugao")/news/p\(n).md"] =
                "---\ntitle: 第\(n)号\ndate: 2026-0\(1 + n % 9)-\(day < 10 ? "0" : "")\(day)\n---\n\(text)\n"
        }
        let site = try PortalFixture.build(self, files)
        let index = try BuiltSearchIndex(output: site.output)
        XCTAssertGreaterThanOrEqual(index.shardCount, 4)
        // A token of every shard, and a query of two tokens (pages having both).
        var queries = try (0..<index.shardCount).compactMap { try index.shard($0).keys.sorted().first }
        let pairs = SearchIndex.tokens(firstText)
        queries.append(pairs[0] + " " + pairs[pairs.count / 2])
        let page = site.output.appendingPathComponent("search/index.html").absoluteString
        for query in queries {
            let expected = try Array(index.titles(query).prefix(10))
            XCTAssertFalse(expected.isEmpty, query)
            let dom = try dumpDOM(page + "?q=" + encoded(query))
            XCTAssertEqual(results(dom).map(\.title), expected, query)
            XCTAssertTrue(status(dom).contains("共找到 \(try index.search(query).count) 条结果"), "\(query): \(status(dom))")
        }
    }

    func testFiltersByVillageAndKind() throws {
        _ = try browser()
        let site = try PortalFixture.build(self, SearchIndexTests.files)
        let page = site.output.appendingPathComponent("search/index.html").absoluteString
        let byKind = results(try dumpDOM(page + "?q=" + encoded("宪法") + "&k=regulation"))
        XCTAssertEqual(byKind.map(\.title), ["杏花村村规民约"])
        let byVillage = results(try dumpDOM(page + "?q=" + encoded("村规民约") + "&v=lugao"))
        XCTAssertEqual(byVillage.map(\.title), ["警惕电信网络诈骗"])
        let none = try dumpDOM(page + "?q=" + encoded("民法典"))
        XCTAssertEqual(results(none).count, 0)
        XCTAssertTrue(status(none).contains("没有找到"), status(none))
    }

    /// One Han character is a query of its own (a surname, 税, 法): every page that has it, those
    /// with it in the title first.
    func testOneCharacterQueries() throws {
        _ = try browser()
        let site = try PortalFixture.build(self, SearchIndexTests.files)
        let page = site.output.appendingPathComponent("search/index.html").absoluteString
        let index = try BuiltSearchIndex(output: site.output)
        for query in ["宪", "诈", "法", "约"] {
            let dom = try dumpDOM(page + "?q=" + encoded(query))
            let expected = try index.titles(query)
            XCTAssertFalse(expected.isEmpty, query)
            XCTAssertEqual(results(dom).map(\.title), Array(expected.prefix(10)), query)
            XCTAssertTrue(status(dom).contains("共找到 \(expected.count) 条结果"), "\(query): \(status(dom))")
        }
        // 诈 is in one title and one body: the title first although its page is older.
        XCTAssertEqual(try index.titles("诈").first, "警惕电信网络诈骗")
        let law = results(try dumpDOM(page + "?q=" + encoded("法")))
        XCTAssertEqual(Set(law.map(\.title)), ["杏花村宪法宣传周活动安排", "杏花村村规民约", "警惕电信网络诈骗", "芦篙村普法宣传提示", "产业发展经验交流"])
        XCTAssertEqual(Array(law.map(\.title).prefix(2)), ["杏花村宪法宣传周活动安排", "芦篙村普法宣传提示"], "titles with 法 first, newest first")
    }

    static let rankingFiles: [String: String] = [
        // Newest first in the site's order: body (11-20), scattered (11-10), summary (10-01), title (2025).
        "content/villages/xinghua/news/body.md":
            "---\ntitle: 十一月村务工作简报\ndate: 2026-11-20\n---\n本月村两委召开会议，学习了新修订的村规民约，并部署冬季防火工作。\n",
        "content/villages/xinghua/news/scattered.md":
            "---\ntitle: 村民小组会议纪要\ndate: 2026-11-10\n---\n会上讨论了村规的执行情况。另议：居民约定的卫生事项。\n",
        "content/villages/lugao/news/summary.md":
            "---\ntitle: 芦篙村召开村民代表会议\ndate: 2026-10-01\nsummary: 会议表决通过了新的村规民约。\n---\n会议由村党支部书记主持，到会代表四十二人。\n",
        "content/villages/lugao/regulations/title.md":
            "---\ntitle: 芦篙村村规民约\ndate: 2025-03-01\n---\n**第一条** 村民应当遵守法律法规。\n",
        "content/villages/lugao/news/both.md":
            "---\ntitle: 宪法宣传进村入户\ndate: 2026-09-01\n---\n普法志愿者讲解了宪法知识，发放宣传册三百份。\n",
        "content/villages/xinghua/news/apart.md":
            "---\ntitle: 冬季安全提醒\ndate: 2026-11-15\n---\n宪法日前后，村里组织了防火宣传。\n",
        "content/villages/xinghua/news/traditional.md":
            "---\ntitle: 旅港鄉親捐資修建村圖書室\ndate: 2026-08-08\n---\n鄉親們關心家鄉教育，捐資修建圖書室。\n",
    ]

    /// Ranking: title over summary over body; the whole phrase above its pairs scattered; equal
    /// scores newest first. The browser shows exactly what the ranking rules (written again in the
    /// tests) say.
    func testResultsAreRankedByRelevance() throws {
        _ = try browser()
        let site = try PortalFixture.build(self, Self.rankingFiles)
        let page = site.output.appendingPathComponent("search/index.html").absoluteString
        let index = try BuiltSearchIndex(output: site.output)
        let regulation = results(try dumpDOM(page + "?q=" + encoded("村规民约")))
        XCTAssertEqual(
            regulation.map(\.title), ["芦篙村村规民约", "芦篙村召开村民代表会议", "十一月村务工作简报"],
            "title, then summary, then body; the page with 村规 and 民约 apart is not a match")
        // Two words of the query next to each other on the page score above the same words apart.
        let twoWords = results(try dumpDOM(page + "?q=" + encoded("宪法 宣传")))
        XCTAssertEqual(twoWords.first?.title, "宪法宣传进村入户")
        for query in ["村规民约", "宪法 宣传", "宣传", "会议", "村"] {
            let dom = try dumpDOM(page + "?q=" + encoded(query))
            XCTAssertEqual(results(dom).map(\.title), try Array(index.titles(query).prefix(10)), query)
        }
    }

    /// When no page has every part of the query, the pages with most of it are shown, labelled.
    func testPartialMatchesAreShownAndLabelled() throws {
        _ = try browser()
        let site = try PortalFixture.build(self, Self.rankingFiles)
        let page = site.output.appendingPathComponent("search/index.html").absoluteString
        let index = try BuiltSearchIndex(output: site.output)
        let query = "村规民约执行监督委员会"
        XCTAssertTrue(try index.rank(query).partial)
        let dom = try dumpDOM(page + "?q=" + encoded(query))
        let found = results(dom)
        XCTAssertFalse(found.isEmpty, status(dom))
        XCTAssertTrue(status(dom).contains("部分匹配"), status(dom))
        XCTAssertFalse(status(dom).contains("没有找到"), status(dom))
        XCTAssertTrue(found.allSatisfy { $0.meta.contains("部分匹配") }, "\(found)")
        XCTAssertEqual(found.map(\.title), try Array(index.titles(query).prefix(10)))
        XCTAssertEqual(found.first?.title, "芦篙村村规民约", "the whole of 村规民约, in a title, is the closest")
        // A query that has full matches shows no partial label.
        let full = try dumpDOM(page + "?q=" + encoded("村规民约"))
        XCTAssertFalse(dom.isEmpty)
        XCTAssertFalse(results(full).contains { $0.meta.contains("部分匹配") })
        // Nothing at all: still 没有找到.
        let none = try dumpDOM(page + "?q=" + encoded("量子计算"))
        XCTAssertEqual(results(none).count, 0)
        XCTAssertTrue(status(none).contains("没有找到"), status(none))
    }

    /// 繁体 finds 简体 and 简体 finds 繁体, from file:// — the mapping is OpenCC's (HanFold).
    func testTraditionalAndSimplifiedFindEachOther() throws {
        _ = try browser()
        let site = try PortalFixture.build(self, Self.rankingFiles)
        let page = site.output.appendingPathComponent("search/index.html").absoluteString
        let traditional = results(try dumpDOM(page + "?q=" + encoded("憲法")))
        XCTAssertEqual(traditional.first?.title, "宪法宣传进村入户")
        XCTAssertEqual(Set(traditional.map(\.title)), ["宪法宣传进村入户", "冬季安全提醒"])
        let regulation = results(try dumpDOM(page + "?q=" + encoded("村規民約")))
        XCTAssertEqual(regulation.first?.title, "芦篙村村规民约")
        // The page written in 繁体, found in 简体; the match is marked in the traditional text.
        let library = try dumpDOM(page + "?q=" + encoded("图书室"))
        XCTAssertEqual(results(library).map(\.title), ["旅港鄉親捐資修建村圖書室"])
        XCTAssertTrue(library.contains("<mark>圖書室</mark>"), library)
        XCTAssertEqual(results(try dumpDOM(page + "?q=" + encoded("乡亲"))).map(\.title), ["旅港鄉親捐資修建村圖書室"])
    }

    func testSearchUnderSubPathOverHTTP() throws {
        _ = try browser()
        let site = try PortalFixture.build(self, SearchIndexTests.files)
        // Serve the folder that holds public/, so the portal lives under /public/, not at the root.
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-u", "-m", "http.server", "--bind", "127.0.0.1", "0", "--directory", site.root.path]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        // "Serving HTTP on 127.0.0.1 port 40123 (http://127.0.0.1:40123/) ..."
        var banner = ""
        let deadline = Date().addingTimeInterval(10)
        while !banner.contains("port "), Date() < deadline {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            banner += String(decoding: data, as: UTF8.self)
        }
        let port = try XCTUnwrap(banner.components(separatedBy: "port ").dropFirst().first?.split(separator: " ").first.flatMap { Int($0) }, banner)
        let dom = try dumpDOM("http://127.0.0.1:\(port)/public/search/index.html?q=" + encoded("低保"))
        XCTAssertEqual(results(dom).map(\.title), ["关于2026年第一季度低保对象的公示"], dom)
        XCTAssertTrue(dom.contains("<mark>低保</mark>"))
        XCTAssertEqual(results(dom).first?.href, "../villages/lugao/news/2026-03-02-低保公示.html")
        // One character and 繁体 over HTTP too.
        let one = try dumpDOM("http://127.0.0.1:\(port)/public/search/index.html?q=" + encoded("诈"))
        XCTAssertEqual(results(one).first?.title, "警惕电信网络诈骗")
        let traditional = try dumpDOM("http://127.0.0.1:\(port)/public/search/index.html?q=" + encoded("憲法"))
        XCTAssertEqual(results(traditional).first?.title, "杏花村宪法宣传周活动安排")
    }

    func testHeaderSearchBoxAppearsOnlyWithScripts() throws {
        _ = try browser()
        let site = try PortalFixture.build(self, SearchIndexTests.files)
        let home = site.output.appendingPathComponent("index.html")
        let raw = try site.text("index.html")
        XCTAssertTrue(raw.contains("<form class=\"site-search\" role=\"search\" action=\"search/index.html\" method=\"get\" hidden>"))
        let dom = try dumpDOM(home.absoluteString)
        XCTAssertTrue(dom.contains("<form class=\"site-search\" role=\"search\" action=\"search/index.html\" method=\"get\">"), dom)
    }
}
