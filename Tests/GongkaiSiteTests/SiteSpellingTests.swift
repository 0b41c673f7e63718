import Foundation
import GongkaiContent
import GongkaiTestSupport
import XCTest

@testable import GongkaiSite

/// What `gongkai build` keeps between runs (the build state, the output's manifests and spare, the
/// search store, the build stamp) is keyed on the site and output folders, not on how they were
/// spelled: a build after a one-page edit keeps every other output whether the site was named
/// relative to the working folder, absolute, through a symlink or with `..`, and messages still name
/// the folders as they were written.
final class SiteSpellingTests: XCTestCase {
    let today = Day(year: 2026, month: 11, day: 23)!

    /// A village with a dozen news pages, in `<tmp>/gongkai-tests-…/site` (the day pinned: the binary's
    /// builds are compared with clean builds made here).
    func makeSite() throws -> URL {
        let root = try temporaryDirectory(self)
        try writeTwelveNewsSite(under: root, config: "as-of: 2026-11-23\n")
        return root
    }

    /// A body edit of one page (longer each time).
    func edit(_ root: URL, _ n: Int) throws {
        let body = "正文三" + String(repeating: "又改了一句。", count: n)
        try writeFiles(["content/villages/xinghua/news/p3.md": "---\ntitle: 第3篇\ndate: 2026-01-04\n---\n\(body)\n"], under: root)
    }

    func assertEqualsClean(_ root: URL, _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let clean = try temporaryDirectory(self, name: "clean").appendingPathComponent("public")
        _ = try SiteBuilder.build(.init(site: root.path, output: clean.path, today: today, incremental: false))
        let (built, expected) = (try snapshot(root.appendingPathComponent("public")), try snapshot(clean))
        XCTAssertEqual(built.keys.sorted(), expected.keys.sorted(), message, file: file, line: line)
        XCTAssertTrue(built == expected, "\(message): differs from a clean build", file: file, line: line)
    }

    /// Builds (each restoring what the one before saved, as `gongkai build` does) through a symlink to the
    /// site folder and through `..` render only the edited page's groups, into the same output folder
    /// and its one spare.
    func testOtherSpellingsOfTheSiteFolderKeepTheLastBuild() throws {
        let root = try makeSite()
        let link = root.deletingLastPathComponent().appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: root)
        let full = try SiteBuilder.build(.init(site: root.path, today: today))
        let spellings = [link.path, root.path + "/../site", root.path, link.path + "/"]
        for (n, site) in spellings.enumerated() {
            try edit(root, n + 1)
            let summary = try SiteBuilder.build(.init(site: site, today: today))
            XCTAssertLessThan(
                summary.groupsRendered * 4, full.groupsRendered,
                "\(site): the edited page's groups only (\(summary.groupsRendered) of \(full.groupsRendered))")
            XCTAssertEqual(summary.output, SiteFiles(root: site).absolute("public"), "the output named as the site was")
            try assertEqualsClean(root, "built as \(site)")
        }
        let cache = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(".gongkai-cache").path)
        XCTAssertEqual(cache.filter { $0.hasPrefix("out-") }.count, 1, "one output folder, one spare: \(cache.sorted())")
    }

    /// The output's place: its folder resolved (a symlink, `..`, a relative path; the nearest folder that
    /// exists when it does not yet), its own name not (a symlinked output is replaced, not followed).
    func testOutputPlaceResolvesItsFolderNotItsName() throws {
        let top = try temporaryDirectory(self, name: "top")
        let real = top.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: top.appendingPathComponent("link"), withDestinationURL: real)
        try FileManager.default.createSymbolicLink(at: real.appendingPathComponent("public"), withDestinationURL: top)
        let base = try XCTUnwrap(SiteFiles.realPath(top.path))
        let place = base + "/real/public"
        for path in [place, top.path + "/link/public", top.path + "/link/public/", top.path + "/real/../link/./public", top.path + "/real/public/."] {
            XCTAssertEqual(OutputWriter.place(of: path), place, path)
        }
        XCTAssertEqual(OutputWriter.place(of: top.path + "/link/new/deeper/public"), base + "/real/new/deeper/public")
        let cwd = FileManager.default.currentDirectoryPath
        XCTAssertEqual(OutputWriter.place(of: "public"), (SiteFiles.realPath(cwd) ?? cwd) + "/public")
    }

    /// `gongkai build --site site` in the folder above the site, then `--site <absolute path>`, then
    /// relative again (one process each): the item pages of the unchanged pages are kept, the output
    /// equals a clean build's, and the summary names the output as the site was written.
    func testRelativeAndAbsoluteSitePathsKeepTheLastBuild() throws {
        let root = try makeSite()
        func build(_ site: String) throws -> (stdout: String, stderr: String) {
            let process = Process()
            process.executableURL = BuildStateTests.binary
            process.currentDirectoryURL = root.deletingLastPathComponent()
            process.arguments = ["build", "--lang", "zh", "--site", site]
            var env = ProcessInfo.processInfo.environment
            env["GONGKAI_TIMING"] = "1"
            env["GONGKAI_TEST_VERIFY_CUTOFF"] = "1"
            process.environment = env
            let (out, err) = (Pipe(), Pipe())
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, stderr)
            return (stdout, stderr)
        }
        /// `n` of the timing line `items (n kept, not planned)`.
        func kept(_ stderr: String) -> Int {
            guard let range = stderr.range(of: "items (") else { return 0 }
            return Int(stderr[range.upperBound...].prefix { $0.isNumber }) ?? 0
        }
        XCTAssertTrue(try build("site").stdout.contains("site/public"))
        for (n, site) in [root.path, "site"].enumerated() {
            try edit(root, n + 1)
            let run = try build(site)
            XCTAssertGreaterThanOrEqual(kept(run.stderr), 11, "\(site): every unchanged page's item was kept: \(run.stderr)")
            XCTAssertTrue(run.stdout.contains("输出到 \(site)/public，"), run.stdout)
            try assertEqualsClean(root, "built as \(site)")
        }
    }
}
