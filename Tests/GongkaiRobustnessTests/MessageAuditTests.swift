import Foundation
import GongkaiTestSupport
import XCTest

/// Every place in the sources that makes a diagnostic (`.error(…)`, `.warning(…)`) or a Markdown note
/// (`.init(line: …)`) gives a Chinese and an English message, both non-empty and different. The
/// broken-site fixtures check the messages as printed; this finds the ones no fixture reaches.
final class MessageAuditTests: XCTestCase {
    struct Site: CustomStringConvertible {
        var file: String
        var line: Int
        var call: String
        var description: String { "\(file):\(line): \(call.prefix(160))" }
    }

    func testEveryDiagnosticHasAChineseAndADifferentEnglishMessage() throws {
        let sources = Gongkai.repositoryRoot.appendingPathComponent("Sources")
        let files = try XCTUnwrap(FileManager.default.subpathsOfDirectory(atPath: sources.path)).filter { $0.hasSuffix(".swift") }
        var sites: [Site] = []
        for path in files.sorted() {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            sites += Self.calls(in: text, file: path)
        }
        XCTAssertGreaterThan(sites.count, 90, "the audit found too few diagnostics: its scanner is broken")
        var checked = 0
        for site in sites {
            guard let zh = Self.argument("zh", in: site.call), let en = Self.argument("en", in: site.call) else {
                XCTFail("no zh: and en: message: \(site)")
                continue
            }
            guard let zhText = zh.literal, let enText = en.literal else { continue }  // passed on from elsewhere
            checked += 1
            XCTAssertFalse(zhText.trimmingCharacters(in: .whitespaces).isEmpty, "empty Chinese message: \(site)")
            XCTAssertFalse(enText.trimmingCharacters(in: .whitespaces).isEmpty, "empty English message: \(site)")
            XCTAssertNotEqual(zhText, enText, "the same text in both languages: \(site)")
            // The Chinese message is Chinese, the English one is not.
            XCTAssertTrue(zhText.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "the Chinese message has no Chinese: \(site)")
            let english = Self.removingInterpolations(enText)
            XCTAssertFalse(
                english.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF },
                "Chinese in the English message: \(site)")
        }
        XCTAssertGreaterThan(checked, 80)
    }

    /// No English words in a Chinese text: every string literal of the sources that holds Chinese
    /// (messages, help, `language.pick`), less its interpolations and `code`, has none of the words
    /// English sentences are made of. (Parser text that comes in English — libyaml's problems,
    /// ArgumentParser's lists, strerror — is put into Chinese where it is used; see `TypingSlipTests`
    /// and `MessageTests` for those, as printed.)
    func testChineseTextsHoldNoEnglishSentences() throws {
        let sources = Gongkai.repositoryRoot.appendingPathComponent("Sources")
        let files = try XCTUnwrap(FileManager.default.subpathsOfDirectory(atPath: sources.path))
            .filter { $0.hasSuffix(".swift") && !$0.hasSuffix("BuiltinTheme.swift") }
        let literal = try NSRegularExpression(pattern: #""((?:[^"\\\n]|\\.)*)""#)
        let english = try NSRegularExpression(
            pattern:
                #"(?<![A-Za-z0-9_./:<>|'-])(or|and|the|is|not|must|please|error|invalid|should|with|of|to|did you mean|could|found|expected)(?![A-Za-z0-9_>'-])"#,
            options: [.caseInsensitive])
        var checked = 0
        for path in files.sorted() {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            for match in literal.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text) else { continue }
                let string = String(text[range])
                guard string.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) else { continue }
                // English messages with a Chinese example (e.g. 杏花村=xinghua) are not Chinese texts.
                let han = string.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count
                let latin = string.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }.count
                if latin > han * 3 { continue }
                checked += 1
                var prose = Self.removingInterpolations(string)
                prose = prose.replacingOccurrences(of: #"`[^`]*`"#, with: "", options: .regularExpression)
                let found = english.matches(in: prose, range: NSRange(prose.startIndex..., in: prose)).compactMap {
                    Range($0.range, in: prose).map { String(prose[$0]) }
                }
                let line = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
                XCTAssertEqual(found, [], "English in a Chinese text at \(path):\(line): \(string.prefix(160))")
            }
        }
        XCTAssertGreaterThan(checked, 500, "the scan found too few Chinese texts: it is broken")
    }

    /// The scanner itself: interpolations with parentheses, several calls, a missing English message.
    func testTheAuditReadsCallsRight() {
        let source = #"""
            diagnostics.append(.error(file, line: (x ?? 1), zh: "坏了（\(f(a, b))）：请改", en: ""))
            fields.fail("due", zh: "due 太大（\(due) 天）", en: "due is too large (\(due) days)")
            let y = a.error(of: z)
            """#
        let sites = Self.calls(in: source, file: "x.swift")
        XCTAssertEqual(sites.map(\.line), [1, 2])
        XCTAssertEqual(Self.argument("zh", in: sites[0].call)?.literal, "坏了（\\(f(a, b))）：请改")
        XCTAssertEqual(Self.argument("en", in: sites[0].call)?.literal, "")
        XCTAssertEqual(Self.argument("en", in: sites[1].call)?.literal, "due is too large (\\(due) days)")
        XCTAssertEqual(Self.removingInterpolations("due is too large (\\(due) days)"), "due is too large ( days)")
    }

    /// Calls `.error(`, `.warning(`, `fail(` (YAMLFields) and `.init(line:` that carry messages (`zh:`/`en:`), with their arguments.
    static func calls(in text: String, file: String) -> [Site] {
        let scalars = Array(text.unicodeScalars)
        var sites: [Site] = []
        var index = 0
        var line = 1
        let openers = [".error(", ".warning(", ".init(line:", "fail("].map { Array($0.unicodeScalars) }
        while index < scalars.count {
            if scalars[index] == "\n" { line += 1 }
            if let opener = openers.first(where: { index + $0.count <= scalars.count && Array(scalars[index..<(index + $0.count)]) == $0 }) {
                let start = index + opener.firstIndex(of: "(")!
                if let end = closingParenthesis(scalars, from: start) {
                    sites.append(Site(file: file, line: line, call: String(String.UnicodeScalarView(scalars[index...end]))))
                }
            }
            index += 1
        }
        return sites.filter { $0.call.contains("zh:") || $0.call.contains("en:") }
    }

    /// The index of the `)` closing the `(` at `start`, skipping string literals and their interpolations.
    static func closingParenthesis(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        enum Mode {
            case code(depth: Int)
            case string
            case interpolation(depth: Int)
        }
        var stack: [Mode] = [.code(depth: 0)]
        var i = start
        while i < s.count, let mode = stack.last {
            let c = s[i]
            switch mode {
            case .code(let depth), .interpolation(let depth):
                let isInterpolation: Bool = { if case .interpolation = mode { return true } else { return false } }()
                if c == "(" {
                    stack[stack.count - 1] = isInterpolation ? .interpolation(depth: depth + 1) : .code(depth: depth + 1)
                } else if c == ")" {
                    if depth == 1 && !isInterpolation && stack.count == 1 { return i }
                    if depth == 1 && isInterpolation {
                        stack.removeLast()
                    } else {
                        stack[stack.count - 1] = isInterpolation ? .interpolation(depth: depth - 1) : .code(depth: depth - 1)
                    }
                } else if c == "\"" {
                    stack.append(.string)
                }
            case .string:
                if c == "\\", i + 1 < s.count {
                    if s[i + 1] == "(" { stack.append(.interpolation(depth: 1)); i += 1 } else { i += 1 }
                } else if c == "\"" {
                    stack.removeLast()
                }
            }
            i += 1
        }
        return nil
    }

    struct Argument { var literal: String? }

    /// `name: "literal"` (possibly several literals joined with `+`), or a non-literal argument.
    static func argument(_ name: String, in call: String) -> Argument? {
        guard let range = call.range(of: "\(name): ") ?? call.range(of: "\(name):") else { return nil }
        let rest = call[range.upperBound...].drop { $0 == " " || $0 == "\n" }
        guard rest.first == "\"" else { return Argument(literal: nil) }
        let scalars = Array(String(rest).unicodeScalars)
        var i = 1
        var depth = 0
        var literal = String.UnicodeScalarView()
        while i < scalars.count {
            let c = scalars[i]
            if depth == 0 && c == "\"" { break }
            if c == "\\" && i + 1 < scalars.count && scalars[i + 1] == "(" { depth += 1 } else if depth > 0 && c == ")" { depth -= 1 }
            literal.append(c)
            i += 1
        }
        return Argument(literal: String(literal))
    }

    static func removingInterpolations(_ text: String) -> String {
        var out = ""
        var depth = 0
        var previous: Character = " "
        for ch in text {
            if previous == "\\" && ch == "(" {
                depth += 1; out.removeLast()
            } else if depth > 0 && ch == "(" {
                depth += 1
            } else if depth > 0 && ch == ")" {
                depth -= 1
            } else if depth == 0 {
                out.append(ch)
            }
            previous = ch
        }
        return out
    }
}
