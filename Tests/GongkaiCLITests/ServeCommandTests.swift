import Foundation
import GongkaiTestSupport
import XCTest

/// `gongkai serve` end to end: the real binary, real HTTP on 127.0.0.1, real file edits.
final class ServeCommandTests: XCTestCase {
    static let notice = "content/villages/xinghua/notices/2026-11-宪法宣传.md"
    static let files: [String: String] = [
        "site.yaml": "title: 白鹭镇门户\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n杏花村简介。\n",
        notice: "---\ntitle: 宪法宣传周活动安排\ndate: 2026-11-08\n---\n第一版正文。\n",
        "static/资料/说明.txt": "纯文本附件\n",
        "static/data.json": "{\"a\": 1}\n",
    ]

    /// The notice's page, percent-encoded as a browser sends it.
    static let noticeURL = "/villages/xinghua/notices/2026-11-%E5%AE%AA%E6%B3%95%E5%AE%A3%E4%BC%A0.html"

    func startServer(_ files: [String: String] = ServeCommandTests.files, arguments: [String] = []) throws -> (URL, ServeProcess, Int) {
        let root = try temporaryDirectory(self)
        try writeFiles(files, under: root)
        let server = try ServeProcess(self, site: root, arguments: arguments)
        let port = try server.port()
        return (root, server, port)
    }

    func testServesTheBuiltSiteWithChinesePathsAndContentTypes() throws {
        let (root, server, port) = try startServer()
        XCTAssertTrue(server.stdout.contains("已生成"), server.stdout)

        let home = try RawHTTP.request("/", port: port)
        XCTAssertEqual(home.status, 200)
        XCTAssertEqual(home.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(home.text.contains("白鹭镇门户"))

        let page = try RawHTTP.request(Self.noticeURL, port: port)
        XCTAssertEqual(page.status, 200, page.text)
        XCTAssertTrue(page.text.contains("第一版正文"))

        let text = try RawHTTP.request("/%E8%B5%84%E6%96%99/%E8%AF%B4%E6%98%8E.txt", port: port)
        XCTAssertEqual(text.status, 200)
        XCTAssertEqual(text.headers["content-type"], "text/plain; charset=utf-8")
        XCTAssertEqual(text.text, "纯文本附件\n")
        XCTAssertEqual(try RawHTTP.request("/data.json", port: port).headers["content-type"], "application/json; charset=utf-8")

        let css = try RawHTTP.request("/assets/gongkai.css", port: port)
        XCTAssertEqual(css.status, 200)
        XCTAssertEqual(css.headers["content-type"], "text/css; charset=utf-8")

        // A folder: index.html with the final slash, a redirect to it without.
        let folder = try RawHTTP.request("/villages/xinghua/", port: port)
        XCTAssertEqual(folder.status, 200)
        XCTAssertTrue(folder.text.contains("杏花村"))
        let redirect = try RawHTTP.request("/villages/xinghua", port: port)
        XCTAssertEqual(redirect.status, 301)
        XCTAssertEqual(redirect.headers["location"], "/villages/xinghua/")

        // HEAD: the headers, no body.
        let head = try RawHTTP.request("/", port: port, method: "HEAD")
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.headers["content-length"], home.headers["content-length"])
        XCTAssertTrue(head.body.isEmpty)
        XCTAssertEqual(try RawHTTP.request("/", port: port, method: "POST").status, 405)

        // The live-reload script is in what is served, never in public/.
        XCTAssertTrue(home.text.contains("/__gongkai/events"))
        let onDisk = try String(contentsOf: root.appendingPathComponent("public/index.html"), encoding: .utf8)
        XCTAssertFalse(onDisk.contains("__gongkai"))
        XCTAssertFalse(onDisk.contains("gongkai-live-reload"))
    }

    func testNotFoundAndTraversalAttempts() throws {
        let root = try temporaryDirectory(self, name: "outer")
        try writeFiles(["secret.txt": "outside\n"], under: root)
        let site = root.appendingPathComponent("site")
        try writeFiles(Self.files, under: site)
        // A symlink inside the output pointing out of it must not be followed.
        let server = try ServeProcess(self, site: site)
        let port = try server.port()
        try FileManager.default.createSymbolicLink(atPath: site.path + "/public/leak.txt", withDestinationPath: root.path + "/secret.txt")

        let missing = try RawHTTP.request("/no/such/page.html", port: port)
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.headers["content-type"], "text/html; charset=utf-8")
        let sitesOwn404 = try String(contentsOf: site.appendingPathComponent("public/404.html"), encoding: .utf8)
        XCTAssertTrue(missing.text.hasPrefix(String(sitesOwn404.prefix(200))), "the site's own 404.html is served")

        for target in [
            "/../site.yaml", "/%2e%2e/site.yaml", "/%2E%2E/%2E%2E/secret.txt", "/villages/..%2f..%2fsite.yaml",
            "/assets/../../site.yaml", "/./index.html", "/%2e%2e%5csite.yaml", "/bad%zzencoding",
        ] {
            let response = try RawHTTP.request(target, port: port)
            XCTAssertTrue([400, 404].contains(response.status), "\(target) → \(response.status)")
            XCTAssertFalse(response.text.contains("title: 白鹭镇门户"), "\(target) leaked site.yaml")
        }
        for target in ["/leak.txt", "/.gitignore", "/%2egongkai-cache/x"] {
            let response = try RawHTTP.request(target, port: port)
            XCTAssertEqual(response.status, 404, target)
            XCTAssertFalse(response.text.contains("outside"), target)
        }
    }

    func testEditsRebuildAndNotifyOpenTabs() throws {
        let (root, server, port) = try startServer()
        let tab = try EventStreamClient(port: port)
        defer { tab.close() }
        XCTAssertTrue(tab.waitFor("event: hello"), tab.received)
        XCTAssertTrue(tab.received.contains("text/event-stream"), tab.received)

        try writeFiles([Self.notice: "---\ntitle: 宪法宣传周活动安排\ndate: 2026-11-08\n---\n第二版正文。\n"], under: root)
        XCTAssertTrue(tab.waitFor("event: reload"), "no reload event: \(tab.received)\n\(server.stdout)\(server.stderr)")
        let page = try RawHTTP.request(Self.noticeURL, port: port)
        XCTAssertTrue(page.text.contains("第二版正文"), page.text)
        XCTAssertTrue(server.stdout.contains("发现改动：\(Self.notice)"), server.stdout)

        // A new page appears too.
        try writeFiles(["content/villages/xinghua/news/新闻.md": "---\ntitle: 新的新闻\ndate: 2026-11-09\n---\n正文\n"], under: root)
        let mark = tab.received.count
        XCTAssertTrue(tab.waitFor("event: reload", after: mark), tab.received)
        XCTAssertEqual(try RawHTTP.request("/villages/xinghua/news/%E6%96%B0%E9%97%BB.html", port: port).status, 200)
    }

    func testBrokenEditShowsTheOverlayWhileTheLastGoodSiteIsServed() throws {
        let (root, server, port) = try startServer()
        let tab = try EventStreamClient(port: port)
        defer { tab.close() }
        XCTAssertTrue(tab.waitFor("event: hello"))

        try writeFiles([Self.notice: "---\ntitle: 宪法宣传周活动安排\ndate: 2026-13-08\n---\n坏的一版。\n"], under: root)
        XCTAssertTrue(tab.waitFor("event: build-error"), tab.received)
        XCTAssertTrue(tab.received.contains(#""line":3"#), tab.received)
        XCTAssertTrue(tab.received.contains("2026-13-08"), tab.received)
        XCTAssertTrue(server.waitForStdout { $0.contains("生成失败") }, server.stdout)
        XCTAssertTrue(server.stderr.contains("\(Self.notice):3: error:"), server.stderr)

        // The last good page is still there, with the errors for the overlay.
        let page = try RawHTTP.request(Self.noticeURL, port: port)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains("第一版正文"))
        XCTAssertFalse(page.text.contains("坏的一版"))
        XCTAssertTrue(page.text.contains("gongkai-error-overlay"))
        XCTAssertTrue(page.text.contains(#""ok":false"#), page.text)
        XCTAssertTrue(page.text.contains(#"notices\/2026-11-宪法宣传.md"#) || page.text.contains("notices/2026-11-宪法宣传.md"), page.text)
        XCTAssertTrue(page.text.contains("2026-13-08"))
        let status = try RawHTTP.request("/__gongkai/status", port: port)
        XCTAssertTrue(status.text.contains(#""ok":false"#), status.text)

        // Fixed: tabs reload and the overlay is gone.
        let mark = tab.received.count
        try writeFiles([Self.notice: "---\ntitle: 宪法宣传周活动安排\ndate: 2026-11-08\n---\n改好的一版。\n"], under: root)
        XCTAssertTrue(tab.waitFor("event: reload", after: mark), tab.received)
        let fixed = try RawHTTP.request(Self.noticeURL, port: port)
        XCTAssertTrue(fixed.text.contains("改好的一版"))
        XCTAssertTrue(fixed.text.contains(#""ok":true"#))
    }

    func testFirstBuildFailingStillServesTheErrors() throws {
        var files = Self.files
        files[Self.notice] = "---\ntitle: [未闭合\ndate: 2026-11-08\n---\n"
        let (root, _, port) = try startServer(files)
        let response = try RawHTTP.request("/", port: port)
        XCTAssertEqual(response.status, 503)
        XCTAssertTrue(response.text.contains("还没有成功生成"), response.text)
        XCTAssertTrue(response.text.contains("gongkai-error-overlay"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.path + "/public"))
    }

    func testDraftsArePreviewedOutsidePublic() throws {
        var files = Self.files
        files["content/villages/xinghua/news/草稿.md"] = "---\ntitle: 草稿\ndate: 2026-11-09\ndraft: true\n---\n草稿正文\n"
        let (root, _, port) = try startServer(files, arguments: ["--drafts"])
        XCTAssertEqual(try RawHTTP.request("/villages/xinghua/news/%E8%8D%89%E7%A8%BF.html", port: port).status, 200)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.path + "/.gongkai-cache/preview/index.html"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.path + "/public"))
    }

    func testPortInUseAndNotASiteAreClearErrors() throws {
        let (root, _, port) = try startServer()
        let second = try ServeProcess(self, site: root, arguments: ["--port", String(port)])
        XCTAssertEqual(second.waitForExit(), 2)
        XCTAssertTrue(second.stderr.contains("端口 \(port) 已被占用"), second.stderr)

        let empty = try temporaryDirectory(self, name: "empty")
        let notASite = try CLI.run(["serve", "--port", "0"], in: empty)
        XCTAssertEqual(notASite.status, 1)
        XCTAssertTrue(notASite.stderr.contains("gongkai init"), notASite.stderr)
        XCTAssertEqual(try CLI.run(["serve", "--port", "70000"], in: root).status, 2)
    }

    func testStopsCleanlyOnInterrupt() throws {
        let (_, server, _) = try startServer()
        kill(server.process.processIdentifier, SIGINT)
        XCTAssertEqual(server.waitForExit(), 0)
        XCTAssertTrue(server.stdout.contains("已停止预览"), server.stdout)
    }
}
