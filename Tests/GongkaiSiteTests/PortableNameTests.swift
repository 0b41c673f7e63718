import Foundation
import XCTest
import GongkaiContent
@testable import GongkaiSite

/// The quick look at a path's bytes (`PortableOutput.names`) decides which generated paths need a case
/// and normalization key: it must agree with `PortableOutput.key`, which decides by Unicode scalars.
/// The end-to-end cases are in `PortableOutputTests`.
final class PortableNameTests: XCTestCase {
    func testTheByteLookAgreesWithTheKey() {
        let paths = [
            "index.html", "villages/xinghua/notices/2026-11-宪法宣传.html", "tags/普法/index.html", "Index.html",
            "a/B.html", "caf\u{E9}.png", "cafe\u{301}.png", "\u{30AB}\u{3099}.png", "\u{30AC}.png", "\u{3000}x",
            "\u{9FFF}", "\u{A000}", "\u{2FFF}", "ｆｕｌｌ.html", "Ａ.html", "😀.png", "ü.html", "é", "x\u{1}y",
            "tags/elderly/index.html", "villages/XINGHUA/index.html", "\u{309A}", "\u{3099}a", "\u{4E00}\u{3099}",
        ]
        let content = SiteContent(root: "/", config: SiteConfig(title: "x"), villages: [], pages: [], home: nil, diagnostics: [])
        for path in paths {
            var check = PortableOutput(content: content)
            XCTAssertEqual(check.names(.init(path: path, source: nil)), PortableOutput.key(path) == nil, path.debugDescription)
        }
        // What folds: case and normalization, nothing else.
        XCTAssertEqual(PortableOutput.key("Static/Logo.PNG"), "static/logo.png")
        XCTAssertEqual(PortableOutput.key("cafe\u{301}.png"), PortableOutput.key("caf\u{E9}.png"))
        XCTAssertTrue(PortableOutput.key("cafe\u{301}.png")!.utf8.elementsEqual("caf\u{E9}.png".utf8))
        XCTAssertNil(PortableOutput.key("tags/普法/index.html"))
    }

    /// The byte look lets a path through without `problem(_:)` only when no name in it has one: every
    /// device name, in any case, with an extension or spaces, is caught, and `news` and `print` (which
    /// start like device names) are not looked at twice.
    func testTheByteLookMissesNoDeviceName() {
        let stems = [
            "con", "CON", "Con", "prn", "aux", "AUX ", "nul", "nul  ", "com1", "COM9", "lpt5", "Lpt9 ", "com0", "com10", "COM¹", "lpt³",
            "news", "print", "page", "lists", "cons", "co", "c", "console", "nul-1", "a", "l", "ｃｏｎ", "con\u{301}", "cön",
        ]
        let content = SiteContent(root: "/", config: SiteConfig(title: "x"), villages: [], pages: [], home: nil, diagnostics: [])
        var reported = 0
        for stem in stems {
            for name in [stem, stem + ".html", stem + ".tar.gz"] {
                for path in [name, "villages/x/" + name, name + "/index.html"] {
                    var check = PortableOutput(content: content)
                    check.names(.init(path: path, source: nil))
                    let expected = path.split(separator: "/").contains { PortableOutput.problem(String($0)) != nil }
                    XCTAssertEqual(!check.diagnostics.isEmpty, expected, path.debugDescription)
                    if expected { reported += 1 }
                }
            }
        }
        XCTAssertGreaterThan(reported, 100)
        // The usual names are plain: nothing to split.
        for stem in ["news", "print", "lists", "page-2"] {
            XCTAssertFalse(
                PortableOutput.mayBeDeviceName(
                    stem.utf8.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) },
                    length: stem.utf8.count), stem)
        }
    }
}
