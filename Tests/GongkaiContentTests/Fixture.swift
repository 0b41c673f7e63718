import Foundation
import GongkaiTestSupport
import XCTest

/// A site on disk in a fresh temporary folder, removed after the test.
struct Fixture {
    let root: URL

    init(_ test: XCTestCase, files: [String: String]) throws {
        root = try temporaryDirectory(test)
        try writeFiles(files, under: root)
    }

    func write(_ path: String, _ text: String) throws {
        try writeFiles([path: text], under: root)
    }

    func write(_ path: String, _ data: Data) throws {
        try writeFiles([path: data], under: root)
    }

    var path: String { root.path }

    static let minimal: [String: String] = [
        "site.yaml": "title: 测试镇门户\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n简介\n",
    ]
}
