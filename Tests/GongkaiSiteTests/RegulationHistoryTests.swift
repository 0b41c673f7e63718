import Foundation
import GongkaiTestSupport
import XCTest
import GongkaiContent
@testable import GongkaiSite

/// 版本沿革: `supersedes` chains, and what changed between versions, article by article.
final class RegulationHistoryTests: XCTestCase {
    static let v2020 = """
        ---
        title: 杏花村村规民约（2020版）
        date: 2020-05-01
        adopted: 2020-04-20
        version: 2020版
        ---
        ## 第一章 总则

        **第一条** 为推进村民自治，制定本村规民约。

        **第二条** 不大操大办红白喜事。

        **第三条** 不乱倒垃圾。
        """

    static let v2023 = """
        ---
        title: 杏花村村规民约（2023版）
        date: 2023-05-01
        adopted: 2023-04-16
        version: 2023版
        supersedes: v2020
        ---
        ## 第一章 总则

        **第一条** 为推进村民自治，经村民代表会议讨论通过，制定本村规民约。

        **第二条** 不大操大办红白喜事。

        **第三条** 不乱倒垃圾，不乱堆柴草。

        **第四条** 不参与赌博。
        """

    static let v2026 = """
        ---
        title: 杏花村村规民约（2026版）
        date: 2026-03-30
        adopted: 2026-03-18
        version: 2026版
        supersedes: v2023
        ---
        ## 第一章 总则

        **第一条** 为推进村民自治，经村民代表会议表决通过，制定本村规民约。

        ## 第二章 移风易俗

        **第二条** 不大操大办红白喜事。

        **第三条** 实行积分制管理，积分可在爱心超市兑换生活用品。

        **第四条** 不参与赌博。
        """

    var files: [String: String] {
        [
            "content/villages/xinghua/regulations/v2020.md": Self.v2020,
            "content/villages/xinghua/regulations/v2023.md": Self.v2023,
            "content/villages/xinghua/regulations/v2026.md": Self.v2026,
        ]
    }

    func section(_ html: String, _ id: String) -> String {
        guard let start = html.range(of: "aria-labelledby=\"\(id)\"") else { return "" }
        let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)?.lowerBound ?? html.endIndex
        return String(html[start.lowerBound..<end])
    }

    func testEveryVersionShowsTheWholeChainWithItsStatus() throws {
        let site = try PortalFixture.build(self, files)
        for (name, here) in [("v2026", 0), ("v2023", 1), ("v2020", 2)] {
            let html = try site.text("villages/xinghua/regulations/\(name).html")
            let history = section(html, "h-history")
            let items = history.components(separatedBy: "<li value=").dropFirst()
            XCTAssertEqual(items.count, 3, name)
            for (n, item) in items.enumerated() {
                XCTAssertTrue(item.contains(n == 0 ? "现行有效" : "已废止"), "\(name): \(item)")
                XCTAssertEqual(item.contains("aria-current=\"page\""), n == here, "\(name): \(item)")
            }
            XCTAssertTrue(history.contains("2026年3月18日通过"))
        }
        let old = try site.text("villages/xinghua/regulations/v2020.html")
        XCTAssertTrue(old.contains("<span class=\"badge badge-repealed\">已废止</span>"))
        XCTAssertTrue(old.contains("href=\"v2023.html#changes\""), "links to what the next version changed")
        XCTAssertFalse(old.contains("id=\"changes\""), "the first version has nothing to compare with")
    }

    func testLongChainsListEveryVersionOnlyOnTheCurrentOne() throws {
        var files: [String: String] = [:]
        for n in 1...12 {
            let supersedes = n > 1 ? "supersedes: v\(n - 1)\n" : ""
            files["content/villages/xinghua/regulations/v\(n).md"] =
                "---\ntitle: 第\(n)版\ndate: 2020-01-\(n < 10 ? "0" : "")\(n)\n\(supersedes)---\n第一条 第\(n)版。\n\n第二条 不变。\n"
        }
        let site = try PortalFixture.build(self, files)
        let current = section(try site.text("villages/xinghua/regulations/v12.html"), "h-history")
        XCTAssertEqual(current.components(separatedBy: "<li value=").count - 1, 12)
        // An old version lists the newest, the oldest and its neighbours, and points to the full list.
        let middle = section(try site.text("villages/xinghua/regulations/v6.html"), "h-history")
        let listed = middle.components(separatedBy: "<li value=\"").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        XCTAssertEqual(listed, [1, 5, 6, 7, 8, 9, 12], middle)
        XCTAssertTrue(middle.contains("<li class=\"gap\">……（其余各版见<a href=\"v12.html\">现行版本的版本沿革</a>）</li>"), middle)
    }

    func testChangesAreShownArticleByArticle() throws {
        let site = try PortalFixture.build(self, files)
        let html = try site.text("villages/xinghua/regulations/v2026.html")
        let changes = section(html, "h-changes")
        XCTAssertTrue(changes.contains("与2023版相比的修改"), changes)
        XCTAssertTrue(changes.contains("逐条比较：修改 1 条，新增 1 条，删除 1 条，未改动 2 条"), changes)
        XCTAssertTrue(changes.contains("href=\"v2023.html\""))
        // 第一条: 讨论 became 表决; the changed words are marked in both texts, in words and not only colour.
        XCTAssertTrue(changes.contains("<span class=\"badge badge-changed\">修改</span> <strong>第一条</strong>"), changes)
        XCTAssertTrue(changes.contains("<del><span class=\"visually-hidden\">［删去：</span>讨论<span class=\"visually-hidden\">］</span></del>"), changes)
        XCTAssertTrue(changes.contains("<ins><span class=\"visually-hidden\">［增加：</span>表决<span class=\"visually-hidden\">］</span></ins>"), changes)
        XCTAssertTrue(changes.contains("<span class=\"change-label\">原文：</span>"))
        XCTAssertTrue(changes.contains("<span class=\"change-label\">修改后：</span>"))
        // 第三条 was replaced: the old one removed, the new one added, each with its text.
        XCTAssertTrue(changes.contains("<span class=\"badge badge-removed\">删除</span> <strong>原第三条</strong>"), changes)
        XCTAssertTrue(changes.contains("<span class=\"badge badge-added\">新增</span> <strong>第三条</strong>"), changes)
        // 第二条 and 第四条 did not change and are not listed.
        XCTAssertFalse(changes.contains("<strong>第二条</strong>"))
        XCTAssertFalse(changes.contains("<strong>第四条</strong>"))
    }

    func testAddedRemovedAndRenumberedArticles() {
        let old = "第一条 总则。\n第二条 不赌博。\n第三条 不乱倒垃圾。\n"
        let new = "第一条 总则。\n第二条 不乱倒垃圾。\n第三条 实行积分制管理。\n"
        let changes = RegulationHistory.compare(
            RegulationHistory.articles(RegulationHistory.textLines(old)), RegulationHistory.articles(RegulationHistory.textLines(new)))
        XCTAssertEqual(
            changes,
            [
                .same(.init(label: "第一条", text: "总则。"), .init(label: "第一条", text: "总则。")),
                .removed(.init(label: "第二条", text: "不赌博。")),
                .same(.init(label: "第三条", text: "不乱倒垃圾。"), .init(label: "第二条", text: "不乱倒垃圾。")),
                .added(.init(label: "第三条", text: "实行积分制管理。")),
            ])
    }

    func testArticlesKeepTheirParagraphsAndSkipHeadings() {
        let text = "序言。\n第一章 总则\n第一条 为推进村民自治，\n制定本公约。\n第二章 奖惩\n第十二条：违反的扣分。\n"
        XCTAssertEqual(
            RegulationHistory.articles(RegulationHistory.textLines(text)),
            [
                .init(label: "第一条", text: "为推进村民自治，\n制定本公约。"),
                .init(label: "第十二条", text: "违反的扣分。"),
            ])
        XCTAssertEqual(RegulationHistory.articles(RegulationHistory.textLines("没有条文的公约。\n第二段。")), [])
    }

    func testCharacterDiffMarksWholeWordsNotScatteredCharacters() {
        let (old, new) = RegulationHistory.characterDiff("婚事新办，由红白理事会提供指导。", "婚事新办，婚宴不超过15桌，由红白理事会登记备案。")
        XCTAssertEqual(old.filter(\.marked).map(\.text), ["提供指导"])
        XCTAssertEqual(new.filter(\.marked).map(\.text), ["婚宴不超过15桌，", "登记备案"])
        XCTAssertEqual(old.map(\.text).joined(), "婚事新办，由红白理事会提供指导。")
        XCTAssertEqual(new.map(\.text).joined(), "婚事新办，婚宴不超过15桌，由红白理事会登记备案。")
    }

    /// The edit script comes from the standard library's `difference(from:)`: text put in front of an unchanged
    /// part is marked whole, and an inserted clause that could sit on either side of a comma ends at the comma.
    func testInsertedTextReadsAsClauses() {
        let (old, new) = RegulationHistory.characterDiff("不参与赌博、封建迷信活动。", "除婚丧外不办无事酒；不参与赌博和封建迷信活动。")
        XCTAssertEqual(old.filter(\.marked).map(\.text), ["、"])
        XCTAssertEqual(new.filter(\.marked).map(\.text), ["除婚丧外不办无事酒；", "和"])
        let (_, clause) = RegulationHistory.characterDiff(
            "本村规民约自村民代表会议通过之日起施行，由村民委员会负责解释。",
            "本村规民约自通过之日起施行，2023版同时废止，由村民委员会负责解释。")
        XCTAssertEqual(clause.filter(\.marked).map(\.text), ["2023版同时废止，"])
        XCTAssertEqual(clause.map(\.text).joined(), "本村规民约自通过之日起施行，2023版同时废止，由村民委员会负责解释。")
    }

    func testTextsWithoutArticlesAreComparedByParagraph() throws {
        let site = try PortalFixture.build(
            self,
            [
                "content/villages/xinghua/regulations/a.md": "---\ntitle: 居民公约（旧）\ndate: 2020-01-01\n---\n爱护公共设施。\n\n邻里和睦相处。\n\n垃圾分类投放。\n",
                "content/villages/xinghua/regulations/b.md":
                    "---\ntitle: 居民公约（新）\ndate: 2026-01-01\nsupersedes: a\n---\n爱护公共设施。\n\n邻里和睦相处，互相帮助。\n\n垃圾分类投放。\n\n文明养犬。\n",
            ])
        let changes = section(try site.text("villages/xinghua/regulations/b.html"), "h-changes")
        XCTAssertTrue(changes.contains("逐段比较：修改 1 段，新增 1 段，未改动 2 段"), changes)
        XCTAssertTrue(changes.contains("新增段落"), changes)
        XCTAssertTrue(changes.contains("<ins><span class=\"visually-hidden\">［增加：</span>，互相帮助"), changes)
    }

    func testRewrittenTextWithoutArticlesIsSummarisedNotRepeated() throws {
        let site = try PortalFixture.build(
            self,
            [
                "content/villages/xinghua/regulations/a.md": "---\ntitle: 居民公约（旧）\ndate: 2020-01-01\n---\n爱护公共设施。\n\n邻里和睦相处。\n\n垃圾分类投放。\n",
                "content/villages/xinghua/regulations/b.md": "---\ntitle: 居民公约（新）\ndate: 2026-01-01\nsupersedes: a\n---\n文明养犬，出门牵绳。\n\n车辆有序停放。\n\n高空不抛物。\n",
            ])
        let changes = section(try site.text("villages/xinghua/regulations/b.html"), "h-changes")
        XCTAssertTrue(changes.contains("两版差别较大（3 段中仅 0 段相同或相近）"), changes)
        XCTAssertFalse(changes.contains("change-list"), changes)
    }

    func testBrokenChainIsAnErrorWithFileAndLine() throws {
        let root = try temporaryDirectory(self)
        try writeFiles(
            PortalFixture.base.merging([
                "content/villages/xinghua/regulations/v2026.md": Self.v2026
            ]) { _, new in new }, under: root)
        XCTAssertThrowsError(try SiteBuilder.build(.init(site: root.path, today: PortalFixture.today, incremental: false))) { error in
            let diagnostics = (error as? DiagnosticError)?.diagnostics ?? []
            let broken = diagnostics.first { $0.zh.contains("supersedes") }
            XCTAssertEqual(broken?.file, "content/villages/xinghua/regulations/v2026.md")
            XCTAssertEqual(broken?.line, 6, "the supersedes: line")
            XCTAssertEqual(broken?.severity, .error)
            XCTAssertEqual(
                broken?.formatted(.en).hasPrefix("content/villages/xinghua/regulations/v2026.md:6: error: supersedes: v2023"), true,
                broken?.formatted(.en) ?? "")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("public").path))
    }

    func testVersionsSupersedingEachOtherInACircleAreReported() throws {
        let site = try PortalFixture.build(
            self,
            [
                "content/villages/xinghua/regulations/a.md": "---\ntitle: 甲版\ndate: 2020-01-01\nsupersedes: b\n---\n第一条 甲。\n",
                "content/villages/xinghua/regulations/b.md": "---\ntitle: 乙版\ndate: 2021-01-01\nsupersedes: a\n---\n第一条 乙。\n",
            ])
        let circle = site.summary.diagnostics.filter { $0.zh.contains("循环") }
        XCTAssertEqual(circle.map(\.file), ["content/villages/xinghua/regulations/a.md", "content/villages/xinghua/regulations/b.md"])
        XCTAssertEqual(circle.map(\.line), [4, 4])
    }

    // MARK: Shortcuts of the comparison, against the plain code they replaced

    /// Clauses of village regulations, joined one to three to an article.
    static let clauses = [
        "村民应当爱护公共设施，不得损坏道路、路灯和健身器材。", "婚丧事宜从简办理，不大操大办，不铺张浪费。", "生活垃圾分类投放到指定地点，不乱倒垃圾。",
        "邻里之间互相帮助，发生纠纷由人民调解委员会调解。", "不参与赌博、封建迷信活动，不传播谣言。", "实行积分制管理，积分可在爱心超市兑换生活用品。",
        "违反本公约的，由村民委员会批评教育，责令改正。", "本公约自村民代表会议通过之日起施行。", "保护耕地，不在承包地上建房、挖沙、取土。",
        "文明养犬，出户拴绳，及时清理犬只粪便。", "爱护山林，禁止乱砍滥伐，野外不得用火。", "子女应当履行赡养义务，关心照顾老年人生活。",
        "村务公开每季度一次，财务收支逐笔公布，接受村民监督。", "外出务工人员返乡，应当配合村里做好登记。", "Wi-Fi 密码见村委会公告栏（2026年版）。",
        "节日燃放烟花爆竹须在指定地点👍", "第三项所列款项，按照《村集体资金管理办法》执行。",
    ]

    /// A regulation's articles, and a revision of them: some reworded, dropped, added, moved or repeated
    /// (`edits` at most), or, with `edits` nil, an unrelated text.
    static func versions(edits: Int?, using generator: inout SystemRandomNumberGenerator) -> (old: [String], new: [String]) {
        func article() -> String {
            (0..<Int.random(in: 1...3, using: &generator)).map { _ in clauses.randomElement(using: &generator)! }.joined()
        }
        let old = (0..<Int.random(in: 3...20, using: &generator)).map { _ in article() }
        guard let edits else { return (old, (0..<Int.random(in: 3...20, using: &generator)).map { _ in article() }) }
        var new = old
        for _ in 0..<Int.random(in: 0...edits, using: &generator) where !new.isEmpty {
            let k = Int.random(in: 0..<new.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: new[k] = "经村民代表会议讨论，" + new[k]
            case 1: new.remove(at: k)
            case 2: new.insert(article(), at: k)
            case 3: new.insert(new.remove(at: k), at: Int.random(in: 0...new.count, using: &generator))
            default: new.insert(new[k], at: Int.random(in: 0...new.count, using: &generator))
            }
        }
        return (old, new)
    }

    func testArticleEditsAreThoseOfTheWholeDifference() {
        var generator = SystemRandomNumberGenerator()
        for edits in [1, 3, 8, nil] {
            for _ in 0..<1000 {
                let (old, new) = Self.versions(edits: edits, using: &generator)
                let plain = FastPathTests.differenceMarks(from: old, to: new)
                for fast in [RegulationHistory.edits(from: old, to: new), RegulationHistory.unitEdits(from: old, to: new)] {
                    XCTAssertEqual(fast.removed, plain.removed, "\(old) → \(new)")
                    XCTAssertEqual(fast.inserted, plain.inserted, "\(old) → \(new)")
                }
            }
        }
    }

    /// What `pairKeys` gave stepping through the code points and sorting with `sort()`.
    static func plainPairKeys(_ text: String) -> [UInt64] {
        let scalars = text.unicodeScalars.map(\.value)
        return zip(scalars, scalars.dropFirst()).map { UInt64($0) << 32 | UInt64($1) }.sorted()
    }

    /// What `similarity` gave comparing all of both.
    static func plainSimilarity(_ a: [UInt64], _ b: [UInt64]) -> Double {
        if a.isEmpty || b.isEmpty { return 0 }
        var i = 0, j = 0, shared = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { shared += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return Double(2 * shared) / Double(a.count + b.count)
    }

    func testPairKeysAndSimilarityAreThoseOfThePlainCode() {
        var generator = SystemRandomNumberGenerator()
        // Articles and their rewordings of every length around the ~64 keys where the sort changes, one of
        // a single character repeated, and some with a large group of keys (one first character in most pairs).
        var texts: [String] = ["", "约", String(repeating: "约", count: 300)]
        for _ in 0..<400 {
            let (old, new) = Self.versions(edits: 3, using: &generator)
            texts += [old.joined(), new.joined(), old[0], new.first ?? ""]
            texts.append(old.joined().map { "的\($0)" }.joined())
        }
        let keys = texts.map(Self.plainPairKeys)
        for (text, plain) in zip(texts, keys) {
            XCTAssertEqual(RegulationHistory.pairKeys(text), plain, text)
        }
        // Pairs of any two texts (rewordings of one another among them), and of a text and some of its
        // keys (a quarter to all of them: alike from about 0.4 to 1, around the one half that pairs units).
        for _ in 0..<5000 {
            let a = keys.randomElement(using: &generator)!
            let kept = Int.random(in: 1...4, using: &generator)
            let b = Bool.random(using: &generator) ? a.filter { _ in Int.random(in: 0..<4, using: &generator) < kept } : keys.randomElement(using: &generator)!
            let plain = Self.plainSimilarity(a, b)
            XCTAssertEqual(RegulationHistory.similarity(a, b), plain >= 0.5 ? plain : 0, "\(a) ~ \(b)")
        }
    }
}
