import Foundation
import GongkaiTestSupport
import XCTest

/// What every command prints: Chinese help with examples, completions, colours only on a terminal and
/// never with NO_COLOR, the build's progress line, --quiet and --verbose.
final class OutputTests: XCTestCase {
    static let site: [String: String] = [
        "site.yaml": "title: 测试门户\nbase-url: https://example.org/\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n",
        "content/villages/xinghua/notices/宪法.md": "---\ntitle: 宪法宣传\ndate: 2026-11-08\n---\n正文\n",
    ]
    static let escape = "\u{1B}["

    func testEverySubcommandHasChineseHelpWithExamples() throws {
        let root = try CLI.run(["--help"])
        XCTAssertEqual(root.status, 0)
        for word in ["用法：", "子命令：", "init", "new", "serve", "build", "check", "list", "completions", "示例："] {
            XCTAssertTrue(root.stdout.contains(word), "gongkai --help lacks \(word):\n\(root.stdout)")
        }
        XCTAssertFalse(root.stdout.contains("USAGE:"))
        XCTAssertFalse(root.stdout.contains("Show help information"))
        for command in ["init", "new", "serve", "build", "check", "list", "completions"] {
            for arguments in [[command, "--help"], ["help", command]] {
                let result = try CLI.run(arguments)
                XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
                XCTAssertTrue(result.stdout.hasPrefix("简介："), "\(arguments):\n\(result.stdout)")
                XCTAssertTrue(result.stdout.contains("示例：\n  gongkai \(command)"), "\(arguments) has no example:\n\(result.stdout)")
                XCTAssertTrue(result.stdout.contains("选项："), "\(arguments):\n\(result.stdout)")
                XCTAssertFalse(result.stdout.contains("OPTIONS:") || result.stdout.contains("(default:"), "\(arguments):\n\(result.stdout)")
            }
        }
        let english = try CLI.run(["build", "--help"], environment: ["LANG": "en_US.UTF-8"])
        XCTAssertTrue(english.stdout.contains("USAGE:"), english.stdout)
    }

    func testUsageErrorsAreChinese() throws {
        let missing = try CLI.run(["new"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("错误：缺少参数 <kind>"), missing.stderr)
        let unknown = try CLI.run(["build", "--nope"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("错误：没有 --nope 这个选项"), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("查看说明：gongkai build --help"), unknown.stderr)
        let english = try CLI.run(["build", "--nope", "--lang", "en"])
        XCTAssertTrue(english.stderr.contains("Error: Unknown option '--nope'"), english.stderr)
    }

    func testCompletionScripts() throws {
        let expectations = ["bash": "complete -", "zsh": "#compdef gongkai", "fish": "complete -c 'gongkai'"]
        for (shell, marker) in expectations {
            let result = try CLI.run(["completions", shell])
            XCTAssertEqual(result.status, 0, shell)
            XCTAssertTrue(result.stdout.contains(marker), "\(shell):\n\(result.stdout.prefix(300))")
            for word in ["init", "serve", "list", "village"] {
                XCTAssertTrue(result.stdout.contains(word), "\(shell) completion lacks \(word)")
            }
            XCTAssertFalse(result.stdout.contains("Show help information"), shell)
        }
        XCTAssertEqual(try CLI.run(["completions", "powershell"]).status, 2)
        // Village ids complete from the site's folders.
        let root = try temporaryDirectory(self)
        try writeFiles(Self.site, under: root)
        // What the bash script runs when Tab is pressed after `gongkai new --village xin`.
        let ids = try CLI.run(["---completion", "new", "--", "--village", "3", "3", "gongkai", "new", "--village", "xin"], in: root)
        XCTAssertEqual(ids.stdout, "xinghua\n", ids.stderr)
    }

    func testColoursOnlyOnATerminalAndNeverWithNoColor() throws {
        let root = try temporaryDirectory(self)
        try writeFiles(Self.site, under: root)
        let coloured = try Terminal.run(["build"], in: root)
        XCTAssertEqual(coloured.status, 0, coloured.output)
        XCTAssertTrue(coloured.output.contains(Self.escape + "32m已生成"), coloured.output)

        let noColor = try Terminal.run(["build"], in: root, environment: ["NO_COLOR": "1"])
        XCTAssertEqual(noColor.status, 0)
        XCTAssertTrue(noColor.output.contains("已生成"))
        XCTAssertFalse(noColor.output.contains(Self.escape), noColor.output)

        let piped = try CLI.run(["build"], in: root, environment: ["NO_COLOR": ""])
        XCTAssertFalse(piped.stdout.contains(Self.escape) || piped.stderr.contains(Self.escape))

        try writeFiles(["content/villages/xinghua/notices/坏.md": "---\ntitle: 坏\ndate: 2026-13-01\n---\n"], under: root)
        let error = try Terminal.run(["build"], in: root)
        XCTAssertEqual(error.status, 1)
        XCTAssertTrue(error.output.contains("坏.md:3: " + Self.escape + "1;31merror"), error.output)
        XCTAssertFalse(try Terminal.run(["build"], in: root, environment: ["NO_COLOR": "1"]).output.contains(Self.escape))
    }

    func testProgressLineOnATerminalOnly() throws {
        let root = try temporaryDirectory(self)
        try writeFiles(Self.site, under: root)
        // The delay before the line appears (one second) is shortened so that a small site shows it.
        let shown = try Terminal.run(["build"], in: root, environment: ["GONGKAI_PROGRESS_DELAY": "0", "NO_COLOR": "1"])
        XCTAssertTrue(shown.output.contains("正在生成 ["), shown.output)
        XCTAssertTrue(shown.output.contains("\r\u{1B}[2K"), "the line is erased when done")
        XCTAssertTrue(shown.output.contains("已生成"))
        let quiet = try Terminal.run(["build", "--quiet"], in: root, environment: ["GONGKAI_PROGRESS_DELAY": "0"])
        XCTAssertEqual(quiet.output, "")
        let piped = try CLI.run(["build"], in: root, environment: ["GONGKAI_PROGRESS_DELAY": "0"])
        XCTAssertFalse(piped.stderr.contains("正在生成"), piped.stderr)
        let slowEnoughOnly = try Terminal.run(["build"], in: root, environment: ["NO_COLOR": "1"])
        XCTAssertFalse(slowEnoughOnly.output.contains("正在生成 ["), "a quick build shows no progress line")
    }

    func testQuietAndVerbose() throws {
        let root = try temporaryDirectory(self)
        try writeFiles(Self.site, under: root)
        try writeFiles(["content/villages/xinghua/notices/警告.md": "---\ntitle: 有警告\ndate: 2026-11-08\nspeaker: 某人\n---\n"], under: root)
        let quiet = try CLI.run(["build", "--quiet"], in: root)
        XCTAssertEqual(quiet.status, 0)
        XCTAssertEqual(quiet.stdout, "")
        XCTAssertEqual(quiet.stderr, "", "warnings are left out with --quiet")

        let verbose = try CLI.run(["build", "--verbose"], in: root)
        XCTAssertEqual(verbose.status, 0)
        for fragment in ["已生成 2 篇内容", "网站文件夹：", "输出文件夹：", "公开情况统计到：", "法治宣传：2 篇", "党课与宣讲：0 篇", "写入"] {
            XCTAssertTrue(verbose.stdout.contains(fragment), "--verbose lacks \(fragment):\n\(verbose.stdout)")
        }
        XCTAssertTrue(verbose.stderr.contains("警告.md:4: warning:"), verbose.stderr)
        XCTAssertEqual(try CLI.run(["build", "--quiet", "--verbose"], in: root).status, 2)
    }
}
