import GongkaiServe
import XCTest

final class RequestPathTests: XCTestCase {
    func testDecodesChinesePathsAndKeepsTheFolderSlash() throws {
        let path = try RequestPath.parse("/villages/xinghua/notices/2026-11-%E5%AE%AA%E6%B3%95.html").get()
        XCTAssertEqual(path.segments, ["villages", "xinghua", "notices", "2026-11-宪法.html"])
        XCTAssertFalse(path.trailingSlash)
        XCTAssertEqual(try RequestPath.parse("/villages/xinghua/").get().trailingSlash, true)
        XCTAssertEqual(try RequestPath.parse("/").get().segments, [])
        XCTAssertEqual(try RequestPath.parse("//a///b").get().segments, ["a", "b"])
    }

    func testRefusesDotSegmentsHoweverTheyAreWritten() {
        for raw in [
            "/../site.yaml", "/%2e%2e/site.yaml", "/%2E%2E/x", "/a/./b", "/a/%2e/b", "/a/..%2fsite.yaml",
            "/a/..%5csite.yaml", "/a%00b", "/%zz", "relative/path", "/a/..",
        ] {
            XCTAssertEqual(RequestPath.parse(raw), .failure(.badRequest), raw)
        }
    }

    func testHiddenNamesAreNotFound() {
        XCTAssertEqual(RequestPath.parse("/.git/config"), .failure(.hidden))
        XCTAssertEqual(RequestPath.parse("/a/%2Eenv"), .failure(.hidden))
    }

    func testFolderURLIsPercentEncoded() throws {
        let path = try RequestPath.parse("/%E8%B5%84%E6%96%99").get()
        XCTAssertEqual(path.folderURL, "/%E8%B5%84%E6%96%99/")
    }

    func testMediaTypes() {
        XCTAssertEqual(MediaType.forPath("a/index.html"), "text/html; charset=utf-8")
        XCTAssertEqual(MediaType.forPath("assets/gongkai.css"), "text/css; charset=utf-8")
        XCTAssertEqual(MediaType.forPath("x.JS"), "text/javascript; charset=utf-8")
        XCTAssertEqual(MediaType.forPath("logo.svg"), "image/svg+xml; charset=utf-8")
        XCTAssertEqual(MediaType.forPath("照片.jpg"), "image/jpeg")
        XCTAssertEqual(MediaType.forPath("公示.pdf"), "application/pdf")
        XCTAssertEqual(MediaType.forPath("noextension"), "application/octet-stream")
        XCTAssertEqual(MediaType.forPath("archive.unknownext"), "application/octet-stream")
    }
}
