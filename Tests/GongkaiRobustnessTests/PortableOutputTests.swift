import Foundation
import GongkaiTestSupport
import XCTest

/// `public/` must work on every host (issue 14, point 9): Windows and IIS, case-insensitive file
/// systems (Macs, FAT32/exFAT USB sticks). Built with the real binary on real files: every name that
/// would there replace another file, hide a generated page or fail to copy is reported on the input
/// file to rename, naming both files; the previous `public/` stays as it was.
final class PortableOutputTests: XCTestCase {
    static let village = "content/villages/xinghua"

    /// Builds `files` over the base site on top of a good build; returns stderr. `status` 1: the
    /// previous output must be left byte for byte.
    /// `apart`: files whose names Swift takes as equal keys (NFC and NFD), written one by one.
    func build(_ files: [String: String], apart: [(String, String)] = [], status: Int32 = 1, line: UInt = #line) throws -> String {
        let site = try temporaryDirectory(self, name: "portable").appendingPathComponent("site")
        try writeFiles(
            PathologicalInputTests.base.merging([
                "\(Self.village)/notices/通知.md": "---\ntitle: 通知\ndate: 2026-03-01\n---\n正文。\n"
            ]) { $1 }, under: site)
        XCTAssertEqual(try Gongkai.run(["build"], in: site).status, 0, line: line)
        let before = snapshot(site.appendingPathComponent("public"))
        try writeFiles(files, under: site)
        for (path, text) in apart { try writeFiles([path: text], under: site) }
        let run = try Gongkai.run(["build"], in: site)
        XCTAssertEqual(run.status, status, run.description, line: line)
        if status != 0 {
            XCTAssertEqual(snapshot(site.appendingPathComponent("public")), before, "a failed build changed public/", line: line)
        }
        return run.stderr
    }

    func assertReports(_ files: [String: String], apart: [(String, String)] = [], _ expected: [String], status: Int32 = 1, line: UInt = #line) throws {
        let stderr = try build(files, apart: apart, status: status, line: line)
        for phrase in expected {
            XCTAssertTrue(stderr.contains(phrase), "expected: \(phrase)\n\(stderr)", line: line)
        }
    }

    func testAStaticFileOverAGeneratedPageIsAnError() throws {
        try assertReports(
            ["static/index.html": "<p>旧首页</p>\n"],
            ["static/index.html: error: 会复制到 index.html，把网站生成的首页 index.html 换掉。请给文件改名，或放进别的文件夹"])
        try assertReports(
            ["static/tags/index.html": "x"],
            ["static/tags/index.html: error: 会复制到 tags/index.html，把网站生成的 tags/index.html 换掉"])
        // Over a content page: the page's source is named.
        try assertReports(
            ["static/villages/xinghua/notices/通知.html": "x"],
            [
                "static/villages/xinghua/notices/通知.html: error: 会复制到 villages/xinghua/notices/通知.html，把\(Self.village)/notices/通知.md 生成的网页 villages/xinghua/notices/通知.html 换掉"
            ])
        // A file where the build makes a folder.
        try assertReports(
            ["static/tags": "x"],
            ["static/tags: error: 会复制到 tags，而网站在同名的文件夹 tags/ 里生成网页，文件和文件夹不能同名"])
        // A file the site makes that is not a page: a warning (a static robots.txt is usually meant).
        try assertReports(
            ["static/robots.txt": "User-agent: *\n"],
            ["static/robots.txt: warning: 会复制到 robots.txt，代替网站生成的 robots.txt 。如果不是有意代替，请给文件改名"], status: 0)
    }

    func testNamesThatDifferOnlyInCaseAreAnError() throws {
        // Two static files.
        try assertReports(
            ["static/Logo.png": "A", "static/logo.png": "B"],
            ["error: static/Logo.png 复制成的 Logo.png 和 static/logo.png 复制成的 logo.png 只差大小写（或看起来一样），在 Windows、IIS、U 盘（FAT32/exFAT）和苹果电脑上是同一个文件"])
        // A static file and a generated page.
        try assertReports(
            ["static/Index.html": "x"],
            ["static/Index.html: error: static/Index.html 复制成的 Index.html 和 网站生成的首页 index.html 只差大小写"])
        // Two content pages.
        try assertReports(
            [
                "\(Self.village)/news/Report.md": "---\ntitle: 一\ndate: 2026-03-01\n---\n一\n",
                "\(Self.village)/news/report.md": "---\ntitle: 二\ndate: 2026-03-02\n---\n二\n",
            ],
            [
                "\(Self.village)/news/Report.md 生成的网页 villages/xinghua/news/Report.html 和 \(Self.village)/news/report.md 生成的网页 villages/xinghua/news/report.html 只差大小写"
            ])
        // A static file and a generated folder.
        try assertReports(
            ["static/Villages/xinghua/index.html": "x"],
            ["static/Villages/xinghua/index.html: error: ", "只差大小写"])
        try assertReports(
            ["static/villages/XINGHUA": "x"],
            [
                "static/villages/XINGHUA: error: static/villages/XINGHUA 复制成的 villages/XINGHUA 和 \(Self.village)/_village.md 生成的网页 villages/xinghua/ 只差大小写（或看起来一样），在 Windows、IIS、U 盘（FAT32/exFAT）和苹果电脑上是同一个名字"
            ])
    }

    /// `café.png` written in NFC and in NFD (as a Mac writes names): two files on Linux, one on a Mac.
    func testNamesThatLookTheSameAreAnError() throws {
        let nfc = "static/caf\u{E9}.png", nfd = "static/cafe\u{301}.png"
        XCTAssertNotEqual(Array(nfc.utf8), Array(nfd.utf8))
        try assertReports(
            [:], apart: [(nfc, "A"), (nfd, "B")],
            ["复制成的 caf\u{E9}.png 和 ", "复制成的 cafe\u{301}.png 只差大小写（或看起来一样）"])
    }

    func testNamesWindowsCannotHoldAreAnError() throws {
        let cases: [([String: String], String)] = [
            (["static/会议:纪要.pdf": "x"], "static/会议:纪要.pdf: error: 复制到网站的 会议:纪要.pdf 里的名称“会议:纪要.pdf”含有 Windows 不允许的字符“:”"),
            (["static/问答?.txt": "x"], "含有 Windows 不允许的字符“?”"),
            (["static/a|b.txt": "x"], "含有 Windows 不允许的字符“|”"),
            (["static/x\u{1}.txt": "x"], "含有 Windows 不允许的字符“U+0001”"),
            (
                ["static/CON.txt": "x"],
                "static/CON.txt: error: 复制到网站的 CON.txt 里的名称“CON.txt”是 Windows 保留的设备名 CON（加上扩展名也一样），Windows 服务器和 U 盘上不能有这个名字的文件或文件夹。请改名，如“CON-1.txt”"
            ),
            (["static/nul": "x"], "是 Windows 保留的设备名 NUL"),
            (["static/com1.tar.gz": "x"], "是 Windows 保留的设备名 COM1"),
            (["static/lpt9/a.png": "x"], "里的名称“lpt9”是 Windows 保留的设备名 LPT9"),
            (["static/aux .txt": "x"], "是 Windows 保留的设备名 AUX"),
            (["static/报告.": "x"], "static/报告.: error: 复制到网站的 报告. 里的名称“报告.”以点或空格结尾，Windows 会把结尾的点和空格去掉"),
            (["static/资料 /a.pdf": "x"], "里的名称“资料 ”以点或空格结尾"),
            // A page named like a device: the page's source is named.
            (
                ["\(Self.village)/news/con.md": "---\ntitle: 一\ndate: 2026-03-01\n---\n一\n"],
                "\(Self.village)/news/con.md: error: 这一篇生成的网页 villages/xinghua/news/con.html 里的名称“con.html”是 Windows 保留的设备名 CON"
            ),
            // A tag: the page that uses it.
            (
                ["\(Self.village)/news/x.md": "---\ntitle: 一\ndate: 2026-03-01\ntags: [AUX]\n---\n一\n"],
                "\(Self.village)/news/x.md: error: 这一篇的标签“AUX”生成的网页 tags/aux/index.html 里的名称“aux”是 Windows 保留的设备名 AUX"
            ),
        ]
        for (files, expected) in cases { try assertReports(files, [expected]) }
        // Names that only start like a device are fine.
        XCTAssertFalse(
            try build(["static/console.txt": "x", "static/com10.txt": "x", "static/nul-1.txt": "x", "static/a.b.c": "x"], status: 0).contains("error"))
    }

    func testAPathTooLongForWindowsIsAWarning() throws {
        // Each name within Linux's 255 bytes, the whole path over 200 characters.
        let folder = String(repeating: "很长的文件夹名", count: 10) + "/" + String(repeating: "第二层文件夹", count: 12)
        let name = String(repeating: "附件", count: 40) + ".pdf"
        try assertReports(
            ["static/\(folder)/\(name)": "x"],
            [
                "static/\(folder)/\(name): warning: 复制到网站的 \(folder)/\(name) 的路径有 \(70 + 1 + 72 + 1 + 84) 个字符，放进 Windows 服务器的网站文件夹（如 C:\\inetpub\\wwwroot\\某镇\\）会超过 Windows 260 个字符的限制"
            ],
            status: 0)
    }

    /// A portable site has nothing to say.
    func testAPortableSiteBuildsWithoutAWord() throws {
        let stderr = try build(
            [
                "static/images/村委会.jpg": "x", "static/files/2026年第三季度村务公开.pdf": "x",
                "\(Self.village)/news/2026-重阳敬老.md": "---\ntitle: 重阳\ndate: 2026-03-01\ntags: [敬老, Elderly]\n---\n一\n",
            ], status: 0)
        XCTAssertFalse(stderr.contains("error:"), stderr)
        XCTAssertFalse(stderr.contains("Windows"), stderr)
    }
}
