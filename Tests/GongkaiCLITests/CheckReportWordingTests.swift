import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GongkaiTestSupport
import XCTest

/// Issue 14, point 6: the check report reads right to a clerk. Headlines say what is there, the totals
/// and the village lines agree, every line about a page still to publish ends with the command that
/// starts it (run here as printed), and a page before the check start is reported once as not counted.
final class CheckReportWordingTests: XCTestCase {
    static func page(_ item: String, _ period: String, _ date: String) -> String {
        "---\ntitle: \(item) \(period)\ndate: \(date)\nitem: \(item)\nperiod: \(period)\n---\n公开内容。\n"
    }

    /// xinghua: July on time, August late, September and October missing, June before the check start.
    /// lugao: nothing at all. qingshi (a community): nothing, and nothing it owes on a schedule.
    static let files: [String: String] = [
        "site.yaml": "title: 白鹭镇\n",
        "disclosure.yaml": "since: 2026-07-01\ndisable: [finance-quarterly, village-affairs-quarterly]\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n简介。\n",
        "content/villages/lugao/_village.md": "---\nname: 芦篙村\ntype: village\n---\n简介。\n",
        "content/villages/qingshi/_village.md": "---\nname: 青石社区\ntype: community\n---\n简介。\n",
        "content/villages/xinghua/disclosures/07.md": page("finance-monthly", "2026-07", "2026-08-05"),
        "content/villages/xinghua/disclosures/08.md": page("finance-monthly", "2026-08", "2026-09-15"),
        "content/villages/xinghua/disclosures/06.md": page("finance-monthly", "2026-06", "2026-07-08"),
    ]

    /// The site in a folder whose name has a space, so the printed commands must quote it.
    func site() throws -> URL {
        let root = try temporaryDirectory(self, name: "白鹭 镇")
        try writeFiles(Self.files, under: root)
        return root
    }

    func testHeadlinesAndTotalsAgree() throws {
        let root = try site()
        let result = try CLI.run(["check", "--site", root.path, "--as-of", "2026-11-23"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let text = result.stdout
        XCTAssertTrue(text.contains("共 3 个村（社区）：未公开 6 期，逾期公开 1 期，未到期 0 期，已按时公开 1 期；随时公开事项已公开 0 项，其中逾期 0 项"), text)
        XCTAssertTrue(text.contains("════ 芦篙村（lugao，村）：未公开 4 期\n"), text)
        XCTAssertTrue(text.contains("════ 青石社区（qingshi，社区）：暂无公开（也没有逾期未公开的）\n"), text)
        XCTAssertTrue(text.contains("════ 杏花村（xinghua，村）：未公开 2 期，逾期公开 1 期，已按时公开 1 期\n"), text)
        XCTAssertFalse(text.contains("均已按时公开"), "nobody here has published everything on time: \(text)")

        // The headlines add up to the totals, whatever they say.
        var sums: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("════ ") {
            for label in ["未公开", "逾期公开", "未到期", "已按时公开"] {
                if let n = Self.number(before: "\(label) ", after: " 期", in: String(line)) { sums[label, default: 0] += n }
            }
        }
        XCTAssertEqual(sums, ["未公开": 6, "逾期公开": 1, "已按时公开": 1])

        let community = try CLI.run(["check", "--site", root.path, "--as-of", "2026-11-23", "--village", "青石社区"])
        XCTAssertEqual(community.status, 0, "a community owing nothing on a schedule has nothing missing")
        XCTAssertTrue(community.stdout.contains("暂无公开（也没有逾期未公开的）"), community.stdout)
    }

    func testEveryMissingLineEndsWithTheCommandThatStartsThePageAndItRuns() throws {
        let root = try site()
        let parent = root.deletingLastPathComponent()
        let result = try CLI.run(["check", "--site", root.path, "--as-of", "2026-11-23"], in: parent)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        var section = ""
        var commands: [String] = []
        for line in lines {
            if line.hasPrefix("【") { section = line }
            guard line.hasPrefix("    · ") else { continue }
            if section.hasPrefix("【未公开】") || section.hasPrefix("【未到期】") {
                let parts = line.components(separatedBy: "　新建：")
                XCTAssertEqual(parts.count, 2, "no command at the end of: \(line)")
                let command = parts.last ?? ""
                XCTAssertTrue(command.hasPrefix("gongkai new disclosure --site '\(root.path)' --village "), command)
                XCTAssertFalse(command.contains("\u{3000}"), "no stray full-width space: \(command)")
                commands.append(command)
            } else if section.hasPrefix("【逾期公开】") {
                XCTAssertTrue(line.hasSuffix("　见 content/villages/xinghua/disclosures/08.md"), line)
            }
        }
        XCTAssertEqual(commands.count, 6, result.stdout)
        XCTAssertTrue(commands.contains("gongkai new disclosure --site '\(root.path)' --village 杏花村 --item finance-monthly --period 2026-10"), "\(commands)")
        XCTAssertTrue(commands.contains("gongkai new disclosure --site '\(root.path)' --village 芦篙村 --item finance-monthly --period 2026-07"), "\(commands)")

        // Run one exactly as printed, through a shell, from the folder the check ran in.
        let command = try XCTUnwrap(commands.first { $0.hasSuffix("--village 杏花村 --item finance-monthly --period 2026-10") })
        let shell = try Self.shell(command, in: parent)
        XCTAssertEqual(shell.status, 0, shell.stderr)
        let created = root.appendingPathComponent("content/villages/xinghua/disclosures/2026-10-财务收支公开.md")
        let text = try String(contentsOf: created, encoding: .utf8)
        XCTAssertTrue(text.contains("item: finance-monthly ") && text.contains("period: 2026-10 "), text)
        // The next check (on a day after the new page's date) no longer calls October missing.
        let later = try CLI.run(["check", "--site", root.path, "--as-of", "2099-01-01", "--format", "json"])
        XCTAssertTrue(later.stdout.contains(#""period": "2026-10", "due": "2026-11-10", "status": "late""#), later.stdout)

        // JSON and JUnit carry the same command.
        let json = try CLI.run(["check", "--site", root.path, "--as-of", "2026-11-23", "--format", "json", "--village", "芦篙村"])
        XCTAssertTrue(
            json.stdout.contains(
                #""status": "missing", "published": null, "pages": [], "command": "gongkai new disclosure --site '"# + root.path
                    + #"' --village 芦篙村 --item finance-monthly --period 2026-07"}"#), json.stdout)
        let junit = try CLI.run(["check", "--site", root.path, "--as-of", "2026-11-23", "--format", "junit", "--village", "lugao"])
        let document = try XMLDocument(data: Data(junit.stdout.utf8))
        let failures = try document.nodes(forXPath: "//failure").compactMap(\.stringValue)
        XCTAssertEqual(failures.count, 4)
        XCTAssertTrue(
            failures.allSatisfy {
                $0.hasSuffix(
                    "新建：gongkai new disclosure --site '\(root.path)' --village 芦篙村 --item finance-monthly --period "
                        + ($0.components(separatedBy: "--period ").last ?? ""))
            }, "\(failures)")
    }

    func testAPageBeforeTheCheckStartIsReportedOnceAsNotCounted() throws {
        let root = try site()
        let text = try CLI.run(["check", "--site", root.path, "--as-of", "2026-11-23"])
        XCTAssertEqual(text.stdout.components(separatedBy: "06.md").count, 2, "once: \(text.stdout)")
        XCTAssertTrue(
            text.stdout.contains(
                "【未计入】以下公开早于检查起始日（2026年7月1日），不计入检查：\n  · 财务收支公开（月度） 2026年6月：content/villages/xinghua/disclosures/06.md（2026年7月8日公开）\n  要检查这些期间，请把 disclosure.yaml 的 since 改早，如 since: 2026-06-01\n"
            ), text.stdout)
        XCTAssertFalse(text.stderr.contains("06.md"), "said in the report, not again as a warning: \(text.stderr)")

        let json = try CLI.run(["check", "--site", root.path, "--as-of", "2026-11-23", "--format", "json"])
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let notCounted = try XCTUnwrap(parsed["notCounted"] as? [[String: String]])
        XCTAssertEqual(
            notCounted,
            [
                [
                    "village": "xinghua", "rule": "finance-monthly", "period": "2026-06", "published": "2026-07-08",
                    "page": "content/villages/xinghua/disclosures/06.md", "since": "2026-07-01", "reason": "before-since",
                ]
            ])

        let junit = try CLI.run(["check", "--site", root.path, "--as-of", "2026-11-23", "--format", "junit"])
        let document = try XMLDocument(data: Data(junit.stdout.utf8))
        let out = try document.nodes(forXPath: "//testsuite[@name='xinghua']/system-out").compactMap(\.stringValue)
        XCTAssertEqual(out, ["未计入（早于检查起始日 2026-07-01）：\nfinance-monthly 2026-06：content/villages/xinghua/disclosures/06.md（2026-07-08 公开）"])
        XCTAssertEqual(try document.nodes(forXPath: "//testcase[contains(@name, '2026-06')]").count, 0, "not a test case")
    }

    /// The portal's village page, like the report, calls nothing "all on time" that was never published.
    func testPortalVillagePageOfAVillageThatPublishedNothing() throws {
        let root = try site()
        try writeFiles(
            [
                "site.yaml": "title: 白鹭镇\nas-of: 2026-12-05\n",
                "content/villages/lugao/_village.md": "---\nname: 芦篙村\ntype: village\ndisclosure-since: 2026-11-01\n---\n简介。\n",
            ],
            under: root)
        XCTAssertEqual(try CLI.run(["build"], in: root).status, 0)
        let lugao = try String(contentsOf: root.appendingPathComponent("public/villages/lugao/index.html"), encoding: .utf8)
        XCTAssertTrue(lugao.contains("<p>截至 2026年12月5日：<span class=\"status pending\">未到期 1 项，尚无公开</span></p>"), lugao)
        XCTAssertFalse(lugao.contains("各项均按时公开"), lugao)
        let xinghua = try String(contentsOf: root.appendingPathComponent("public/villages/xinghua/index.html"), encoding: .utf8)
        XCTAssertTrue(xinghua.contains("<span class=\"status missing\">未公开 2 项</span> <span class=\"status late\">逾期公开 1 项</span>"), xinghua)
        let check = try CLI.run(["check", "--village", "芦篙村"], in: root)
        XCTAssertTrue(check.stdout.contains("════ 芦篙村（lugao，村），自2026年11月1日起检查：未到期 1 期\n"), check.stdout)
    }

    /// The number in `…：未公开 6 期` or `…，未公开 6 期`; nil when the label is not there.
    static func number(before label: String, after unit: String, in line: String) -> Int? {
        for separator in ["：", "，"] {
            guard let start = line.range(of: separator + label) else { continue }
            let rest = line[start.upperBound...]
            guard let end = rest.range(of: unit) else { continue }
            return Int(rest[..<end.lowerBound])
        }
        return nil
    }

    /// Runs `command` with `sh -c`, the built gongkai first on PATH.
    static func shell(_ command: String, in directory: URL) throws -> CLI.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        var environment = CLI.environment([:])
        environment["PATH"] = CLI.productsDirectory.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
