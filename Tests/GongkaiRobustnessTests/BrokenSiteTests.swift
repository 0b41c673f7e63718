import Foundation
import GongkaiTestSupport
import XCTest
import GongkaiContent
import GongkaiSite

/// The broken sites of `Tests/Fixtures/broken/`: one defect each, with the file, line and message the
/// build must report (`expect.json`). Every site is built with the real binary on top of a previous,
/// good build; a failed build must leave that `public/` byte for byte as it was.
///
/// `expect.json`:
/// - `status`: the exit status (1 for content errors; 0 when the defect is accepted or only warned about);
/// - `diagnostics`: every error and warning the build prints — file, line (null when the message is
///   about a whole file or folder), severity, and phrases the Chinese and the English message contain —
///   or `"any"` where only the output is checked;
/// - `setup`: what a fixture folder cannot hold: symlinks (`$OUTSIDE` is a folder beside the site,
///   full of files marked OUTSIDE-SECRET), named pipes, empty folders;
/// - `public`: phrases the built pages must contain or lack (`*` = every file).
///
/// A case that builds with warnings is built again with `--strict`: it must then fail and leave the
/// output alone. Each case is also built in-process to check that every diagnostic has a Chinese and a
/// different English message.
final class BrokenSiteTests: XCTestCase {
    struct Expectation: Decodable {
        struct Expected: Decodable {
            var severity: String
            var file: String
            var line: Int?
            var zh: [String]
            var en: [String]
        }
        struct Setup: Decodable {
            var symlink: String?
            var to: String?
            var mkdir: String?
            var fifo: String?
        }
        struct Public: Decodable {
            var contains: [String: [String]]?
            var lacks: [String: [String]]?
        }

        var defect: String
        var status: Int32
        /// nil: any diagnostics.
        var diagnostics: [Expected]?
        var setup: [Setup]?
        var `public`: Public?
        var args: [String]?

        enum CodingKeys: String, CodingKey { case defect, status, diagnostics, setup, `public`, args }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            defect = try c.decode(String.self, forKey: .defect)
            status = try c.decode(Int32.self, forKey: .status)
            diagnostics = try? c.decode([Expected].self, forKey: .diagnostics)
            setup = try c.decodeIfPresent([Setup].self, forKey: .setup)
            `public` = try c.decodeIfPresent(Public.self, forKey: .public)
            args = try c.decodeIfPresent([String].self, forKey: .args)
        }
    }

    /// One printed diagnostic: `file:line:column: severity: message`.
    struct Printed: Equatable {
        var file: String
        var line: Int?
        var severity: String
        var message: String

        static func parse(_ stderr: String) -> [Printed] {
            stderr.split(separator: "\n").compactMap { text in
                for severity in ["error", "warning"] {
                    guard let range = text.range(of: ": \(severity): ") else { continue }
                    var location = text[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                    var numbers: [Int] = []
                    while location.count > 1, let number = Int(location[location.count - 1]) {
                        numbers.insert(number, at: 0)
                        location.removeLast()
                    }
                    return Printed(
                        file: location.joined(separator: ":"), line: numbers.first, severity: severity,
                        message: String(text[range.upperBound...]))
                }
                return nil
            }
        }
    }

    static var casesFolder: URL { Gongkai.fixtures.appendingPathComponent("broken") }

    static func caseNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: casesFolder.path).filter {
            FileManager.default.fileExists(atPath: casesFolder.appendingPathComponent("\($0)/expect.json").path)
        }.sorted()
    }

    func testEveryBrokenSite() throws {
        let names = try Self.caseNames()
        XCTAssertGreaterThanOrEqual(names.count, 90, "the fixture folder lost cases")
        let scratch = try temporaryDirectory(self, name: "broken")
        let problems = Locked([String]())
        // Two at a time: each case runs the binary three or four times.
        DispatchQueue.concurrentPerform(iterations: names.count) { index in
            let found: [String]
            do {
                found = try Self.check(names[index], index: index, scratch: scratch.appendingPathComponent(names[index]))
            } catch {
                found = ["\(error)"]
            }
            problems.withLock { $0 += found.map { "\(names[index]): \($0)" } }
        }
        for problem in problems.current.sorted() { XCTFail(problem) }
    }

    /// The outside world a hostile site reaches for: files that must never be read into the output.
    static func makeOutside(_ outside: URL) throws {
        let secretPage = "---\ntitle: OUTSIDE-SECRET\ndate: 2026-03-01\n---\nOUTSIDE-SECRET\n"
        try writeFiles(
            [
                "secret.md": secretPage,
                "secret.txt": "OUTSIDE-SECRET\n",
                "dir/secret.md": secretPage,
                "dir/secret.txt": "OUTSIDE-SECRET\n",
                "village/_village.md": "---\nname: OUTSIDE-SECRET\ntype: village\n---\n",
                "village/notices/secret.md": secretPage,
                "site.yaml": "title: OUTSIDE-SECRET\n",
                "disclosure.yaml": "since: 2026-01-01\n# OUTSIDE-SECRET\n",
                "page.mustache": "OUTSIDE-SECRET {{item.title}}",
            ], under: outside)
    }

    static func check(_ name: String, index: Int, scratch: URL) throws -> [String] {
        var problems: [String] = []
        let expect = try JSONDecoder().decode(
            Expectation.self,
            from: Data(contentsOf: casesFolder.appendingPathComponent("\(name)/expect.json")))
        let site = scratch.appendingPathComponent("site")
        let outside = scratch.appendingPathComponent("outside")
        try copyTree(casesFolder.appendingPathComponent("\(name)/site"), to: site)
        try makeOutside(outside)
        for step in expect.setup ?? [] {
            if let folder = step.mkdir {
                try FileManager.default.createDirectory(at: site.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            if let link = step.symlink, let target = step.to {
                let url = site.appendingPathComponent(link)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(
                    atPath: url.path,
                    withDestinationPath: target.replacingOccurrences(of: "$OUTSIDE", with: outside.path))
            }
            if let fifo = step.fifo, mkfifo(site.appendingPathComponent(fifo).path, 0o644) != 0 {
                problems.append("cannot make the named pipe \(fifo)")
            }
        }

        let outsideBefore = snapshot(outside)

        // The previous, good build.
        let previousSite = scratch.appendingPathComponent("previous")
        try copyTree(Gongkai.fixtures.appendingPathComponent("previous-site"), to: previousSite)
        let publicFolder = site.appendingPathComponent("public")
        let previous = try Gongkai.run(["build", "--site", previousSite.path, "--output", publicFolder.path])
        guard previous.status == 0, let before = snapshot(publicFolder) else {
            return ["the previous build failed: \(previous.description)"]
        }

        func noCrash(_ result: Gongkai.Result, _ what: String) {
            if result.signalled || result.timedOut || result.stderr.contains("Fatal error") || result.stderr.contains("Backtrace") {
                problems.append("\(what) crashed or hung: \(result.description)")
            }
        }
        func outputIsUntouched(_ what: String, since reference: [String: Data]?) {
            if snapshot(publicFolder) != reference { problems.append("\(what) changed public/ although it failed") }
            if !leftovers(in: site).isEmpty { problems.append("\(what) left \(leftovers(in: site)) beside public/") }
        }
        func diagnosticsMatch(_ result: Gongkai.Result, english: Bool, _ what: String) -> [Printed] {
            let printed = Printed.parse(result.stderr)
            let errors = printed.filter { $0.severity == "error" }.count
            let warnings = printed.count - errors
            let count = english ? "\(errors) error(s), \(warnings) warning(s)" : "共 \(errors) 个错误，\(warnings) 个警告"
            if !printed.isEmpty && !result.stderr.contains(count) {
                problems.append("\(what): the count line \"\(count)\" is missing\n\(result.stderr)")
            }
            if zip(printed, printed.dropFirst()).contains(where: { a, b in (a.file, a.line ?? 0) > (b.file, b.line ?? 0) }) {
                problems.append("\(what): diagnostics are not sorted by file and line\n\(result.stderr)")
            }
            guard let wanted = expect.diagnostics else { return printed }
            for item in wanted {
                let phrases = english ? item.en : item.zh
                let hit = printed.contains { p in
                    p.file == item.file && p.line == item.line && p.severity == item.severity
                        && phrases.allSatisfy { p.message.contains($0) }
                }
                if !hit {
                    problems.append("\(what): expected \(item.file):\(item.line.map(String.init) ?? "-"): \(item.severity): …\(phrases)… in\n\(result.stderr)")
                }
            }
            let wantedErrors = wanted.filter { $0.severity == "error" }.count
            if errors != wantedErrors || warnings != wanted.count - wantedErrors {
                problems.append(
                    "\(what): expected \(wantedErrors) error(s) and \(wanted.count - wantedErrors) warning(s), got \(errors) and \(warnings):\n\(result.stderr)"
                )
            }
            return printed
        }
        func outputReadsRight() {
            guard let files = snapshot(publicFolder) else { return problems.append("no public/ after a successful build") }
            for (path, data) in files {
                if String(decoding: data, as: UTF8.self).contains("OUTSIDE-SECRET") {
                    problems.append("public/\(path) holds a file from outside the site")
                }
            }
            for (path, phrases) in expect.public?.contains ?? [:] {
                let text = files[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
                for phrase in phrases where !text.contains(phrase) { problems.append("public/\(path) lacks \(phrase.prefix(80))") }
            }
            for (path, phrases) in expect.public?.lacks ?? [:] {
                for (file, data) in files where path == "*" || file == path {
                    let text = String(decoding: data, as: UTF8.self)
                    for phrase in phrases where text.contains(phrase) { problems.append("public/\(file) contains \(phrase)") }
                }
            }
        }

        // In Chinese, the default.
        let args = expect.args ?? []
        let zh = try Gongkai.run(["build"] + args, in: site)
        noCrash(zh, "build")
        if zh.status != expect.status { problems.append("exit status \(zh.status), expected \(expect.status)\n\(zh.description)") }
        let zhPrinted = diagnosticsMatch(zh, english: false, "build")
        if expect.status == 0 {
            if snapshot(publicFolder) == before { problems.append("a successful build did not replace public/") }
            if !leftovers(in: site).isEmpty { problems.append("the build left \(leftovers(in: site))") }
            outputReadsRight()
        } else {
            outputIsUntouched("build", since: before)
            if !zh.stderr.contains("生成失败，原有的 public/ 未被改动") { problems.append("no closing line for the failed build") }
        }

        // In English: every message exists and differs from the Chinese one.
        let current = snapshot(publicFolder)
        let en =
            index % 2 == 0
            ? try Gongkai.run(["build", "--force"] + args, in: site, environment: ["LANG": "en_US.UTF-8"])
            : try Gongkai.run(["build", "--force", "--lang", "en"] + args, in: site)
        noCrash(en, "build in English")
        if en.status != expect.status { problems.append("English: exit status \(en.status), expected \(expect.status)") }
        let enPrinted = diagnosticsMatch(en, english: true, "build in English")
        if enPrinted.count == zhPrinted.count {
            for (a, b) in zip(zhPrinted, enPrinted) where a.message == b.message || b.message.isEmpty {
                problems.append("no English message for \(a.file):\(a.line ?? 0): \(a.message)")
            }
        } else {
            problems.append("English printed \(enPrinted.count) diagnostics, Chinese \(zhPrinted.count)")
        }
        if expect.status != 0 { outputIsUntouched("build in English", since: current) }

        // --strict: warnings fail the build, and the output stays.
        if expect.status == 0 {
            let afterSuccess = snapshot(publicFolder)
            let strict = try Gongkai.run(["build", "--force", "--strict"] + args, in: site)
            noCrash(strict, "build --strict")
            let hasWarnings = !zhPrinted.isEmpty
            if strict.status != (hasWarnings ? 1 : 0) {
                problems.append("--strict: exit status \(strict.status) with \(zhPrinted.count) warning(s)")
            }
            if hasWarnings {
                outputIsUntouched("build --strict", since: afterSuccess)
                if !strict.stderr.contains("--strict：警告也视为错误") { problems.append("--strict: no line saying warnings count") }
            }
        }

        // In-process: the same diagnostics, each in both languages.
        var diagnostics: [Diagnostic] = []
        do {
            diagnostics = try SiteBuilder.build(
                .init(
                    site: site.path, output: scratch.appendingPathComponent("in-process").path,
                    today: Day(year: 2026, month: 3, day: 10)!, incremental: false)
            ).diagnostics
            if expect.status != 0 { problems.append("in-process: the build succeeded") }
        } catch let error as DiagnosticError {
            diagnostics = error.diagnostics
            if expect.status == 0 { problems.append("in-process: the build failed: \(error.diagnostics)") }
        }
        if diagnostics.count != zhPrinted.count { problems.append("in-process: \(diagnostics.count) diagnostics, the binary printed \(zhPrinted.count)") }
        for d in diagnostics where d.zh.isEmpty || d.en.isEmpty || d.zh == d.en {
            problems.append("in-process: \(d.file):\(d.line ?? 0) lacks a message in one language: \(d.zh) / \(d.en)")
        }
        // Nothing outside the site folder was written.
        if snapshot(outside) != outsideBefore { problems.append("a build wrote into the folder outside the site") }
        return problems
    }
}
