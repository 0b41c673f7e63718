import Foundation
@testable import GongkaiContent
import GongkaiTestSupport
import XCTest

@testable import GongkaiSite

/// The build stamp sees a change of size, modification time, inode or mode of any file under content/,
/// templates/ and static/ and of the two settings files, whatever the names (ASCII, Chinese, not
/// normalised); and what it lists for the load is each folder's names in `String` order with their paths.
final class BuildStampTests: XCTestCase {
    static let files = [
        "site.yaml", "disclosure.yaml", "content/_index.md",
        "content/villages/v1/_village.md", "content/villages/v1/news/a.md", "content/villages/v1/news/中文.md",
        "content/villages/v1/news/e\u{301}.md", "content/villages/v1/news/f.md", "content/villages/v2/news/b.md",
        "content/villages/v3/notices/c.md", "content/villages/村/notices/d.md", "content/county/news/x.md",
        "templates/page.mustache", "static/é/图.txt", "static/a.txt",
    ]

    func makeSite() throws -> URL {
        let root = try temporaryDirectory(self)
        try writeFiles(Dictionary(uniqueKeysWithValues: Self.files.map { ($0, "text of \($0)\n") }), under: root)
        return root
    }

    func fingerprint(_ root: URL) -> String {
        BuildStamp(files: SiteFiles(root: root.path), output: "/nowhere", options: .init(site: root.path)).fingerprint
    }

    func setTimes(_ path: String, seconds: Int) {
        var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
        XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
    }

    func testEveryKindOfChangeOfEveryFileIsSeen() throws {
        let root = try makeSite()
        for file in Self.files {
            let path = root.appendingPathComponent(file).path
            let folder = (path as NSString).deletingLastPathComponent
            setTimes(folder, seconds: 1_600_000_000)
            let before = fingerprint(root)
            XCTAssertEqual(fingerprint(root), before, "nothing changed: \(file)")
            // Modification time alone.
            setTimes(path, seconds: 1_700_000_000)
            let timed = fingerprint(root)
            XCTAssertNotEqual(timed, before, "time of \(file)")
            // Size alone (the time put back).
            let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
            handle.seekToEndOfFile()
            handle.write(Data("+".utf8))
            handle.closeFile()
            setTimes(path, seconds: 1_700_000_000)
            let sized = fingerprint(root)
            XCTAssertNotEqual(sized, timed, "size of \(file)")
            // Mode alone.
            XCTAssertEqual(chmod(path, 0o600), 0)
            let moded = fingerprint(root)
            XCTAssertNotEqual(moded, sized, "mode of \(file)")
            // Inode alone: the same bytes, time and mode in a new file moved in its place (its folder's time put back).
            let copy = root.appendingPathComponent("copy").path
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            XCTAssertEqual(chmod(copy, 0o600), 0)
            setTimes(copy, seconds: 1_700_000_000)
            XCTAssertEqual(rename(copy, path), 0)
            setTimes(folder, seconds: 1_600_000_000)
            XCTAssertNotEqual(fingerprint(root), moded, "inode of \(file)")
        }
    }

    /// Each folder of content/ is listed for the load: every name (hidden ones too) in `String` order,
    /// with its path and `lstat`.
    func testListingHasEachFolderInStringOrder() throws {
        let root = try makeSite()
        try writeFiles(["content/villages/v1/news/.hidden": "", "content/villages/v1/news/Z.md": "", "content/villages/v1/news/ｚ.md": ""], under: root)
        let stamp = BuildStamp(files: SiteFiles(root: root.path), output: "/nowhere", options: .init(site: root.path))
        for folder in ["content", "content/villages", "content/villages/v1", "content/villages/v1/news", "content/county/news"] {
            let entries = try XCTUnwrap(stamp.listing.entries(of: folder), folder)
            let expected = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path).sorted()
            XCTAssertEqual(entries.map(\.name), expected, folder)
            XCTAssertEqual(entries.map(\.path), expected.map { folder + "/" + $0 }, folder)
            XCTAssertTrue(entries.allSatisfy { $0.info != nil }, folder)
        }
        XCTAssertNil(stamp.listing.entries(of: "static"), "only content/ is listed for the load")
    }
}
