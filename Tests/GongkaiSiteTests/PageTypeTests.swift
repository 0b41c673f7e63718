import Foundation
import XCTest
import GongkaiTestSupport
@testable import GongkaiContent
@testable import GongkaiSite

/// Every page type renders from its `Inputs` alone, and its key is derived from them: these tests take
/// every output a real build of the example site plans (`PlannedOutputProbe`) and check
/// - that its inputs, written out (JSON) and read back, render the very files the build wrote: the
///   encoding — which the key is made from — holds everything the render reads;
/// - that changing any one value of its inputs changes its key;
/// - that with equal inputs, a different rest of the site gives equal files.
final class PageTypeTests: XCTestCase {
    let today = Day(year: 2026, month: 11, day: 23)!

    /// The outputs a clean build of `root` into `output` planned.
    func plannedOutputs(_ root: URL, output: URL) throws -> [PlannedCheck] {
        let lock = NSLock()
        var checks: [PlannedCheck] = []
        PlannedOutputProbe.handler = { check in lock.withLock { checks.append(check) } }
        defer { PlannedOutputProbe.handler = nil }
        _ = try SiteBuilder.build(.init(site: root.path, output: output.path, today: today, incremental: false))
        return checks.sorted { $0.id.text < $1.id.text }
    }

    func exampleSite() throws -> URL {
        let root = try temporaryDirectory(self)
        for item in ["content", "site.yaml", "disclosure.yaml"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        return root
    }

    static let pageTypes: Set<String> = [
        "ItemPage", "PrintPage", "PhoneQR", "PagedList", "VillagePage", "VillagesPage", "HomePage",
        "DisclosureOverview", "ThemeFiles", "TagPages", "Archives", "ModelsGallery", "SearchPage", "FeedPages",
    ]

    func testInputsRenderWhatTheBuildWroteAndEveryValueIsInTheKey() throws {
        let root = try exampleSite()
        let output = root.appendingPathComponent("public")
        let checks = try plannedOutputs(root, output: output)
        XCTAssertEqual(Set(checks.map(\.type)).intersection(Self.pageTypes), Self.pageTypes, "every page type is in the example site")
        var mutatedPerType: [String: Int] = [:]
        for check in checks {
            // Read back, the inputs render what the build wrote.
            let files = try XCTUnwrap(check.renderOf(check.json), "\(check.id): inputs do not read back")
            for file in files {
                let written = try Data(contentsOf: output.appendingPathComponent(file.path))
                XCTAssertEqual(Data(file.bytes), written, "\(check.id): \(file.path) rendered from the inputs read back differs")
            }
            XCTAssertEqual(check.keyOf(check.json), check.key, "\(check.id): the key of the inputs read back differs")
            XCTAssertEqual(check.keyThroughContainers, check.key, "\(check.id): the direct path of the key differs from encode(to:)")
            // Any value changed: another key. (All values of the first few outputs of each type.)
            mutatedPerType[check.type, default: 0] += 1
            if mutatedPerType[check.type]! > 3 { continue }
            let tree = try JSONSerialization.jsonObject(with: check.json, options: [.fragmentsAllowed])
            var changed = 0
            // Up to 40 values, spread over the inputs (a feed's or archive's inputs have thousands).
            let variants = InputsVariants.all(of: tree)
            let step = max(1, variants.count / 40)
            for variant in stride(from: 0, to: variants.count, by: step).map({ variants[$0] }) {
                let data = try JSONSerialization.data(withJSONObject: variant.tree, options: [.fragmentsAllowed])
                guard let key = check.keyOf(data) else { continue }
                changed += 1
                XCTAssertNotEqual(key, check.key, "\(check.id): changing \(variant.path) leaves the key as it was")
            }
            // (The theme files' inputs are empty: they come from the environment alone.)
            if !variants.isEmpty { XCTAssertGreaterThan(changed, 0, "\(check.id): no value could be changed") }
        }
    }

    /// Two sites that differ elsewhere: an output whose inputs are equal in both is equal in both.
    func testEqualInputsRenderEqualFilesWhateverElseTheSiteHolds() throws {
        let a = try exampleSite()
        let b = try exampleSite()
        var editor = SiteEditor(root: b, generator: SeededGenerator(seed: 17))
        // Bodies, a new page and a date elsewhere: most outputs keep their inputs, some do not.
        let pages = editor.pages()
        try editor.write("content/" + pages[0], try editor.read("content/" + pages[0]) + "\n另加的一段正文。\n")
        try editor.write("content/" + pages[3], editor.setting("date", "2026-03-03", in: try editor.read("content/" + pages[3])))
        try editor.write("content/villages/xinghua/news/新增一篇.md", "---\ntitle: 新增一篇\ndate: 2026-05-05\ntags: [普法]\n---\n正文。\n")
        let (outA, outB) = (a.appendingPathComponent("public"), b.appendingPathComponent("public"))
        let checksA = try plannedOutputs(a, output: outA)
        let keysB = Dictionary(try plannedOutputs(b, output: outB).map { ($0.id, $0.key) }, uniquingKeysWith: { x, _ in x })
        var equal = 0, different = 0
        for check in checksA {
            guard let keyB = keysB[check.id] else { continue }
            if keyB != check.key {
                different += 1
                continue
            }
            equal += 1
            for file in check.renderOf(check.json) ?? [] {
                XCTAssertEqual(
                    try Data(contentsOf: outA.appendingPathComponent(file.path)),
                    try Data(contentsOf: outB.appendingPathComponent(file.path)),
                    "\(check.id): equal inputs, but \(file.path) differs")
            }
        }
        XCTAssertGreaterThan(equal, 10)
        XCTAssertGreaterThan(different, 0)
    }

    /// Lists, archives, village and home pages hold their entries, not the pages: an edit to a body
    /// that changes no title, date or summary renders the page alone again (and its print view).
    func testBodyEditRendersItsPageAloneAndTitleEditItsLists() throws {
        let root = try exampleSite()
        let editor = SiteEditor(root: root, generator: SeededGenerator(seed: 1))
        _ = try SiteBuilder.build(.init(site: root.path, today: today))
        let page = "content/" + (editor.pages().first { $0.contains("/news/") } ?? "")
        var text = editor.setting("summary", "固定的摘要", in: try editor.read(page))
        try editor.write(page, text)
        _ = try SiteBuilder.build(.init(site: root.path, today: today))
        text += "\n正文末尾新加的一段。\n"
        try editor.write(page, text)
        XCTAssertEqual(try SiteBuilder.build(.init(site: root.path, today: today)).groupsRendered, 1, "a body edit renders its page only")
        try editor.write(page, editor.setting("title", "改过的标题", in: text))
        // The page, its lists (village, site-wide), archive, village and home pages, feeds and search page.
        XCTAssertGreaterThan(try SiteBuilder.build(.init(site: root.path, today: today)).groupsRendered, 4)
    }

    func testOutputIDsReadBackFromTheirText() {
        let ids: [OutputID] = [
            .item("villages/杏花村/notices/a:b.html"), .print("county/x.html"), .phoneQR("index.html"),
            .list(folder: "tags/普法:2", number: 3), .village("xinghua"), .villages, .county, .home,
            .disclosure, .theme, .tagIndex, .archive(ownerFolder: "county"), .gallery(ownerFolder: nil),
            .gallery(ownerFolder: "villages/xinghua"), .search, .feeds, .ungrouped,
        ]
        XCTAssertEqual(Set(ids.map(\.text)).count, ids.count)
        for id in ids { XCTAssertEqual(OutputID(text: id.text), id, id.text) }
        XCTAssertNil(OutputID(text: "villages/xinghua/index.html"))
        XCTAssertNil(OutputID(text: "list:x:notices"))
    }

    /// `init(text:)` and `init(utf8:)` read ids on their bytes: they must give what reading the
    /// characters gives (as ids were read before), for ids with marks, colons and broken bytes too.
    func testOutputIDsReadOnBytesAsOnCharacters() {
        func byCharacters(_ text: String) -> OutputID? {
            guard let colon = text.firstIndex(of: ":") else {
                let plain: [String: OutputID] = [
                    "villages": .villages, "county": .county, "home": .home, "disclosure": .disclosure,
                    "theme": .theme, "tags": .tagIndex, "gallery": .gallery(ownerFolder: nil),
                    "search": .search, "feeds": .feeds, "ungrouped": .ungrouped,
                ]
                return plain[text]
            }
            let rest = String(text[text.index(after: colon)...])
            switch text[..<colon] {
            case "item": return .item(rest)
            case "print": return .print(rest)
            case "qr": return .phoneQR(rest)
            case "village": return .village(rest)
            case "archive": return .archive(ownerFolder: rest)
            case "gallery": return .gallery(ownerFolder: rest)
            case "list":
                guard let second = rest.firstIndex(of: ":"), let number = Int(rest[..<second]) else { return nil }
                return .list(folder: String(rest[rest.index(after: second)...]), number: number)
            default: return nil
            }
        }
        var texts = [
            "item:a.html", "item:", "item", ":item", "item::x", "item:\u{301}a.html", "item\u{301}:a", "ite\u{600}:x:y",
            "item:村务/公开.html", "print:x", "qr:", "village:杏花村", "archive:county", "gallery", "gallery:", "gallery:x",
            "list:1:a", "list:-2:a", "list:+3:a", "list:3:", "list:3", "list::a", "list:x:a", "list:3:\u{301}a", "list:3\u{301}:a",
            "list:3:a:b", "villages", "county", "home", "disclosure", "theme", "tags", "search", "feeds", "ungrouped",
            "Item:a", "items:a", "", ":", "::", "home:", "tags\u{301}", "\u{FEFF}item:a", "item:\u{200D}x", "list:1:\u{0903}",
        ]
        texts += texts.map { $0 + "\n" }
        for text in texts {
            let expected = byCharacters(text)
            XCTAssertEqual(OutputID(text: text), expected, text.debugDescription)
            var bytes = Array(text.utf8)
            XCTAssertEqual(bytes.withUnsafeBufferPointer { OutputID(utf8: $0) }, expected, text.debugDescription)
            // Bytes that are not UTF-8 are read as `String(decoding:)` repairs them.
            bytes.insert(0xFF, at: bytes.count / 2)
            let repaired = String(decoding: bytes, as: UTF8.self)
            XCTAssertEqual(bytes.withUnsafeBufferPointer { OutputID(utf8: $0) }, byCharacters(repaired), repaired.debugDescription)
        }
    }

    func testHashingEncoderTellsApartWhatJSONTellsApart() {
        struct Pair: Codable { var a: String?; var b: String? }
        struct Lists: Codable { var x: [[Int]] }
        func key<T: Encodable>(_ value: T) -> UInt64 { InputKey.of(value, global: 0, type: "T") }
        XCTAssertNotEqual(key(Pair(a: nil, b: "x")), key(Pair(a: "x", b: nil)))
        XCTAssertNotEqual(key(Lists(x: [[1], [2]])), key(Lists(x: [[1, 2]])))
        XCTAssertNotEqual(key(Lists(x: [[]])), key(Lists(x: [])))
        XCTAssertEqual(key(Pair(a: "x", b: nil)), key(Pair(a: "x", b: nil)))
        XCTAssertNotEqual(InputKey.of(Pair(a: "x", b: nil), global: 1, type: "T"), key(Pair(a: "x", b: nil)))
    }
}

/// The inputs' JSON with one value changed, for each value: texts get a character more, numbers one
/// more, flags the other way.
enum InputsVariants {
    struct Variant {
        var path: String
        var tree: Any
    }

    static func all(of tree: Any) -> [Variant] {
        var variants: [Variant] = []
        func walk(_ node: Any, path: String, replace: (Any) -> Any) {
            switch node {
            case let object as [String: Any]:
                for key in object.keys.sorted() {
                    walk(object[key]!, path: path + "." + key) { value in
                        var copy = object
                        copy[key] = value
                        return replace(copy)
                    }
                }
            case let array as [Any]:
                for (n, element) in array.enumerated() {
                    walk(element, path: path + "[\(n)]") { value in
                        var copy = array
                        copy[n] = value
                        return replace(copy)
                    }
                }
                // One element fewer is a change too.
                if !array.isEmpty { variants.append(Variant(path: path + "[-1]", tree: replace(Array(array.dropLast())))) }
            case let text as String:
                variants.append(Variant(path: path, tree: replace(text + "改")))
            case let number as NSNumber:
                // A flag or a number: both tried; the one that does not decode is dropped by the caller.
                variants.append(Variant(path: path, tree: replace(NSNumber(value: !number.boolValue))))
                variants.append(Variant(path: path, tree: replace(NSNumber(value: number.int64Value + 1))))
            default:
                break
            }
        }
        walk(tree, path: "") { $0 }
        return variants
    }
}
