import GongkaiContent
import GongkaiMarkdown

extension RenderContext {
    /// The feeds phase: Atom feeds and sitemap.xml (they need absolute URLs: only with base-url), and
    /// robots.txt. The sitemap lists every page made so far.
    func feedPages(shards: Int, made: inout Generated) {
        if let base = content.config.baseURL {
            let sitemapPaths = (made.outputs + made.portal).map(\.path)
            made.portal += memo.make(
                FeedPages.planned(index: index, summaries: contexts.summaries, baseURL: base, paths: sitemapPaths),
                in: env)
        } else {
            made.diagnostics.append(
                .warning(
                    SiteConfig.fileName, line: content.config.keyLines["base-url"],
                    zh: "未设置 base-url，订阅源（Atom）和 sitemap.xml 需要完整网址，本次未生成。网站上线后请在 site.yaml 写 base-url: https://…/",
                    en:
                        "no base-url: Atom feeds and sitemap.xml need absolute URLs and were not written. Once the site is online, set base-url: https://…/ in site.yaml"
                ))
        }
        made.portal.append(Sitemap.robots(baseURL: content.config.baseURL))
    }
}
