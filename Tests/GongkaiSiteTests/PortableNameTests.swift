import Foundation
import XCTest
import GongkaiContent
@testable import GongkaiSite

/// The quick look at a path's bytes (`PortableOutput.names`) decides which generated paths need a case
/// and normalization key: it must agree with `PortableOutput.key`, which decides by Unicode scalars.
/// The end-to-end cases are in `PortableOutputTests`.
final class PortableNameTests: XCTestCase {
    func testTheByteLookAgreesWithTheKey() {
        let paths = ["index.html", "villages/xinghua/notices/2026-11-宪法宣传.html", "tags/普法/index.html", "Index.html",
                     "a/B.html", "caf\u{E9}.png", "cafe\u{301}.png", "\u{30AB}\u{3099}.png", "\u{30AC}.png", "\u{3000}x",
                     "\u{9FFF}", "\u{A000}", "\u{2FFF}", "ｆｕｌｌ.html", "Ａ.html", "😀.png", "ü.html", "é", "x\u{1}y",
                     "tags/elderly/index.html", "villages/XINGHUA/index.html", "\u{309A}", "\u{3099}a", "\u{4E00}\u{3099}"]
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
}
