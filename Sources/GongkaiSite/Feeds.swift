import GongkaiContent
import GongkaiEscape

/// Atom 1.0 feeds (RFC 4287): one for the site (`feed.xml`), one per village and for the county
/// (`villages/<id>/feed.xml`, `county/feed.xml`) and one per kind (`notices/feed.xml`, …).
///
/// Atom needs absolute URLs (every entry's `id` and links), so feeds are written only when
/// site.yaml sets `base-url`. A feed's `updated` is its newest entry's date, never the build time:
/// builds stay byte-identical.
struct Feeds {
    static let entriesPerFeed = 50
    static let siteFeed = "feed.xml"

    struct Feed {
        var path: String
        var title: String
        /// The HTML page the feed follows.
        var page: String
        var pages: [Page]
    }

    static func village(_ id: String) -> String { Paths.villageFolder(id) + "/feed.xml" }
    static let county = "county/feed.xml"
    static func kind(_ kind: Kind) -> String { "\(kind.folder)/feed.xml" }

    /// Which feeds exist, from the index alone (so pages can link them before they are written).
    static func all(index: SiteIndex) -> [Feed] {
        let siteTitle = index.content.config.title
        var feeds = [Feed(path: siteFeed, title: siteTitle, page: Paths.home, pages: Array(index.content.pages.prefix(entriesPerFeed)))]
        for village in index.content.villages {
            let pages = index.pagesByVillage[village.id] ?? []
            if pages.isEmpty { continue }
            feeds.append(
                Feed(
                    path: Self.village(village.id), title: "\(village.name) - \(siteTitle)", page: Paths.village(village.id),
                    pages: Array(pages.prefix(entriesPerFeed))))
        }
        if !index.countyPages.isEmpty {
            feeds.append(
                Feed(
                    path: county, title: "\(index.ownerName(.county)) - \(siteTitle)", page: Paths.county,
                    pages: Array(index.countyPages.prefix(entriesPerFeed))))
        }
        for kind in Kind.allCases {
            let pages = index.pagesByKind[kind] ?? []
            if pages.isEmpty { continue }
            feeds.append(
                Feed(
                    path: Self.kind(kind), title: "\(kind.chineseName) - \(siteTitle)", page: Paths.listPage(kind.folder, number: 1),
                    pages: Array(pages.prefix(entriesPerFeed))))
        }
        return feeds
    }

    /// A site path as it goes into an absolute URL: everything but ASCII letters, digits, `-._~` and
    /// `/` percent-encoded (as the QR codes of printed notices have it), on bytes: sitemaps hold every page.
    static func urlPath(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        out.reserveCapacity(path.utf8.count * 3)
        for b in path.utf8 {
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E, 0x2F: out.append(b)
            default: out += [0x25, hex[Int(b >> 4)], hex[Int(b & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func xml(_ feed: FeedPages.Feed, config: SiteConfig, baseURL: String) -> String {
        func url(_ path: String) -> String { XML.escape(baseURL + Feeds.urlPath(path)) }
        let author = config.footer.sponsor ?? config.title
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(XML.escape(config.language))">
            <title>\(XML.escape(feed.title))</title>

            """
        if let subtitle = config.subtitle { out += "<subtitle>\(XML.escape(subtitle))</subtitle>\n" }
        out += """
            <link rel="self" type="application/atom+xml" href="\(url(feed.path))"/>
            <link rel="alternate" type="text/html" href="\(url(feed.page))"/>
            <id>\(url(feed.path))</id>
            <updated>\(feed.updated)</updated>
            <author><name>\(XML.escape(author))</name></author>
            <generator>Gongkai</generator>

            """
        for entry in feed.entries {
            let link = url(entry.target)
            out += """
                <entry>
                <title>\(XML.escape(entry.title))</title>
                <link rel="alternate" type="text/html" href="\(link)"/>
                <id>\(link)</id>
                <published>\(entry.stamp)</published>
                <updated>\(entry.stamp)</updated>
                <author><name>\(XML.escape(entry.owner))</name></author>
                <category term="\(entry.kind)" label="\(XML.escape(entry.kindName))"/>

                """
            for tag in entry.tags { out += "<category term=\"\(XML.escape(tag))\"/>\n" }
            if let summary = entry.summary { out += "<summary>\(XML.escape(summary))</summary>\n" }
            out += "</entry>\n"
        }
        out += "</feed>\n"
        return out
    }

    /// RFC 3339 in Beijing time: `2026-11-08T00:00:00+08:00`.
    static func timestamp(_ date: PageDate) -> String {
        let local = date.instant + 8 * 3600
        let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let seconds = local - days * 86400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(Day(dayNumber: days).description)T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))+08:00"
    }
}

/// `sitemap.xml` (sitemaps.org 0.9) listing every HTML page but print views and 404, and `robots.txt`.
/// A site of more than 50,000 pages gets `sitemap-1.xml`, … and `sitemap.xml` as their index.
enum Sitemap {
    static let limit = 50_000

    /// A page the sitemap lists, with the day of the item it shows.
    struct Entry: Codable {
        var path: String
        var lastModified: String?
    }

    /// The HTML pages a sitemap lists (all but print views and 404), by path.
    static func entries(paths: [String], lastModified: [String: Day]) -> [Entry] {
        paths.filter { $0.hasSuffix(".html") && !$0.hasPrefix("print/") && $0 != Paths.notFound }.sorted()
            .map { Entry(path: $0, lastModified: lastModified[$0]?.description) }
    }

    static func render(entries pages: [Entry], baseURL: String) -> [OutputFile] {
        func url(_ path: String) -> String { XML.escape(baseURL + Feeds.urlPath(path)) }
        func urlset(_ part: ArraySlice<Entry>) -> String {
            var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for page in part {
                out += "<url><loc>\(url(page.path))</loc>"
                if let day = page.lastModified { out += "<lastmod>\(day)</lastmod>" }
                out += "</url>\n"
            }
            return out + "</urlset>\n"
        }
        if pages.count <= limit { return [OutputFile("sitemap.xml", urlset(pages[...]))] }
        var files: [OutputFile] = []
        var index = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (n, start) in stride(from: 0, to: pages.count, by: limit).enumerated() {
            let name = "sitemap-\(n + 1).xml"
            files.append(OutputFile(name, urlset(pages[start..<min(pages.count, start + limit)])))
            index += "<sitemap><loc>\(url(name))</loc></sitemap>\n"
        }
        files.append(OutputFile("sitemap.xml", index + "</sitemapindex>\n"))
        return files
    }

    static func robots(baseURL: String?) -> OutputFile {
        var text = "User-agent: *\nAllow: /\n"
        if let baseURL { text += "Sitemap: \(baseURL)sitemap.xml\n" }
        return OutputFile("robots.txt", text)
    }
}
