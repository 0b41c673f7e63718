import Foundation
import XCTest

/// A site on disk in a fresh temporary folder, removed after the test.
struct Fixture {
    let root: URL

    init(_ test: XCTestCase, files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-content-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let root = self.root
        test.addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    var path: String { root.path }

    static let minimal: [String: String] = [
        "site.yaml": "title: 测试镇门户\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n简介\n",
    ]
}
