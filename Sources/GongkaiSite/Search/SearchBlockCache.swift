import Foundation
import GongkaiContent

extension SearchIndex {
    static let blockSize = 64

    /// The key of the block of `pages` (numbers in the site's order) in a session's cache: the pages,
    /// unchanged and at the same numbers, make the same block.
    /// `blockKey` of `range` of `pages`, each page read in place (a closure returning a `Page` copies
    /// and releases every field of each: a tenth of serve's markdown phase at 10,000 pages).
    static func blockKey(_ range: Range<Int>, of pages: [Page]) -> UInt64 {
        var key = StableHash()
        key.add(range.lowerBound)
        key.add(range.upperBound)
        for number in range { BuildKeys.add(pages[number], to: &key) }
        return key.value
    }

    static func blockKey(_ pages: Range<Int>, page: (Int) -> Page) -> UInt64 {
        var key = StableHash()
        key.add(pages.lowerBound)
        key.add(pages.upperBound)
        for number in pages { BuildKeys.add(page(number), to: &key) }
        return key.value
    }

    /// The block `make` makes, or with a session's `cache` the one an earlier build made of the same pages.
    static func block(key: @autoclosure () -> UInt64, cache: BlockCache?, make: () -> Block) -> Block {
        guard let cache else { return make() }
        let key = key()
        return cache.block(key) {
            var block = make()
            block.key = key
            return block
        }
    }

    /// Tokenised blocks kept by a session (`gongkai serve`) between builds, by a key of their pages.
    // Safe to share because: `blocks`, `used`, `runs`, `files` and `hits` are written only inside
    // `lock.withLock` and read there too, except `hits`, which is read only after the phase that
    // writes it (a timer note), when no other thread runs; `make` runs outside the lock.
    final class BlockCache: @unchecked Sendable {
        private var blocks: [UInt64: Block] = [:]
        private var used: Set<UInt64> = []
        private let lock = NSLock()

        /// Blocks the last build took from the cache.
        private(set) var hits = 0

        func block(_ key: UInt64, make: () -> Block) -> Block {
            if let block = lock.withLock({ blocks[key] }) {
                lock.withLock {
                    used.insert(key)
                    hits += 1
                }
                return block
            }
            let block = make()
            lock.withLock {
                blocks[key] = block
                used.insert(key)
            }
            return block
        }

        /// After a build: only the blocks it used are kept, and the page tokens of the blocks it made
        /// of them (the last ones kept when it made none).
        func keep() {
            lock.withLock {
                blocks = blocks.filter { used.contains($0.key) }
                runs = runs.filter { used.contains($0.key) }
                used = []
                if !usedTokens.isEmpty {
                    tokens = usedTokens
                    usedTokens = [:]
                }
            }
        }

        /// Pages' tokens by the page's key (see `Block.init(_:pages:tokens:)`).
        private var tokens: [UInt64: PageTokenList] = [:]
        private var usedTokens: [UInt64: PageTokenList] = [:]

        func pageTokens(_ key: UInt64) -> PageTokenList? { lock.withLock { tokens[key] } }

        func keepPageTokens(_ key: UInt64, _ list: PageTokenList) { lock.withLock { usedTokens[key] = list } }

        /// For each block (by its key), the hashes of its entries in each shard, and what they were
        /// computed for (shard count and words).
        private var runs: [UInt64: (context: UInt64, hashes: [UInt64])] = [:]

        func runHashes(_ block: UInt64, context: UInt64, make: () -> [UInt64]) -> [UInt64] {
            if let kept = lock.withLock({ runs[block] }), kept.context == context { return kept.hashes }
            let hashes = make()
            lock.withLock { runs[block] = (context, hashes) }
            return hashes
        }

        /// What the last index build did with the shards (for the timer): "", or ", n of m shards, …".
        private(set) var note = ""

        func noted(_ text: String) { lock.withLock { note = text } }

        func startBuild() {
            lock.withLock {
                hits = 0; note = ""
            }
        }

        /// The last build's shard files and what they were made of: an edit build makes again only the
        /// shards in which a changed block's entries differ (see `SearchIndex.shards`).
        struct LastShards {
            var blocks: [Block]
            var names: [String]
            var shardCount: Int
            var files: [OutputFile]
            /// `Block.runHashes` of blocks an edit build made, by key (the others' are made when asked for).
            var runs: [UInt64: [UInt64]] = [:]
        }
        private var lastShardFiles: LastShards?
        var lastShards: LastShards? {
            get { lock.withLock { lastShardFiles } }
            set { lock.withLock { lastShardFiles = newValue } }
        }

        /// The last build's chunk files, by the keys of their pages, and the keys of its blocks
        /// (`byBlock`: blocks of `blockSize` pages, each chunk's pages in one).
        struct LastChunks {
            var blockKeys: [UInt64]
            var byBlock: Bool
            var keys: [UInt64]
            var files: [OutputFile]
        }
        private var lastChunkFiles: LastChunks?
        var lastChunks: LastChunks? {
            get { lock.withLock { lastChunkFiles } }
            set { lock.withLock { lastChunkFiles = newValue } }
        }

        /// The last build's blocks and the numbers of their words (see `WordNumbers.init(_:cache:)`).
        private var lastWordNumbers: (blocks: [Block], words: WordNumbers)?
        var lastWords: (blocks: [Block], words: WordNumbers)? {
            get { lock.withLock { lastWordNumbers } }
            set { lock.withLock { lastWordNumbers = newValue } }
        }

        /// The last build's page table of `meta.js`, with the owners and block keys it was made for.
        private var lastMetaTable: (owners: [String], blockKeys: [UInt64], table: [UInt8])?
        var lastMeta: (owners: [String], blockKeys: [UInt64], table: [UInt8])? {
            get { lock.withLock { lastMetaTable } }
            set { lock.withLock { lastMetaTable = newValue } }
        }

        /// Files of the index by path, with the key of what they were made from.
        private var files: [String: (key: UInt64, file: OutputFile)] = [:]

        func file(_ path: String, key: UInt64, make: () -> OutputFile) -> OutputFile {
            if let kept = lock.withLock({ files[path] }), kept.key == key { return kept.file }
            let file = make()
            lock.withLock { files[path] = (key, file) }
            return file
        }
    }
}
