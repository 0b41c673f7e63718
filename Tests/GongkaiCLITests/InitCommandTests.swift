import Foundation
import GongkaiTestSupport
import XCTest

/// `gongkai init` end to end: a new site that builds and passes the check as it is.
final class InitCommandTests: XCTestCase {
    func testNewSiteBuildsAndPassesTheCheck() throws {
        let parent = try temporaryDirectory(self, name: "parent")
        let result = try CLI.run(["init", "白鹭镇", "--villages", "杏花村,芦篙村、青石社区"], in: parent)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("已新建网站“白鹭镇党建与法治宣传门户”"), result.stdout)
        XCTAssertTrue(result.stdout.contains("gongkai serve"), result.stdout)
        let site = parent.appendingPathComponent("白鹭镇")

        for id in ["xinghuacun", "lugaocun", "qingshishequ"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: site.path + "/content/villages/\(id)/_village.md"), id)
        }
        let community = try String(contentsOfFile: site.path + "/content/villages/qingshishequ/_village.md", encoding: .utf8)
        XCTAssertTrue(community.contains("type: community"))
        for folder in ["lectures", "notices", "regulations", "models", "disclosures", "news"] {
            let files = try FileManager.default.contentsOfDirectory(atPath: site.path + "/content/villages/xinghuacun/\(folder)")
            XCTAssertEqual(files.filter { $0.hasSuffix(".md") }.count, 1, folder)
        }

        let build = try CLI.run(["build"], in: site)
        XCTAssertEqual(build.status, 0, build.stderr)
        // A new site builds, and says what is left to fill in: each village's introduction and each sample page.
        for id in ["xinghuacun", "lugaocun", "qingshishequ"] {
            XCTAssertTrue(build.stderr.contains("content/villages/\(id)/_village.md:12: warning: “（在这里介绍"), build.stderr)
        }
        XCTAssertEqual(build.stderr.components(separatedBy: ": warning: 这是建站时自动生成的示例页面").count, 7, build.stderr)
        XCTAssertTrue(build.stdout.contains("已生成 6 篇内容"), build.stdout)
        XCTAssertTrue(build.stdout.contains("3 个村（社区）"), build.stdout)
        XCTAssertTrue(build.stdout.contains("10 个警告"), build.stdout)
        XCTAssertEqual(try CLI.run(["build", "--strict"], in: site).status, 1, "CI with --strict does not publish the scaffolding")

        // Filled in, it has no warning but one: it is not online yet, so feeds and sitemap wait for base-url.
        try fillScaffolding(site)
        let filled = try CLI.run(["build"], in: site)
        XCTAssertEqual(filled.status, 0, filled.stderr)
        XCTAssertTrue(filled.stderr.hasPrefix("site.yaml: warning: 未设置 base-url"), filled.stderr)
        XCTAssertEqual(filled.stderr.components(separatedBy: ": warning: ").count, 2, filled.stderr)
        XCTAssertTrue(filled.stdout.contains("1 个警告"), filled.stdout)

        let check = try CLI.run(["check"], in: site)
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertEqual(check.stderr, "")
        XCTAssertTrue(check.stdout.contains("未公开 0 期"), check.stdout)
        XCTAssertTrue(check.stdout.contains("村民会议、村民代表会议决定事项及实施情况：已公开 1 项"), check.stdout)
        XCTAssertEqual(try CLI.run(["check", "--strict", "--format", "junit"], in: site).status, 0)
    }

    /// What an editor does with a new site: writes the introductions, keeps the samples as rewritten pages.
    func fillScaffolding(_ site: URL) throws {
        let villages = site.appendingPathComponent("content/villages")
        let enumerator = FileManager.default.enumerator(at: villages, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "md" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter {
                !$0.hasPrefix("> 这是建站时自动生成的示例") && !$0.hasPrefix("（在这里介绍")
            }
            try Data(kept.joined(separator: "\n").utf8).write(to: url)
        }
    }

    func testSettingsAreAllThereAndExplainedInChinese() throws {
        let site = try temporaryDirectory(self).appendingPathComponent("bailu")
        XCTAssertEqual(try CLI.run(["init", site.path, "--name", "白鹭镇", "--villages", "杏花村"]).status, 0)
        let yaml = try String(contentsOfFile: site.path + "/site.yaml", encoding: .utf8)
        for key in [
            "title", "subtitle", "language", "base-url", "as-of", "page-size", "markdown", "unsafe", "footer",
            "sponsor", "undertaker", "phone", "address", "email", "icp", "police", "site-code",
        ] {
            let line = yaml.split(separator: "\n").first {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + ":")
                    || $0.trimmingCharacters(in: .whitespaces).hasPrefix("# \(key):")
            }
            XCTAssertNotNil(line, "site.yaml lacks \(key)")
            let comment = line.map { $0.split(separator: "#").last.map(String.init) ?? "" } ?? ""
            XCTAssertTrue(comment.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(key) has no Chinese comment: \(line ?? "")")
        }
        XCTAssertTrue(yaml.contains("title: 白鹭镇党建与法治宣传门户"))

        let disclosure = try String(contentsOfFile: site.path + "/disclosure.yaml", encoding: .utf8)
        XCTAssertTrue(disclosure.contains("- id: major-matters\n    due: 3"), disclosure)
        XCTAssertTrue(disclosure.contains("finance-monthly"), "lists the default rules")
        XCTAssertTrue(disclosure.contains("since: "))

        let gitignore = try String(contentsOfFile: site.path + "/.gitignore", encoding: .utf8)
        XCTAssertTrue(gitignore.contains("public/"))
        XCTAssertTrue(gitignore.contains(".gongkai-cache/"))
        for ci in [".github/workflows/gongkai.yml", ".gitlab-ci.yml"] {
            let text = try String(contentsOfFile: site.path + "/" + ci, encoding: .utf8)
            XCTAssertTrue(text.contains("gongkai check --format junit > disclosure.xml"), ci)
            XCTAssertTrue(text.contains("gongkai build"), ci)
            // The package address is set in one place; the steps only use the variable
            // (tests/package/check.py runs the steps against a local package).
            XCTAssertEqual(text.components(separatedBy: "GONGKAI_DEB: https://").count, 2, ci)
            XCTAssertTrue(text.contains(#"curl -fsSL -o /tmp/gongkai.deb "$GONGKAI_DEB""#), ci)
            XCTAssertFalse(text.contains("swift build"), "\(ci): installs the package, does not compile")
            XCTAssertFalse(text.contains("\t"), "\(ci): YAML must not be indented with tabs")
        }
        // The disclosure rule override takes effect: a major matter published four days after it is late.
        try writeFiles(
            [
                "content/villages/xinghuacun/disclosures/x.md":
                    "---\ntitle: 重大事项\ndate: 2099-01-05\nitem: major-matters\nperiod: 2099-01-01\n---\n正文\n"
            ], under: site)
        let check = try CLI.run(["check", "--as-of", "2099-02-01", "--format", "json"], in: site)
        XCTAssertTrue(
            check.stdout.contains(
                #""rule": "major-matters", "period": null, "due": null, "status": "published", "published": "2099-01-05", "pages": ["content/villages/xinghuacun/disclosures/x.md"], "count": 1, "late": 1"#
            ), check.stdout)
    }

    func testVillageIDsFromNamesOrGiven() throws {
        let site = try temporaryDirectory(self).appendingPathComponent("s")
        let result = try CLI.run(["init", site.path, "--villages", "杏花村=xinghua，芦篙村，###"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let ids = try FileManager.default.contentsOfDirectory(atPath: site.path + "/content/villages").sorted()
        XCTAssertEqual(ids, ["lugaocun", "village-3", "xinghua"])
        XCTAssertEqual(try CLI.run(["build"], in: site).status, 0)

        let bad = try CLI.run(["init", try temporaryDirectory(self, name: "t").path, "--villages", "杏花村=XingHua"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("编号“XingHua”无效"), bad.stderr)
    }

    func testRefusesAFolderThatIsNotEmpty() throws {
        let site = try temporaryDirectory(self)
        try writeFiles(["我的笔记.txt": "不要覆盖我\n"], under: site)
        let result = try CLI.run(["init", site.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("不是空的"), result.stderr)
        XCTAssertTrue(result.stderr.contains("我的笔记.txt"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: site.path), ["我的笔记.txt"])
        XCTAssertEqual(try String(contentsOfFile: site.path + "/我的笔记.txt", encoding: .utf8), "不要覆盖我\n")

        // The current folder, empty but for a repository: fine.
        let repo = try temporaryDirectory(self, name: "repo")
        try FileManager.default.createDirectory(atPath: repo.path + "/.git", withIntermediateDirectories: true)
        XCTAssertEqual(try CLI.run(["init"], in: repo).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: repo.path + "/site.yaml"))
        XCTAssertEqual(try CLI.run(["init"], in: repo).status, 2, "and not twice")
    }

    func testEnglish() throws {
        let site = try temporaryDirectory(self)
        try writeFiles(["x": "x"], under: site)
        let result = try CLI.run(["init", site.path, "--lang", "en"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("is not empty"), result.stderr)
    }
}
