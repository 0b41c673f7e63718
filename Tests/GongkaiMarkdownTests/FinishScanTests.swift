import XCTest

@testable import GongkaiMarkdown

/// `WalkState.finish`, which finds heading markers and `<img ` with `memchr`, must give what looking at
/// every byte gives (`finishByBytes`).
final class FinishScanTests: XCTestCase {
    /// Pieces of cmark's HTML: headings with their marker, images, tags and text, and `<img` cut short
    /// (at the end of the text too).
    static let pieces = [
        "<h2>\u{1}", "<h3>\u{1}", "\u{1}", "<img ", "<img", "<im", "<i", "<", ">", "<img src=\"a.jpg\" alt=\"图\" />",
        "<p>", "</p>\n", "村务公开", "<em>", "<imgx ", "<IMG ", "a", " ", "<<img ", "\u{1}<img ",
    ]

    func testTheScanAgreesWithLookingAtEveryByte() {
        var generator = Steps(state: 18)
        var changed = 0
        for round in 0..<3000 {
            var html = ""
            for _ in 0..<Int(generator.next() % 12) { html += Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))] }
            var state = WalkState(options: .init())
            state.headings = (0..<Int(generator.next() % 4)).map { n in
                Markdown.Heading(level: 2, text: "标题", id: ["gong-kai", "a\"b", "<x>&", "第\(n)节"][Int(generator.next() % 4)])
            }
            let bytes = Array(html.utf8)
            let (fast, plain) = bytes.withUnsafeBufferPointer { (state.finish($0), state.finishByBytes($0)) }
            XCTAssertEqual(fast, plain, "round \(round): \(html.debugDescription)")
            if fast != html { changed += 1 }
        }
        // Most texts had something to change.
        XCTAssertGreaterThan(changed, 1500)
        var state = WalkState(options: .init())
        state.headings = [Markdown.Heading(level: 2, text: "一", id: "一")]
        let done = Array("<h2>\u{1}一</h2>\n<p><img src=\"x.png\" alt=\"x\" /></p>\n".utf8).withUnsafeBufferPointer { state.finish($0) }
        XCTAssertEqual(done, "<h2 id=\"一\">一</h2>\n<p><img loading=\"lazy\" src=\"x.png\" alt=\"x\" /></p>\n")
    }
}

/// A fixed sequence of pseudo-random numbers (SplitMix64), so that a failure can be repeated.
private struct Steps {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension FinishScanTests {
    /// `WalkState.scan`, which looks at eight bytes at a time, gives what looking at every byte gives:
    /// control characters, line feeds and tabs anywhere in a chunk or the tail, digits and Chinese.
    func testTextScanAgreesWithLookingAtEveryByte() {
        let pieces = ["村务公开", "0", "13800138000", "９", "/", ":", "\u{1}", "\n", "\t", "\u{1F}", " ", "a", "\u{7F}", "，"]
        var generator = Steps(state: 7)
        let state = WalkState(options: .init())
        var controls = 0, phones = 0
        for round in 0..<3000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 24) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let bytes = Array(text.utf8)
            let (fast, plain) = bytes.withUnsafeBufferPointer { (state.scan($0), state.scanByBytes($0)) }
            XCTAssertTrue(fast == plain, "round \(round): \(text.debugDescription) \(fast) \(plain)")
            if plain.hasControl { controls += 1 }
            if plain.digits == PhoneNumbers.minimumDigits { phones += 1 }
        }
        XCTAssertGreaterThan(controls, 300)
        XCTAssertGreaterThan(phones, 300)
    }
}

extension WalkState {
    /// `scan` looking at every byte (what it must give).
    func scanByBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> (hasControl: Bool, digits: Int) {
        var control = false
        var digits = 0
        for b in bytes { tally(b, &control, &digits) }
        return (control, min(digits, PhoneNumbers.minimumDigits))
    }
}
