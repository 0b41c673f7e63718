import Foundation
import XCTest
@testable import GongkaiSite

/// The build's tokenizer against the vectors search.js is tested with too (tests/search/token-vectors.json,
/// run in chromium by tests/search/token_vectors.py): the index and the query cut text the same way.
final class TokenVectorTests: XCTestCase {
    struct Vector: Decodable {
        var name: String
        var text: String
        var index: [String]
        var query: [String]
        var joins: [String]
    }

    struct File: Decodable {
        var vectors: [Vector]
    }

    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("tests/search/token-vectors.json")

    func vectors() throws -> [Vector] {
        let vectors = try JSONDecoder().decode(File.self, from: Data(contentsOf: Self.path)).vectors
        XCTAssertGreaterThan(vectors.count, 20)
        return vectors
    }

    /// Compared as code points: Swift's `==` on strings would take 豈 (U+F900) for 豈 (U+8C48).
    func scalars(_ tokens: [String]) -> [[UInt32]] { tokens.map { $0.unicodeScalars.map(\.value) } }

    func testBuildTokenizerMakesTheVectorsIndexTokens() throws {
        for vector in try vectors() {
            let tokens = SearchIndex.tokens(vector.text)
            XCTAssertEqual(scalars(tokens), scalars(vector.index), "\(vector.name): “\(vector.text)” → \(tokens), not \(vector.index)")
        }
    }

    /// BuiltSearchIndex.analyse, the tests' copy of search.js `analyse` (used to rank built indexes).
    func testQueryAnalysisMakesTheVectorsQueryTokens() throws {
        for vector in try vectors() {
            let query = BuiltSearchIndex.analyse(vector.text)
            XCTAssertEqual(scalars(query.tokens), scalars(vector.query), "\(vector.name): “\(vector.text)” → \(query.tokens), not \(vector.query)")
            XCTAssertEqual(scalars(query.joins), scalars(vector.joins), "\(vector.name): “\(vector.text)” joins \(query.joins), not \(vector.joins)")
        }
    }

    /// A page holding a text is found by that text as a query: every token the query needs is one the
    /// index made of it.
    func testEveryQueryTokenIsAnIndexToken() throws {
        for vector in try vectors() {
            let index = Set(scalars(vector.index))
            for token in scalars(vector.query) {
                XCTAssertTrue(index.contains(token), "\(vector.name): query token \(token) is not in the index tokens")
            }
            // A search box drops line breaks: the browser side would see another text.
            XCTAssertFalse(vector.text.unicodeScalars.contains { $0 == "\n" || $0 == "\r" }, vector.name)
        }
    }
}
