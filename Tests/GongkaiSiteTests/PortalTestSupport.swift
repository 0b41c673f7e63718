import Foundation
import GongkaiTestSupport
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
        let root = try temporaryDirectory(test)
        try writeFiles(base.merging(files) { _, new in new }, under: root)
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

    func postings(_ token: String) throws -> [(page: Int, place: Int)] {
        guard let text = try shard(shard(for: token))[token] else { return [] }
        return SearchIndex.decodePostings(text)
    }

    /// A query as the browser script reads it (search.js `analyse`): its terms, each with its tokens in
    /// order; every token once; the pairs where one Han term meets the next.
    struct Query {
        var terms: [(text: String, tokens: [String])] = []
        var tokens: [String] = []
        var joins: [String] = []
    }

    static func analyse(_ query: String) -> Query {
        var q = Query()
        var run: [UInt32] = []
        var runHan = false
        var lastHan: UInt32 = 0
        func string(_ c: [UInt32]) -> String { String(String.UnicodeScalarView(c.compactMap(Unicode.Scalar.init))) }
        func add(_ token: String) -> String {
            if !q.tokens.contains(token) { q.tokens.append(token) }
            return token
        }
        func flush() {
            if run.isEmpty { return }
            let term = string(run)
            var own: [String] = []
            if runHan && run.count > 1 {
                for i in 0..<(run.count - 1) { own.append(add(string([run[i], run[i + 1]]))) }
            } else {
                own.append(add(term))
            }
            if runHan && lastHan != 0 {
                let join = string([lastHan, run[0]])
                if !q.tokens.contains(join) && !q.joins.contains(join) { q.joins.append(join) }
            }
            lastHan = runHan ? run[run.count - 1] : 0
            if !q.terms.contains(where: { $0.text == term }) { q.terms.append((term, own)) }
            run = []
        }
        for scalar in query.unicodeScalars {
            var c = SearchIndex.fold(scalar.value)
            if c < 0x10000 { c = HanFold.table[Int(c)] }
            let kind = SearchIndex.isHan(c) ? 1 : SearchIndex.isWordCharacter(c) ? 2 : 0
            if kind == 0 || (!run.isEmpty && (kind == 1) != runHan) { flush() }
            if kind != 0 {
                runHan = kind == 1
                run.append(c)
            }
        }
        flush()
        let tokens = q.tokens
        q.joins.removeAll { tokens.contains($0) }
        return q
    }

    /// Page numbers for `query`, best first, and whether they are partial matches: the rules of
    /// search.js `rank`, written again here so that a test can compare the two.
    func rank(_ query: String) throws -> (pages: [Int], partial: Bool) {
        let q = BuiltSearchIndex.analyse(query)
        if q.tokens.isEmpty { return ([], false) }
        var at: [Int: [String: Int]] = [:]
        var rarity: [String: Double] = [:]
        let total = Double(meta["count"] as? Int ?? 0)
        for token in q.tokens {
            let list = try postings(token)
            rarity[token] = list.isEmpty ? 0 : log(1 + total / Double(list.count))
            for posting in list { at[posting.page, default: [:]][token] = posting.place }
        }
        var joined: Set<String> = []
        for token in q.joins {
            for posting in try postings(token) { joined.insert("\(posting.page) \(token)") }
        }
        let full = at.values.contains { $0.count == q.tokens.count }
        let chosen = at.keys.filter { !full || at[$0]!.count == q.tokens.count }
        var score: [Int: Double] = [:]
        for page in chosen {
            var sum = 0.0
            for term in q.terms {
                var length = 0, lowest = 2
                var rare = 0.0
                for token in term.tokens + [nil] as [String?] {
                    if let token, let place = at[page]![token] {
                        length += 1
                        rare += rarity[token]!
                        lowest = min(lowest, place)
                    } else if length > 0 {
                        sum += Double(length * (1 + lowest)) * rare
                        length = 0
                        lowest = 2
                        rare = 0
                    }
                }
            }
            for token in q.joins where joined.contains("\(page) \(token)") { sum += 1 }
            score[page] = (sum * 1e6).rounded()
        }
        let pages = chosen.sorted { (-score[$0]!, $0) < (-score[$1]!, $1) }
        return (pages, !full && !pages.isEmpty)
    }

    /// Page numbers for `query` as the browser shows them, best first.
    func search(_ query: String) throws -> [Int] { try rank(query).pages }

    /// `[title, path, date, text]` of a page number.
    func document(_ number: Int) throws -> [String] {
        let chunk = try XCTUnwrap(BuiltSearchIndex.payload(of: folder.appendingPathComponent("d\(number / chunkSize).js"), skipNumber: true) as? [[String]])
        return chunk[number % chunkSize]
    }

    func titles(_ query: String) throws -> [String] {
        try search(query).map { try document($0)[0] }
    }
}
