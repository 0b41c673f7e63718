import Foundation
import GongkaiTestSupport
import XCTest

final class BuildCommandTests: XCTestCase {
    let site: [String: String] = [
        "site.yaml": "title: 测试门户\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n",
        "content/villages/xinghua/notices/2026-11-宪法宣传.md": "---\ntitle: 宪法宣传\ndate: 2026-11-08\n---\n正文\n",
    ]

    func testBuildWritesPublicAndSummarises() throws {
        let root = try temporaryDirectory(self)
        try writeFiles(site, under: root)
        let result = try CLI.run(["build"], in: root)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("已生成 1 篇内容"), result.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.path + "/public/villages/xinghua/notices/2026-11-宪法宣传.html"))
    }

    /// `GONGKAI_TIMING=1` names every step of a build once, in the order they run (the benchmarks read
    /// these names); a build with nothing changed names only that.
    func testTimingNamesEveryPhaseInOrder() throws {
        let root = try temporaryDirectory(self)
        try writeFiles(site, under: root)
        func phases(_ result: CLI.Result) -> [String] {
            result.stderr.split(separator: "\n").compactMap { line in
                guard line.hasPrefix("timing: "), let end = line.range(of: " ms", options: .backwards) else { return nil }
                let named = line.dropFirst("timing: ".count)[..<end.lowerBound]
                // The name, then the time right-aligned: drop the number and the spaces before it.
                let name = String(named.reversed().drop { $0 != " " }.reversed()).trimmingCharacters(in: .whitespaces)
                // Without the note some phases add: "load (10 files from the session)", "search (full)".
                return name.range(of: " (").map { String(name[..<$0.lowerBound]) } ?? name
            }
        }
        let first = try CLI.run(["build", "-q"], in: root, environment: ["GONGKAI_TIMING": "1"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(
            phases(first),
            [
                "restore state", "load", "disclosure", "markdown, search tokens", "summaries", "history", "search", "items", "lists",
                "other pages", "archives", "galleries", "feeds", "clashes, static",
                "portable names", "write", "save manifests", "save state", "summary",
            ], first.stderr)
        let again = try CLI.run(["build", "-q"], in: root, environment: ["GONGKAI_TIMING": "1"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(phases(again), ["unchanged"], again.stderr)
    }

    func testSiteAndOutputOptions() throws {
        let root = try temporaryDirectory(self)
        try writeFiles(site, under: root)
        let output = root.deletingLastPathComponent().appendingPathComponent("elsewhere")
        let result = try CLI.run(["build", "--site", root.path, "--output", output.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.path + "/index.html"))
    }

    func testContentErrorsExitOneWithFileAndLineAndNoTrace() throws {
        let root = try temporaryDirectory(self)
        var files = site
        files["content/villages/xinghua/notices/x.md"] = "---\ntitle: 通知\ndate: 2026-13-01\n---\n"
        files["content/villages/xinghua/notices/y.md"] = "---\ntitle: [未闭合\ndate: 2026-01-01\n---\n"
        try writeFiles(files, under: root)
        let result = try CLI.run(["build"], in: root)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("content/villages/xinghua/notices/x.md:3: error: 日期“2026-13-01”无效"), result.stderr)
        XCTAssertTrue(result.stderr.contains("content/villages/xinghua/notices/y.md:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("共 2 个错误"), result.stderr)
        XCTAssertFalse(result.stderr.contains("Fatal error"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.path + "/public"))
    }

    func testEnglishMessages() throws {
        let root = try temporaryDirectory(self)
        var files = site
        files["content/villages/xinghua/notices/x.md"] = "---\ntitle: 通知\ndate: 2026-13-01\n---\n"
        try writeFiles(files, under: root)
        let result = try CLI.run(["build", "--lang", "en"], in: root)
        XCTAssertTrue(
            result.stderr.contains("content/villages/xinghua/notices/x.md:3: error: date \"2026-13-01\" is not a valid date (use YYYY-MM-DD"), result.stderr)
        let viaLang = try CLI.run(["build"], in: root, environment: ["LANG": "en_US.UTF-8"])
        XCTAssertTrue(viaLang.stderr.contains("is not a valid date"), viaLang.stderr)
    }

    func testWrongUsageExitsTwo() throws {
        XCTAssertEqual(try CLI.run(["build", "--no-such-option"]).status, 2)
        XCTAssertEqual(try CLI.run(["no-such-command"]).status, 2)
    }

    func testNotASiteIsAClearError() throws {
        let root = try temporaryDirectory(self)
        let result = try CLI.run(["build"], in: root)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("site.yaml"), result.stderr)
        XCTAssertTrue(result.stderr.contains("gongkai init"), result.stderr)
    }

    func testHelpIsChinese() throws {
        let result = try CLI.run(["build", "--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("生成网站"), result.stdout)
    }
}
