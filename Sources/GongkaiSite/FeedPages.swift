import GongkaiContent

/// The Atom feeds and the sitemap, as one output: what each feed lists (the newest pages' titles,
/// dates, owners, tags and summaries) and every HTML page the sitemap names.
enum FeedPages: PageType {
    struct Inputs: Codable {
        var baseURL: String
        var feeds: [Feed]
        var sitemap: [Sitemap.Entry]
    }

    struct Feed: Codable {
        var path: String
        var title: String
        /// The HTML page the feed follows.
        var page: String
        /// The newest entry's time (RFC 3339), or the epoch for an empty feed.
        var updated: String
        var entries: [Entry]
    }

    struct Entry: Codable {
        var title: String
        var target: String
        /// Published and updated (RFC 3339, Beijing time).
        var stamp: String
        var owner: String
        var kind: String
        var kindName: String
        var tags: [String]
        var summary: String?
    }

    /// Every feed of `index`, and the sitemap of `paths` (every output file).
    static func planned(index: SiteIndex, summaries: [String: String], baseURL: String, paths: [String]) -> PlannedOutput<FeedPages> {
        let feeds = Feeds.all(index: index).map { feed in
            Feed(
                path: feed.path, title: feed.title, page: feed.page,
                updated: feed.pages.map(\.date).max().map(Feeds.timestamp) ?? "1970-01-01T00:00:00+08:00",
                entries: feed.pages.map { page in
                    let summary = summaries[page.sourcePath].flatMap { $0.isEmpty ? nil : $0 }
                    return Entry(
                        title: page.title, target: page.outputPath, stamp: Feeds.timestamp(page.date),
                        owner: index.ownerName(page.owner), kind: page.kind.rawValue, kindName: page.kind.chineseName,
                        tags: page.tags, summary: summary)
                })
        }
        var lastModified: [String: Day] = [:]
        for page in index.content.pages { lastModified[page.outputPath] = page.date.day }
        return PlannedOutput(
            .feeds, FeedPages.self,
            Inputs(baseURL: baseURL, feeds: feeds, sitemap: Sitemap.entries(paths: paths, lastModified: lastModified)))
    }

    static func render(_ inputs: Inputs, in env: RenderEnvironment) -> [OutputFile] {
        parallelMap(inputs.feeds) { OutputFile($0.path, Feeds.xml($0, config: env.config, baseURL: inputs.baseURL)) }
            + Sitemap.render(entries: inputs.sitemap, baseURL: inputs.baseURL)
    }
}
