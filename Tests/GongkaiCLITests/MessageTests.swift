import Foundation
import GongkaiTestSupport
import XCTest

/// Messages of the command line that point at the real mistake (issue 14, point 8), with the real binary:
/// a mistyped command or value names the one meant, lists of choices read as Chinese, and a warning
/// that is the same on every rebuild is said once per `gongkai serve`.
final class MessageTests: XCTestCase {
    func testAMistypedCommandNamesTheOneMeant() throws {
        let cases: [([String], String)] = [
            (["biuld"], "错误：没有“biuld”这个命令。是不是想用 build？"),
            (["chekc", "--as-of", "2026-11-23"], "错误：没有“chekc”这个命令。是不是想用 check？"),
            (["serv"], "是不是想用 serve？"),
            (["生成"], "错误：没有“生成”这个命令。是不是想用 build？"),
            (["xyz"], "错误：没有“xyz”这个命令。\n可用的命令：init、new、import、serve、build、check、list、completions"),
        ]
        for (arguments, expected) in cases {
            let run = try CLI.run(arguments)
            XCTAssertEqual(run.status, 2, "\(arguments): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(expected), "\(arguments): \(run.stderr)")
            XCTAssertFalse(run.stderr.contains("多余的参数"), run.stderr)
        }
        XCTAssertFalse(try CLI.run(["xyz"]).stderr.contains("是不是"))
        let english = try CLI.run(["biuld", "--lang", "en"])
        XCTAssertTrue(english.stderr.contains("Error: there is no command 'biuld'. Did you mean 'build'?"), english.stderr)
        // Real commands still run.
        XCTAssertEqual(try CLI.run(["help", "build"]).status, 0)
    }

    func testAMistypedValueNamesTheOneMeantInChineseWords() throws {
        let site = try temporaryDirectory(self)
        try writeFiles(
            [
                "site.yaml": "title: 白鹭镇门户\n",
                "content/villages/xinghua/_village.md": "---\nname: 杏花村\n---\n简介\n",
            ], under: site)
        let cases: [([String], [String])] = [
            (["check", "--format", "jsno"], ["“jsno”不是 --format <text|json|junit> 的有效值。请写其中之一：text、json 或 junit。是不是 json？"]),
            (["check", "--format", "xml"], ["请写其中之一：text、json 或 junit。"]),
            (["list", "vilages"], ["请写其中之一：villages、pages、drafts 或 expired。是不是 villages？"]),
            (["completions", "bsh"], ["请写其中之一：bash、zsh 或 fish。是不是 bash？"]),
            (["new", "notise", "--village", "xinghua", "标题"], ["“notise”不是 <kind> 的有效值。可以写：", "  - article\n是不是 notice？"]),
        ]
        for (arguments, expected) in cases {
            let run = try CLI.run(arguments, in: site)
            XCTAssertEqual(run.status, 2, "\(arguments): \(run.stderr)")
            for phrase in expected { XCTAssertTrue(run.stderr.contains(phrase), "\(arguments): \(phrase)\n\(run.stderr)") }
            // No English left in the first lines of the message: no 'a', 'b' or 'c', no "Did you mean".
            let message = run.stderr.components(separatedBy: "说明：").first ?? run.stderr
            XCTAssertNil(message.range(of: #"'[a-z]+', '|\bor '|Did you mean|Please|\. "#, options: .regularExpression), "\(arguments): \(run.stderr)")
        }
        let english = try CLI.run(["check", "--format", "jsno", "--lang", "en"], in: site)
        XCTAssertTrue(english.stderr.contains("Please provide one of 'text', 'json' or 'junit'. Did you mean 'json'?"), english.stderr)
    }

    /// A date option written the way people write dates is answered with the day meant.
    func testADateOptionWrittenAnotherWayIsAnsweredWithTheDayMeant() throws {
        let site = try temporaryDirectory(self)
        try writeFiles(
            [
                "site.yaml": "title: 白鹭镇门户\n",
                "content/villages/xinghua/_village.md": "---\nname: 杏花村\n---\n简介\n",
            ], under: site)
        let cases: [([String], String)] = [
            (["check", "--as-of", "2026/10/3"], "--as-of 2026/10/3 不是有效日期：请写成 --as-of 2026-10-03（年-月-日，月和日都写两位）"),
            (["list", "--as-of", "2026年10月3日"], "--as-of 2026年10月3日 不是有效日期：请写成 --as-of 2026-10-03"),
            (["new", "notice", "--village", "xinghua", "--date", "２０２６．１０．３", "标题"], "请写成 --date 2026-10-03"),
            (["check", "--as-of", "2026-02-29"], "--as-of 2026-02-29 不是有效日期：2026年2月只有 28 天，没有 29 日"),
            (["check", "--as-of", "明天"], "--as-of 明天 不是有效日期：请写成 YYYY-MM-DD，如 --as-of 2026-11-23"),
        ]
        for (arguments, expected) in cases {
            let run = try CLI.run(arguments, in: site)
            XCTAssertEqual(run.status, 2, "\(arguments): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(expected), "\(arguments): \(expected)\n\(run.stderr)")
        }
    }

    /// `--strict` turns every warning into a failure, as the README says: also when nothing changed since a
    /// build that had warnings (the build is then skipped), and for `check` (warnings about its input).
    func testStrictFailsOnEveryWarning() throws {
        let site = try temporaryDirectory(self)
        try writeFiles(
            [
                "site.yaml": "title: 白鹭镇门户\n",
                "content/villages/xinghua/_village.md": "---\nname: 杏花村\n---\n简介\n",
                "disclosure.yaml": "since: 2026-01-01\nfoo: 1\n",
            ], under: site)
        XCTAssertEqual(try CLI.run(["build"], in: site).status, 0)
        let strict = try CLI.run(["build", "--strict"], in: site)
        XCTAssertEqual(strict.status, 1, strict.stderr)
        XCTAssertTrue(strict.stderr.contains("site.yaml: warning: 未设置 base-url"), strict.stderr)
        XCTAssertTrue(strict.stderr.contains("--strict：警告也视为错误。\n生成失败，原有的 public/ 未被改动。"), strict.stderr)
        XCTAssertFalse(strict.stdout.contains("已生成"), strict.stdout)

        let check = try CLI.run(["check", "--as-of", "2026-01-05"], in: site)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stderr.contains("disclosure.yaml:2: warning: "), check.stderr)
        let strictCheck = try CLI.run(["check", "--as-of", "2026-01-05", "--strict"], in: site)
        XCTAssertEqual(strictCheck.status, 2, strictCheck.stderr)
        XCTAssertTrue(strictCheck.stderr.contains("--strict：警告也视为错误。"), strictCheck.stderr)
    }

    /// No base-url yet: the warning is the same on every rebuild, so `serve` says it once; a new warning
    /// is said when it appears, and a failed build in between does not repeat the old ones.
    func testServeSaysAWarningThatStaysTheSameOnce() throws {
        let notice = "content/villages/xinghua/notices/通知.md"
        let site = try temporaryDirectory(self)
        try writeFiles(
            [
                "site.yaml": "title: 白鹭镇门户\n",
                "content/villages/xinghua/_village.md": "---\nname: 杏花村\n---\n简介\n",
                notice: "---\ntitle: 通知\ndate: 2026-11-08\n---\n第一版。\n",
            ], under: site)
        let server = try ServeProcess(self, site: site)
        _ = try server.port()
        let baseURL = "site.yaml: warning: 未设置 base-url"
        func builds(_ text: String) -> Int { text.components(separatedBy: "已生成").count - 1 }
        XCTAssertTrue(server.waitForStdout { builds($0) >= 1 }, server.stdout)
        XCTAssertEqual(server.stderr.components(separatedBy: baseURL).count - 1, 1, server.stderr)

        // An edit that adds a warning: only the new one is listed.
        try writeFiles([notice: "---\ntitle: 通知\ndate: 2026-11-08\n---\n第二版。![](/a.png)\n"], under: site)
        XCTAssertTrue(server.waitForStdout { builds($0) >= 2 }, server.stdout)
        XCTAssertTrue(server.stdout.contains("（另有 1 个警告同上）"), server.stdout)
        // A broken edit, then a good one.
        try writeFiles([notice: "---\ntitle: 通知\ndate: 2026-13-08\n---\n第三版。![](/a.png)\n"], under: site)
        XCTAssertTrue(server.waitForStdout { $0.contains("生成失败") }, server.stdout)
        try writeFiles([notice: "---\ntitle: 通知\ndate: 2026-11-08\n---\n第四版。![](/a.png)\n"], under: site)
        XCTAssertTrue(server.waitForStdout { builds($0) >= 3 }, server.stdout)
        XCTAssertTrue(server.stdout.contains("（2 个警告同上）"), server.stdout)

        let stderr = server.stderr
        XCTAssertEqual(stderr.components(separatedBy: baseURL).count - 1, 1, stderr)
        XCTAssertEqual(stderr.components(separatedBy: "warning: 图片缺少替代文字").count - 1, 1, stderr)
        XCTAssertTrue(stderr.contains("日期“2026-13-08”无效"), stderr)
    }
}
