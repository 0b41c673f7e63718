import Foundation
import GongkaiTestSupport
import XCTest
import GongkaiContent
@testable import GongkaiSite

/// How the shard files are made of the blocks: a full build gathers them in batches (`shardsInBatches`),
/// a session shard by shard from every entry's key (`shardEntries`); both must give the same files.
final class SearchShardTests: XCTestCase {
    /// Pages of Chinese text with some words and a character outside U+3400–U+9FFF, in blocks of 64.
    static func blocks(entryBits: Int) -> [SearchIndex.Block] {
        var random = RandomText(seed: 5, pool: SearchIndexTests.filler + "宪法普法低保治理乡风文明，。 WiFi 2026 Café 𠀋")
        let documents = (0..<300).map { n in
            let page = Page(
                sourcePath: "content/villages/a/news/\(n).md", kind: .article, owner: .village("a"), section: "news",
                slug: "\(n)", title: random.text(10), date: PageDate(day: Day(year: 2026, month: 1, day: 1)!))
            return SearchIndex.Document(page: page, summary: random.text(20), plainText: random.text(50 + random.next(600)))
        }
        return stride(from: 0, to: documents.count, by: 64).map {
            SearchIndex.Block(documents, pages: $0..<min(documents.count, $0 + 64), entryBits: entryBits)
        }
    }

    /// Gathered in batches, each token's key looked up once a block (`Block.gather`): the shards made of
    /// every entry's key, and each block's `runHashes` hashed as gathered, for entries of 3, 4 and 8
    /// bytes and one shard to more than there are tokens.
    func testShardsGatheredInBatchesAreTheShardsOfEveryEntrysKey() {
        for entryBits in [32, 24, 12] {
            let blocks = Self.blocks(entryBits: entryBits)
            XCTAssertTrue(blocks.contains { $0.entryWidth == (entryBits == 32 ? 3 : entryBits == 24 ? 4 : 8) }, "\(entryBits) bits")
            let words = SearchIndex.WordNumbers(blocks)
            for shardCount in [1, 16, 1024] {
                let (batches, runs) = SearchIndex.shardsInBatches(blocks: blocks, shardCount: shardCount, words: words) { shard, entries in
                    OutputFile("t\(shard).js", bytes: SearchIndex.shardScript(shard, entries, wordNames: words.names))
                }
                XCTAssertEqual(batches.count, shardCount)
                XCTAssertEqual(runs, blocks.map { $0.runHashes(shardCount: shardCount) }, "\(entryBits) bits, \(shardCount) shards: run hashes")
                for shard in 0..<shardCount {
                    let (keys, values) = SearchIndex.shardEntries(
                        shard, of: blocks, numbers: blocks.indices, shardCount: shardCount, wordNumbers: words.ofBlock)
                    let bytes = keys.withUnsafeBufferPointer { keys in
                        values.withUnsafeBufferPointer { SearchIndex.shardScript(shard, keys: keys[...], values: $0[...], wordNames: words.names) }
                    }
                    XCTAssertEqual(batches[shard].bytes, bytes, "\(entryBits) bits, shard \(shard) of \(shardCount)")
                }
            }
        }
    }
}
