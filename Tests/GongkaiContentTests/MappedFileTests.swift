import Foundation
import GongkaiTestSupport
import XCTest

@testable import GongkaiContent

/// `MappedFile` gives the bytes `SiteFiles.readBytes` gives (the read it replaces for the build's own
/// large files), refuses what that refuses, and keeps the bytes it mapped when the file is replaced the
/// way the build replaces its state: a new file renamed over it.
final class MappedFileTests: XCTestCase {
    private func bytes(_ file: MappedFile) -> [UInt8] { file.withUnsafeBytes { Array($0) } }

    func testGivesTheBytesAReadGives() throws {
        let folder = try temporaryDirectory(self)
        // Empty, one byte, a page less one, a page, a page and one, several pages with Chinese text.
        let text = String(repeating: "村务公开：第三季度收支明细。\n", count: 2_000)
        let sizes: [(String, [UInt8])] = [
            ("empty", []), ("one", [0x41]), ("page-less-one", Array(repeating: 7, count: 4095)),
            ("page", Array(repeating: 8, count: 4096)), ("page-and-one", Array(repeating: 9, count: 4097)),
            ("chinese", Array(text.utf8)),
        ]
        for (name, content) in sizes {
            let path = folder.appendingPathComponent(name).path
            try Data(content).write(to: URL(fileURLWithPath: path))
            let mapped = try XCTUnwrap(MappedFile(path), name)
            XCTAssertEqual(mapped.count, content.count, name)
            XCTAssertEqual(bytes(mapped), content, name)
            XCTAssertEqual(bytes(mapped), SiteFiles.readBytes(path), name)
            mapped.withUnsafeBufferPointer { XCTAssertEqual(Array($0), content, name) }
        }
    }

    func testRefusesWhatAReadRefuses() throws {
        let folder = try temporaryDirectory(self)
        XCTAssertNil(MappedFile(folder.appendingPathComponent("missing").path))
        XCTAssertNil(SiteFiles.readBytes(folder.appendingPathComponent("missing").path))
        XCTAssertNil(MappedFile(folder.path), "a folder")
        XCTAssertNil(SiteFiles.readBytes(folder.path), "a folder")
        let fifo = folder.appendingPathComponent("pipe").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        XCTAssertNil(MappedFile(fifo), "a FIFO (opened without blocking, refused)")
        XCTAssertNil(SiteFiles.readBytes(fifo), "a FIFO")
    }

    func testKeepsItsBytesWhenANewFileIsRenamedOverIt() throws {
        let folder = try temporaryDirectory(self)
        let path = folder.appendingPathComponent("state-bodies").path
        let old = Array(String(repeating: "旧的状态。", count: 3_000).utf8)
        try Data(old).write(to: URL(fileURLWithPath: path))
        let mapped = try XCTUnwrap(MappedFile(path))
        let newer = folder.appendingPathComponent("state-bodies.tmp").path
        try Data(Array("新的，短一些。".utf8)).write(to: URL(fileURLWithPath: newer))
        XCTAssertEqual(rename(newer, path), 0)
        XCTAssertEqual(bytes(mapped), old, "the mapping still holds the file it mapped")
        XCTAssertEqual(SiteFiles.readBytes(path), Array("新的，短一些。".utf8))
        XCTAssertEqual(try XCTUnwrap(MappedFile(path)).count, Array("新的，短一些。".utf8).count)
    }
}
