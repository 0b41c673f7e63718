import GongkaiTestSupport
import XCTest

@testable import GongkaiSite

/// What the spare holds, by path (`FileTable`): the same answers as a dictionary by path for every
/// path added and every other, across growth, with paths compared as the file system compares names.
final class FileTableTests: XCTestCase {
    private func stamp(_ n: Int) -> FileStamp { FileStamp(hash: UInt64(n) &* 0x9E37_79B9_7F4A_7C15, size: n) }

    func testLooksUpAsADictionaryThroughGrowth() {
        var table = FileTable(capacity: 4)
        var dictionary: [String: FileStamp] = [:]
        // Lengths around the 8-byte words the hash reads, Chinese names, a path that is a prefix of another.
        let names = (0..<3000).map { n -> String in
            switch n % 5 {
            case 0: "villages/v\(n)/news/2026-01-01-news-\(n).html"
            case 1: "村务/\(n).html"
            case 2: String(repeating: "a", count: n % 17)  // (the empty path too)
            case 3: "tags/普法/\(n)"
            default: "tags/普法/\(n - 1)/index.html"
            }
        }
        for (n, name) in names.enumerated() {
            let new = dictionary[name] == nil
            XCTAssertEqual(table.add(name, stamp(n)), new, name)
            if new { dictionary[name] = stamp(n) }
        }
        XCTAssertEqual(table.count, dictionary.count)
        XCTAssertEqual(table.dictionary, dictionary)
        for name in names { XCTAssertEqual(table[name], dictionary[name], name) }
        for name in ["villages/v0/news/2026-01-01-news-0.htm", "村务/1.html/", "aaaaaaaaaaaaaaaaaa", "tags/普法"] {
            XCTAssertNil(table[name], name)
        }
        // A path added again: refused, or its stamp set when replacing.
        XCTAssertFalse(table.add(names[0], stamp(99_999)))
        XCTAssertEqual(table[names[0]], stamp(0))
        XCTAssertTrue(table.add(names[0], stamp(99_999), replacing: true))
        XCTAssertEqual(table[names[0]], stamp(99_999))
        XCTAssertEqual(table.count, dictionary.count)
    }

    func testPathsAreComparedAsTheirBytes() {
        // "é" composed and decomposed: one text to Swift, two names to Linux (two files in a folder).
        var table = FileTable()
        XCTAssertTrue(table.add("caf\u{E9}.html", stamp(1)))
        XCTAssertTrue(table.add("cafe\u{301}.html", stamp(2)))
        XCTAssertEqual(table.count, 2)
        XCTAssertEqual(table["caf\u{E9}.html"], stamp(1))
        XCTAssertEqual(table["cafe\u{301}.html"], stamp(2))
        XCTAssertEqual(table.path(at: 1).utf8.count, "cafe\u{301}.html".utf8.count)
    }

    /// The spare's manifest read for its files only: the files the whole manifest lists.
    func testReadFromAManifestAsTheManifestListsThem() throws {
        let folder = try temporaryDirectory(self)
        let path = folder.appendingPathComponent("m").path
        var groups: [OutputID: OutputMemo.Group] = [:]
        for n in 0..<500 {
            let page = "villages/v\(n % 7)/notices/2026-\(n).html"
            groups[.item(page)] = OutputMemo.Group(key: UInt64(n), files: [OutputMemo.Entry(path: page, stamp: stamp(n))])
            groups[.print(page)] = OutputMemo.Group(key: UInt64(n), files: [OutputMemo.Entry(path: page + ".print.html", stamp: stamp(n + 1))])
        }
        groups[.list(folder: "tags/普法", number: 2)] = OutputMemo.Group(key: 9, files: [])
        let manifest = OutputManifest(
            identity: "1:2:3.4", groups: groups, copies: [OutputMemo.Entry(path: "files/说明.txt", stamp: stamp(7))])
        manifest.write(to: path)
        let files = try XCTUnwrap(OutputManifest.readFiles(path))
        XCTAssertEqual(files.count, 1001)
        XCTAssertEqual(files.dictionary, manifest.files.dictionary)
        XCTAssertEqual(files["files/说明.txt"], stamp(7))
    }
}
