import Foundation
import GongkaiTestSupport
import XCTest
import GongkaiContent
@testable import GongkaiSite

/// `kill -9` at any moment of `gongkai build` leaves `public/` exactly as the previous build left it
/// (or absent when there was none) — never a mix, never a half-written file — and the next build
/// cleans up what the killed one left beside it.
final class InterruptedBuildTests: XCTestCase {
    /// A site of `pages` pages: the shared benchmark corpus (`../shared/bench/gen-corpus.py`, as
    /// `bench/run` uses) when it is there, else pages made here.
    func makeCorpus(_ root: URL, pages: Int) throws {
        let script = Gongkai.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/bench/gen-corpus.py")
        if FileManager.default.fileExists(atPath: script.path) {
            let result = try Gongkai.run(
                ["python3", script.path, root.path, "--pages", "\(pages)"],
                timeout: 120, executable: URL(fileURLWithPath: "/usr/bin/env"))
            if result.status == 0 { return }
            try? FileManager.default.removeItem(at: root)
        }
        var files = ["site.yaml": "title: 白鹭镇村务公开\nas-of: 2026-11-23\nbase-url: https://bailu.example.org/\n"]
        let villages = (0..<15).map { "village-\($0)" }
        for id in villages { files["content/villages/\(id)/_village.md"] = "---\nname: \(id)村\ntype: village\n---\n简介\n" }
        let paragraph = "村民代表会议审议通过了本村的年度工作计划，**全体村民**应当知晓。\n\n"
        for n in 0..<pages {
            let section = ["news", "notices", "lectures", "regulations", "models"][n % 5]
            files["content/villages/\(villages[n % villages.count])/\(section)/第\(n)篇.md"] =
                "---\ntitle: 第\(n)篇\ndate: 2026-\(String(format: "%02d", n % 12 + 1))-01\n---\n" + String(repeating: paragraph, count: 30)
        }
        try writeFiles(files, under: root)
    }

    func testKillingABuildAtAnyMomentKeepsThePreviousOutput() throws {
        let scratch = try temporaryDirectory(self, name: "killed")
        let site = scratch.appendingPathComponent("site")
        try makeCorpus(site, pages: 1500)
        let output = site.appendingPathComponent("public")
        let pristine = scratch.appendingPathComponent("pristine-A")

        // The previous build, A, and how long a whole build takes here.
        let first = try Gongkai.run(["build", "--quiet"], in: site, timeout: 600)
        XCTAssertEqual(first.status, 0, first.description)
        let seconds = max(0.5, first.seconds)
        let a = try XCTUnwrap(snapshot(output))
        XCTAssertGreaterThan(a.count, 1500)
        try FileManager.default.moveItem(at: output, to: pristine)

        // No previous build: a killed first build leaves no public/ (or, killed after the swap, the whole new one).
        for fraction in [0.3, 0.7] {
            try kill(buildIn: site, after: seconds * fraction, force: true)
            if let now = snapshot(output) {
                XCTAssertEqual(now, a, "killed at \(fraction) of a first build: a partial public/ with \(now.count) entries")
                try FileManager.default.removeItem(at: output)
            }
        }

        // A in place; then the content changes, so the next build, B, differs.
        try copyTree(pristine, to: output)
        let changed = try XCTUnwrap(
            FileManager.default.subpathsOfDirectory(atPath: site.appendingPathComponent("content").path)
                .filter { $0.hasPrefix("villages/") && $0.hasSuffix(".md") && !$0.hasSuffix("_village.md") && !$0.hasSuffix("_index.md") }.sorted().first)
        let changedURL = site.appendingPathComponent("content/" + changed)
        try (String(contentsOf: changedURL, encoding: .utf8) + "\n本次修改后新增的一段。\n").write(to: changedURL, atomically: true, encoding: .utf8)
        try writeFiles(["content/villages/\(changed.split(separator: "/")[1])/news/新增.md": "---\ntitle: 新增的一篇\ndate: 2026-11-01\n---\n新增\n"], under: site)

        var killedPIDs: [Int32] = []
        // Outputs that were not A: each must turn out to be the whole of B.
        var completed: [(String, [String: Data])] = []
        func checkAfterKill(_ what: String) throws {
            guard let now = snapshot(output) else { return XCTFail("\(what): public/ is gone") }
            if now != a {
                completed.append((what, now))
                try copyTree(pristine, to: output)
            }
            // Only the build just killed may have left something: each build cleans up after the ones before.
            let stale = leftovers(in: site).filter { name in killedPIDs.dropLast().contains { name.hasSuffix("-\($0)") } }
            XCTAssertEqual(stale, [], "\(what): leftovers of earlier killed builds were not cleaned up")
        }
        for fraction in [0.05, 0.35, 0.65, 0.9] {
            killedPIDs.append(try kill(buildIn: site, after: seconds * fraction, force: true))
            try checkAfterKill("killed at \(Int(fraction * 100))% of a build")
        }
        // Killed while writing: as soon as the staging folder appears, and once it holds a thousand files.
        for threshold in [0, 1000] {
            killedPIDs.append(try kill(buildIn: site, whenStagingHolds: threshold, limit: seconds * 4))
            XCTAssertFalse(leftovers(in: site).isEmpty, "the kill did not land while writing")
            try checkAfterKill("killed while writing (\(threshold) files)")
        }

        // The next whole build puts B in place and leaves nothing beside it.
        let final = try Gongkai.run(["build", "--quiet"], in: site, timeout: 600)
        XCTAssertEqual(final.status, 0, final.description)
        let b = try XCTUnwrap(snapshot(output))
        XCTAssertNotEqual(a, b)
        XCTAssertEqual(leftovers(in: site), [])
        for (what, seen) in completed {
            XCTAssertEqual(seen, b, "\(what): public/ is neither the previous build nor the whole new one (\(seen.count) entries)")
        }
    }

    /// Starts `gongkai build` and kills it with SIGKILL after `delay` seconds (or lets it finish).
    @discardableResult
    func kill(buildIn site: URL, after delay: Double, force: Bool = false) throws -> Int32 {
        let process = try startBuild(site, force: force)
        usleep(UInt32(delay * 1_000_000))
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// Kills the build once its staging folder holds `threshold` files.
    func kill(buildIn site: URL, whenStagingHolds threshold: Int, limit: Double) throws -> Int32 {
        let process = try startBuild(site, force: true)
        let staging = site.appendingPathComponent(".public.tmp-\(process.processIdentifier)")
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline && process.isRunning {
            if let count = try? FileManager.default.subpathsOfDirectory(atPath: staging.path).count, count >= threshold { break }
            usleep(threshold == 0 ? 200 : 5_000)
        }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return process.processIdentifier
    }

    func startBuild(_ site: URL, force: Bool) throws -> Process {
        let process = Process()
        process.executableURL = Gongkai.binary
        process.arguments = ["build", "--quiet"] + (force ? ["--force"] : [])
        process.currentDirectoryURL = site
        process.environment = Gongkai.environment([:])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Incremental builds write into a spare folder and swap it in. Killed at any moment — while the
    /// spare is brought up to date, around the swap, while manifests are written — the output is the
    /// previous build or the new one, and the next incremental build equals a clean build.
    func testKillingIncrementalBuildsKeepsOutputWholeAndLaterBuildsRight() throws {
        let scratch = try temporaryDirectory(self, name: "killed-incremental")
        let site = scratch.appendingPathComponent("site")
        try makeCorpus(site, pages: 400)
        let output = site.appendingPathComponent("public")
        let first = try Gongkai.run(["build", "--quiet"], in: site, timeout: 600)
        XCTAssertEqual(first.status, 0, first.description)
        let page = try XCTUnwrap(
            FileManager.default.subpathsOfDirectory(atPath: site.appendingPathComponent("content").path)
                .filter { $0.hasPrefix("villages/") && $0.hasSuffix(".md") && !$0.hasSuffix("_village.md") }.sorted().first)
        let pageURL = site.appendingPathComponent("content/" + page)
        var previous = try XCTUnwrap(snapshot(output))
        for (n, fraction) in [0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.2].enumerated() {
            try (String(contentsOf: pageURL, encoding: .utf8) + "\n第\(n)次修改。\n").write(to: pageURL, atomically: true, encoding: .utf8)
            // How long an incremental build takes now, then one killed at that fraction of it.
            let timed = try Gongkai.run(["build", "--quiet"], in: site, timeout: 600)
            XCTAssertEqual(timed.status, 0, timed.description)
            previous = try XCTUnwrap(snapshot(output))
            try (String(contentsOf: pageURL, encoding: .utf8) + "\n第\(n)次再修改。\n").write(to: pageURL, atomically: true, encoding: .utf8)
            try kill(buildIn: site, after: timed.seconds * fraction)
            let now = try XCTUnwrap(snapshot(output), "killed at \(fraction): public/ is gone")
            if now != previous {
                // Not the previous build: then the whole new one, as a clean build makes it.
                let clean = scratch.appendingPathComponent("clean-\(n)")
                XCTAssertEqual(try Gongkai.run(["build", "--quiet", "--force", "--output", clean.path], in: site, timeout: 600).status, 0)
                XCTAssertEqual(now, snapshot(clean), "killed at \(fraction): public/ is neither the previous build nor the new one")
            }
        }
        // After all that, an incremental build equals a clean one.
        XCTAssertEqual(try Gongkai.run(["build", "--quiet"], in: site, timeout: 600).status, 0)
        let clean = scratch.appendingPathComponent("clean-final")
        XCTAssertEqual(try Gongkai.run(["build", "--quiet", "--force", "--output", clean.path], in: site, timeout: 600).status, 0)
        XCTAssertEqual(snapshot(output), snapshot(clean))
        XCTAssertEqual(leftovers(in: site), [])
    }

    // MARK: The swap itself

    /// While builds replace the output again and again, a reader never finds it missing or partial:
    /// the swap is one `renameat2(RENAME_EXCHANGE)`.
    func testReadersNeverSeeTheOutputMissing() throws {
        let site = try temporaryDirectory(self, name: "swap")
        try writeFiles(
            PathologicalInputTests.base.merging(["content/villages/xinghua/news/x.md": "---\ntitle: 新闻\ndate: 2026-03-01\n---\n正文\n"]) { $1 },
            under: site)
        let output = site.appendingPathComponent("public").path
        _ = try SiteBuilder.build(.init(site: site.path, incremental: false))
        // The system swaps two folders in one step.
        try writeFiles(["one/a": "1", "two/b": "2"], under: site)
        XCTAssertTrue(OutputWriter.exchange(site.path + "/one", site.path + "/two"), "this system has no atomic exchange of folders")
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.path + "/one/b"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.path + "/two/a"))

        let watch = Locked((running: true, misses: 0, checks: 0))
        let reader = Thread {
            while watch.withLock({ $0.running }) {
                var info = stat()
                let missing = stat(output + "/index.html", &info) != 0 || stat(output + "/assets/gongkai.css", &info) != 0
                watch.withLock {
                    if missing { $0.misses += 1 }
                    $0.checks += 1
                }
            }
        }
        reader.start()
        for _ in 0..<40 { _ = try SiteBuilder.build(.init(site: site.path, incremental: false)) }
        watch.withLock { $0.running = false }
        while !reader.isFinished { usleep(1000) }
        let seen = watch.current
        XCTAssertGreaterThan(seen.checks, 1000)
        XCTAssertEqual(seen.misses, 0, "the output was missing \(seen.misses) times out of \(seen.checks)")
        XCTAssertEqual(leftovers(in: site), [])
    }

    /// Killed between the two renames of the fallback swap: the output is missing and the previous one
    /// waits under `.public.old-<pid>`. The next build — even one that fails — puts it back.
    func testTheNextBuildRestoresAnOutputSetAsideByAKilledSwap() throws {
        let site = try temporaryDirectory(self, name: "restore")
        try writeFiles(
            PathologicalInputTests.base.merging(["content/villages/xinghua/news/x.md": "---\ntitle: 新闻\ndate: 2026-03-01\n---\n正文\n"]) { $1 },
            under: site)
        XCTAssertEqual(try Gongkai.run(["build", "--quiet"], in: site).status, 0)
        let previous = snapshot(site.appendingPathComponent("public"))
        let deadPID = "2147483646"
        try FileManager.default.moveItem(at: site.appendingPathComponent("public"), to: site.appendingPathComponent(".public.old-\(deadPID)"))
        try FileManager.default.createDirectory(at: site.appendingPathComponent(".public.tmp-\(deadPID)/villages"), withIntermediateDirectories: true)
        try writeFiles(["content/villages/xinghua/news/y.md": "---\ntitle: 坏\ndate: 2026-13-01\n---\n"], under: site)
        let failed = try Gongkai.run(["build"], in: site)
        XCTAssertEqual(failed.status, 1, failed.description)
        XCTAssertEqual(snapshot(site.appendingPathComponent("public")), previous)
        XCTAssertEqual(leftovers(in: site), [])
    }
}
