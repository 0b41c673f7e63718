import GongkaiEscape
import XCTest

/// The one escaper: both dialects, on text and on the byte path the template renderer uses.
final class EscapeTests: XCTestCase {
    func testHTMLEscapesTheFiveReservedCharacters() {
        XCTAssertEqual(
            HTML.escape(#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        XCTAssertEqual(HTML.escape("杏花村村规民约（2024年修订）"), "杏花村村规民约（2024年修订）")
        XCTAssertEqual(HTML.escape(""), "")
    }

    func testHTMLKeepsControlCharactersAndNoncharacters() {
        XCTAssertEqual(HTML.escape("a\u{1}b\u{FFFE}c\t\r\n&"), "a\u{1}b\u{FFFE}c\t\r\n&amp;")
    }

    func testXMLDropsWhatXML10CannotHold() {
        XCTAssertEqual(XML.escape("a&b<c>\"d\"'\u{1}\u{1F}\u{FFFE}\u{FFFF}e"), "a&amp;b&lt;c&gt;&quot;d&quot;&apos;e")
        // Tab, line feed and carriage return stay; so do characters that share U+FFFE's first byte.
        XCTAssertEqual(XML.escape("\t\n\r\u{FFFD}\u{F900}"), "\t\n\r\u{FFFD}\u{F900}")
        XCTAssertEqual(XML.escape("末尾\u{EF}"), "末尾\u{EF}")
    }

    func testXMLAttributeIsQuotedAndKeepsLineFeeds() {
        XCTAssertEqual(XML.attribute("第一条\n第二条 & \"三\""), "\"第一条&#10;第二条 &amp; &quot;三&quot;\"")
    }

    func testBytePathMatchesTextPathAndAppends() {
        var out = Array("前缀".utf8)
        var text = "<b>'公开'</b>"
        text.withUTF8 { Markup.append(escaping: $0, .html, to: &out) }
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "前缀" + HTML.escape("<b>'公开'</b>"))
        // Truncated U+FFFE at the very end is not read past the buffer.
        var tail = [UInt8]()
        [UInt8]([0x61, 0xEF, 0xBF]).withUnsafeBufferPointer { Markup.append(escaping: $0, .xml, to: &tail) }
        XCTAssertEqual(tail, [0x61, 0xEF, 0xBF])
    }
    /// The eight-bytes-at-a-time scan gives what looking at every byte gives, wherever the reserved
    /// characters fall (every offset from a word boundary, at the very end, next to Chinese).
    func testWordScanEscapesWhatTheByteScanEscapes() {
        func reference(_ bytes: [UInt8]) -> [UInt8] {
            var out: [UInt8] = []
            for b in bytes {
                switch b {
                case 0x26: out += Array("&amp;".utf8)
                case 0x3C: out += Array("&lt;".utf8)
                case 0x3E: out += Array("&gt;".utf8)
                case 0x22: out += Array("&quot;".utf8)
                case 0x27: out += Array("&#39;".utf8)
                default: out.append(b)
                }
            }
            return out
        }
        let pieces = ["村", "a", "&", "<", ">", "\"", "'", " ", "\n", "%", "=", "\u{1}", "\u{FFFE}", "👍", "1234567", "&&"].map { Array($0.utf8) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20000 {
            let bytes = (0..<Int.random(in: 0...24, using: &generator)).flatMap { _ in pieces.randomElement(using: &generator)! }
            var out = Array("前".utf8)
            bytes.withUnsafeBufferPointer { Markup.append(escaping: $0, .html, to: &out) }
            XCTAssertEqual(out, Array("前".utf8) + reference(bytes), String(decoding: bytes, as: UTF8.self))
        }
    }
}
