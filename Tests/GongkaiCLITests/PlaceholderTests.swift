import Foundation
import GongkaiTestSupport
import XCTest

/// Scaffolding left unfilled does not go live quietly: what `gongkai new` and `gongkai init` leave for the
/// editor is named with its file and line, `--strict` fails on it, and once filled in nothing is said.
final class PlaceholderTests: XCTestCase {
    func site() throws -> URL {
        let root = try temporaryDirectory(self)
        try writeFiles(NewCommandTests.files, under: root)
        return root
    }

    func lines(_ root: URL, _ path: String) throws -> [Substring] {
        try String(contentsOfFile: root.path + "/" + path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Each new page, built as `new` wrote it: every empty key to fill and every `（在这里…）` is a warning
    /// on its own line, and nothing else.
    func testNewPagesLeftAsWrittenAreNamedLineByLine() throws {
        let root = try site()
        let cases: [(args: [String], keys: [String: String])] = [
            (["lecture"], ["speaker": "主讲人", "venue": "地点", "audience": "参加对象"]),
            (["notice"], ["law": "宣传的法律法规"]),
            (["regulation"], ["adopted": "通过日期"]),
            (["model"], ["person": "姓名", "category": "类别"]),
            (["article"], [:]),
            (["disclosure", "--item", "finance-monthly", "--period", "2026-08"], [:]),
            (["disclosure", "--item", "village-affairs-quarterly", "--period", "2026-Q3"], [:]),
        ]
        var paths: [(path: String, keys: [String: String])] = []
        for test in cases {
            let made = try CLI.run(["new"] + test.args + ["--village", "杏花村", "--date", "2026-11-20", "-q", "新页面"], in: root)
            XCTAssertEqual(made.status, 0, made.stderr)
            paths.append((made.stdout.trimmingCharacters(in: .whitespacesAndNewlines), test.keys))
        }
        let build = try CLI.run(["build"], in: root)
        XCTAssertEqual(build.status, 0, build.stderr)
        for (path, keys) in paths {
            var expected: [String] = []
            for (number, line) in try lines(root, path).enumerated() {
                if let key = keys.first(where: { line.hasPrefix("\($0.key):") }) {
                    expected.append("\(path):\(number + 1): warning: “\(key.key)”（\(key.value)）还空着，是新建页面时留下的：请填写，不需要就删掉这一行")
                }
                if let start = line.range(of: "（在这里") {
                    let text = line[start.lowerBound...].prefix(while: { $0 != "）" })
                    let shown = text.count + 1 > 24 ? String(text.prefix(22)) + "……" : String(text) + "）"
                    expected.append("\(path):\(number + 1): warning: “\(shown)”是模板里的提示，还没有换成实际内容：请照提示写好，并删掉这段提示（连同括号）")
                }
            }
            let found = build.stderr.split(separator: "\n").filter { $0.hasPrefix(path + ":") }.map(String.init)
            XCTAssertEqual(found, expected, path)
            XCTAssertFalse(expected.isEmpty, "\(path) has something to fill in")
        }
        XCTAssertEqual(build.stderr.split(separator: "\n").filter { $0.contains(": warning: ") }.count, 18, build.stderr)

        let strict = try CLI.run(["build", "--strict"], in: root)
        XCTAssertEqual(strict.status, 1, strict.stderr)
        XCTAssertTrue(strict.stderr.contains("lectures/2026-11-20-新页面.md:4: "), strict.stderr)

        // Filled in as the warnings ask, the site builds with --strict and the reader sees no instruction.
        for (path, keys) in paths {
            let text = try lines(root, path).map { line -> String in
                var line = String(line)
                for key in keys.keys where line.hasPrefix("\(key):") {
                    line = "\(key): " + (key == "adopted" ? "2026-11-01" : key == "category" ? "助人为乐" : "张三")
                }
                while let start = line.range(of: "（在这里"), let end = line[start.upperBound...].firstIndex(of: "）") {
                    line.replaceSubrange(start.lowerBound...end, with: "实际内容")
                }
                return line
            }.joined(separator: "\n")
            try writeFiles([path: text], under: root)
        }
        let filled = try CLI.run(["build", "--strict"], in: root)
        XCTAssertEqual(filled.status, 0, filled.stderr)
        XCTAssertEqual(filled.stderr, "")
        let finance = paths[5].path.replacingOccurrences(of: "content/", with: "public/").replacingOccurrences(of: ".md", with: ".html")
        let page = try String(contentsOfFile: root.path + "/" + finance, encoding: .utf8)
        XCTAssertFalse(page.contains("在这里"), page)
        XCTAssertTrue(page.contains("监督电话：实际内容"), page)
    }

    func testDraftsAndRealTextAreLeftAlone() throws {
        let root = try site()
        try writeFiles(
            [
                // A draft is not published, so its template is nobody's business yet.
                "content/villages/xinghua/lectures/draft.md": "---\ntitle: 草稿\ndate: 2026-11-20\nspeaker:\ndraft: true\n---\n（在这里写党课的内容。）\n",
                // 在这里 in a sentence, and keys a page simply does not have, are not placeholders.
                "content/villages/xinghua/lectures/real.md": "---\ntitle: 党课\ndate: 2026-11-20\n---\n党员们在这里（党群服务中心）学习。\n",
                "content/villages/xinghua/models/m.md": "---\ntitle: 好人\ndate: 2026-11-20\nperson: 王秀兰\ncategory: 孝老爱亲\n---\n事迹。\n",
            ], under: root)
        let build = try CLI.run(["build", "--strict"], in: root)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(build.stderr, "")

        // Written empty in any form, a key is named once; a list where text belongs is the loader's error, not said twice.
        try writeFiles(
            ["content/villages/xinghua/lectures/real.md": "---\ntitle: 党课\ndate: 2026-11-20\nspeaker: \"\"\nvenue: ~\naudience: [党员]\n---\n正文\n"], under: root)
        let empty = try CLI.run(["build"], in: root)
        let lines = empty.stderr.split(separator: "\n").filter { $0.hasPrefix("content/villages/xinghua/lectures/real.md:") }
        XCTAssertEqual(lines.count, 3, empty.stderr)
        XCTAssertTrue(lines[0].hasPrefix("content/villages/xinghua/lectures/real.md:4: warning: “speaker”（主讲人）还空着"), empty.stderr)
        XCTAssertTrue(lines[1].hasPrefix("content/villages/xinghua/lectures/real.md:5: warning: “venue”（地点）还空着"), empty.stderr)
        XCTAssertTrue(lines[2].hasPrefix("content/villages/xinghua/lectures/real.md:6: error: "), empty.stderr)
    }

    /// `gongkai init`'s village introductions (also as earlier versions wrote them), sample pages and
    /// footer examples.
    func testNewSiteNamesItsIntroductionsSamplesAndFooterExamples() throws {
        let parent = try temporaryDirectory(self, name: "parent")
        XCTAssertEqual(try CLI.run(["init", "白鹭镇", "--villages", "杏花村,青石社区"], in: parent).status, 0)
        let root = parent.appendingPathComponent("白鹭镇")
        var yaml = try String(contentsOfFile: root.path + "/site.yaml", encoding: .utf8)
        // The clerk takes the “# ” away from the ICP line but forgets to put in the real number.
        let icpLine = try XCTUnwrap(yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("  # icp:") }) + 1
        yaml = yaml.replacingOccurrences(of: "  # icp:", with: "  icp:  ")
        try writeFiles(
            [
                "site.yaml": yaml,
                // As `gongkai init` wrote it before the placeholders had one form.
                "content/villages/qingshishequ/_village.md": "---\nname: 青石社区\ntype: community\n---\n（请在这里介绍青石社区。）\n",
            ],
            under: root)
        let build = try CLI.run(["build"], in: root)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertTrue(
            build.stderr.contains("site.yaml:\(icpLine): warning: 页脚的“icp”还是模板里的示例“某ICP备00000000号-1”，会显示在每一页底部：请换成真实的内容，暂时没有就在行首加回“# ”\n"), build.stderr)
        XCTAssertTrue(build.stderr.contains("content/villages/qingshishequ/_village.md:5: warning: “（请在这里介绍青石社区。）”是模板里的提示"), build.stderr)
        XCTAssertTrue(build.stderr.contains("content/villages/xinghuacun/_village.md:12: warning: “（在这里介绍杏花村：地理位置、村民小组、户数……”是模板里的提示"), build.stderr)
        let sample = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: root.path + "/content/villages/xinghuacun/models").first)
        XCTAssertTrue(
            build.stderr.contains("content/villages/xinghuacun/models/\(sample):10: warning: 这是建站时自动生成的示例页面：照着它的格式写好自己的内容后，删掉本篇（改写过的，删掉这一行说明）\n"), build.stderr)
        // What the reader would get: the example number at the foot of the page.
        let home = try String(contentsOfFile: root.path + "/public/index.html", encoding: .utf8)
        XCTAssertTrue(home.contains("某ICP备00000000号-1"))
        XCTAssertEqual(try CLI.run(["build", "--strict"], in: root).status, 1)
    }
}
