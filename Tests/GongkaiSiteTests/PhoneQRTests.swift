import Foundation
import GongkaiTestSupport
import XCTest
import GongkaiContent
import GongkaiQR
@testable import GongkaiSite

/// 扫码在手机上看 (issue 21): the QR code files the build writes for item, village and county pages,
/// and the 朗读 control in the page. What the browser shows of them, and that the codes decode, is
/// checked in headless Chromium by tests/reader/read_aloud.py.
final class PhoneQRTests: XCTestCase {
    static let files: [String: String] = [
        "content/villages/xinghua/notices/2026-11-01-宪法宣传周.md": "---\ntitle: 宪法宣传周\ndate: 2026-11-01\n---\n12月4日是国家宪法日。\n",
        "content/villages/lugao/news/2026-05-20-反诈.md": "---\ntitle: 警惕电信网络诈骗\ndate: 2026-05-20\n---\n不要轻信陌生来电。\n",
        "content/county/notices/2026-10-01-防汛.md": "---\ntitle: 防汛通知\ndate: 2026-10-01\nvillages: [xinghua]\n---\n注意防汛。\n",
    ]

    func testEveryItemVillageAndCountyPageHasTheCodeOfItsPublicAddress() throws {
        let site = try PortalFixture.build(self, Self.files)
        let pages = [
            "villages/xinghua/notices/2026-11-01-宪法宣传周.html", "villages/lugao/news/2026-05-20-反诈.html",
            "county/notices/2026-10-01-防汛.html", "villages/xinghua/index.html", "villages/lugao/index.html", "county/index.html",
        ]
        for page in pages {
            let qr = PhoneQR.path(for: page)
            let url = "https://example.org/bailu/" + Feeds.urlPath(page)
            XCTAssertEqual(try site.text(qr), QRCode.svg(url, size: 160), "\(qr) encodes \(url)")
            let html = try site.text(page)
            let src = Paths.relative(from: page, to: qr)
            XCTAssertTrue(
                html.contains(
                    "<figure class=\"phone-qr\"><img src=\"\(src)\" width=\"128\" height=\"128\" alt=\"本页网址的二维码\" loading=\"lazy\"><figcaption>扫码在手机上看</figcaption></figure>"
                ),
                "\(page) shows \(src)")
        }
        XCTAssertEqual(PhoneQR.path(for: "villages/xinghua/notices/2026-11-01-宪法宣传周.html"), "qr/villages/xinghua/notices/2026-11-01-宪法宣传周.svg")
        // Only those pages: no code for lists, home, tags or print views.
        let codes = try snapshot(site.output.appendingPathComponent("qr")).keys.sorted()
        XCTAssertEqual(codes.count, pages.count, "\(codes)")
        XCTAssertFalse(try site.text("index.html").contains("phone-qr"))
        XCTAssertFalse(try site.text("villages/xinghua/notices/index.html").contains("phone-qr"))
        // Not in the sitemap: it lists pages.
        XCTAssertFalse(try site.text("sitemap.xml").contains(".svg"))
    }

    func testNoCodeWithoutBaseURL() throws {
        var base = PortalFixture.base
        base["site.yaml"] = "title: 白鹭镇测试门户\n"
        let site = try PortalFixture.build(self, Self.files, base: base)
        XCTAssertFalse(site.exists("qr"))
        XCTAssertFalse(try site.text("villages/xinghua/notices/2026-11-01-宪法宣传周.html").contains("phone-qr"))
        XCTAssertFalse(try site.text("villages/xinghua/index.html").contains("phone-qr"))
    }

    /// The codes follow base-url through incremental builds (base-url is a setting: every page's key).
    func testCodesFollowBaseURLThroughIncrementalBuilds() throws {
        let root = try temporaryDirectory(self)
        try writeFiles(PortalFixture.base.merging(Self.files) { _, new in new }, under: root)
        let qr = root.appendingPathComponent("public/qr/villages/xinghua/index.svg")
        _ = try SiteBuilder.build(.init(site: root.path, today: PortalFixture.today))
        XCTAssertEqual(
            String(decoding: try Data(contentsOf: qr), as: UTF8.self),
            QRCode.svg("https://example.org/bailu/villages/xinghua/index.html", size: 160))
        try writeFiles(["site.yaml": "title: 白鹭镇测试门户\nbase-url: https://bailu.example.gov.cn/\n"], under: root)
        _ = try SiteBuilder.build(.init(site: root.path, today: PortalFixture.today))
        XCTAssertEqual(
            String(decoding: try Data(contentsOf: qr), as: UTF8.self),
            QRCode.svg("https://bailu.example.gov.cn/villages/xinghua/index.html", size: 160))
        try writeFiles(["site.yaml": "title: 白鹭镇测试门户\n"], under: root)
        _ = try SiteBuilder.build(.init(site: root.path, today: PortalFixture.today))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("public/qr").path))
    }

    func testReadAloudControlOnItemPagesOnlyHiddenUntilTheScriptRuns() throws {
        let site = try PortalFixture.build(self, Self.files)
        let item = try site.text("villages/xinghua/notices/2026-11-01-宪法宣传周.html")
        XCTAssertTrue(item.contains("<div class=\"read-aloud\" id=\"read-aloud\" hidden><button type=\"button\" class=\"read-start\">朗读全文</button>"))
        XCTAssertFalse(item.contains("{{!"), "the template's comment is not in the page")
        XCTAssertFalse(try site.text("villages/xinghua/index.html").contains("read-aloud"))
        XCTAssertTrue(try site.text("assets/gongkai.js").contains("SpeechSynthesisUtterance"))
    }
}

/// The built-in script and stylesheets go out without comments and indentation; a site's own are
/// written as they are.
final class AssetCompactionTests: XCTestCase {
    func testBuiltInAssetsAreCompacted() throws {
        let site = try PortalFixture.build(self, PhoneQRTests.files)
        for (output, name) in [("assets/gongkai.js", "script.js"), ("assets/gongkai-search.js", "search.js"), ("assets/gongkai.css", "style.css")] {
            let text = try site.text(output)
            let source = try XCTUnwrap(BuiltinTheme.files[name])
            XCTAssertLessThan(text.utf8.count, source.utf8.count, "\(output) is smaller than templates/\(name)")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            XCTAssertFalse(lines.contains { $0.isEmpty || $0.hasPrefix(" ") || $0.hasPrefix("//") || (name.hasSuffix(".css") && $0.contains("/*")) }, output)
        }
        XCTAssertEqual(
            AssetCompaction.script("// note\n  var a = 1; // kept\n\n  if (a) {\n    b(\"//x\");\n  }\n"),
            "var a = 1; // kept\nif (a) {\nb(\"//x\");\n}\n")
        XCTAssertEqual(AssetCompaction.stylesheet("/* theme */\n:root {\n  --red: #a61b1b; /* red */\n}\n/* open"), ":root {\n--red: #a61b1b; \n}\n")
    }

    /// The compaction works on bytes: it gives what the Characters' version (below) gives, for the
    /// built-in files and for line breaks with `\r`.
    func testCompactionOnBytesIsTheCharactersOne() throws {
        func lines(_ text: String) -> [Substring] {
            text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
                let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
                return trimmed.isEmpty ? nil : trimmed
            }
        }
        func script(_ text: String) -> String { lines(text).filter { !$0.hasPrefix("//") }.joined(separator: "\n") + "\n" }
        func stylesheet(_ text: String) -> String {
            var out = ""
            var rest = Substring(text)
            while let open = rest.range(of: "/*") {
                out += rest[..<open.lowerBound]
                guard let close = rest[open.upperBound...].range(of: "*/") else {
                    rest = ""
                    break
                }
                rest = rest[close.upperBound...]
            }
            out += rest
            return lines(out).joined(separator: "\n") + "\n"
        }
        var texts = ["", "\n", "  \n\t\n", "a\r\nb\n\r\n  c\r\n// d\r\n  //e\nf", "x /* a */ y /* b", "a\r/* c */\nb", "/**/*/", "中文 // 注释\n  // 朗读\n"]
        for name in ["script.js", "search.js", "style.css"] { texts.append(try XCTUnwrap(BuiltinTheme.files[name])) }
        for text in texts {
            XCTAssertEqual(AssetCompaction.script(text), script(text), text)
            XCTAssertEqual(AssetCompaction.stylesheet(text), stylesheet(text), text)
        }
    }

    func testSiteOwnAssetsAreWrittenAsTheyAre() throws {
        let own = "// 本站脚本\nvar text = `第一行\n    第二行`;\n"
        let site = try PortalFixture.build(
            self, PhoneQRTests.files.merging(["templates/script.js": own, "templates/style.css": "/* 本站 */\nbody { color: #000; }\n"]) { a, _ in a })
        XCTAssertEqual(try site.text("assets/gongkai.js"), own)
        XCTAssertEqual(try site.text("assets/gongkai.css"), "/* 本站 */\nbody { color: #000; }\n")
        // A copy of the built-in file (as the example site has) is the built-in file.
        let copy = try PortalFixture.build(
            self, PhoneQRTests.files.merging(["templates/script.js": try XCTUnwrap(BuiltinTheme.files["script.js"])]) { a, _ in a })
        XCTAssertEqual(try copy.text("assets/gongkai.js"), AssetCompaction.script(try XCTUnwrap(BuiltinTheme.files["script.js"])))
    }
}
