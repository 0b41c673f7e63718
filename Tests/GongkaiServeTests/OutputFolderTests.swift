import GongkaiServe
import GongkaiTestSupport
import XCTest

final class OutputFolderTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = try temporaryDirectory(self)
        let output = root.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: output.appendingPathComponent("villages/杏花"), withIntermediateDirectories: true)
        try Data("首页".utf8).write(to: output.appendingPathComponent("index.html"))
        try Data("村".utf8).write(to: output.appendingPathComponent("villages/杏花/index.html"))
        try Data("secret".utf8).write(to: root.appendingPathComponent("site.yaml"))
        try FileManager.default.createSymbolicLink(atPath: output.path + "/leak", withDestinationPath: root.path + "/site.yaml")
        try FileManager.default.createDirectory(at: output.appendingPathComponent("empty"), withIntermediateDirectories: true)
    }

    func lookup(_ raw: String) throws -> OutputFolder.Lookup {
        OutputFolder(path: root.path + "/public").lookup(try RequestPath.parse(raw).get())
    }

    func testFilesFoldersAndRedirects() throws {
        guard case .file(_, let relative) = try lookup("/") else { return XCTFail("root") }
        XCTAssertEqual(relative, "index.html")
        guard case .file(let absolute, let inFolder) = try lookup("/villages/%E6%9D%8F%E8%8A%B1/") else { return XCTFail("folder") }
        XCTAssertEqual(inFolder, "villages/杏花/index.html")
        XCTAssertEqual(try String(contentsOfFile: absolute, encoding: .utf8), "村")
        XCTAssertEqual(try lookup("/villages/%E6%9D%8F%E8%8A%B1"), .redirect("/villages/%E6%9D%8F%E8%8A%B1/"))
        XCTAssertEqual(try lookup("/nothing.html"), .notFound)
        XCTAssertEqual(try lookup("/empty/"), .notFound)
    }

    func testSymlinksOutOfTheFolderAreNotFollowed() throws {
        XCTAssertEqual(try lookup("/leak"), .notFound)
    }

    func testNoOutputYet() throws {
        XCTAssertEqual(OutputFolder(path: root.path + "/missing").lookup(RequestPath(segments: [], trailingSlash: true)), .noOutput)
    }
}
