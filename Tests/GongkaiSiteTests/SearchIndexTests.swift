import Foundation
import GongkaiTestSupport
import XCTest
import GongkaiContent
@testable import GongkaiSite

/// The 站内搜索 index: tokens, postings, shards and chunks, and what queries find in a built site.
final class SearchIndexTests: XCTestCase {
    static let filler = String(repeating: "村两委班子带领群众发展杏树种植，修通了产业路。", count: 40)

    static let files: [String: String] = [
        "content/villages/xinghua/notices/2026-11-01-宪法宣传周.md":
            "---\ntitle: 杏花村宪法宣传周活动安排\ndate: 2026-11-01\ntags: [宪法, 普法]\n---\n12月4日是国家宪法日。村委会门口设宣传台。\n",
        "content/villages/xinghua/regulations/村规民约.md":
            "---\ntitle: 杏花村村规民约\ndate: 2026-03-30\n---\n**第一条** 为推进村民自治，制定本村规民约。\n\n**第二条** 村民应当遵守宪法和法律。\n",
        "content/villages/lugao/news/2026-03-02-低保公示.md":
            "---\ntitle: 关于2026年第一季度低保对象的公示\ndate: 2026-03-02\n---\n经村民代表会议评议，拟将以下2户纳入低保。公示期：2026年3月2日至3月9日。\n",
        "content/villages/lugao/news/2026-05-20-反诈.md":
            "---\ntitle: 警惕电信网络诈骗\ndate: 2026-05-20\n---\n联合国宪章与国际法律都反对诈骗。村里WiFi密码不要告诉陌生人，村规民约也写了。\n",
        "content/villages/lugao/notices/2026-09-01-普法.md":
            "---\ntitle: 芦篙村普法宣传提示\ndate: 2026-09-01\nlaw: 《中华人民共和国宪法》\n---\n请村民学法用法。\n",
        "content/villages/lugao/lectures/2026-06-01-长文.md":
            "---\ntitle: 产业发展经验交流\ndate: 2026-06-01\n---\n\(filler)\n\n最后，老党员带大家重温了宪法誓词。\n",
    ]

    func testHanTextBecomesCharactersAndPairsAndLatinBecomesWords() {
        XCTAssertEqual(SearchIndex.tokens("宪法宣传"), ["宪", "宪法", "法", "法宣", "宣", "宣传", "传"])
        XCTAssertEqual(SearchIndex.tokens("2026年村规 WiFi"), ["年", "2026", "年村", "村", "村规", "规", "wifi"])
        // Full-width letters and digits are the same words as half-width ones.
        XCTAssertEqual(SearchIndex.tokens("ＷｉＦｉ密码１２３"), ["密", "wifi", "密码", "码", "123"])
        // Punctuation separates: no pair across it, each character still a token.
        XCTAssertEqual(SearchIndex.tokens("宪，法。低保"), ["宪", "法", "低", "低保", "保"])
        XCTAssertEqual(SearchIndex.tokens("宪"), ["宪"])
        // A character outside the Basic Multilingual Plane (CJK Extension B) pairs like any other.
        XCTAssertEqual(SearchIndex.tokens("𠀋村"), ["𠀋", "𠀋村", "村"])
        // Latin letters with accents are word characters, in one word with the letters around them.
        XCTAssertEqual(SearchIndex.tokens("Café、naïve×2"), ["café", "naïve", "2"])
        // Emoji, punctuation and spaces of every width separate.
        XCTAssertEqual(SearchIndex.tokens("低保👍公示　PDF"), ["低", "低保", "保", "公", "公示", "示", "pdf"])
        // Traditional characters are read as simplified (OpenCC's t2s, HanFold).
        XCTAssertEqual(SearchIndex.tokens("憲法"), SearchIndex.tokens("宪法"))
        XCTAssertEqual(SearchIndex.tokens("村規民約"), SearchIndex.tokens("村规民约"))
    }

    func testPostingsRoundTrip() {
        let postings: [UInt32] = [0 << 2 | 2, 5 << 2, 6 << 2 | 1, 1000 << 2, 70_000 << 2 | 2]
        let text = SearchIndex.encodePostings(postings)
        XCTAssertEqual(SearchIndex.decodePostings(text).map { $0.page }, [0, 5, 6, 1000, 70_000])
        XCTAssertEqual(SearchIndex.decodePostings(text).map { $0.place }, [2, 0, 1, 0, 2])
        // Consecutive pages cost one character each.
        XCTAssertEqual(SearchIndex.encodePostings([0, 4, 8, 12]).count, 4)
        XCTAssertFalse(text.contains("\"") || text.contains("\\"))
    }

    /// Each posting is written as the base-32 digits of its code, most significant first, the last one
    /// from `terminal`: checked at the edges of every digit count.
    func testPostingsAreTheBase32DigitsOfTheirCodes() {
        var postings: [UInt32] = []
        var expected = String.UnicodeScalarView()
        var previous = -1
        for code in [0, 1, 31, 32, 33, 1023, 1024, 32_767, 32_768, 1 << 20 - 1, 1 << 20, 1 << 25 - 1, 1 << 25] {
            let number = previous + 1 + code >> 2
            postings.append(UInt32(number << 2 | code & 3))
            previous = number
            var digits: [Int] = []
            var rest = code
            repeat {
                digits.insert(rest % 32, at: 0)
                rest /= 32
            } while rest > 0
            expected.append(contentsOf: digits.dropLast().map { SearchIndex.continuation[$0] })
            expected.append(SearchIndex.terminal[digits.last!])
        }
        XCTAssertEqual(SearchIndex.encodePostings(postings), String(expected))
    }

    func testSnippetTextIsCutBetweenCharacters() {
        let page = Page(
            sourcePath: "content/villages/a/news/x.md", kind: .article, owner: .village("a"), section: "news",
            slug: "x", title: "标题", date: PageDate(day: Day(year: 2026, month: 1, day: 1)!))
        let text = String(repeating: "字", count: SearchIndex.textLimit - 1) + "e\u{301}\u{302}" + "👍🏽" + "尾"
        let snippet = SearchIndex.snippetText(SearchIndex.Document(page: page, summary: "", plainText: text))
        XCTAssertEqual(snippet.unicodeScalars.count, SearchIndex.textLimit + 2, "the accents stay with their letter")
        XCTAssertTrue(snippet.hasSuffix("e\u{301}\u{302}"))
        // Lines become single spaces, and the text ends without one.
        let lines = SearchIndex.snippetText(SearchIndex.Document(page: page, summary: "", plainText: "第一段\n\n  第二段\n"))
        XCTAssertEqual(lines, "第一段 第二段")
    }

    func testJSONTextIsSafeInScripts() throws {
        let title = "“引号”\"双引号\" </script><b> \\ \u{2028}换行\n\u{1}"
        let literal = JSONText.string(title, forScript: true)
        XCTAssertFalse(literal.contains("</script"))
        XCTAssertFalse(literal.contains("\u{2028}"))
        let decoded = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: [.fragmentsAllowed]) as? String
        XCTAssertEqual(decoded, title)
    }

    func testQueriesFindWhatTheyShould() throws {
        let site = try PortalFixture.build(self, Self.files)
        let index = try BuiltSearchIndex(output: site.output)
        // 宪法: the page with it in the title first, then newest first; 宪章…法律 is not 宪法.
        XCTAssertEqual(try index.titles("宪法"), ["杏花村宪法宣传周活动安排", "芦篙村普法宣传提示", "产业发展经验交流", "杏花村村规民约"])
        // The law a notice explains is searched, and leads its snippet text.
        let notice = try index.document(try XCTUnwrap(index.search("宪法").dropFirst().first))
        XCTAssertEqual(notice[3], "依据：《中华人民共和国宪法》 请村民学法用法。")
        // A term found past the text kept for snippets is still found: the index covers the whole page.
        XCTAssertGreaterThan(Self.filler.count, SearchIndex.textLimit)
        XCTAssertEqual(try index.titles("村规民约"), ["杏花村村规民约", "警惕电信网络诈骗"])
        XCTAssertEqual(try index.titles("低保"), ["关于2026年第一季度低保对象的公示"])
        XCTAssertEqual(try index.titles("ＷｉＦｉ"), ["警惕电信网络诈骗"])
        XCTAssertEqual(try index.titles("2026 低保"), ["关于2026年第一季度低保对象的公示"])
        // No page has both: the pages with one of them are partial matches.
        XCTAssertEqual(try index.rank("宪法 低保").partial, true)
        XCTAssertEqual(try index.titles("民法典"), [])
        // Summaries are searched too: the summary of a page is indexed with its body.
        let document = try index.document(try XCTUnwrap(index.search("低保").first))
        XCTAssertEqual(document[1], "villages/lugao/news/2026-03-02-低保公示.html")
        XCTAssertEqual(document[2], "2026-03-02")
        XCTAssertTrue(document[3].hasPrefix("经村民代表会议评议"), document[3])
    }

    func testMetaGivesOwnerAndKindOfEveryPage() throws {
        let site = try PortalFixture.build(self, Self.files)
        let index = try BuiltSearchIndex(output: site.output)
        XCTAssertEqual(index.meta["count"] as? Int, 6)
        let owners = try XCTUnwrap(index.meta["owners"] as? [[String]])
        XCTAssertEqual(owners.map { $0[0] }, ["lugao", "xinghua"])
        let width = try XCTUnwrap(index.meta["ownerWidth"] as? Int)
        let table = try XCTUnwrap(index.meta["pages"] as? String)
        XCTAssertEqual(table.count, 6 * (width + 1))
        // Page 0 is the newest: the 宪法宣传周 notice of xinghua.
        let first = Array(table.prefix(width + 1))
        XCTAssertEqual(owners[Int(String(first.prefix(width)), radix: 36) ?? -1][0], "xinghua")
        XCTAssertEqual(Kind.allCases[Int(String(first[width])) ?? -1], .notice)
        XCTAssertEqual(try index.document(0)[0], "杏花村宪法宣传周活动安排")
    }

    func testLargeIndexIsShardedByTokenHash() throws {
        // Enough distinct pairs for several shards: each page has its own run of characters.
        var documents: [SearchIndex.Document] = []
        let pool = Array("村规民约宪法低保党建普法治理文明乡风家风孝老爱亲见义勇为诚实守信敬业奉献助人为乐环境卫生垃圾分类秸秆禁烧防溺水反诈骗")
        for n in 0..<3000 {
            var text = ""
            for k in 0..<40 { text.append(pool[(n * 7 + k * k) % pool.count]) }
            let page = Page(
                sourcePath: "content/villages/a/news/\(n).md", kind: .article, owner: .village("a"), section: "news",
                slug: "\(n)", title: "第\(n)号", date: PageDate(day: Day(year: 2026, month: 1, day: 1)!))
            documents.append(SearchIndex.Document(page: page, summary: "", plainText: text))
        }
        let outputs = SearchIndex.build(documents, owners: [("a", "甲村")]) { _ in 0 }
        let shards = outputs.filter { $0.path.hasPrefix("search/data/t") }
        XCTAssertGreaterThan(shards.count, 1)
        XCTAssertEqual(shards.count & (shards.count - 1), 0, "a power of two")
        let chunks = outputs.filter { $0.path.hasPrefix("search/data/d") }
        XCTAssertEqual(chunks.count, (3000 + SearchIndex.chunkSize - 1) / SearchIndex.chunkSize)
        // Every token sits in the shard its hash names, so a query loads only those shards.
        var tokens = 0
        for file in shards {
            let number = try XCTUnwrap(Int(file.path.dropFirst("search/data/t".count).dropLast(".js".count)))
            let folder = try temporaryDirectory(self)
            let url = folder.appendingPathComponent("t.js")
            try Data(file.bytes).write(to: url)
            let shard = try XCTUnwrap(BuiltSearchIndex.payload(of: url, skipNumber: true) as? [String: String])
            for (token, postings) in shard {
                XCTAssertEqual(Int(SearchIndex.hash(token: token) & UInt32(shards.count - 1)), number, token)
                XCTAssertFalse(SearchIndex.decodePostings(postings).isEmpty)
                tokens += 1
            }
            XCTAssertLessThan(file.bytes.count, 200_000, "shards stay small")
        }
        XCTAssertGreaterThan(tokens, 100)
    }

    func testBuildReportsIndexSize() throws {
        let site = try PortalFixture.build(self, Self.files)
        let files = try snapshot(site.output)
        let index = files.filter { $0.key.hasPrefix("search/data/") }.values.reduce(0) { $0 + $1.count }
        let html = files.filter { $0.key.hasSuffix(".html") }.values.reduce(0) { $0 + $1.count }
        XCTAssertEqual(site.summary.searchIndexBytes, index)
        XCTAssertEqual(site.summary.htmlBytes, html)
        XCTAssertGreaterThan(index, 0)
    }

    /// Pages are tokenised in blocks, in parallel: the index is the same whatever the blocks, and each
    /// token lists exactly the pages `tokens` finds it in, with the highest place on the page it is in.
    func testBlocksDoNotChangeTheIndex() throws {
        var random = RandomText(seed: 42, pool: "村规民约宪法低保党建普法治理文明乡风家风孝老爱亲见义勇为诚实守信，。 WiFi wifi ＷＩＦＩ Café naïve ÀÉ 2026 12 PDF x 𠀋村")
        func next(_ bound: Int) -> Int { random.next(bound) }
        func text(_ length: Int) -> String { random.text(length) }
        var documents: [SearchIndex.Document] = []
        for n in 0..<1500 {
            var page = Page(
                sourcePath: "content/villages/a/news/\(n).md", kind: .article, owner: .village("a"), section: "news",
                slug: "\(n)", title: text(8), date: PageDate(day: Day(year: 2026, month: 1, day: 1)!))
            page.tags = n % 3 == 0 ? [text(4)] : []
            documents.append(SearchIndex.Document(page: page, summary: n % 5 == 0 ? text(10) : "", plainText: text(next(80))))
        }
        let whole = SearchIndex.build(documents, owners: [("a", "甲村")], blockSize: documents.count) { _ in 0 }
        // Entries of 32 bits, and (entryBits below 32) the 64-bit ones of blocks with many tokens.
        for (blockSize, entryBits) in [(1, 32), (7, 32), (64, 32), (64, 12), (7, 9), (1, 2)] {
            let blocks = SearchIndex.build(documents, owners: [("a", "甲村")], blockSize: blockSize, entryBits: entryBits) { _ in 0 }
            XCTAssertEqual(blocks.map(\.path), whole.map(\.path))
            XCTAssertTrue(zip(blocks, whole).allSatisfy { $0.bytes == $1.bytes }, "block size \(blockSize), \(entryBits) bits")
        }
        // Blocks made of each page's tokens (serve's edit builds): tokenised, then from the ones kept.
        let cache = SearchIndex.BlockCache()
        for round in ["tokenised", "kept"] {
            let blocks = stride(from: 0, to: documents.count, by: 64).map {
                SearchIndex.Block(documents, pages: $0..<min(documents.count, $0 + 64), tokens: cache)
            }
            cache.keep()
            let byPage = SearchIndex.build(documents, blocks: blocks, owners: [("a", "甲村")]) { _ in 0 }
            XCTAssertEqual(byPage.map(\.path), whole.map(\.path), round)
            XCTAssertTrue(zip(byPage, whole).allSatisfy { $0.bytes == $1.bytes }, round)
        }
        var expected: [String: [(page: Int, place: Int)]] = [:]
        for (number, document) in documents.enumerated() {
            let inTitle = Set(SearchIndex.tokens(document.page.title))
            let inSummary = Set(SearchIndex.tokens((document.fields + [document.summary]).joined(separator: "\n")))
            let all = inTitle.union(inSummary).union(SearchIndex.tokens(document.plainText))
            for token in all {
                expected[token, default: []].append((number, inTitle.contains(token) ? 2 : inSummary.contains(token) ? 1 : 0))
            }
        }
        let shards = whole.filter { $0.path.hasPrefix("search/data/t") }
        XCTAssertGreaterThan(shards.count, 1)
        let folder = try temporaryDirectory(self)
        var found = 0
        for file in shards {
            let url = folder.appendingPathComponent("t.js")
            try Data(file.bytes).write(to: url)
            let shard = try XCTUnwrap(BuiltSearchIndex.payload(of: url, skipNumber: true) as? [String: String])
            for (token, postings) in shard {
                let decoded = SearchIndex.decodePostings(postings)
                XCTAssertEqual(decoded.map(\.page), expected[token]?.map(\.page), token)
                XCTAssertEqual(decoded.map(\.place), expected[token]?.map(\.place), token)
                found += 1
            }
        }
        XCTAssertEqual(found, expected.count)
    }

    /// A block numbers its tokens bucket by bucket: with words that all fall in one bucket, a block of
    /// one page (a bucket of 150 entries) and a block of all four (600) give the same index.
    func testCrowdedBucketDoesNotChangeTheIndex() throws {
        var words: [String] = []
        var n = 0
        while words.count < 450 {
            // (FNV-1a as `hash(token:)`, over ASCII: checked below for the words taken.)
            var hash: UInt32 = 2_166_136_261
            for byte in "w\(n)".utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
            if hash & UInt32(SearchIndex.Block.bucketCount - 1) == 0 { words.append("w\(n)") }
            n += 1
        }
        XCTAssertTrue(words.allSatisfy { SearchIndex.hash(token: $0) & UInt32(SearchIndex.Block.bucketCount - 1) == 0 })
        let documents = (0..<4).map { k in
            let page = Page(
                sourcePath: "content/villages/a/news/\(k).md", kind: .article, owner: .village("a"), section: "news",
                slug: "\(k)", title: "第\(k)号", date: PageDate(day: Day(year: 2026, month: 1, day: 1)!))
            // Overlapping runs, each page's in another order: numbering by first meeting matters.
            let run = Array(words[(k * 100)..<(k * 100 + 150)])
            return SearchIndex.Document(page: page, summary: "", plainText: (k % 2 == 0 ? run : run.reversed()).joined(separator: " "))
        }
        let whole = SearchIndex.build(documents, owners: [("a", "甲村")], blockSize: documents.count) { _ in 0 }
        let byPage = SearchIndex.build(documents, owners: [("a", "甲村")], blockSize: 1) { _ in 0 }
        XCTAssertEqual(byPage.map(\.path), whole.map(\.path))
        XCTAssertTrue(zip(byPage, whole).allSatisfy { $0.bytes == $1.bytes })
        let block = SearchIndex.Block(documents, pages: 0..<documents.count)
        XCTAssertGreaterThanOrEqual(block.count, 600)
        XCTAssertTrue(Set(words).isSubset(of: block.firstWords))
    }

    /// A session keeps tokenised blocks and a hash of each block's entries per shard: after edits that
    /// change a page's text, add a word (renumbering the words of every later block), remove a
    /// page (moving every later one) or grow the index past a shard count, the cached index equals one
    /// built from scratch.
    func testCachedIndexEqualsFreshIndexAfterEdits() throws {
        var random = RandomText(seed: 7, pool: "村规民约宪法低保党建普法治理文明乡风家风孝老爱亲见义勇为诚实守信，。 WiFi wifi Café 2026 12 PDF x")
        func next(_ bound: Int) -> Int { random.next(bound) }
        func text(_ length: Int) -> String { random.text(length) }
        func document(_ n: Int, _ body: String) -> SearchIndex.Document {
            var page = Page(
                sourcePath: "content/villages/a/news/\(n).md", kind: .article, owner: .village("a"), section: "news",
                slug: "\(n)", title: "第\(n)号", date: PageDate(day: Day(year: 2026, month: 1, day: 1)!))
            // As the loader does: the source hash follows the file's text.
            page.sourceHash = StableHash.of(body)
            return SearchIndex.Document(page: page, summary: "", plainText: body)
        }
        // Each page has a word of its own: words are numbered by the page they are first met on.
        var documents = (0..<1500).map { document($0, text(next(80)) + " w\($0)") }
        let cache = SearchIndex.BlockCache()
        func check(_ step: String) {
            let cached = SearchIndex.build(documents, owners: [("a", "甲村")], cache: cache) { _ in 0 }
            let fresh = SearchIndex.build(documents, owners: [("a", "甲村")]) { _ in 0 }
            XCTAssertEqual(cached.map(\.path), fresh.map(\.path), step)
            XCTAssertTrue(zip(cached, fresh).allSatisfy { $0.bytes == $1.bytes }, step)
        }
        check("first build")
        XCTAssertGreaterThan(SearchIndex.build(documents, owners: [("a", "甲村")]) { _ in 0 }.filter { $0.path.hasPrefix("search/data/t") }.count, 1)
        documents[700] = document(700, documents[700].plainText + "乡风文明")
        check("text of one page")
        documents[1400] = document(1400, documents[1400].plainText + " zebra")
        check("a new word, renumbering the words of later pages")
        documents.remove(at: 100)
        check("a page removed")
        for n in 0..<1500 { documents.append(document(1500 + n, text(80))) }
        check("more shards")
    }

    /// A session's edit build makes again only the shards in which a changed block's entries differ
    /// (`BlockCache.lastShards`) and the chunks whose pages changed (`lastChunks`), and keeps the last
    /// build's others. Seeded edits of one or two pages — text added, Latin words moved within a page
    /// (other word numbers inside the block, the same words first), a word taken from another page,
    /// titles — each equal an index built from scratch, and most are made from the last build's shards.
    func testSessionEditsMakeOnlyChangedShardsAndEqualFreshIndex() throws {
        var random = RandomText(seed: 18_1202, pool: "村规民约宪法低保党建普法治理文明乡风家风孝老爱亲见义勇为诚实守信，。 ")
        let words = ["wifi", "app", "pdf", "zebra", "café", "2026"]
        // Two villages and several kinds: `meta.js` lists each page's.
        let kinds: [Kind] = [.article, .notice, .lecture]
        func document(_ n: Int, title: String, body: String, kind: Kind) -> SearchIndex.Document {
            let village = n % 3 == 0 ? "b" : "a"
            var page = Page(
                sourcePath: "content/villages/\(village)/news/\(n).md", kind: kind, owner: .village(village), section: "news",
                slug: "\(n)", title: title, date: PageDate(day: Day(year: 2026, month: 1, day: 1)!))
            page.sourceHash = StableHash.of(title + "|" + body + "|" + kind.rawValue)
            return SearchIndex.Document(page: page, summary: "", plainText: body)
        }
        var documents = (0..<900).map { n in
            document(
                n, title: "第\(n)号", body: random.text(random.next(60)) + (n % 4 == 0 ? " \(words[n % words.count]) \(words[(n + 1) % words.count])" : ""),
                kind: kinds[n % kinds.count])
        }
        let owners = [("a", "甲村"), ("b", "乙村")]
        func owner(_ page: Page) -> Int { page.owner == .village("b") ? 1 : 0 }
        let cache = SearchIndex.BlockCache()
        var fromLast = 0
        for step in 0..<40 {
            for _ in 0..<(1 + random.next(2)) {
                let n = random.next(documents.count)
                let old = documents[n]
                var body = old.plainText, title = old.page.title, kind = old.page.kind
                switch random.next(5) {
                case 0: body += random.text(1 + random.next(6))
                case 1:
                    // The page's words in another order: the block numbers them otherwise.
                    let parts = body.split(separator: " ")
                    body = (parts.first.map(String.init) ?? "") + " " + parts.dropFirst().reversed().joined(separator: " ")
                case 2: body += " " + words[random.next(words.count)]
                case 3: title += random.text(2)
                default: kind = kinds[random.next(kinds.count)]
                }
                documents[n] = document(n, title: title, body: body, kind: kind)
            }
            cache.startBuild()
            let cached = SearchIndex.build(documents, owners: owners, cache: cache, ownerIndex: owner)
            if cache.note.contains("shards") { fromLast += 1 }
            let fresh = SearchIndex.build(documents, owners: owners, ownerIndex: owner)
            XCTAssertEqual(cached.map(\.path), fresh.map(\.path), "step \(step)")
            for (a, b) in zip(cached, fresh) where a.bytes != b.bytes { XCTFail("step \(step): \(a.path) differs from a fresh index (\(cache.note))") }
        }
        XCTAssertGreaterThan(fromLast, 15, "edit builds made from the last build's shards")
    }

    func testSearchPageWorksWithoutScriptsAndHeaderLinksIt() throws {
        let site = try PortalFixture.build(self, Self.files)
        let page = try site.text("search/index.html")
        XCTAssertTrue(page.contains("<form id=\"search-form\""))
        XCTAssertTrue(page.contains("<noscript>"), "says what to do without JavaScript")
        XCTAssertTrue(page.contains("href=\"../notices/index.html\""), "degrades to links to the lists")
        XCTAssertTrue(page.contains("<option value=\"xinghua\">杏花村</option>"))
        XCTAssertTrue(page.contains("<option value=\"notice\">法治宣传</option>"))
        XCTAssertTrue(page.contains("src=\"../assets/gongkai-search.js\""))
        XCTAssertTrue(site.exists("assets/gongkai-search.js"))
        let item = try site.text("villages/xinghua/notices/2026-11-01-宪法宣传周.html")
        XCTAssertTrue(item.contains("<form class=\"site-search\" role=\"search\" action=\"../../../search/index.html\" method=\"get\" hidden>"), item)
        XCTAssertTrue(try site.text("index.html").contains("action=\"search/index.html\""))
    }
}

/// Text of characters drawn from `pool` by a seeded generator: the same text on every run.
struct RandomText {
    var seed: UInt64
    let pool: [Character]

    init(seed: UInt64, pool: String) {
        self.seed = seed
        self.pool = Array(pool)
    }

    mutating func next(_ bound: Int) -> Int {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(seed >> 33) % bound
    }

    mutating func text(_ length: Int) -> String { String((0..<length).map { _ in pool[next(pool.count)] }) }
}

/// The 繁→简 table search folds with is OpenCC's, not typed by hand: the committed file equals what
/// the installed OpenCC (Debian package opencc, installed by scripts/install-test-deps) says.
final class HanFoldTests: XCTestCase {
    func testTableIsOpenCCs() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = root.appendingPathComponent("scripts/make-han-fold")
        process.arguments = ["--check"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, message)
    }

    func testFoldReadsTraditionalAsSimplified() {
        func folded(_ s: String) -> String {
            String(String.UnicodeScalarView(s.unicodeScalars.map { Unicode.Scalar(HanFold.table[Int($0.value)])! }))
        }
        XCTAssertEqual(folded("憲法國家選舉鄉親圖書"), "宪法国家选举乡亲图书")
        XCTAssertEqual(folded("宪法村规民约"), "宪法村规民约", "simplified stays as it is")
        XCTAssertTrue(HanFold.script.hasPrefix("GongkaiSearch.fold(\""))
        // fold.js is made once, as bytes: the same script.
        XCTAssertEqual(SearchIndex.foldScript, Array(HanFold.script.utf8))
    }
}
