import GongkaiServe
import GongkaiTestSupport
import XCTest

final class SiteWatcherTests: XCTestCase {
    func testNoticesAddedChangedAndRemovedFilesButNotHiddenOnesOrOthers() throws {
        let root = try temporaryDirectory(self)
        let page = root.appendingPathComponent("content/villages/x/notices/a.md")
        try FileManager.default.createDirectory(at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("一".utf8).write(to: page)
        try Data("title: x\n".utf8).write(to: root.appendingPathComponent("site.yaml"))
        let watcher = SiteWatcher(site: root.path + "/")
        let first = watcher.snapshot()
        XCTAssertEqual(Set(first.files.keys), ["content/villages/x/notices/a.md", "site.yaml"])

        // Not watched: the output, hidden editor files.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("public"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("public/index.html"))
        try Data("x".utf8).write(to: root.appendingPathComponent("content/villages/x/notices/.a.md.swp"))
        XCTAssertEqual(watcher.snapshot(), first)

        try Data("一二".utf8).write(to: page)
        try Data("rules: []\n".utf8).write(to: root.appendingPathComponent("disclosure.yaml"))
        let second = watcher.snapshot()
        XCTAssertEqual(SiteWatcher.changes(from: first, to: second), ["content/villages/x/notices/a.md", "disclosure.yaml"])

        try FileManager.default.removeItem(at: page)
        XCTAssertEqual(SiteWatcher.changes(from: second, to: watcher.snapshot()), ["content/villages/x/notices/a.md"])
    }
}
