import Foundation
import GongkaiTestSupport
import XCTest
import GongkaiContent
import GongkaiMarkdown
import GongkaiSite

/// Mutates a valid site — random bytes, truncation, deep nesting, deleted and repeated lines, YAML and
/// Markdown syntax in the wrong places — and checks that every build ends with a diagnosis: exit status
/// 0 or 1 (2 is for wrong usage only, which the fuzzer never makes), no crash, no hang, and on
/// failure the previous `public/` untouched with nothing left beside it.
///
/// Deterministic: `FUZZ_SEED` (default 20261123) fixes the runs. `FUZZ_ITERATIONS` (default 150)
/// is the number of builds with the real binary; ten times as many files go through the parsers
/// in-process. Long runs: `scripts/fuzz` (see the README's development section). A failing input is
/// saved under `$TMPDIR/gongkai-fuzz-failures/` with its seed and iteration.
final class FuzzTests: XCTestCase {
    static var iterations: Int { ProcessInfo.processInfo.environment["FUZZ_ITERATIONS"].flatMap(Int.init) ?? 150 }
    static var seed: UInt64 { ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_123 }

    /// The valid site every mutation starts from: every kind, every key, links, tables, attachments.
    static let site: [String: String] = [
        "site.yaml": """
        title: 白鹭镇村务公开
        subtitle: 党建引领 依法治村
        as-of: 2026-11-23
        base-url: https://bailu.example.org/
        page-size: 3
        markdown:
          unsafe: false
        footer:
          sponsor: 白鹭镇人民政府
          phone: 028-12345678
          icp: 蜀ICP备12345678号
        """,
        "disclosure.yaml": """
        since: 2026-01-01
        disable: [audit-results]
        rules:
          - id: well-water
            name: 饮用水检测公开
            applies-to: [village, community]
            cadence: quarterly
            due: 15
            basis: 《生活饮用水卫生标准》
        """,
        "content/_index.md": "---\ntitle: 欢迎\n---\n白鹭镇各村（社区）的**村务公开**与普法宣传。\n",
        "content/villages/xinghua/_village.md": """
        ---
        name: 杏花村
        type: village
        township: 白鹭镇
        county: 清溪县
        population: 4413
        households: 1295
        party-branch: 杏花村党总支
        disclosure-since: 2026-03-01
        disclosure-exempt: [finance-quarterly]
        ---
        杏花村位于白鹭镇东部，见[村规民约](regulations/2026版.md)。
        """,
        "content/villages/qingshi/_village.md": "---\nname: 青石社区\ntype: community\n---\n青石社区。\n",
        "content/villages/xinghua/notices/防溺水.md": """
        ---
        title: 暑期防溺水告家长书
        date: 2026-06-20
        expires: 2026-09-01
        law: 《中华人民共和国未成年人保护法》
        issuer: 杏花村村民委员会
        tags: [安全, 未成年人]
        summary: 暑期将至，请看护好孩子。
        ---
        ## 一、不私自下水

        1. 不与同学结伴游泳；
        2. 不到无安全设施的水域玩耍。

        > 有效期至2026年9月1日。

        ![防溺水宣传画](images/防溺水.png)

        详见[镇里的通知](../../../county/notices/宪法周.md)与 <https://www.gov.cn/>。
        """,
        "content/villages/xinghua/notices/images/防溺水.png": "PNG",
        "content/villages/xinghua/lectures/宪法宣讲.md": """
        ---
        title: 宪法宣传周专题宣讲
        date: 2026-12-02
        speaker: 韩雪（驻村律师）
        venue: 村文化礼堂
        held: 2026-12-02
        audience: 全体党员、村民代表
        ---
        * 宪法是国家的根本大法
          * 第一条
          * 第二条
        * **尊法学法守法用法**

        | 时间 | 内容 |
        |---|---|
        | 上午 | 宣讲 |
        """,
        "content/villages/xinghua/regulations/2026版.md": """
        ---
        title: 杏花村村规民约（2026年修订）
        date: 2026-03-01
        adopted: 2026-02-20
        filed: 2026-02-28
        version: 2026版
        supersedes: 2023版
        attachments: [/files/村规民约.pdf, https://example.org/a.pdf]
        ---
        第一条　村民应当遵守宪法、法律、法规。
        """,
        "content/villages/xinghua/regulations/2023版.md": "---\ntitle: 杏花村村规民约（2023）\ndate: 2023-03-01\n---\n旧版。\n",
        "content/villages/xinghua/models/何秀芝.md": """
        ---
        title: 孝老爱亲 何秀芝
        date: 2026-01-10
        person: 何秀芝
        category: 孝老爱亲
        honors: [县级道德模范, 五星家庭]
        ---
        照顾瘫痪婆婆二十年。
        """,
        "content/villages/xinghua/disclosures/2026-10-财务.md": """
        ---
        title: 2026年10月财务收支公开
        date: 2026-11-06
        item: finance-monthly
        period: 2026-10
        ---
        ```csv caption="10月收支" sum=金额
        项目,金额
        保洁费,1200.00
        路灯电费,356.50
        金额合计,1556.50
        ```
        """,
        "content/villages/qingshi/news/坝坝会.md": "---\ntitle: 坝坝会\ndate: 2026-08-22\ntags: 民主议事\n---\n居民围坐议事。<b>粗体</b>\n",
        "content/county/notices/宪法周.md": "---\ntitle: 宪法宣传周\ndate: 2026-11-28\nvillages: [xinghua, qingshi]\n---\n全镇开展宪法宣传周活动。\n",
        "static/files/村规民约.pdf": "%PDF-1.4",
    ]

    static var targets: [String] { site.keys.filter { $0.hasSuffix(".md") || $0.hasSuffix(".yaml") }.sorted() }

    /// Text that breaks YAML, Markdown, the front matter fences and our own parsers when put in the wrong place.
    static let tokens: [String] = [
        "---", "...", "---\n", ": ", ":", "\t", "\u{3000}", "\r", "\r\n", "\0", "\u{FEFF}", "🎉", "👨‍👩‍👧", "#", "&a ", "*a",
        "<<: *a", "!!binary ", "!!int ", "? ", "%YAML 1.2\n", "[", "]", "{", "}", "- ", "> ", "|\n", ">-\n", "\"", "'",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "](javascript:alert(1))",
        "](../../../../../etc/passwd)", "![](", "[x]: ", "```", "```csv\n", "~~~", "|---|", "&#0;", "&#x110000;", "\\",
        "99999999999999999999", "-9223372036854775808", "9999-12-31", "0000-00-00", "2026-02-30", "2026-Q9", "2026-H3",
        "昨天", "title: ", "date: ", "slug: ../x", "kind: x", "villages: [", "attachments: [/../../x]", "period: ",
        "expires: 1970-01-01", "page-size: 0", "due: 99999999999", "supersedes: ", "type: town", "\u{202E}", "\u{1}",
        String(repeating: "字", count: 2_000), String(repeating: "a", count: 5_000),
    ]

    static func mutate(_ input: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            var position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random)
            // Mostly at a character boundary: cutting a Chinese character in two only tests the UTF-8 check.
            if Int.random(in: 0..<4, using: &random) != 0 {
                while position > 0, position < bytes.count, bytes[position] & 0xC0 == 0x80 { position -= 1 }
            }
            switch Int.random(in: 0..<12, using: &random) {
            case 0:  // random bytes, or random characters (valid UTF-8: controls, CJK, emoji, private use, …)
                let count = Int.random(in: 1...16, using: &random)
                if Bool.random(using: &random) {
                    bytes.insert(contentsOf: (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }, at: position)
                } else {
                    let ranges: [ClosedRange<UInt32>] = [0...0x7F, 0x80...0x7FF, 0x3000...0x9FFF, 0xE000...0xFFFF, 0x1F300...0x1FAFF, 0x10000...0x10FFFF]
                    var text = String.UnicodeScalarView()
                    for _ in 0..<count {
                        let range = ranges[Int.random(in: 0..<ranges.count, using: &random)]
                        if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &random)) { text.append(scalar) }
                    }
                    bytes.insert(contentsOf: Array(String(text).utf8), at: position)
                }
            case 1:  // flip bytes: any bits, or ASCII to ASCII
                let ascii = Bool.random(using: &random)
                for _ in 0..<Int.random(in: 1...8, using: &random) where !bytes.isEmpty {
                    let i = Int.random(in: 0..<bytes.count, using: &random)
                    if ascii {
                        if bytes[i] < 0x80 { bytes[i] = UInt8.random(in: 0x00...0x7F, using: &random) }
                    } else {
                        bytes[i] ^= UInt8.random(in: 1...255, using: &random)
                    }
                }
            case 2:  // truncate
                bytes = Array(bytes.prefix(position))
            case 3:  // delete a range
                var end = min(bytes.count, position + Int.random(in: 1...64, using: &random))
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                if position < end { bytes.removeSubrange(position..<end) }
            case 4, 5:  // a token
                let token = tokens[Int.random(in: 0..<tokens.count, using: &random)]
                bytes.insert(contentsOf: Array(token.utf8), at: position)
            case 6:  // deep nesting
                let opener = ["- ", "> ", "[", "{", "* ", "1. ", "  ", "`", "<div>", "[x](", "(", "*"][Int.random(in: 0..<12, using: &random)]
                let depth = Int.random(in: 1...5_000, using: &random)
                bytes.insert(contentsOf: Array(String(repeating: opener, count: depth).utf8), at: position)
            case 7, 8:  // lines: delete, duplicate, swap, repeat
                var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                guard !lines.isEmpty else { break }
                let i = Int.random(in: 0..<lines.count, using: &random)
                let j = Int.random(in: 0..<lines.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: lines.remove(at: i)
                case 1: lines.insert(lines[i], at: j)
                case 2: lines.swapAt(i, j)
                default: lines.insert(contentsOf: Array(repeating: lines[i], count: Int.random(in: 2...2_000, using: &random)), at: j)
                }
                bytes = Array(lines.joined(separator: [0x0A]))
            case 9:  // GBK, UTF-16 or a BOM
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes.insert(contentsOf: [0xB4, 0xE5, 0xCE, 0xF1, 0xB9, 0xAB, 0xBF, 0xAA], at: position)
                case 1: bytes = Array(String(decoding: bytes, as: UTF8.self).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
                default: bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
                }
            case 10:  // CRLF or CR line ends
                let ending: [UInt8] = Bool.random(using: &random) ? [0x0D, 0x0A] : [0x0D]
                bytes = Array(bytes.split(separator: 0x0A, omittingEmptySubsequences: false).joined(separator: ending))
            default:  // repeat a chunk
                guard !bytes.isEmpty else { break }
                let start = Int.random(in: 0..<bytes.count, using: &random)
                let chunk = Array(bytes[start..<min(bytes.count, start + Int.random(in: 1...200, using: &random))])
                let times = Int.random(in: 2...(100_000 / max(1, chunk.count)), using: &random)
                bytes.insert(contentsOf: Array(Array(repeating: chunk, count: times).joined()), at: position)
            }
        }
        return bytes
    }

    /// Half the time only the Markdown after the front matter, so that many mutations still build and
    /// the renderer sees them; else anywhere in the file.
    static func mutateSomewhere(_ input: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        let fence: [UInt8] = Array("\n---\n".utf8)
        if Bool.random(using: &random), input.starts(with: Array("---\n".utf8)),
            let end = (3..<max(3, input.count - fence.count)).first(where: { Array(input[$0..<($0 + fence.count)]) == fence })
        {
            let head = Array(input[..<(end + fence.count)])
            return head + mutate(Array(input[(end + fence.count)...]), &random)
        }
        return mutate(input, &random)
    }

    // MARK: Builds with the real binary

    func testMutatedSitesBuildOrFailCleanly() throws {
        let scratch = try temporaryDirectory(self, name: "fuzz")
        let workers = 2
        let total = Self.iterations
        let problems = Locked([String]())
        let tally = Locked((outcomes: [0, 0], reasons: [String: Int]()))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            do {
                let site = scratch.appendingPathComponent("site-\(worker)")
                try writeFiles(Self.site, under: site)
                let first = try Gongkai.run(["build", "--quiet"], in: site)
                guard first.status == 0 else { throw FuzzFailure("the valid site does not build: \(first.description)") }
                for iteration in stride(from: worker, to: total, by: workers) {
                    var random = SeededGenerator(seed: Self.seed &+ UInt64(iteration) &* 0x9E37_79B9)
                    let target = Self.targets[Int.random(in: 0..<Self.targets.count, using: &random)]
                    let original = Array(Self.site[target]!.utf8)
                    var mutated = Self.mutateSomewhere(original, &random)
                    // Now and then a second file too.
                    var second: (String, [UInt8])?
                    if Int.random(in: 0..<4, using: &random) == 0 {
                        let other = Self.targets[Int.random(in: 0..<Self.targets.count, using: &random)]
                        if other != target { second = (other, Self.mutateSomewhere(Array(Self.site[other]!.utf8), &random)) }
                    }
                    if mutated.isEmpty { mutated = [0x2D] }
                    let before = snapshot(site.appendingPathComponent("public"))
                    try Data(mutated).write(to: site.appendingPathComponent(target))
                    if let (path, bytes) = second { try Data(bytes).write(to: site.appendingPathComponent(path)) }
                    // Now and then the files themselves: removed, copied, linked, moved.
                    let reshaped = Int.random(in: 0..<4, using: &random) == 0
                    if reshaped { Self.reshape(site, &random) }
                    let result = try Gongkai.run(["build"], in: site, timeout: 60)
                    var wrong: [String] = []
                    if result.timedOut { wrong.append("hung") }
                    if result.signalled || result.stderr.contains("Fatal error") { wrong.append("crashed") }
                    if ![0, 1].contains(result.status) { wrong.append("exit status \(result.status)") }
                    if result.status == 1 {
                        if !result.stderr.contains(": error: ") { wrong.append("failed without an error message") }
                        if snapshot(site.appendingPathComponent("public")) != before { wrong.append("a failed build changed public/") }
                    }
                    if result.status == 0 && snapshot(site.appendingPathComponent("public")) == nil { wrong.append("no public/") }
                    if !leftovers(in: site).isEmpty { wrong.append("left \(leftovers(in: site))") }
                    if !wrong.isEmpty {
                        let saved = Self.save(iteration: iteration, files: [(target, mutated)] + (second.map { [$0] } ?? []))
                        problems.withLock {
                            $0.append(
                                "iteration \(iteration) (\(target)\(reshaped ? ", files reshaped" : "")): \(wrong.joined(separator: ", ")); input saved in \(saved)\n\(result.description)"
                            )
                        }
                    }
                    let reason = result.stderr.split(separator: "\n").first { $0.contains(": error: ") }
                        .map { line in String(line[line.range(of: ": error: ")!.upperBound...].prefix(14)) }
                    tally.withLock {
                        $0.outcomes[Int(min(1, max(0, result.status)))] += 1
                        if let reason { $0.reasons[reason, default: 0] += 1 }
                    }
                    // Back to the valid site.
                    if reshaped {
                        for name in ["content", "static", "templates", "site.yaml", "disclosure.yaml"] {
                            try? FileManager.default.removeItem(at: site.appendingPathComponent(name))
                        }
                        try writeFiles(Self.site, under: site)
                    } else {
                        try Data(original).write(to: site.appendingPathComponent(target))
                        if let (path, _) = second { try Data(Self.site[path]!.utf8).write(to: site.appendingPathComponent(path)) }
                    }
                }
            } catch {
                problems.withLock { $0.append("worker \(worker): \(error)") }
            }
        }
        let (outcomes, reasons) = tally.current
        let problemList = problems.current
        print("fuzz: \(total) builds with seed \(Self.seed): \(outcomes[0]) built, \(outcomes[1]) refused with a message, \(problemList.count) problems")
        print("fuzz: most common first errors: " + reasons.sorted { $0.value > $1.value }.prefix(12).map { "\($0.value)× \($0.key)" }.joined(separator: " | "))
        for problem in problemList { XCTFail(problem) }
        XCTAssertGreaterThan(outcomes[1], total / 4, "most mutations should be refused: the mutator is not doing its job")
        XCTAssertGreaterThan(outcomes[0], 0, "no mutation built: the checks may be too strict or the site broken")
    }

    /// Structural mutations: what editors and hostile contributors do to the folders.
    static func reshape(_ site: URL, _ random: inout SeededGenerator) {
        let fm = FileManager.default
        let files = targets + ["content/villages/xinghua/notices/images/防溺水.png", "static/files/村规民约.pdf"]
        let file = files[Int.random(in: 0..<files.count, using: &random)]
        let url = site.appendingPathComponent(file)
        let folder = url.deletingLastPathComponent()
        // site.yaml and disclosure.yaml: their folder is the site itself, which stays.
        let atRoot = !file.contains("/")
        switch Int.random(in: 0..<9, using: &random) {
        case 4,
            5 where atRoot:
            try? fm.removeItem(at: url)
        case 0: try? fm.removeItem(at: url)
        case 1: try? fm.copyItem(at: url, to: folder.appendingPathComponent("副本 " + url.lastPathComponent))
        case 2: try? fm.createSymbolicLink(atPath: folder.appendingPathComponent("loop").path, withDestinationPath: "..")
        case 3: try? fm.createSymbolicLink(atPath: folder.appendingPathComponent("passwd.md").path, withDestinationPath: "/etc/passwd")
        case 4: try? fm.removeItem(at: folder)
        case 5: try? fm.moveItem(at: folder, to: folder.deletingLastPathComponent().appendingPathComponent("Bad Folder"))
        case 6: mkfifo(folder.appendingPathComponent("pipe.md").path, 0o644)
        case 7: try? Data().write(to: url)
        default: try? fm.createDirectory(at: folder.appendingPathComponent("空文件夹/更深"), withIntermediateDirectories: true)
        }
    }

    struct FuzzFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func save(iteration: Int, files: [(String, [UInt8])]) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-fuzz-failures/seed-\(seed)-iteration-\(iteration)")
        try? writeFiles(site.mapValues { Data($0.utf8) }, under: folder)
        try? writeFiles(Dictionary(files.map { ($0.0, Data($0.1)) }, uniquingKeysWith: { $1 }), under: folder)
        return folder.path
    }

    // MARK: The parsers in-process

    /// Ten times as many mutated files straight through decoding, front matter, YAML, Markdown and the
    /// notice check, without the disk: a Swift trap here ends the test run (and names this test).
    func testMutatedFilesThroughTheParsers() throws {
        var random = SeededGenerator(seed: Self.seed ^ 0x5EED)
        let pages = Self.targets
        for _ in 0..<(Self.iterations * 10) {
            let target = pages[Int.random(in: 0..<pages.count, using: &random)]
            let bytes = Self.mutate(Array(Self.site[target]!.utf8), &random)
            Self.parse(bytes, path: target)
        }
    }

    /// Every truncation of every file of the site.
    func testEveryTruncation() throws {
        for target in Self.targets {
            let bytes = Array(Self.site[target]!.utf8)
            for length in 0...bytes.count { Self.parse(Array(bytes.prefix(length)), path: target) }
        }
    }

    static func parse(_ bytes: [UInt8], path: String) {
        guard case .success(let text) = SourceText.decode(bytes, file: path) else { return }
        if path.hasSuffix(".yaml") {
            _ = SiteConfig.parse(text)
            return
        }
        guard case .success(let front) = FrontMatter.split(text, file: path) else {
            _ = Markdown.render(text)
            return
        }
        if case .success(var fields) = YAMLFields.parse(front.yaml, file: path, lineOffset: 1) {
            for key in ContentLoader.commonKeys + ContentLoader.villageKeys {
                _ = fields.string(key)
                _ = fields.stringList(key)
                _ = fields.day(key)
                _ = fields.pageDate(key)
                _ = fields.count(key, example: 1)
                _ = fields.bool(key)
            }
        }
        let rendered = Markdown.render(front.body, options: .init(firstLine: front.bodyLine)) { url, _, _ in url + "#x" }
        let page = Page(
            sourcePath: path, kind: .notice, owner: .village("x"), section: "notices", slug: "x", title: String(front.body.prefix(200)),
            date: PageDate(day: Day(year: 2026, month: 1, day: 1)!), body: rendered.plainText, bodyLine: front.bodyLine)
        _ = NoticeExpiry.diagnostics(for: [page], asOf: Day(year: 2026, month: 11, day: 23)!)
    }
}
