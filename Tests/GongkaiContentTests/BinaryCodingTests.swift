import Foundation
import XCTest

@testable import GongkaiContent

/// The build state's bytes (`BinaryWriter`, `BinaryReader`): shared texts read back as written, and
/// a shared text's number that no text was given is damage.
final class BinaryCodingTests: XCTestCase {
    /// Texts written as shared read back as written, each repeat by its number (fewer bytes than the
    /// text), among plain texts and numbers; texts equal as text but not as bytes stay apart.
    func testSharedTextsReadBackAsWritten() throws {
        let composed = "\u{00E9}", decomposed = "e\u{0301}"
        XCTAssertEqual(composed, decomposed, "equal as Swift texts")
        let texts: [String?] = ["通知公告", "county", nil, "通知公告", composed, decomposed, "", "", "county", nil, decomposed, "村务"]
        var out = BinaryWriter()
        for (n, text) in texts.enumerated() {
            out.int(n)
            if let text { out.sharedString(text) }
            out.sharedString(text)
            out.string("plain \(n)")
        }
        let bytes = out.bytes
        try bytes.withUnsafeBytes { buffer in
            var reader = BinaryReader(buffer)
            for (n, text) in texts.enumerated() {
                XCTAssertEqual(try reader.int(), n)
                if let text { XCTAssertTrue(try reader.sharedString().sameBytes(as: text), "\(n)") }
                let optional = try reader.optionalSharedString()
                XCTAssertEqual(optional == nil, text == nil, "\(n)")
                if let text, let optional { XCTAssertTrue(optional.sameBytes(as: text), "\(n)") }
                XCTAssertEqual(try reader.string(), "plain \(n)")
            }
            XCTAssertTrue(reader.isAtEnd)
        }
        // A repeat is its number: the repeated text's bytes are in the file once.
        var once = BinaryWriter(), twice = BinaryWriter()
        once.sharedString("中华人民共和国村民委员会组织法")
        twice.sharedString("中华人民共和国村民委员会组织法")
        twice.sharedString("中华人民共和国村民委员会组织法")
        XCTAssertEqual(twice.count, once.count + 1)
    }

    /// A shared text's number past the texts read so far (a damaged file) throws `Damaged`, plain or
    /// optional, and so does a text cut short.
    func testSharedTextNumberPastTheTextsReadIsDamage() {
        func read(_ bytes: [UInt8], _ body: (inout BinaryReader) throws -> Void) throws {
            try bytes.withUnsafeBytes { buffer in
                var reader = BinaryReader(buffer)
                try body(&reader)
            }
        }
        var out = BinaryWriter()
        out.sharedString("a")
        out.sharedString("a")
        XCTAssertEqual(out.bytes, [0, 1, 0x61, 1])
        XCTAssertNoThrow(try read(out.bytes) { XCTAssertEqual([try $0.sharedString(), try $0.sharedString()], ["a", "a"]) })
        // Number 2: the second shared text, of which there is none.
        XCTAssertThrowsError(try read([0, 1, 0x61, 2]) { _ = [try $0.sharedString(), try $0.sharedString()] }) {
            XCTAssertTrue($0 is BinaryReader.Damaged)
        }
        XCTAssertThrowsError(try read([1]) { _ = try $0.sharedString() }) { XCTAssertTrue($0 is BinaryReader.Damaged) }
        // Optional: 2 is the first shared text, none read yet.
        XCTAssertThrowsError(try read([2]) { _ = try $0.optionalSharedString() }) { XCTAssertTrue($0 is BinaryReader.Damaged) }
        XCTAssertThrowsError(try read([1, 1, 0x61, 3]) { _ = [try $0.optionalSharedString(), try $0.optionalSharedString()] }) {
            XCTAssertTrue($0 is BinaryReader.Damaged)
        }
        XCTAssertNoThrow(
            try read([1, 1, 0x61, 2, 0]) {
                XCTAssertEqual([try $0.optionalSharedString(), try $0.optionalSharedString(), try $0.optionalSharedString()], ["a", "a", nil])
            })
        // Cut short: a length past the end.
        XCTAssertThrowsError(try read([0, 5, 0x61]) { _ = try $0.sharedString() }) { XCTAssertTrue($0 is BinaryReader.Damaged) }
        XCTAssertThrowsError(try read([5, 0x61]) { _ = try $0.stringBytes() }) { XCTAssertTrue($0 is BinaryReader.Damaged) }
    }
}

/// The files' part's key lines (`ParseCache.KeyLinesTable`): a set written before is its number, and a
/// number past the sets read so far is damage.
final class KeyLinesTableTests: XCTestCase {
    func testRepeatedKeyLinesReadBackAndANumberPastTheTableIsDamage() throws {
        let sets: [[String: Int]] = [["title": 2, "date": 3], ["title": 2, "date": 4], ["date": 3, "title": 2], [:], [:], ["标题": 2]]
        var out = BinaryWriter(), table = ParseCache.KeyLinesTable()
        for lines in sets { table.write(lines, to: &out) }
        var whole = BinaryWriter()
        for lines in sets { whole.keyLines(lines) }
        XCTAssertLessThan(out.count, whole.count, "repeats written as numbers")
        try out.bytes.withUnsafeBytes { buffer in
            var reader = BinaryReader(buffer), table = ParseCache.KeyLinesTable()
            for lines in sets { XCTAssertEqual(try table.read(&reader), lines) }
            XCTAssertTrue(reader.isAtEnd)
        }
        // One set read (0, one key "a" on line 1), then number 2: there is no second set.
        XCTAssertThrowsError(
            try [UInt8]([0, 1, 1, 0x61, 2, 2]).withUnsafeBytes { buffer in
                var reader = BinaryReader(buffer), table = ParseCache.KeyLinesTable()
                XCTAssertEqual(try table.read(&reader), ["a": 1])
                _ = try table.read(&reader)
            }
        ) { XCTAssertTrue($0 is BinaryReader.Damaged) }
    }
}
