import Foundation
import GongkaiTestSupport
import XCTest

/// Building into a place that cannot take the output — read-only, not a folder, full — fails with a
/// message naming the place and saying what to do, and leaves any previous output as it was.
final class OutputLocationTests: XCTestCase {
    func makeSite(bigPage: Bool = false) throws -> URL {
        let site = try temporaryDirectory(self, name: "location").appendingPathComponent("site")
        var files = PathologicalInputTests.base
        files["content/villages/xinghua/news/x.md"] =
            "---\ntitle: 新闻\ndate: 2026-03-01\n---\n"
            + (bigPage ? String(repeating: "村民代表会议审议通过。\n\n", count: 40_000) : "正文\n")
        try writeFiles(files, under: site)
        return site
    }

    /// `chmod 0555` on the output's parent. Root ignores permissions, so then the build runs as the
    /// unprivileged user `nobody` (through `setpriv`).
    func testReadOnlyFolder() throws {
        let site = try makeSite()
        let parent = site.deletingLastPathComponent().appendingPathComponent("只读")
        let output = parent.appendingPathComponent("public")
        // A previous build is there and must stay.
        XCTAssertEqual(try Gongkai.run(["build", "--quiet", "--output", output.path], in: site).status, 0)
        let before = snapshot(output)
        XCTAssertEqual(chmod(parent.path, 0o555), 0)
        defer { chmod(parent.path, 0o755) }

        var prefix: [String] = []
        if runningAsRoot {
            let setpriv = "/usr/bin/setpriv"
            guard FileManager.default.isExecutableFile(atPath: setpriv) else {
                throw XCTSkip(
                    "running as root, where chmod 0555 does not stop writes, and setpriv (to run as nobody) is missing; testReadOnlyFileSystem and testOutputInsideAFile cover root"
                )
            }
            prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
            // nobody must be able to read the site and change into it.
            _ = try Gongkai.run(["-R", "a+rX", site.deletingLastPathComponent().path], executable: URL(fileURLWithPath: "/bin/chmod"))
            XCTAssertEqual(chmod(parent.path, 0o555), 0)
        }
        let result = try Gongkai.run(["build", "--force", "--output", output.path], in: site, prefix: prefix)
        XCTAssertEqual(result.status, 1, result.description)
        XCTAssertTrue(result.stderr.contains(parent.path), "the message does not name the location: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("请检查该位置是否可写，或用 --output 指定别的位置"), result.stderr)
        XCTAssertTrue(result.stderr.contains("生成失败，原有的 public/ 未被改动"), result.stderr)
        XCTAssertEqual(snapshot(output), before)

        let english = try Gongkai.run(["build", "--force", "--lang", "en", "--output", output.path], in: site, prefix: prefix)
        XCTAssertEqual(english.status, 1)
        XCTAssertTrue(english.stderr.contains("cannot create the output folder in \(parent.path)"), english.stderr)
    }

    /// A read-only file system (sysfs refuses new folders, even to root).
    func testReadOnlyFileSystem() throws {
        guard mkdir("/sys/gongkai-probe", 0o755) != 0 else {
            rmdir("/sys/gongkai-probe")
            throw XCTSkip("/sys accepts new folders here; no read-only file system to build into")
        }
        let site = try makeSite()
        let result = try Gongkai.run(["build", "--output", "/sys/gongkai-test/public"], in: site)
        XCTAssertEqual(result.status, 1, result.description)
        XCTAssertTrue(result.stderr.contains("/sys/gongkai-test/public: error: 无法在 /sys/gongkai-test 创建输出文件夹"), result.stderr)
    }

    /// The output's parent is a file, and the output itself is a file: both named, nothing overwritten.
    func testOutputInsideAFile() throws {
        let site = try makeSite()
        let file = site.deletingLastPathComponent().appendingPathComponent("说明.txt")
        try Data("不是文件夹".utf8).write(to: file)
        let inside = try Gongkai.run(["build", "--output", file.path + "/public"], in: site)
        XCTAssertEqual(inside.status, 1, inside.description)
        XCTAssertTrue(inside.stderr.contains("\(file.path)/public: error: 无法在 \(file.path) 创建输出文件夹"), inside.stderr)

        let onto = try Gongkai.run(["build", "--output", file.path], in: site)
        XCTAssertEqual(onto.status, 1, onto.description)
        XCTAssertTrue(onto.stderr.contains("\(file.path): error: 输出位置已有一个同名文件"), onto.stderr)
        XCTAssertEqual(try Data(contentsOf: file), Data("不是文件夹".utf8))
        XCTAssertEqual(leftovers(in: file.deletingLastPathComponent(), output: "说明.txt"), [])
    }

    /// A full disk, as far as a test can make one: a file-size limit (`ulimit -f`) below the size of one
    /// page. The write fails (EFBIG, reported like a full disk) instead of the signal killing the build,
    /// and the previous output stays.
    func testFullOutputLocation() throws {
        let site = try makeSite(bigPage: true)
        XCTAssertEqual(try Gongkai.run(["build", "--quiet"], in: site, timeout: 120).status, 0)
        let before = snapshot(site.appendingPathComponent("public"))
        try writeFiles(["content/villages/xinghua/news/y.md": "---\ntitle: 新的一篇\ndate: 2026-03-02\n---\n正文\n"], under: site)
        // 512 KB: every file but the big page fits.
        let result = try Gongkai.run(
            ["-c", "ulimit -f 1024 && exec \"$0\" build --force", Gongkai.binary.path], in: site,
            timeout: 120, executable: URL(fileURLWithPath: "/bin/sh"))
        XCTAssertFalse(result.signalled, "the file-size signal ended the build: \(result.description)")
        XCTAssertEqual(result.status, 1, result.description)
        XCTAssertTrue(result.stderr.contains("public: error: 写入 "), result.stderr)
        XCTAssertTrue(result.stderr.contains("失败（磁盘已满或超出配额）。原有的网站未被改动"), result.stderr)
        XCTAssertEqual(snapshot(site.appendingPathComponent("public")), before)
        XCTAssertEqual(leftovers(in: site), [])
    }
}
