import Foundation
import XCTest
import GongkaiContent
@testable import GongkaiSite

/// A small portal written to disk and built: the fixture of the search, feed and portal-page tests.
struct PortalFixture {
    let root: URL
    let output: URL
    let summary: SiteBuilder.Summary

    static let today = Day(year: 2026, month: 11, day: 23)!

    static let base: [String: String] = [
        "site.yaml": "title: 白鹭镇测试门户\nbase-url: https://example.org/bailu/\nfooter:\n  sponsor: 白鹭镇人民政府\n",
        "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n",
        "content/villages/lugao/_village.md": "---\nname: 芦篙村\ntype: village\n---\n",
    ]

    /// Builds `files` (over `base`) into `<root>/public`.
    static func build(_ test: XCTestCase, _ files: [String: String], base: [String: String] = PortalFixture.base) throws -> PortalFixture {
        let root = try makeTemporaryFolder(test)
        try writeSite(base.merging(files) { _, new in new }, to: root)
        let output = root.appendingPathComponent("public")
        let summary = try SiteBuilder.build(.init(site: root.path, output: output.path, today: today, incremental: false))
        return PortalFixture(root: root, output: output, summary: summary)
    }

    func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: output.appendingPathComponent(path)), as: UTF8.self)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }
}

/// Reads the search index a build wrote (`search/data/*.js`) the way the browser script does, so
/// tests can query it: the argument of each `GongkaiSearch.…(…)` call parsed as JSON.
struct BuiltSearchIndex {
    let folder: URL
    let meta: [String: Any]

    init(output: URL) throws {
        folder = output.appendingPathComponent("search/data")
        meta = try XCTUnwrap(BuiltSearchIndex.payload(of: folder.appendingPathComponent("meta.js"), skipNumber: false) as? [String: Any])
    }

    var shardCount: Int { meta["shards"] as? Int ?? 0 }
    var chunkSize: Int { meta["chunk"] as? Int ?? 0 }

    /// The JSON argument of `GongkaiSearch.name(…)`, after the leading number for shards and chunks.
    static func payload(of file: URL, skipNumber: Bool) throws -> Any {
        let text = try String(contentsOf: file, encoding: .utf8)
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")") else {
            throw NSError(domain: "index", code: 1, userInfo: [NSLocalizedDescriptionKey: "not a call: \(file.lastPathComponent)"])
        }
        var json = text[text.index(after: open)..<close]
        if skipNumber, let comma = json.firstIndex(of: ",") { json = json[json.index(after: comma)...] }
        return try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
    }

    func shard(for token: String) -> Int { Int(SearchIndex.hash(token: token) & UInt32(shardCount - 1)) }

    func shard(_ number: Int) throws -> [String: String] {
        try XCTUnwrap(BuiltSearchIndex.payload(of: folder.appendingPathComponent("t\(number).js"), skipNumber: true) as? [String: String])
    }

    func postings(_ token: String) throws -> [(page: Int, inTitle: Bool)] {
        guard let text = try shard(shard(for: token))[token] else { return [] }
        return SearchIndex.decodePostings(text)
    }

    /// Page numbers having every token of `query`, those with all of them in the title first, then
    /// newest first: what the browser script shows.
    func search(_ query: String) throws -> [Int] {
        let tokens = Array(Set(SearchIndex.tokens(query)))
        if tokens.isEmpty { return [] }
        var pages: [Int: Bool]?
        for token in tokens {
            var found: [Int: Bool] = [:]
            for posting in try postings(token) { found[posting.page] = posting.inTitle }
            if let current = pages {
                var kept: [Int: Bool] = [:]
                for (page, inTitle) in current { if let other = found[page] { kept[page] = inTitle && other } }
                pages = kept
            } else {
                pages = found
            }
        }
        let result = pages ?? [:]
        return result.keys.sorted { (result[$0] == true ? 0 : 1, $0) < (result[$1] == true ? 0 : 1, $1) }
    }

    /// `[title, path, date, text]` of a page number.
    func document(_ number: Int) throws -> [String] {
        let chunk = try XCTUnwrap(BuiltSearchIndex.payload(of: folder.appendingPathComponent("d\(number / chunkSize).js"), skipNumber: true) as? [[String]])
        return chunk[number % chunkSize]
    }

    func titles(_ query: String) throws -> [String] {
        try search(query).map { try document($0)[0] }
    }
}
