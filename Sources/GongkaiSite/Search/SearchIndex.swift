import Foundation
import Synchronization
import GongkaiContent

/// 站内搜索 without a server: an index built with the site, read by `assets/gongkai-search.js`.
///
/// Text is cut into tokens the same way here and in the script: every Han character is a token, and
/// so is every pair of neighbouring ones (宪法宣传 → 宪 宪法 法 法宣 宣 宣传 传); runs of Latin letters
/// and digits become lower-case words. Han characters are read as simplified (`HanFold`: 憲 is 宪),
/// full-width letters and digits as ASCII. A query of one character looks up that character; longer
/// runs look up their pairs. Each posting says where on the page the token is: title (2), summary or
/// front-matter fields (1), body (0); the script ranks results with it (see search.js).
///
/// The index is split into shards by a hash of the token, so a query loads only the shards of its
/// own tokens; page titles and texts are in chunks of `chunkSize` pages, loaded only for the results
/// shown. Every file is a script calling `GongkaiSearch.…(…)`: scripts load from `file://` (where
/// `fetch` of JSON is refused) and from any sub-path, as every other link of the portal does.
///
/// Files, all under `search/data/`:
/// - `meta.js`: shard count, chunk size, owners and kinds, and for each page its owner and kind
///   (for the filters, before any chunk is loaded);
/// - `t<n>.js`: shard n, `{token: postings}`; postings are the page numbers in increasing order,
///   delta-encoded with the token's place on the page (see `encodePostings`);
/// - `fold.js`: the traditional → simplified pairs (`HanFold`), for the query;
/// - `d<n>.js`: chunk n, `[[title, path, date, text], …]`.
/// Page numbers follow the site's order, newest first, so ascending numbers are newest first.
struct SearchIndex {
    static let page = "search/index.html"
    static let dataFolder = "search/data"

    /// The output path of shard file `shard` (`t<n>.js`, which search.js loads by number).
    static func shardPath(_ shard: Int) -> String { "\(dataFolder)/t\(shard).js" }
    static let chunkSize = 8
    /// Characters of a page's text kept for result snippets; a match further on is still found
    /// (the index covers the whole text), the snippet then shows the beginning.
    static let textLimit = 300
    /// About this many postings per shard (≈ 20–40 KB of script).
    static let postingsPerShard = 12_000
    static let maxShards = 4096

    /// The index of `documents` (newest first) as `[OutputFile]` under `search/data/`. Documents are
    /// tokenised in blocks of `blockSize`, in parallel; the result does not depend on the block size.
    /// `blocks`: made already (the generator tokenises pages as it renders them: the text need not be
    /// kept), in blocks of `blockSize`. `cache`: blocks of earlier builds of the same process.
    /// `emit`: where each file goes once made (the generator writes them at once).
    static func build(
        _ documents: [Document], blocks made: [Block]? = nil, owners: [(id: String, name: String)],
        blockSize: Int = blockSize, entryBits: Int = 32, cache: BlockCache? = nil,
        store: Store? = nil, remake: @Sendable (Int) -> Block = { _ in fatalError("a stored block without its pages") },
        emit: @Sendable (OutputFile) -> OutputFile = { $0 }, ownerIndex: (Page) -> Int
    ) -> [OutputFile] {
        build(
            Documents(pages: documents.map(\.page)) { documents[$0] },
            blocks: made ?? self.blocks(documents, blockSize: blockSize, entryBits: entryBits, cache: cache), owners: owners,
            cache: cache, store: store, remake: remake, emit: emit
        ) { ownerIndex(documents[$0].page) }
    }

    /// The index of the pages of `documents`, from their `blocks` (see above). A page's `Document` is
    /// made only for a chunk file that is made: an edit build makes few.
    static func build(
        _ documents: Documents, blocks made: [Block], owners: [(id: String, name: String)], cache: BlockCache? = nil,
        store: Store? = nil, remake: @Sendable (Int) -> Block = { _ in fatalError("a stored block without its pages") },
        emit: @Sendable (OutputFile) -> OutputFile = { $0 }, ownerIndex: (Int) -> Int
    ) -> [OutputFile] {
        var blocks = made
        var outputs: [OutputFile]
        var runs: @Sendable () -> [UInt64: [UInt64]] = { [:] }
        var shardCount = Self.shardCount(entries: blocks.reduce(0) { $0 + $1.count })
        if let store, blocks.contains(where: \.isStored), store.previous?.pageCount == documents.count,
            let (files, changedRuns) = updatedShards(
                blocks, words: { [blocks] in WordNumbers(blocks, cache: cache) }, shardCount: shardCount, store: store, emit: emit)
        {
            outputs = files
            runs = { changedRuns }
        } else {
            var words = WordNumbers(blocks, cache: cache)
            if blocks.contains(where: \.isStored) {
                // The stored blocks' pages are tokenised after all.
                let made = blocks
                blocks = parallelMap(Array(made.indices)) { made[$0].isStored ? remake($0) : made[$0] }
                words = WordNumbers(blocks)
                shardCount = Self.shardCount(entries: words.entries)
            }
            let made = shards(blocks, words: words, shardCount: shardCount, cache: cache, emit: emit)
            outputs = made.files
            if let store {
                if store.note.isEmpty { store.note = "full" }
                if let gathered = made.runs {
                    let hashes = Dictionary(zip(blocks.map(\.key), gathered)) { a, _ in a }
                    runs = { hashes }
                } else {
                    // Only the next build reads them (saved once the output is in place): made on another
                    // thread while this one goes on, which lets the blocks go once they are hashed.
                    let made = Handoff(blocks)
                    let hashes = Deferred { [shardCount] in
                        Dictionary(made.take().map { ($0.key, $0.runHashes(shardCount: shardCount)) }) { a, _ in a }
                    }
                    runs = { hashes.value }
                }
            }
        }
        let chunkKeys = store.map { _ in self.chunkKeys(documents.pages) }
        let chunkFiles = chunks(documents, blocks: blocks, cache: cache, keys: chunkKeys, stored: store?.previous, emit: emit)
        if let store, let chunkKeys {
            var saved = saved(blocks, pageCount: documents.count, shardCount: shardCount, files: outputs)
            saved.chunkKeys = chunkKeys
            saved.chunkStamps = chunkFiles.map(\.stamp)
            store.record(saved, runs: runs)
        }
        outputs += chunkFiles
        // With the store, the last build's meta.js while its key is the same.
        let metaKey = store.map { _ in self.metaKey(documents.pages, shards: shardCount, owners: owners) }
        let metaPath = "\(dataFolder)/meta.js"
        if let store, let metaKey, let previous = store.previous, previous.metaKey == metaKey, let stamp = previous.metaStamp {
            outputs.append(OutputFile(unchanged: metaPath, stamp: stamp))
        } else {
            outputs.append(
                OutputFile(
                    metaPath,
                    bytes: metaScript(
                        documents.pages, shards: shardCount, owners: owners,
                        table: cache.map {
                            sessionMetaTable(documents.pages, blocks: blocks, owners: owners, width: metaWidth(owners), cache: $0, ownerIndex: ownerIndex)
                        }, ownerIndex: ownerIndex)))
        }
        store?.recordMeta(key: metaKey ?? 0, stamp: outputs[outputs.count - 1].stamp)
        outputs.append(OutputFile("\(dataFolder)/fold.js", bytes: foldScript))
        return outputs
    }

    /// Shards for `entries` entries (of all blocks): a power of two.
    static func shardCount(entries: Int) -> Int {
        var shardCount = 1
        while shardCount < maxShards && shardCount * postingsPerShard < entries { shardCount *= 2 }
        return shardCount
    }

    /// The key of `meta.js` (see `metaScript`): the shard count, the owners, and each page's owner and
    /// kind — read as the key of the page's values but its body (`Page.valuesKey`, which the build state
    /// keeps for every page an edit build restores: unchanged by a body edit, and nothing read but it),
    /// else as they are.
    static func metaKey(_ pages: [Page], shards: Int, owners: [(id: String, name: String)]) -> UInt64 {
        var key = StableHash()
        key.add("meta")
        key.add(pages.count)
        key.add(shards)
        for owner in owners {
            key.add(owner.id)
            key.add(owner.name)
        }
        for n in pages.indices {
            if let values = pages[n].valuesKey {
                key.add(1)
                key.add(values)
            } else {
                key.add(2)
                key.add(pages[n].kind.rawValue)
                key.add(pages[n].owner.villageID)
            }
        }
        return key.value
    }

    /// What the store keeps of this index: `files` starts with the shard files.
    static func saved(_ blocks: [Block], pageCount: Int, shardCount: Int, files: [OutputFile]) -> Store.Saved {
        Store.Saved(
            pageCount: pageCount, blockKeys: blocks.map(\.key), blockCounts: blocks.map(\.count),
            blockWords: blocks.map(\.firstWords), shardCount: shardCount, shardStamps: files.prefix(shardCount).map(\.stamp))
    }

    /// The blocks of `documents`, made in parallel (or taken from a session's `cache`).
    static func blocks(_ documents: [Document], blockSize: Int, entryBits: Int, cache: BlockCache?) -> [Block] {
        let blockCount = (documents.count + blockSize - 1) / blockSize
        cache?.startBuild()
        let blocks = parallelMap(Array(0..<blockCount)) { n -> Block in
            let pages = (n * blockSize)..<min(documents.count, (n + 1) * blockSize)
            return Self.block(key: blockKey(pages) { documents[$0].page }, cache: cache) {
                // (As serve's edit builds make them: of the pages' tokens the cache keeps.)
                if let cache, entryBits == 32 { return Block(documents, pages: pages, tokens: cache) }
                return Block(documents, pages: pages, entryBits: entryBits)
            }
        }
        cache?.keep()
        return blocks
    }

    /// The words of the whole index, numbered in order of first appearance (deterministic: documents
    /// are in site order, each one's words sorted), and each block's own word numbers mapped to them.
    struct WordNumbers {
        var names: [String] = []
        /// For each block, the index's number of each of its words.
        var ofBlock: [[UInt64]] = []
        /// Entries of all blocks.
        var entries = 0
        /// Each word's number.
        var ids: [String: UInt64] = [:]

        /// None.
        init() {}

        /// With a session's `cache`, the last build's numbers when every block whose key changed has
        /// the words its last one had, met in the same order (a body edit without new words): then the
        /// words and their numbers are the same, and only the changed blocks' own numbers are made.
        init(_ blocks: [Block], cache: BlockCache?) {
            if let cache, let last = cache.lastWords, last.blocks.count == blocks.count,
                let patched = WordNumbers(patching: last.words, from: last.blocks, to: blocks)
            {
                self = patched
            } else {
                self.init(blocks)
            }
            cache?.lastWords = (blocks, self)
        }

        init?(patching last: WordNumbers, from before: [Block], to blocks: [Block]) {
            let changed = blocks.indices.filter { blocks[$0].key != before[$0].key || blocks[$0].key == 0 }
            guard changed.count <= max(4, blocks.count / 4), changed.allSatisfy({ blocks[$0].firstWords == before[$0].firstWords }) else {
                return nil
            }
            self = last
            for n in changed {
                entries += blocks[n].count - before[n].count
                var numbers: [UInt64] = []
                numbers.reserveCapacity(blocks[n].words.count)
                for word in blocks[n].words {
                    guard let id = ids[word] else { return nil }
                    numbers.append(id)
                }
                ofBlock[n] = numbers
            }
        }

        init(_ blocks: [Block]) {
            ofBlock = blocks.map { block in
                entries += block.count
                var numbers = [UInt64](repeating: 0, count: block.words.count)
                for local in block.firstSeen {
                    let word = block.words[Int(local)]
                    if let id = ids[word] {
                        numbers[Int(local)] = id
                    } else {
                        numbers[Int(local)] = UInt64(names.count)
                        ids[word] = UInt64(names.count)
                        names.append(word)
                    }
                }
                return numbers
            }
        }
    }

    // MARK: Measuring

    /// Bytes of the index (everything under `search/data/`) and of the site's HTML.
    static func measure(_ outputs: [OutputFile]) -> (index: Int, html: Int) {
        var index = 0
        var html = 0
        let folder = Array((dataFolder + "/").utf8), suffix = Array(".html".utf8)
        // Most paths fail on their first or last byte (read in place: not through the text's indices).
        func measure<Path: BidirectionalCollection<UInt8>>(_ path: Path, size: Int) {
            if path.first == folder[0] && path.starts(with: folder) { index += size }
            if path.last == suffix[suffix.count - 1] && path.count >= suffix.count && path.suffix(suffix.count).elementsEqual(suffix) {
                html += size
            }
        }
        for n in outputs.indices {
            let (path, size) = (outputs[n].path, outputs[n].size)
            if path.utf8.withContiguousStorageIfAvailable({ measure($0, size: size) }) == nil { measure(path.utf8, size: size) }
        }
        return (index, html)
    }
}

/// A value handed to another thread and let go there once taken: a closure that captured it would
/// hold it until the closure itself goes.
final class Handoff<T: Sendable>: Sendable {
    private let value: Mutex<T?>

    init(_ value: T) { self.value = Mutex(value) }

    /// The value, once (it is let go as it is taken).
    func take() -> T {
        value.withLock { held in
            defer { held = nil }
            return held!
        }
    }
}
