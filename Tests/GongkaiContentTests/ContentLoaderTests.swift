import XCTest
@testable import GongkaiContent

final class ContentLoaderTests: XCTestCase {
    func load(_ files: [String: String], drafts: Bool = false) throws -> SiteContent {
        let fixture = try Fixture(self, files: Fixture.minimal.merging(files) { _, new in new })
        return ContentLoader.load(site: fixture.path, options: .init(includeDrafts: drafts))
    }

    func errors(_ content: SiteContent) -> [Diagnostic] { content.diagnostics.filter(\.isError) }

    func testEveryKindAndItsKeys() throws {
        let content = try load([
            "content/villages/xinghua/lectures/2025-12-02-宪法宣讲.md": """
            ---
            title: 宪法宣传周专题宣讲
            date: 2025-12-02
            speaker: 韩雪（驻村律师）
            venue: 村文化礼堂
            held: 2025-12-02
            audience: 全体党员、村民代表
            tags: [宪法, 普法]
            summary: 讲宪法
            ---
            正文
            """,
            "content/villages/xinghua/notices/防溺水.md": "---\ntitle: 防溺水\ndate: 2026-06-15\nlaw: 《未成年人保护法》\nissuer: 杏花村村委会\nexpires: 2026-09-01\n---\n",
            "content/villages/xinghua/regulations/2026版.md":
                "---\ntitle: 村规民约\ndate: 2026-03-01\nadopted: 2026-02-20\nfiled: 2026-02-28\nversion: 2026版\nsupersedes: 2023版\n---\n",
            "content/villages/xinghua/regulations/2023版.md": "---\ntitle: 村规民约（2023）\ndate: 2023-03-01\n---\n",
            "content/villages/xinghua/models/何秀芝.md": "---\ntitle: 何秀芝\ndate: 2026-01-01\nperson: 何秀芝\ncategory: 孝老爱亲\nhonors: [县级道德模范, 五星家庭]\n---\n",
            "content/villages/xinghua/disclosures/2026-10-财务.md": "---\ntitle: 10月财务\ndate: 2026-11-06\nitem: finance-monthly\nperiod: 2026-10\n---\n",
            "content/villages/xinghua/news/坝坝会.md": "---\ntitle: 坝坝会\ndate: 2026-08-22\n---\n",
        ])
        XCTAssertEqual(errors(content), [])
        XCTAssertEqual(content.pages.count, 7)
        let byKind = Dictionary(grouping: content.pages, by: \.kind)
        XCTAssertEqual(Set(byKind.keys), Set(Kind.allCases))
        let lecture = try XCTUnwrap(byKind[.lecture]?.first)
        XCTAssertEqual(lecture.fields.speaker, "韩雪（驻村律师）")
        XCTAssertEqual(lecture.fields.venue, "村文化礼堂")
        XCTAssertEqual(lecture.fields.held, Day(year: 2025, month: 12, day: 2))
        XCTAssertEqual(lecture.fields.audience, "全体党员、村民代表")
        XCTAssertEqual(lecture.tags, ["宪法", "普法"])
        XCTAssertEqual(lecture.summary, "讲宪法")
        XCTAssertEqual(lecture.slug, "2025-12-02-宪法宣讲")
        XCTAssertEqual(lecture.outputPath, "villages/xinghua/lectures/2025-12-02-宪法宣讲.html")
        XCTAssertEqual(lecture.keyLines["speaker"], 4)
        let notice = try XCTUnwrap(byKind[.notice]?.first)
        XCTAssertEqual(notice.fields.law, "《未成年人保护法》")
        XCTAssertEqual(notice.fields.issuer, "杏花村村委会")
        XCTAssertEqual(notice.expires, Day(year: 2026, month: 9, day: 1))
        let regulation = try XCTUnwrap(byKind[.regulation]?.first { $0.slug == "2026版" })
        XCTAssertEqual(regulation.fields.adopted, Day(year: 2026, month: 2, day: 20))
        XCTAssertEqual(regulation.fields.filed, Day(year: 2026, month: 2, day: 28))
        XCTAssertEqual(regulation.fields.version, "2026版")
        XCTAssertEqual(regulation.fields.supersedes, "2023版")
        let model = try XCTUnwrap(byKind[.model]?.first)
        XCTAssertEqual(model.fields.person, "何秀芝")
        XCTAssertEqual(model.fields.category, "孝老爱亲")
        XCTAssertEqual(model.fields.honors, ["县级道德模范", "五星家庭"])
        let disclosure = try XCTUnwrap(byKind[.disclosure]?.first)
        XCTAssertEqual(disclosure.fields.item, "finance-monthly")
        XCTAssertEqual(disclosure.fields.period, "2026-10")
        XCTAssertEqual(byKind[.article]?.first?.section, "news")
    }

    func testVillageProfile() throws {
        let content = try load([
            "content/villages/qingshi/_village.md": """
            ---
            name: 青石社区
            type: community
            township: 白鹭镇
            county: 清溪县
            population: 5552
            households: 1947
            party-branch: 青石社区党委
            disclosure-since: 2026-04-15
            disclosure-exempt: [finance-monthly]
            ---
            社区简介
            """
        ])
        XCTAssertEqual(errors(content), [])
        let village = try XCTUnwrap(content.village("qingshi"))
        XCTAssertEqual(village.name, "青石社区")
        XCTAssertEqual(village.type, .community)
        XCTAssertEqual(village.township, "白鹭镇")
        XCTAssertEqual(village.county, "清溪县")
        XCTAssertEqual(village.population, 5552)
        XCTAssertEqual(village.households, 1947)
        XCTAssertEqual(village.partyBranch, "青石社区党委")
        XCTAssertEqual(village.disclosureSince, Day(year: 2026, month: 4, day: 15))
        XCTAssertEqual(village.disclosureExempt, ["finance-monthly"])
        XCTAssertEqual(village.body, "社区简介")
        XCTAssertEqual(village.bodyLine, 12)
        XCTAssertEqual(content.villages.map(\.id), ["qingshi", "xinghua"])
    }

    func testCountyPagesListVillages() throws {
        let content = try load([
            "content/county/notices/宪法周.md": "---\ntitle: 宪法宣传周\ndate: 2025-11-28\nvillages: [xinghua]\n---\n",
            "content/county/notices/未知村.md": "---\ntitle: 通知\ndate: 2025-11-28\nvillages: [xinhua]\n---\n",
        ])
        let page = try XCTUnwrap(content.pages.first { $0.slug == "宪法周" })
        XCTAssertEqual(page.owner, .county)
        XCTAssertEqual(page.shownInVillages, ["xinghua"])
        XCTAssertEqual(page.outputPath, "county/notices/宪法周.html")
        let unknown = try XCTUnwrap(errors(content).first)
        XCTAssertEqual(unknown.file, "content/county/notices/未知村.md")
        XCTAssertEqual(unknown.line, 4)
        XCTAssertTrue(unknown.zh.contains("xinghua"), unknown.zh)
    }

    func testDraftsAreSkippedUnlessAsked() throws {
        let files = ["content/villages/xinghua/notices/草稿.md": "---\ntitle: 草稿\ndate: 2026-01-01\ndraft: true\n---\n"]
        XCTAssertEqual(try load(files).pages.count, 0)
        XCTAssertEqual(try load(files, drafts: true).pages.count, 1)
    }

    func testSlugFromFileNameAndFromFrontMatter() throws {
        XCTAssertEqual(ContentLoader.deriveSlug(fromFileName: "2026-11 宪法 宣传.md"), "2026-11-宪法-宣传")
        XCTAssertEqual(ContentLoader.deriveSlug(fromFileName: "问答?#1.md"), "问答1")
        let content = try load(["content/villages/xinghua/news/长标题.md": "---\ntitle: 新闻\ndate: 2026-01-01\nslug: 坝坝会\n---\n"])
        XCTAssertEqual(content.pages.first?.outputPath, "villages/xinghua/news/坝坝会.html")
        for bad in ["../x", "a/b", ".."] {
            let broken = try load(["content/villages/xinghua/news/x.md": "---\ntitle: 新闻\ndate: 2026-01-01\nslug: \"\(bad)\"\n---\n"])
            XCTAssertEqual(errors(broken).first?.line, 4, bad)
        }
    }

    /// Two pages on one output path: the later (by file path) is the error, naming the earlier. Paths are
    /// equal as `String`s are: ASCII ones by their bytes, others also when only their normal form differs
    /// (é as one character or as e and an accent), which a test of bytes alone would miss.
    func testPagesOnOneOutputPath() throws {
        func clashes(_ slugs: [String: String]) throws -> [Diagnostic] {
            var files: [String: String] = [:]
            for (name, slug) in slugs {
                files["content/villages/xinghua/news/\(name).md"] = "---\ntitle: 新闻\ndate: 2026-01-01\nslug: \(slug)\n---\n"
            }
            return try errors(load(files)).filter { $0.en.contains("lands on the same page") }
        }
        let ascii = try clashes(["a": "x", "b": "y", "c": "x", "d": "z", "e": "y"])
        XCTAssertEqual(ascii.map(\.file), ["content/villages/xinghua/news/c.md", "content/villages/xinghua/news/e.md"])
        XCTAssertTrue(ascii[0].en.contains("villages/xinghua/news/x.html as content/villages/xinghua/news/a.md"), ascii[0].en)
        let normalForms = try clashes(["a": "\u{E9}", "b": "e\u{301}", "c": "q"])
        XCTAssertEqual(normalForms.map(\.file), ["content/villages/xinghua/news/b.md"])
        XCTAssertTrue(try clashes(["a": "\u{E9}", "b": "x"]).isEmpty)
    }

    /// A name without the bytes of any character `deriveSlug` changes is kept as it is; the test by bytes
    /// never passes by a character that the test by characters would change.
    func testSlugOfAPlainNameIsTheName() {
        let alphabet: [Character] =
            Array("村规民约2026-_.aZ é") + [
                "e\u{301}", " \u{301}", "\u{3000}", "\u{1FEF}", "`", "?", "\t", "\u{7F}", "\u{1}",
                "\r\n", "👍🏽", "≮", ":", "\u{0600}", "％", "／",
            ]
        var seed: UInt64 = 7
        for _ in 0..<20_000 {
            var name = ""
            for _ in 0..<(1 + Int(seed >> 60)) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                name.append(alphabet[Int(seed >> 33) % alphabet.count])
            }
            if !ContentLoader.mayChangeInSlug(Substring(name).utf8) {
                XCTAssertEqual(
                    ContentLoader.slugCharacters(Substring(name)), name, name.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            }
        }
        XCTAssertTrue(ContentLoader.mayChangeInSlug(Substring("a\u{1FEF}").utf8))
        XCTAssertTrue(ContentLoader.mayChangeInSlug(Substring("村\u{3000}规").utf8))
        XCTAssertFalse(ContentLoader.mayChangeInSlug(Substring("2026-11-宪法宣传").utf8))
    }

    /// Paths are normalised on their bytes when every `/` is a character of its own; the result is the
    /// one by characters.
    func testPathsNormalisedByBytesAsByCharacters() {
        for v in UInt32(0)...0xFFFF where RelativePath.neverJoins(v) {
            guard let scalar = Unicode.Scalar(v), v != 0x0D, v != 0x0A else { continue }
            var before = String.UnicodeScalarView(), after = String.UnicodeScalarView()
            before.append("/"); before.append(scalar)
            after.append(scalar); after.append("/")
            XCTAssertEqual(String(before).count, 2, String(v, radix: 16))
            XCTAssertEqual(String(after).count, 2, String(v, radix: 16))
        }
        let pieces = ["a", "村", "/", "/", ".", "..", "e\u{301}", "\u{301}", "\u{0600}", "👍", "é", "x y", "\u{200D}", "ア"]
        var seed: UInt64 = 3
        var decided = 0
        for _ in 0..<20_000 {
            var path = ""
            for _ in 0..<(Int(seed >> 59) + 1) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                path += pieces[Int(seed >> 33) % pieces.count]
            }
            XCTAssertEqual(RelativePath.normalize(path), RelativePath.normalizeByCharacters(path), path.debugDescription)
            var copy = path
            if case .undecided = copy.withUTF8(RelativePath.normalizeBytes) {} else { decided += 1 }
        }
        XCTAssertGreaterThan(decided, 5000)
        XCTAssertEqual(RelativePath.normalize("content/villages/x/../../county/./通知.md"), "content/county/通知.md")
        XCTAssertNil(RelativePath.normalize("../x"))
    }

    func testByteSearchFindsRunsAnywhere() {
        let needle = Array("有效期".utf8)
        for (text, expected) in [
            ("有效期", true), ("x有效期", true), ("有效期x", true), ("有效", false), ("有有效期", true), ("有效效期", false),
            ("", false), ("有\u{200B}效期", false), ("期有效", false),
        ] {
            XCTAssertEqual(UTF8Search.contains(text.utf8, needle), expected, text)
            XCTAssertEqual(UTF8Search.contains(Array(text.utf8), needle), expected, text)
        }
        XCTAssertTrue(UTF8Search.contains("abc".utf8, []))
    }

    /// The search by one byte of the needle (not always its first) finds exactly what a byte-by-byte
    /// comparison at every place finds: needles at the start, at the end, overlapping, in ASCII and in
    /// Chinese, texts shorter than the needle.
    func testByteSearchAgreesWithComparingEveryPlace() {
        let pieces = ["（", "在", "这", "里", "请", "，", "。", "a", ">", " ", "\u{FEFF}", "有效期", "（在这里", "（请在这里", "é"]
        let needles = ["（在这里", "（请在这里", "\u{FEFF}", "有效期", "a", "> 这是", "，", "里（"].map { Array($0.utf8) }
        var seed: UInt64 = 18
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % bound
        }
        var found = 0
        for _ in 0..<3_000 {
            let text = Array((0..<next(12)).map { _ in pieces[next(pieces.count)] }.joined().utf8)
            for needle in needles {
                let expected = text.count >= needle.count && (0...(text.count - needle.count)).contains { Array(text[$0..<($0 + needle.count)]) == needle }
                XCTAssertEqual(
                    UTF8Search.contains(text, needle), expected, "\(String(decoding: needle, as: UTF8.self)) in \(String(decoding: text, as: UTF8.self))")
                if expected { found += 1 }
            }
        }
        XCTAssertGreaterThan(found, 1_000)
    }

    func testTwoPagesOnOneURLNameBothFiles() throws {
        let content = try load([
            "content/villages/xinghua/news/a.md": "---\ntitle: 甲\ndate: 2026-01-01\nslug: 同名\n---\n",
            "content/villages/xinghua/news/同名.md": "---\ntitle: 乙\ndate: 2026-01-01\n---\n",
        ])
        let error = try XCTUnwrap(errors(content).first)
        XCTAssertTrue([error.file, error.zh].joined().contains("content/villages/xinghua/news/a.md"))
        XCTAssertTrue([error.file, error.zh].joined().contains("content/villages/xinghua/news/同名.md"))
    }

    func testErrorsNameFileAndLine() throws {
        let cases: [(String, Int, String)] = [
            ("---\ntitle: 通知\ndate: 2026-13-01\n---\n", 3, "2026-13-01"),
            ("---\ntitle: 通知\n---\n", 1, "date"),
            ("---\ndate: 2026-01-01\n---\n", 1, "title"),
            ("---\ntitle: 通知\ndate: 2026-01-01\ntags: 5\n---\n", 4, "tags"),
            ("---\ntitle: 通知: 第一条\ndate: 2026-01-01\n---\n", 2, "YAML"),
            ("---\ntitle: 通知\ndate: 2026-01-01\n", 1, "---"),
            ("title: 通知\n", 1, "---"),
            ("---\ntitle: 通知\ndate: 2026-01-01\ndraft: 也许\n---\n", 4, "draft"),
        ]
        for (text, line, mention) in cases {
            let content = try load(["content/villages/xinghua/notices/x.md": text])
            let error = try XCTUnwrap(errors(content).first, text)
            XCTAssertEqual(error.file, "content/villages/xinghua/notices/x.md", text)
            XCTAssertEqual(error.line, line, text)
            XCTAssertTrue(error.zh.contains(mention) || error.en.contains(mention), "\(text): \(error.zh)")
            XCTAssertTrue(error.formatted(.en).hasPrefix("content/villages/xinghua/notices/x.md:\(line):"), error.formatted(.en))
        }
    }

    func testUnknownKeysWarnWithClosestKey() throws {
        let content = try load([
            "content/villages/xinghua/notices/x.md": "---\ntitel: 通知\ntitle: 通知\ndate: 2026-01-01\n---\n",
            "site.yaml": "title: 门户\nsubtitel: 副标题\n",
        ])
        XCTAssertEqual(errors(content), [])
        let warnings = content.diagnostics.filter { !$0.isError }
        XCTAssertEqual(warnings.count, 2)
        XCTAssertTrue(warnings.contains { $0.file == "content/villages/xinghua/notices/x.md" && $0.line == 2 && $0.zh.contains("“title”") })
        XCTAssertTrue(warnings.contains { $0.file == "site.yaml" && $0.line == 2 && $0.zh.contains("“subtitle”") })
    }

    func testStructureErrors() throws {
        let content = try load([
            "content/villages/Bad_ID/_village.md": "---\nname: 坏\n---\n",
            "content/villages/lugao/notices/x.md": "---\ntitle: 通知\ndate: 2026-01-01\n---\n",
            "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: town\n---\n",
            "content/villages/xinghua/regulations/新版.md": "---\ntitle: 新版\ndate: 2026-01-01\nsupersedes: 旧版\n---\n",
            "content/villages/xinghua/news/附件.md": "---\ntitle: 附件\ndate: 2026-01-01\nattachments: [没有.pdf, ../../../../../etc/passwd]\n---\n",
        ])
        let found = errors(content)
        XCTAssertTrue(found.contains { $0.file == "content/villages/Bad_ID" })
        XCTAssertTrue(found.contains { $0.file == "content/villages/lugao" && $0.zh.contains("_village.md") })
        XCTAssertTrue(found.contains { $0.file == "content/villages/xinghua/_village.md" && $0.line == 3 })
        XCTAssertTrue(found.contains { $0.file.hasSuffix("新版.md") && $0.line == 4 })
        XCTAssertEqual(found.filter { $0.file.hasSuffix("附件.md") && $0.line == 4 }.count, 2, "\(found)")
    }

    func testTextEncodings() throws {
        let fixture = try Fixture(self, files: Fixture.minimal)
        // UTF-8 with BOM and CRLF line ends: accepted, lines counted as an editor shows them.
        try fixture.write(
            "content/villages/xinghua/news/bom.md",
            Data([0xEF, 0xBB, 0xBF]) + Data("---\r\ntitle: 通知\u{3000}\r\ndate: 2026-13-01\r\n---\r\n正文 🎉\r\n".utf8))
        // GBK bytes of 通知.
        try fixture.write(
            "content/villages/xinghua/news/gbk.md", Data("---\ntitle: ".utf8) + Data([0xB4, 0xE5, 0xCE, 0xF1, 0xB9, 0xAB, 0xBF, 0xAA]) + Data("\n---\n".utf8))
        try fixture.write("content/villages/xinghua/news/nul.md", Data("---\ntitle: a\u{0}\n---\n".utf8))
        let content = ContentLoader.load(site: fixture.path)
        let found = content.diagnostics.filter(\.isError)
        XCTAssertEqual(found.first { $0.file.hasSuffix("bom.md") }?.line, 3)
        let gbk = try XCTUnwrap(found.first { $0.file.hasSuffix("gbk.md") })
        XCTAssertTrue(gbk.zh.contains("GB18030") && gbk.zh.contains("iconv"), gbk.zh)
        XCTAssertEqual(gbk.line, 2)
        XCTAssertNotNil(found.first { $0.file.hasSuffix("nul.md") })
    }

    func testSymlinkLeavingTheSiteIsRefused() throws {
        let fixture = try Fixture(self, files: Fixture.minimal)
        let outside = try Fixture(self, files: ["secret.md": "---\ntitle: 秘密\ndate: 2026-01-01\n---\n"])
        try FileManager.default.createDirectory(at: fixture.root.appendingPathComponent("content/villages/xinghua/news"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: fixture.path + "/content/villages/xinghua/news/secret.md",
            withDestinationPath: outside.path + "/secret.md")
        let content = ContentLoader.load(site: fixture.path)
        XCTAssertTrue(content.pages.isEmpty)
        XCTAssertTrue(content.diagnostics.contains { $0.isError && $0.file.hasSuffix("secret.md") })
    }
}

final class DayTests: XCTestCase {
    func testParsing() {
        XCTAssertEqual(Day(iso: "2026-02-28")?.description, "2026-02-28")
        XCTAssertNil(Day(iso: "2026-02-29"))
        XCTAssertNotNil(Day(iso: "2028-02-29"))
        XCTAssertNil(Day(iso: "2026-13-01"))
        XCTAssertEqual(Day(iso: "2026-11-08")?.chinese, "2026年11月8日")
    }

    func testShanghaiDates() {
        XCTAssertEqual(PageDate(parsing: "2026-11-10T23:30:00Z")?.day.description, "2026-11-11")
        XCTAssertEqual(PageDate(parsing: "2026-11-10T15:59:59Z")?.day.description, "2026-11-10")
        XCTAssertEqual(PageDate(parsing: "2026-11-10T23:30:00+08:00")?.day.description, "2026-11-10")
        XCTAssertEqual(PageDate(parsing: "2026-11-10 08:00")?.day.description, "2026-11-10")
        XCTAssertNil(PageDate(parsing: "昨天"))
    }

    func testArithmetic() throws {
        let day = try XCTUnwrap(Day(iso: "2026-10-31"))
        XCTAssertEqual(day.adding(days: 10).description, "2026-11-10")
        XCTAssertEqual(Day(dayNumber: day.dayNumber), day)
        XCTAssertEqual(Day(iso: "2024-02-10")?.lastDayOfMonth.description, "2024-02-29")
    }
}
