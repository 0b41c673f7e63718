import Foundation
import XCTest
import GongkaiTestSupport
import GongkaiContent
@testable import GongkaiSite

/// A page of every kind, with every key the kind shows or searches filled in, built into a real site:
/// what each kind's spec says is what a reader gets — its fields in order on the item page, a print
/// view exactly when it has one, the 预告 badge, and search finding exactly its search keys.
final class KindSpecSiteTests: XCTestCase {
    /// Two rare characters per key, so a search for them finds only that key's value.
    static let rare = Array("鹳鹬鸻鹮鹗鸮鹞鹫鸬鹈鹕麂麝獐獾貂猞猁鼹鼬鼩鲥鳜鳊鲈鳝鲮鲶鳙鲢")

    struct Written {
        var yaml: String
        var shown: String
        /// The text search should (or, for a key search does not look at, should not) find.
        var token: String?
    }

    func value(of key: KindKey, number: Int) -> Written {
        let pair = String(Self.rare[2 * number]) + String(Self.rare[2 * number + 1])
        switch key.shown {
        case .ruleName: return Written(yaml: "finance-monthly", shown: "财务收支公开（月度）")
        case .period: return Written(yaml: "2026-10", shown: "2026年10月")
        case .earlierVersion: return Written(yaml: "earlier", shown: "早先的版本")
        case .asWritten:
            switch key.value {
            case .text: return Written(yaml: "\(pair)之事", shown: "\(pair)之事", token: pair)
            case .day: return Written(yaml: "2026-12-01", shown: "2026年12月1日")
            case .list: return Written(yaml: "[\(pair)甲, \(pair)乙]", shown: "\(pair)甲；\(pair)乙", token: pair)
            }
        }
    }

    func testEveryKindShowsPrintsAndSearchesWhatItsSpecSays() throws {
        var files: [String: String] = [:]
        var written: [Kind: [String: Written]] = [:]
        var number = 0
        for kind in Kind.allCases {
            let spec = kind.spec
            var front = "---\ntitle: 第\(number)篇\ndate: 2026-11-01\nexpires: 2026-12-31\n"
            for key in spec.keys {
                let displayed = spec.display.contains { if case .key(key.name) = $0 { true } else { false } }
                // Keys neither shown, searched nor counted as upcoming (a photo, a meeting day) need files or rules of their own.
                guard displayed || spec.searchKeys.contains(key.name) || spec.upcomingKey == key.name else { continue }
                let value = value(of: key, number: number)
                number += 1
                front += "\(key.name): \(value.yaml)\n"
                written[kind, default: [:]][key.name] = value
            }
            files["content/villages/xinghua/\(spec.newPageFolder)/page.md"] = front + "---\n正文。\n"
            if spec.keys.contains(where: { if case .earlierVersion = $0.shown { true } else { false } }) {
                files["content/villages/xinghua/\(spec.newPageFolder)/earlier.md"] = "---\ntitle: 早先的版本\ndate: 2025-11-01\n---\n旧的正文。\n"
            }
        }
        let site = try PortalFixture.build(self, files)
        let search = try BuiltSearchIndex(output: site.output)

        for kind in Kind.allCases {
            let spec = kind.spec
            let page = "villages/xinghua/\(spec.newPageFolder)/page.html"
            let html = try site.text(page)
            let fields = section(of: html, from: "<dl class=\"fields\">", to: "</dl>")
            // The rows, in the order the spec gives.
            var expected: [String] = []
            for field in spec.display {
                switch field {
                case .key(let name):
                    let key = try XCTUnwrap(spec.key(name))
                    guard let value = written[kind]?[name] else { XCTFail("\(kind).\(name) not written"); continue }
                    expected.append("<dt>\(key.label)</dt><dd>")
                    XCTAssertTrue(fields.contains(value.shown), "\(kind): \(key.label) should show \(value.shown) in \(fields)")
                case .expires(let label):
                    expected.append("<dt>\(label)</dt><dd>2026年12月31日</dd>")
                case .laterVersion(let label):
                    let earlier = try site.text("villages/xinghua/\(spec.newPageFolder)/earlier.html")
                    XCTAssertTrue(
                        section(of: earlier, from: "<dl class=\"fields\">", to: "</dl>").contains("<dt>\(label)</dt>"),
                        "\(kind): the earlier version names the later one as \(label)")
                }
            }
            var rest = Substring(fields)
            for row in expected {
                guard let found = rest.range(of: row) else { XCTFail("\(kind): \(row) missing or out of order in \(fields)"); break }
                rest = rest[found.upperBound...]
            }
            for key in spec.keys where !spec.display.contains(where: { if case .key(key.name) = $0 { true } else { false } }) {
                XCTAssertFalse(fields.contains("<dt>\(key.label)</dt>"), "\(kind) does not display \(key.name)")
            }
            if !spec.display.contains(where: { if case .expires = $0 { true } else { false } }) {
                XCTAssertFalse(fields.contains("2026年12月31日"), "\(kind) does not display expires")
            }

            XCTAssertEqual(site.exists("print/" + page), spec.printView, "\(kind): print view")
            XCTAssertEqual(html.contains("打印公告"), spec.printView, "\(kind): link to the print view")

            let list = try site.text(Paths.listPage(spec.folder, number: 1))
            XCTAssertEqual(list.contains("预告：2026年12月1日"), spec.upcomingKey != nil, "\(kind): upcoming badge")

            for (name, value) in written[kind] ?? [:] {
                guard let token = value.token else { continue }
                let found = try search.rank(token).pages
                XCTAssertEqual(!found.isEmpty, spec.searchKeys.contains(name), "\(kind).\(name): search for \(token)")
            }
        }
    }

    func section(of html: String, from start: String, to end: String) -> String {
        guard let open = html.range(of: start), let close = html.range(of: end, range: open.upperBound..<html.endIndex) else { return "" }
        return String(html[open.lowerBound..<close.upperBound])
    }

    /// Every view the specs point to is in the theme: the item page and print view render `fields`.
    func testTheThemeRendersTheFieldsTheSpecsDisplay() throws {
        for name in ["page", "print"] {
            let source = try String(contentsOf: repositoryRoot.appendingPathComponent("templates/\(name).mustache"), encoding: .utf8)
            XCTAssertTrue(
                source.contains("{{#fields}}") && source.contains("{{label}}") && source.contains("{{value}}"),
                "templates/\(name).mustache must render the kinds' display fields")
        }
    }
}
