@testable import GongkaiServe
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

    /// Serve's snapshot, updated in place for the paths a batch of the feed names: a file looked up, a
    /// folder (or a path it does not know) searched for; a file that became a folder, and back.
    func testUpdatedInPlaceForTheChangedPaths() throws {
        let root = try temporaryDirectory(self)
        let manager = FileManager.default
        func write(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        for path in ["content/v/a.md", "content/v/b.md", "content/v/d/x.md", "content/v/d/y.md", "site.yaml"] { try write(path, "一") }
        let watcher = SiteWatcher(site: root.path)
        var snapshot = watcher.snapshot()
        XCTAssertEqual(snapshot.files.count, 5)

        try write("content/v/a.md", "一二")
        XCTAssertEqual(watcher.update(&snapshot, paths: ["content/v/a.md"]), ["content/v/a.md"])
        XCTAssertEqual(snapshot, watcher.snapshot())

        // A file that became a folder, a folder that became a file, a new file, a removed one.
        try manager.removeItem(at: root.appendingPathComponent("content/v/b.md"))
        try write("content/v/b.md/c.md", "三")
        try manager.removeItem(at: root.appendingPathComponent("content/v/d"))
        try write("content/v/d", "四")
        try write("content/v/e.md", "五")
        try manager.removeItem(at: root.appendingPathComponent("site.yaml"))
        XCTAssertEqual(
            watcher.update(&snapshot, paths: ["content/v/b.md", "content/v/d", "content/v/e.md", "site.yaml"]),
            ["content/v/b.md", "content/v/b.md/c.md", "content/v/d", "content/v/d/x.md", "content/v/d/y.md", "content/v/e.md", "site.yaml"])
        XCTAssertEqual(snapshot, watcher.snapshot())

        // A folder and a file in it in one batch; and back to a file.
        try manager.removeItem(at: root.appendingPathComponent("content/v/b.md"))
        try write("content/v/b.md", "六")
        try write("content/v/f/g.md", "七")
        XCTAssertEqual(
            watcher.update(&snapshot, paths: ["content/v/f", "content/v/f/g.md", "content/v/b.md"]),
            ["content/v/b.md", "content/v/b.md/c.md", "content/v/f/g.md"])
        XCTAssertEqual(snapshot, watcher.snapshot())
    }
}

/// The kernel's feed of changes (inotify) names what a poll of times and sizes sees, and what it cannot.
final class ChangeFeedTests: XCTestCase {
    func testFeedNamesEveryChangeTheBuildReadsAndNothingElse() throws {
        let root = try temporaryDirectory(self)
        let page = root.appendingPathComponent("content/villages/x/notices/a.md")
        try FileManager.default.createDirectory(at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("一二".utf8).write(to: page)
        try Data("title: x\n".utf8).write(to: root.appendingPathComponent("site.yaml"))
        let watcher = SiteWatcher(site: root.path)
        let feed = try XCTUnwrap(ChangeFeed(site: root.path), "inotify is not available")
        var last = watcher.snapshot()

        /// The watched files the next batch of the feed changed.
        func next() -> [String] {
            guard case .paths(let paths)? = feed.wait(timeout: 2) else { return [] }
            let (snapshot, changed) = watcher.update(last, paths: paths)
            last = snapshot
            XCTAssertEqual(snapshot, watcher.snapshot(), "the updated snapshot is the site as it is now")
            return changed
        }

        // Rewritten at the same size with the same time: a poll sees nothing, the feed does.
        let stamp = try FileManager.default.attributesOfItem(atPath: page.path)[.modificationDate] as! Date
        try Data("三四".utf8).write(to: page)
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: page.path)
        XCTAssertEqual(next(), ["content/villages/x/notices/a.md"])
        XCTAssertEqual(SiteWatcher.changes(from: last, to: watcher.snapshot()), [])

        // A permission change (a file made readable again).
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: page.path)
        XCTAssertEqual(next(), ["content/villages/x/notices/a.md"])

        // Not read by the build: hidden editor files, the output, other top-level files.
        try Data("x".utf8).write(to: root.appendingPathComponent("content/villages/x/notices/.a.md.swp"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("public"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("public/index.html"))
        try Data("x".utf8).write(to: root.appendingPathComponent("notes.txt"))
        XCTAssertNil(feed.wait(timeout: 0.3))

        // A new folder with a page in it, made at once (the page may land before its folder is watched).
        let added = root.appendingPathComponent("content/villages/y/news/b.md")
        try FileManager.default.createDirectory(at: added.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("新".utf8).write(to: added)
        XCTAssertEqual(next(), ["content/villages/y/news/b.md"])
        // ... and watched from then on.
        try Data("新的".utf8).write(to: added)
        XCTAssertEqual(next(), ["content/villages/y/news/b.md"])

        // An editor's save: write a temporary file, rename it over the page.
        let temporary = root.appendingPathComponent("content/villages/x/notices/a.md.tmp")
        try Data("五六七".utf8).write(to: temporary)
        _ = rename(temporary.path, page.path)
        XCTAssertEqual(next(), ["content/villages/x/notices/a.md"])

        // A folder moved out of the site, and site.yaml edited.
        let away = try temporaryDirectory(self, name: "away")
        try FileManager.default.moveItem(at: root.appendingPathComponent("content/villages/y"), to: away.appendingPathComponent("y"))
        try Data("title: y\n".utf8).write(to: root.appendingPathComponent("site.yaml"))
        XCTAssertEqual(next(), ["content/villages/y/news/b.md", "site.yaml"])

        // Removed.
        try FileManager.default.removeItem(at: page)
        XCTAssertEqual(next(), ["content/villages/x/notices/a.md"])
    }
}
