import Foundation
import GongkaiTestSupport
import XCTest

@testable import GongkaiContent

/// `FolderNames` gives the names `FileManager.contentsOfDirectory(atPath:)` gives, in `sorted()`'s order,
/// whether the names are all ASCII (sorted by their bytes) or not (sorted as `String`s).
final class FolderNamesTests: XCTestCase {
    /// Creates each name (raw bytes: not every name is UTF-8) as an empty file in a new folder.
    func folder(_ names: [[UInt8]], _ label: String) throws -> URL {
        let folder = try temporaryDirectory(self, name: label)
        for name in names {
            let path = Array(folder.path.utf8) + [0x2F] + name + [0]
            let fd = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
            XCTAssertGreaterThanOrEqual(fd, 0, "\(name)")
            close(fd)
        }
        return folder
    }

    func names(_ folder: URL) throws -> [String] {
        let names = try XCTUnwrap(FolderNames(folder.path))
        return (0..<names.count).map { names.name($0) }
    }

    func testASCIINamesInStringOrder() throws {
        let names = ["b.md", "a.md", "B.md", "_index.md", ".hidden", "._", "..x", "a", "a.md~", "Z", "2024-02-16-a.md", "2024-02-16-a.mdx", "~"]
        let folder = try folder(names.map { Array($0.utf8) }, "ascii")
        let expected = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(try self.names(folder), expected)
        XCTAssertFalse(expected.contains("._"), "FileManager leaves out ._")
        XCTAssertTrue(expected.contains("..x"))
    }

    /// Chinese names, a name in both normal forms (NFD sorts as its NFC form does), ASCII beside them,
    /// and a name that is not UTF-8 (repaired, as FileManager repairs it).
    func testMixedNamesInStringOrder() throws {
        var names = ["村务公开.md", "新闻", "a.md", "Z.md", "\u{E9}.md", "e\u{301}x.md", "ｚ.md", "𝔘.md", "z.md", "中.md", "e.md", "f.md"].map {
            Array($0.utf8)
        }
        names.append([0x61, 0xFF, 0x62])
        let folder = try folder(names, "mixed")
        let expected = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(expected.count, names.count)
        XCTAssertEqual(try self.names(folder), expected)
        // Byte order would differ: NFD é (e, U+0301) sorts before "f.md" by bytes, after it as a String (as U+00E9).
        XCTAssertNotEqual(expected, expected.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }

    /// Each name's `lstat` (a symlink's own), taken through the name as listed; the path made from a prefix.
    func testInfosAndPaths() throws {
        let folder = try folder([Array("a.md".utf8)], "infos")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("子"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: "nowhere")
        let names = try XCTUnwrap(FolderNames(folder.path))
        XCTAssertEqual((0..<names.count).map { names.name($0) }, ["a.md", "link", "子"])
        XCTAssertEqual(names.infos.map { $0.map { $0.st_mode & S_IFMT } }, [S_IFREG, S_IFLNK, S_IFDIR])
        XCTAssertEqual(names.path(Array("content/x/".utf8), 2), "content/x/子")
        XCTAssertNil(FolderNames(folder.appendingPathComponent("a.md").path), "a file is not a folder")
        XCTAssertNil(FolderNames(folder.appendingPathComponent("absent").path))
    }
}
