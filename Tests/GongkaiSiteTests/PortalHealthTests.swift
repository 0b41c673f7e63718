import Foundation
import XCTest
import GongkaiContent
@testable import GongkaiSite

/// The portal side of issue 19: every section says when it was last updated, and the 公开情况 page
/// shows column health (and the link and footer findings) when the site turns it on.
final class PortalHealthTests: XCTestCase {
    static let files: [String: String] = [
        "content/villages/xinghua/news/旧闻.md": "---\ntitle: 旧闻\ndate: 2026-10-01\n---\n正文。\n",
        "content/villages/xinghua/news/未来.md": "---\ntitle: 未来的新闻\ndate: 2026-12-01\n---\n正文。\n",
        "content/villages/xinghua/notices/通知.md": "---\ntitle: 通知\ndate: 2026-11-20\n---\n见[旧文](没有.md)。\n",
    ]

    /// The newest page dated on or before the as-of day (2026-11-23): a later date does not count.
    func testSectionsShowTheirLastUpdate() throws {
        let site = try PortalFixture.build(self, Self.files)
        let village = try site.text("villages/xinghua/index.html")
        XCTAssertTrue(
            village.contains("<h2 id=\"h-article\">新闻动态</h2>\n<p class=\"section-updated\">最近更新：<time datetime=\"2026-10-01\">2026年10月1日</time></p>"), village)
        XCTAssertTrue(
            village.contains("<h2 id=\"h-notice\">法治宣传</h2>\n<p class=\"section-updated\">最近更新：<time datetime=\"2026-11-20\">2026年11月20日</time></p>"), village)
        let home = try site.text("index.html")
        XCTAssertTrue(home.contains("<h2 id=\"h-article\">新闻动态</h2>\n<p class=\"section-updated\">最近更新：<time datetime=\"2026-10-01\">"), home)
        let list = try site.text("villages/xinghua/articles/index.html")
        XCTAssertTrue(list.contains("共 2 篇，最近更新：<time datetime=\"2026-10-01\">2026年10月1日</time>"), list)
        // Without health, the overview has no health panel.
        XCTAssertFalse(try site.text("disclosure/index.html").contains("栏目更新情况"))
    }

    func testOverviewShowsColumnHealthWhenOn() throws {
        let site = try PortalFixture.build(self, Self.files.merging(["disclosure.yaml": "health: gov-2019\n"]) { $1 })
        let html = try site.text("disclosure/index.html")
        XCTAssertTrue(html.contains("<h2 id=\"h-health\">栏目更新情况</h2>"), html)
        XCTAssertTrue(html.contains("标准：国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》"), html)
        XCTAssertTrue(html.contains("<span class=\"status late\">长期未更新</span> 杏花村“新闻动态”栏目：最近一篇2026年10月1日，已53天未更新（标准14天）"), html)
        XCTAssertTrue(html.contains("<span class=\"status missing\">空白栏目</span> 全站“村规民约”栏目：没有一篇内容（空白栏目）"), html)
        XCTAssertTrue(html.contains("<td class=\"cell late\">长期未更新<br><small>2026年10月1日</small><br><small>53 天前</small></td>"), html)
        XCTAssertTrue(
            html.contains("<span class=\"status missing\">链接失效</span> <a href=\"../villages/xinghua/notices/通知.html\">《通知》</a>第 5 行：链接的页面“没有.md”不存在"), html)
        XCTAssertTrue(html.contains("<span class=\"status missing\">页脚缺项</span> site.yaml（网站设置）第 3 行：网站已上线（设置了 base-url），页脚应有ICP备案编号"), html)
    }
}
