import Foundation
import XCTest
import GongkaiContent
@testable import GongkaiSite

/// Tags, 往期 notices, yearly archives, upcoming lectures, 道德模范风采 and financial tables, as built.
final class PortalPagesTests: XCTestCase {
    func testTagPagesAcrossVillagesWithReadableURLs() throws {
        let site = try PortalFixture.build(
            self,
            [
                "content/villages/xinghua/notices/a.md": "---\ntitle: 杏花村普法\ndate: 2026-05-01\ntags: [普法, 民法典]\n---\n",
                "content/villages/lugao/notices/b.md": "---\ntitle: 芦篙村普法\ndate: 2026-06-01\ntags: [普法]\n---\n",
                "content/villages/lugao/news/c.md": "---\ntitle: 网格员培训\ndate: 2026-07-01\ntags: [\"A/B 测试\", \"a/b 测试\"]\n---\n",
            ])
        let tag = try site.text("tags/普法/index.html")
        XCTAssertTrue(tag.contains("<h1>标签：普法</h1>"))
        XCTAssertTrue(tag.contains("芦篙村普法") && tag.contains("杏花村普法"))
        let range = (tag.range(of: "芦篙村普法")?.lowerBound, tag.range(of: "杏花村普法")?.lowerBound)
        XCTAssertLessThan(try XCTUnwrap(range.0), try XCTUnwrap(range.1), "newest first")
        // Tags that differ only in characters a URL cannot hold get their own folders.
        XCTAssertTrue(site.exists("tags/a-b-测试/index.html"))
        XCTAssertTrue(site.exists("tags/a-b-测试-2/index.html"))
        // The index, most used first, and links from item pages.
        let index = try site.text("tags/index.html")
        XCTAssertTrue(index.contains("<a class=\"tag\" href=\"普法/index.html\">普法</a> <span class=\"tag-count\">2 篇</span>"), index)
        let item = try site.text("villages/xinghua/notices/a.html")
        XCTAssertTrue(item.contains("<a class=\"tag\" href=\"../../../tags/民法典/index.html\">民法典</a>"), item)
    }

    func testTagFolderNames() {
        XCTAssertEqual(TagPages.folderName("村规民约"), "村规民约")
        XCTAssertEqual(TagPages.folderName("《民法典》宣传"), "民法典-宣传")
        XCTAssertEqual(TagPages.folderName("../.."), "tag")
        XCTAssertEqual(TagPages.folderName("COVID 19"), "covid-19")
    }

    func testExpiredNoticesMoveToTheArchiveList() throws {
        let site = try PortalFixture.build(
            self,
            [
                "content/villages/xinghua/notices/summer.md": "---\ntitle: 暑期防溺水安全提示\ndate: 2026-06-15\nexpires: 2026-09-01\n---\n",
                "content/villages/xinghua/notices/law.md": "---\ntitle: 民法典宣传月告村民书\ndate: 2026-05-08\n---\n",
            ])
        let current = try site.text("villages/xinghua/notices/index.html")
        XCTAssertTrue(current.contains("民法典宣传月告村民书"))
        XCTAssertFalse(current.contains("暑期防溺水安全提示"))
        XCTAssertTrue(current.contains("href=\"archive/index.html\">往期（已过期）1 篇</a>"), current)
        let archive = try site.text("villages/xinghua/notices/archive/index.html")
        XCTAssertTrue(archive.contains("暑期防溺水安全提示"))
        XCTAssertTrue(archive.contains("<span class=\"badge badge-expired\">已过期</span>"))
        XCTAssertTrue(archive.contains("杏花村 · 法治宣传 · 往期"))
        XCTAssertFalse(archive.contains("民法典宣传月告村民书"))
        // The site-wide notice list is split the same way.
        XCTAssertTrue(try site.text("notices/archive/index.html").contains("暑期防溺水安全提示"))
        XCTAssertFalse(try site.text("notices/index.html").contains("暑期防溺水安全提示"))
    }

    func testUpcomingLecturesSoonestFirst() throws {
        let site = try PortalFixture.build(
            self,
            [
                "content/villages/xinghua/lectures/a.md": "---\ntitle: 冬季防火讲座\ndate: 2026-11-01\nheld: 2027-01-10\n---\n",
                "content/villages/xinghua/lectures/b.md": "---\ntitle: 宪法日宣讲\ndate: 2026-10-01\nheld: 2026-12-04\n---\n",
                "content/villages/xinghua/lectures/c.md": "---\ntitle: 七一党课\ndate: 2026-06-30\nheld: 2026-06-30\n---\n",
            ])
        for path in ["index.html", "villages/xinghua/index.html"] {
            let html = try site.text(path)
            let upcoming = try XCTUnwrap(html.range(of: "<h2 id=\"h-upcoming\">宣讲预告</h2>"), path)
            let panel = html[upcoming.upperBound...].prefix(while: { $0 != "§" }).split(separator: "</section>").first.map(String.init) ?? ""
            XCTAssertFalse(panel.contains("七一党课"), "held already")
            let first = try XCTUnwrap(panel.range(of: "宪法日宣讲")?.lowerBound, path)
            let second = try XCTUnwrap(panel.range(of: "冬季防火讲座")?.lowerBound, path)
            XCTAssertLessThan(first, second, path)
        }
    }

    func testYearlyArchivePerVillage() throws {
        let site = try PortalFixture.build(
            self,
            [
                "content/villages/xinghua/news/a.md": "---\ntitle: 二〇二五年新闻\ndate: 2025-12-20\n---\n",
                "content/villages/xinghua/notices/b.md": "---\ntitle: 三月公告\ndate: 2026-03-02\n---\n",
                "content/villages/xinghua/news/c.md": "---\ntitle: 十月新闻\ndate: 2026-10-08\n---\n",
            ])
        let village = try site.text("villages/xinghua/index.html")
        XCTAssertTrue(village.contains("<a href=\"archive/2026.html\">2026年（2 篇）</a>"), village)
        XCTAssertTrue(village.contains("<a href=\"archive/2025.html\">2025年（1 篇）</a>"), village)
        let year = try site.text("villages/xinghua/archive/2026.html")
        XCTAssertTrue(year.contains("<h1>杏花村 · 2026年</h1>"))
        let october = try XCTUnwrap(year.range(of: "2026年10月（1 篇）")?.lowerBound)
        let march = try XCTUnwrap(year.range(of: "2026年3月（1 篇）")?.lowerBound)
        XCTAssertLessThan(october, march, "newest month first")
        XCTAssertFalse(year.contains("二〇二五年新闻"))
        XCTAssertTrue(year.contains("<span aria-current=\"page\">2026年（2）</span>"))
        XCTAssertTrue(try site.text("villages/xinghua/archive/index.html").contains("href=\"2025.html\""))
    }

    func testModelsGalleryByCategoryAndYearWithAltText() throws {
        let site = try PortalFixture.build(
            self,
            [
                "content/villages/xinghua/models/he.md":
                    "---\ntitle: 照顾瘫痪婆婆二十年\ndate: 2025-09-20\nperson: 何秀芝\ncategory: 孝老爱亲\nhonors: [2025年白鹭镇“身边好人”]\nphoto: he.jpg\n---\n",
                "content/villages/xinghua/models/he.jpg": "jpeg",
                "content/villages/lugao/models/zhu.md": "---\ntitle: 跳进鱼塘救起落水儿童\ndate: 2026-07-02\nperson: 朱大勇\ncategory: 见义勇为\n---\n",
                "content/villages/lugao/models/li.md": "---\ntitle: 李家五星文明户\ndate: 2024-03-01\ncategory: 五星文明户\nphoto: /images/li.jpg\n---\n",
                "static/images/li.jpg": "jpeg",
                "content/villages/lugao/models/x.md": "---\ntitle: IMG_0001.JPG\ndate: 2024-01-01\nphoto: /images/li.jpg\n---\n",
            ])
        let gallery = try site.text("models/gallery/index.html")
        // The standard categories in their order, then the site's own, then 其他.
        let order = ["见义勇为", "孝老爱亲", "五星文明户", "其他"].compactMap { gallery.range(of: "\">\($0)</h2>")?.lowerBound }
        XCTAssertEqual(order.count, 4, gallery)
        XCTAssertEqual(order, order.sorted())
        XCTAssertTrue(gallery.contains("<h3>2025年</h3>"))
        XCTAssertTrue(gallery.contains("<img src=\"../../villages/xinghua/models/he.jpg\" alt=\"何秀芝\" loading=\"lazy\">"), gallery)
        XCTAssertTrue(gallery.contains("alt=\"李家五星文明户\""), "the title serves when there is no person")
        XCTAssertTrue(gallery.contains("<li>2025年白鹭镇“身边好人”</li>"))
        // A photo with neither a person nor a usable title is a warning on its photo: line.
        let warnings = site.summary.diagnostics.filter { $0.zh.contains("替代文字") }
        XCTAssertEqual(warnings.map(\.file), ["content/villages/lugao/models/x.md"])
        XCTAssertEqual(warnings.first?.line, 4)
        // Each village has its own gallery, linked from its model list.
        XCTAssertTrue(try site.text("villages/lugao/models/gallery/index.html").contains("朱大勇"))
        XCTAssertFalse(try site.text("villages/lugao/models/gallery/index.html").contains("何秀芝"))
        XCTAssertTrue(try site.text("villages/xinghua/models/index.html").contains("href=\"gallery/index.html\""))
        XCTAssertTrue(try site.text("villages/xinghua/models/he.html").contains("alt=\"何秀芝\""))
    }

    func testFinancialTableTotalMismatchNamesFileAndLine() throws {
        let site = try PortalFixture.build(
            self,
            [
                "content/villages/xinghua/news/2026-10-财务.md": """
                ---
                title: 2026年10月财务收支
                date: 2026-11-05
                ---
                本月收支如下：

                ```csv 2026年10月收入
                项目,金额（元）,备注
                上级转移支付,"12,000",
                租金收入,860,鱼塘
                合计,13000,
                ```
                """
            ])
        let warning = try XCTUnwrap(site.summary.diagnostics.first { $0.zh.contains("≠") })
        XCTAssertEqual(warning.formatted(.zh).prefix(while: { $0 != "（" }), "content/villages/xinghua/news/2026-10-财务.md:11: warning: 合计 13000 ≠ 12860")
        XCTAssertTrue(warning.formatted(.en).hasPrefix("content/villages/xinghua/news/2026-10-财务.md:11: warning: 合计 13000 ≠ 12860"))
        let html = try site.text("villages/xinghua/news/2026-10-财务.html")
        XCTAssertTrue(html.contains("<caption>2026年10月收入</caption>"))
        XCTAssertTrue(html.contains("<td class=\"num\">12,000</td>"))
        XCTAssertTrue(html.contains("<tr class=\"total\"><th scope=\"row\">合计</th><td class=\"num\">13000</td>"), html)
    }

    func testPortalPagesLinkOnlyToFilesThatExist() throws {
        let site = try PortalFixture.build(
            self,
            SearchIndexTests.files.merging([
                "content/villages/xinghua/notices/old.md": "---\ntitle: 旧通知\ndate: 2025-06-15\nexpires: 2025-09-01\ntags: [安全]\n---\n",
                "content/villages/xinghua/models/m.md": "---\ntitle: 好人\ndate: 2025-09-20\nperson: 某某\ncategory: 助人为乐\n---\n",
            ]) { a, _ in a })
        let files = try snapshot(site.output)
        var checked = 0
        for (path, data) in files where path.hasSuffix(".html") {
            let folder = (path as NSString).deletingLastPathComponent
            for target in linkTargets(in: String(decoding: data, as: UTF8.self)) {
                if target.hasPrefix("http") || target.hasPrefix("tel:") || target.hasPrefix("#") { continue }
                var file = target
                if let cut = file.firstIndex(where: { $0 == "#" || $0 == "?" }) { file = String(file[..<cut]) }
                let resolved = RelativePath.resolve(file.removingPercentEncoding ?? file, from: folder)
                XCTAssertNotNil(resolved.flatMap { files[$0] }, "\(path): broken link \(target)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 500)
    }
}
