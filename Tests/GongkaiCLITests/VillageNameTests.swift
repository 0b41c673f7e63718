import Foundation
import GongkaiTestSupport
import XCTest

/// Issue 14, point 7: villages named as people name them. `--village` takes the Chinese name (or the id)
/// in every command, from one resolver; `init` makes ids that read place names as place names, and
/// refuses a name given twice.
final class VillageNameTests: XCTestCase {
    static let files: [String: String] = [
        "site.yaml": "title: 白鹭镇\nas-of: 2026-11-23\n",
        "disclosure.yaml": "since: 2026-09-01\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n简介。\n",
        "content/villages/qingshi/_village.md": "---\nname: 青石社区\ntype: community\n---\n简介。\n",
        "content/villages/xincun-dong/_village.md": "---\nname: 新村\ntype: village\n---\n简介。\n",
        "content/villages/xincun-xi/_village.md": "---\nname: 新村\ntype: village\n---\n简介。\n",
        "content/villages/xinghua/notices/宪法.md": "---\ntitle: 宪法宣传周\ndate: 2026-11-20\n---\n正文\n",
        "content/villages/qingshi/notices/防诈.md": "---\ntitle: 防范电信诈骗\ndate: 2026-11-21\n---\n正文\n",
    ]

    func site() throws -> URL {
        let root = try temporaryDirectory(self)
        try writeFiles(Self.files, under: root)
        return root
    }

    /// The commands that take --village, each with what it prints for xinghua.
    static let commands: [(arguments: [String], expect: String)] = [
        (["list"], "xinghua"),
        (["list", "pages"], "宪法宣传周"),
        (["check"], "杏花村（xinghua，村）"),
        (["check", "--format", "json"], #""village": "xinghua""#),
    ]

    func testNameOrIdInEveryCommand() throws {
        let root = try site()
        for (index, written) in ["杏花村", "杏花", "xinghua", " 杏花村　", "XingHua"].enumerated() {
            for command in Self.commands {
                let result = try CLI.run(command.arguments + ["--village", written], in: root)
                XCTAssertNotEqual(result.status, 2, "\(command.arguments) --village \(written): \(result.stderr)")
                XCTAssertTrue(result.stdout.contains(command.expect), "\(command.arguments) --village \(written): \(result.stdout)")
                XCTAssertFalse(
                    result.stdout.contains("青石社区") || result.stdout.contains("qingshi"),
                    "\(command.arguments) --village \(written) shows only 杏花村: \(result.stdout)")
            }
            let new = try CLI.run(["new", "notice", "--village", written, "--date", "2026-11-22", "标题\(index)"], in: root)
            XCTAssertEqual(new.status, 0, new.stderr)
            XCTAssertTrue(new.stdout.contains("content/villages/xinghua/notices/"), new.stdout)
        }
        let community = try CLI.run(["list", "pages", "--village", "青石"], in: root)
        XCTAssertTrue(community.stdout.contains("防范电信诈骗"), community.stdout)
    }

    func testUnknownAndAmbiguousNamesSayTheSameInEveryCommand() throws {
        let root = try site()
        let known = "已有的村（社区）：青石社区（qingshi）、新村（xincun-dong）、新村（xincun-xi）、杏花村（xinghua）"
        for arguments in Self.commands.map(\.arguments) + [["new", "notice", "标题"]] {
            let unknown = try CLI.run(arguments + ["--village", "杏花材"], in: root)
            XCTAssertEqual(unknown.status, 2, "\(arguments)")
            XCTAssertEqual(unknown.stdout, "", "\(arguments)")
            XCTAssertEqual(unknown.stderr, "--village 杏花材：没有这个村或社区，是不是 杏花村（xinghua）？\(known)\n", "\(arguments)")

            let ambiguous = try CLI.run(arguments + ["--village", "新村"], in: root)
            XCTAssertEqual(ambiguous.status, 2, "\(arguments)")
            XCTAssertEqual(ambiguous.stderr, "--village 新村：有 2 个村（社区）叫这个名字（新村（xincun-dong）、新村（xincun-xi）），请写编号，如 --village xincun-dong\n", "\(arguments)")
            XCTAssertEqual(try CLI.run(arguments + ["--village", "xincun-xi"], in: root).status == 2, false, "\(arguments): the id settles it")
        }
        let english = try CLI.run(["check", "--village", "杏花材", "--lang", "en"], in: root)
        XCTAssertTrue(english.stderr.hasPrefix("--village 杏花材: no such village or community; did you mean 杏花村 (xinghua)? Known: "), english.stderr)
    }

    /// How `init` reads names: place names and the surnames in them by their place-name reading.
    /// Before: zhanglecun, zhongyangcun, cengjiacun, danjiacun, dujiangyanshequ, …
    static let ids: [(name: String, id: String)] = [
        ("长乐村", "changlecun"), ("重阳村", "chongyangcun"), ("曾家村", "zengjiacun"), ("单家村", "shanjiacun"),
        ("杏花村", "xinghuacun"), ("青石社区", "qingshishequ"), ("芦篙村", "lugaocun"),
        ("都江堰社区", "dujiangyanshequ"), ("朝阳社区", "chaoyangshequ"), ("黄埔村", "huangpucun"), ("大埔村", "dabucun"),
        ("解家庄村", "xiejiazhuangcun"), ("解放村", "jiefangcun"), ("查家村", "zhajiacun"), ("翟营村", "zhaiyingcun"),
        ("仇庄村", "qiuzhuangcun"), ("区庄社区", "ouzhuangshequ"), ("吕家村", "lvjiacun"), ("长子村", "zhangzicun"),
        ("十里堡村", "shilipucun"), ("喀什社区", "kashishequ"), ("重庆社区", "chongqingshequ"), ("厦门社区", "xiamenshequ"),
        ("六安村", "luancun"), ("乐清社区", "yueqingshequ"), ("覃家村", "qinjiacun"),
    ]

    func testInitReadsPlaceNamesAsPlaceNames() throws {
        let site = try temporaryDirectory(self).appendingPathComponent("镇")
        let result = try CLI.run(["init", site.path, "--villages", Self.ids.map(\.name).joined(separator: "、")])
        XCTAssertEqual(result.status, 0, result.stderr)
        for (name, id) in Self.ids {
            let profile = site.appendingPathComponent("content/villages/\(id)/_village.md")
            let text = try? String(contentsOf: profile, encoding: .utf8)
            XCTAssertTrue(text?.contains("name: \(name)") ?? false, "\(name) → \(id): \(result.stdout)")
        }
        let made = try FileManager.default.contentsOfDirectory(atPath: site.path + "/content/villages")
        XCTAssertEqual(made.count, Self.ids.count)
        // The next step it prints uses the name.
        XCTAssertTrue(result.stdout.contains("gongkai new notice --village 长乐村 \"标题\""), result.stdout)
    }

    func testANameGivenTwiceOrTwoNamesOfOneIdAreErrors() throws {
        let parent = try temporaryDirectory(self)
        let cases: [(villages: String, message: String)] = [
            ("杏花村,芦篙村,杏花村", "--villages：“杏花村”写了两次。每个村（社区）只写一次"),
            ("长乐村,常乐村", "--villages：“长乐村”和“常乐村”的编号都是 changlecun（拼音相同），编号不能重复。请给后一个另写编号，如 常乐村=changlecun2"),
            ("杏花村=xh,芦篙村=xh", "--villages：“杏花村”和“芦篙村”的编号都是 xh，编号不能重复。"),
            ("杏花村=xinghuacun,杏花村", "--villages：“杏花村”写了两次"),
        ]
        for (index, test) in cases.enumerated() {
            let folder = parent.appendingPathComponent("site\(index)")
            let result = try CLI.run(["init", folder.path, "--villages", test.villages])
            XCTAssertEqual(result.status, 2, test.villages)
            XCTAssertTrue(result.stderr.hasPrefix(test.message), "\(test.villages): \(result.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path), "\(test.villages): nothing written")
        }
        // Two villages that really share a name, each with its own id, are fine; so are homophones given ids.
        let fine = try CLI.run(["init", parent.appendingPathComponent("ok").path, "--villages", "新村=xincun-dong,新村=xincun-xi,长乐村,常乐村=changle2"])
        XCTAssertEqual(fine.status, 0, fine.stderr)
    }
}
