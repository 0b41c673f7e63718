import Foundation
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
    static let chunkSize = 8
    /// Characters of a page's text kept for result snippets; a match further on is still found
    /// (the index covers the whole text), the snippet then shows the beginning.
    static let textLimit = 300
    /// About this many postings per shard (≈ 20–40 KB of script).
    static let postingsPerShard = 12_000
    static let maxShards = 4096

    struct Document {
        var page: Page
        var summary: String
        var plainText: String
        /// `snippetText` of the document, when made before its text was let go.
        var snippet: String? = nil

        /// What the front matter says about the page that a reader may search for: its kind's
        /// `searchKeys` (the law a notice explains, the speaker, the person honoured…), then tags.
        var fields: [String] {
            page.kind.spec.searchValues(of: page.fields) + page.tags
        }

        /// Bytes of everything indexed: a bound on the page's distinct pairs.
        var textBytes: Int {
            fields.reduce(page.title.utf8.count + summary.utf8.count + plainText.utf8.count) { $0 + $1.utf8.count }
        }

        /// The fields shown before the text in a result: the law, speaker or person, with a label.
        var lead: String {
            page.kind.spec.searchLeadParts(of: page.fields).joined(separator: " ")
        }
    }

    // MARK: Tokens

    /// A token as a number: a Han pair is `a << 21 | b` (code points < 2^21), a single Han character
    /// `a << 21`; a word is `wordFlag | id`.
    typealias TokenKey = UInt64
    static let wordFlag: UInt64 = 1 << 42

    @inline(__always) static func isHan(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x20000...0x3FFFF).contains(v)
    }

    /// Full-width ASCII becomes ASCII, A–Z lower case: one code point for one, as in the script.
    @inline(__always) static func fold(_ v: UInt32) -> UInt32 {
        var c = v
        if c >= 0xFF01 && c <= 0xFF5E { c -= 0xFEE0 }
        if c >= 0x41 && c <= 0x5A { c += 32 }
        return c
    }

    @inline(__always) static func isWordCharacter(_ c: UInt32) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7)
    }

    /// Where on its page a token is: the highest place wins.
    enum Place {
        static let body: UInt32 = 0, summary: UInt32 = 1, title: UInt32 = 2
    }

    /// Calls `pair` for every Han character (`b` 0) and pair and `word` for every word of `text`, in
    /// order: 宪法 → (宪, 0), (宪, 法), (法, 0).
    @inline(__always)
    static func tokenize(_ text: String, pair: (UInt32, UInt32) -> Void, word: (String) -> Void) {
        tokenize(text, pair: pair, word: { bytes, _ in word(String(decoding: bytes, as: UTF8.self)) })
    }

    /// The same, each word given as its UTF-8 and `hash(token:)` of it, without making a string.
    @inline(__always)
    static func tokenize(_ text: String, pair: (UInt32, UInt32) -> Void, word: ([UInt8], UInt32) -> Void) {
        var text = text
        let han = HanFold.table
        han.withUnsafeBufferPointer { han in
        text.withUTF8 { bytes in
            var previousHan: UInt32 = 0
            var current: [UInt8] = []
            var currentHash: UInt32 = 2_166_136_261
            func endWord() {
                if current.isEmpty { return }
                word(current, currentHash)
                current.removeAll(keepingCapacity: true)
                currentHash = 2_166_136_261
            }
            var i = 0
            let n = bytes.count
            while i < n {
                // Decode one code point (Swift strings hold valid UTF-8).
                let b0 = UInt32(bytes[i])
                var v: UInt32
                if b0 < 0x80 {
                    v = b0
                    i += 1
                } else if b0 < 0xE0 {
                    v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                } else if b0 < 0xF0 {
                    v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    i += 3
                } else {
                    v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                    i += 4
                }
                var c = fold(v)
                if isHan(c) {
                    if c < 0x10000 { c = han[Int(c)] }
                    if previousHan != 0 { pair(previousHan, c) }
                    pair(c, 0)
                    previousHan = c
                    endWord()
                } else if isWordCharacter(c) {
                    previousHan = 0
                    if c < 0x80 {
                        current.append(UInt8(c))
                    } else {
                        current.append(UInt8(0xC0 | c >> 6))   // U+00C0–U+024F: two bytes
                        current.append(UInt8(0x80 | c & 0x3F))
                    }
                    currentHash = (currentHash ^ c) &* 16_777_619
                } else {
                    previousHan = 0
                    endWord()
                }
            }
            endWord()
        }
        }
    }

    /// The tokens of a text as strings (for tests and for the query side).
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        tokenize(text, pair: { a, b in
            var s = String.UnicodeScalarView()
            if let x = Unicode.Scalar(a) { s.append(x) }
            if b != 0, let y = Unicode.Scalar(b) { s.append(y) }
            out.append(String(s))
        }, word: { out.append($0) })
        return out
    }

    /// FNV-1a over code points; the script computes the same.
    static func hash<S: Sequence>(_ codePoints: S) -> UInt32 where S.Element == UInt32 {
        var h: UInt32 = 2_166_136_261
        for c in codePoints {
            h ^= c
            h = h &* 16_777_619
        }
        return h
    }

    static func hash(token: String) -> UInt32 { hash(token.unicodeScalars.map(\.value)) }

    /// The hash of a Han token as a key: `hash([a, b])`, or `hash([a])` for a single character.
    @inline(__always) static func hash(key: UInt64) -> UInt32 {
        let a = UInt32(truncatingIfNeeded: key >> 21), b = UInt32(truncatingIfNeeded: key & 0x1FFFFF)
        if b != 0 { return hash(a, b) }
        var h: UInt32 = 2_166_136_261
        h ^= a
        return h &* 16_777_619
    }

    /// `hash([a, b])` without building an array: called for every pair of every page.
    @inline(__always) static func hash(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        h ^= a
        h = h &* 16_777_619
        h ^= b
        return h &* 16_777_619
    }

    // MARK: Building

    /// Non-zero keys in an open-addressing table, each with a group number (a shard's tokens).
    struct KeyTable {
        var keys: [UInt64]
        var groups: [Int32]
        var count = 0
        var mask: Int

        init(capacity: Int) {
            var size = 64
            while size < capacity * 2 { size *= 2 }
            keys = [UInt64](repeating: 0, count: size)
            groups = [Int32](repeating: 0, count: size)
            mask = size - 1
        }

        /// The group number of `key`: the one it was given, else `next`, now given to it.
        mutating func group(of key: UInt64, next: Int32) -> Int32 {
            if (count + 1) * 2 > keys.count { grow() }
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while true {
                let found = keys[slot]
                if found == key { return groups[slot] }
                if found == 0 {
                    keys[slot] = key
                    groups[slot] = next
                    count += 1
                    return next
                }
                slot = (slot + 1) & mask
            }
        }

        mutating func grow() {
            let old = (0..<keys.count).filter { keys[$0] != 0 }.map { (keys[$0], groups[$0]) }
            self = KeyTable(capacity: keys.count)
            for (key, group) in old { _ = self.group(of: key, next: group) }
        }
    }

    /// The shard files, made in batches of shards whose buckets are next to each other: a batch reads
    /// one stretch of each block, where shard by shard would read every block once per shard (at 50k
    /// pages, 4096 shards × 782 blocks of scattered reads, which grew faster than the site).
    static func shardsInBatches(blocks: [Block], shardCount: Int, wordNumbers: [[UInt64]],
                                make: (Int, Slice<UnsafeBufferPointer<TokenKey>>, Slice<UnsafeBufferPointer<UInt32>>) -> OutputFile)
        -> [OutputFile] {
        let bits = shardCount.trailingZeroBitCount
        let width = Block.bucketCount >> bits
        let batches = min(shardCount, 256)
        let perBatch = shardCount / batches
        let made = parallelMap(Array(0..<batches)) { batch -> [(Int, OutputFile)] in
            // Positions in bucket order; the shard at position p is `reversed(p)` (see `Block.buckets`).
            let positions = (batch * perBatch)..<((batch + 1) * perBatch)
            func run(_ block: Block, _ position: Int) -> Range<Int> {
                Int(block.bucketStarts[position * width])..<Int(block.bucketStarts[(position + 1) * width])
            }
            var starts = [Int](repeating: 0, count: perBatch + 1)
            for block in blocks {
                for (i, position) in positions.enumerated() { starts[i + 1] += run(block, position).count }
            }
            for i in 0..<perBatch { starts[i + 1] += starts[i] }
            var keys = [TokenKey](repeating: 0, count: starts[perBatch])
            var values = [UInt32](repeating: 0, count: starts[perBatch])
            return keys.withUnsafeMutableBufferPointer { keys in
                values.withUnsafeMutableBufferPointer { values in
                    var filled = Array(starts.dropLast())
                    for (block, numbers) in zip(blocks, wordNumbers) {
                        for (i, position) in positions.enumerated() {
                            filled[i] = block.copy(run(block, position), wordNumbers: numbers, keys: keys, values: values, at: filled[i])
                        }
                    }
                    let readKeys = UnsafeBufferPointer(keys), readValues = UnsafeBufferPointer(values)
                    return positions.enumerated().map { i, position in
                        let shard = Block.reversed(position, bits: bits)
                        return (shard, make(shard, readKeys[starts[i]..<starts[i + 1]], readValues[starts[i]..<starts[i + 1]]))
                    }
                }
            }
        }
        var files = [OutputFile?](repeating: nil, count: shardCount)
        for (shard, file) in made.joined() { files[shard] = file }
        return files.map { $0! }
    }

    static let blockSize = 64

    /// The key of the block of `pages` (numbers in the site's order) in a session's cache: the pages,
    /// unchanged and at the same numbers, make the same block.
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

    /// The index of `documents` (newest first) as `[OutputFile]` under `search/data/`. Documents are
    /// tokenised in blocks of `blockSize`, in parallel; the result does not depend on the block size.
    /// `blocks`: made already (the generator tokenises pages as it renders them: the text need not be
    /// kept), in blocks of `blockSize`. `cache`: blocks of earlier builds of the same process.
    /// `emit`: where each file goes once made (the generator writes them at once).
    static func build(_ documents: [Document], blocks made: [Block]? = nil, owners: [(id: String, name: String)],
                      blockSize: Int = blockSize, entryBits: Int = 32, cache: BlockCache? = nil,
                      emit: (OutputFile) -> OutputFile = { $0 }, ownerIndex: (Page) -> Int) -> [OutputFile] {
        let blocks: [Block]
        if let made {
            blocks = made
        } else {
            let blockCount = (documents.count + blockSize - 1) / blockSize
            cache?.startBuild()
            blocks = parallelMap(Array(0..<blockCount)) { n -> Block in
                let pages = (n * blockSize)..<min(documents.count, (n + 1) * blockSize)
                return Self.block(key: blockKey(pages) { documents[$0].page }, cache: cache) {
                    Block(documents, pages: pages, entryBits: entryBits)
                }
            }
            cache?.keep()
        }
        // Words get numbers in order of first appearance (deterministic: documents are in site order,
        // each one's words sorted).
        var wordIDs: [String: UInt64] = [:]
        var wordNames: [String] = []
        var total = 0
        let wordNumbers = blocks.map { block in
            total += block.count
            var numbers = [UInt64](repeating: 0, count: block.words.count)
            for local in block.firstSeen {
                let word = block.words[Int(local)]
                if let id = wordIDs[word] {
                    numbers[Int(local)] = id
                } else {
                    numbers[Int(local)] = UInt64(wordNames.count)
                    wordIDs[word] = UInt64(wordNames.count)
                    wordNames.append(word)
                }
            }
            return numbers
        }
        let blockCount = blocks.count
        var shardCount = 1
        while shardCount < maxShards && shardCount * postingsPerShard < total { shardCount *= 2 }
        var names = StableHash()
        if cache != nil { for name in wordNames { names.add(name) } }
        let wordNamesKey = names.value
        // The entries of `shard` from `blocks` (all, or one), word numbers made the index's.
        func entries(of shard: Int, blocks numbers: Range<Int>) -> (keys: [TokenKey], values: [UInt32]) {
            let buckets = Block.buckets(ofShard: shard, shardCount: shardCount)
            let runs = numbers.map { Int(blocks[$0].bucketStarts[buckets.lowerBound])..<Int(blocks[$0].bucketStarts[buckets.upperBound]) }
            let size = runs.reduce(0) { $0 + $1.count }
            var keys = [TokenKey](repeating: 0, count: size)
            var values = [UInt32](repeating: 0, count: size)
            keys.withUnsafeMutableBufferPointer { keys in
                values.withUnsafeMutableBufferPointer { values in
                    var at = 0
                    for (n, run) in zip(numbers, runs) {
                        at = blocks[n].copy(run, wordNumbers: wordNumbers[n], keys: keys, values: values, at: at)
                    }
                }
            }
            return (keys, values)
        }
        // With a cache: a hash of each block's entries in each shard, kept with the block. Given the
        // block's key, they depend only on the shard count and the words (their numbers).
        var context = StableHash()
        context.add(shardCount)
        context.add(wordNamesKey)
        let runContext = context.value
        let runHashes: [[UInt64]] = cache == nil ? [] : parallelMap(Array(0..<blockCount)) { block in
            cache!.runHashes(blocks[block].key, context: runContext) {
                (0..<shardCount).map { (shard: Int) -> UInt64 in
                    let (keys, values) = entries(of: shard, blocks: block..<(block + 1))
                    var hash = StableHash()
                    keys.withUnsafeBytes { hash.add($0) }
                    values.withUnsafeBytes { hash.add($0) }
                    return hash.value
                }
            }
        }
        func shardFile(_ shard: Int, keys: Slice<UnsafeBufferPointer<TokenKey>>, values: Slice<UnsafeBufferPointer<UInt32>>) -> OutputFile {
            OutputFile("\(dataFolder)/t\(shard).js", bytes: shardScript(shard, keys: keys, values: values, wordNames: wordNames))
        }
        var outputs: [OutputFile]
        if let cache {
            outputs = parallelMap(Array(0..<shardCount)) { shard in
                // A session encodes a shard again only when its entries or the words changed.
                var key = StableHash()
                key.add(runContext)
                key.add(blockCount)
                for hashes in runHashes { key.add(hashes[shard]) }
                return emit(cache.file("\(dataFolder)/t\(shard).js", key: key.value) {
                    // The shard's entries: one run of buckets in each block, blocks in page order.
                    let (keys, values) = entries(of: shard, blocks: 0..<blockCount)
                    return keys.withUnsafeBufferPointer { keys in
                        values.withUnsafeBufferPointer { values in shardFile(shard, keys: keys[...], values: values[...]) }
                    }
                })
            }
        } else {
            outputs = shardsInBatches(blocks: blocks, shardCount: shardCount, wordNumbers: wordNumbers) { shard, keys, values in
                emit(shardFile(shard, keys: keys, values: values))
            }
        }
        // Chunks of titles and texts.
        let chunkCount = (documents.count + chunkSize - 1) / chunkSize
        outputs += parallelMap(Array(0..<chunkCount)) { chunk in
            let range = (chunk * chunkSize)..<min(documents.count, (chunk + 1) * chunkSize)
            let path = "\(dataFolder)/d\(chunk).js"
            guard let cache else { return emit(OutputFile(path, bytes: chunkScript(chunk, documents[range]))) }
            var key = StableHash()
            for number in range { BuildKeys.add(documents[number].page, to: &key) }
            return emit(cache.file(path, key: key.value) { OutputFile(path, bytes: chunkScript(chunk, documents[range])) })
        }
        outputs.append(OutputFile("\(dataFolder)/meta.js",
                                  metaScript(documents, shards: shardCount, owners: owners, ownerIndex: ownerIndex)))
        outputs.append(OutputFile("\(dataFolder)/fold.js", HanFold.script))
        return outputs
    }

    /// Documents of one block, numbered as in the whole site (a block is made before the others exist).
    struct NumberedDocuments: RandomAccessCollection {
        let startIndex: Int
        let documents: [Document]
        var endIndex: Int { startIndex + documents.count }
        subscript(number: Int) -> Document { _read { yield documents[number - startIndex] } }
    }

    /// Tokenised blocks kept by a session (`gongkai serve`) between builds, by a key of their pages.
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

        /// After a build: only the blocks it used are kept.
        func keep() {
            lock.withLock {
                blocks = blocks.filter { used.contains($0.key) }
                runs = runs.filter { used.contains($0.key) }
                used = []
            }
        }

        /// For each block (by its key), the hashes of its entries in each shard, and what they were
        /// computed for (shard count and words).
        private var runs: [UInt64: (context: UInt64, hashes: [UInt64])] = [:]

        func runHashes(_ block: UInt64, context: UInt64, make: () -> [UInt64]) -> [UInt64] {
            if let kept = lock.withLock({ runs[block] }), kept.context == context { return kept.hashes }
            let hashes = make()
            lock.withLock { runs[block] = (context, hashes) }
            return hashes
        }

        func startBuild() { lock.withLock { hits = 0 } }

        /// Files of the index by path, with the key of what they were made from.
        private var files: [String: (key: UInt64, file: OutputFile)] = [:]

        func file(_ path: String, key: UInt64, make: () -> OutputFile) -> OutputFile {
            if let kept = lock.withLock({ files[path] }), kept.key == key { return kept.file }
            let file = make()
            lock.withLock { files[path] = (key, file) }
            return file
        }
    }

    /// The postings of a run of consecutive pages: for each page, every token once, with whether the
    /// title has it. Entries are ordered by bucket, a bucket being the low `bucketBits` bits of the
    /// token's hash read backwards: then for any shard count up to `maxShards` (a shard is the low bits
    /// of the hash) the entries of one shard are one run. Within a bucket they keep page order.
    struct Block {
        static let bucketBits = 12
        static let bucketCount = 1 << bucketBits

        /// The block's distinct tokens: a Han pair `a << 21 | b`, or `wordFlag | n` for the word `words[n]`.
        var tokens: [UInt64] = []
        /// The entries, each `token number << (pageBits + 2) | page offset << 2 | place`: 4 bytes an
        /// entry where that fits (it always does for blocks of 64 ordinary pages), else 8 (`wide`). A
        /// 50,000-page site has ~35 million entries, all held until the shards are written.
        var narrow: [UInt32] = []
        var wide: [UInt64] = []
        var isWide = false
        var firstPage = 0
        var pageBits = 1
        /// Where each bucket starts in the entries, then the end: `bucketCount + 1` numbers.
        var bucketStarts: [Int32] = []
        /// The block's words, numbered in the order they were met.
        var words: [String] = []
        /// Word numbers in the order the whole index numbers words: by the page they are first met on,
        /// and within a page sorted.
        var firstSeen: [Int32] = []
        /// With a session's cache: the key of its pages (see `SearchIndex.block`).
        var key: UInt64 = 0

        /// `entryBits`: 32, or less to test blocks whose entries do not fit in 32 bits.
        init<C: RandomAccessCollection>(_ documents: C, pages: Range<Int>, entryBits: Int = 32) where C.Element == Document, C.Index == Int {
            var pairs = PairTable(capacity: pages.map { documents[$0].textBytes }.max() ?? 0)
            defer { pairs.release() }
            var wordTable = WordTable()
            // Entries in page order, with the bucket of each.
            var unsorted: [Entry] = []
            var pageWords: [Int32] = []
            for number in pages {
                pairs.startPage()
                pageWords.removeAll(keepingCapacity: true)
                func addWord(_ bytes: [UInt8], hash: UInt32, place: UInt8) {
                    let word = wordTable.number(of: bytes, hash: hash, page: number)
                    if wordTable.lastPage[Int(word)] != number {
                        wordTable.lastPage[Int(word)] = number
                        wordTable.place[Int(word)] = place
                        pageWords.append(word)
                    } else if place > wordTable.place[Int(word)] {
                        wordTable.place[Int(word)] = place
                    }
                }
                // Read in place: a Document (with its Page) is large to copy.
                func add(_ text: String, _ place: UInt32) {
                    let p = UInt8(place)
                    tokenize(text, pair: { a, b in pairs.insert(UInt64(a) << 21 | UInt64(b), place: p) },
                             word: { bytes, hash in addWord(bytes, hash: hash, place: p) })
                }
                add(documents[number].page.title, Place.title)
                for text in documents[number].fields { add(text, Place.summary) }
                add(documents[number].summary, Place.summary)
                add(documents[number].plainText, Place.body)
                let n = UInt32(number) << 2
                for slot in pairs.slots {
                    let key = pairs.keys[Int(slot)]
                    unsorted.append(Entry(key: key, value: n | UInt32(pairs.place[Int(slot)]), bucket: Block.bucket(hash(key: key))))
                }
                // By UTF-8, the same order as by String: words are made of ASCII letters and digits and
                // U+00C0–U+024F, none of which normalisation changes, alone or next to each other.
                pageWords.sort { wordTable.bytes(of: $0).lexicographicallyPrecedes(wordTable.bytes(of: $1)) }
                for word in pageWords {
                    if wordTable.firstPage[Int(word)] == number { firstSeen.append(word) }
                    unsorted.append(Entry(key: wordFlag | UInt64(word), value: n | UInt32(wordTable.place[Int(word)]),
                                          bucket: Block.bucket(wordTable.hashes[Int(word)])))
                }
            }
            words = (0..<wordTable.hashes.count).map { String(decoding: wordTable.bytes(of: Int32($0)), as: UTF8.self) }
            // A counting sort by bucket, stable.
            var starts = [Int32](repeating: 0, count: Block.bucketCount + 1)
            for entry in unsorted { starts[Int(entry.bucket) + 1] += 1 }
            for bucket in 0..<Block.bucketCount { starts[bucket + 1] += starts[bucket] }
            bucketStarts = starts
            var sorted = [Entry](repeating: Entry(key: 0, value: 0, bucket: 0), count: unsorted.count)
            for entry in unsorted {
                sorted[Int(starts[Int(entry.bucket)])] = entry
                starts[Int(entry.bucket)] += 1
            }
            unsorted = []
            // Tokens numbered in bucket order: a shard then reads one stretch of `tokens` (not the
            // whole table at random, which costs a cache miss an entry).
            firstPage = pages.lowerBound
            pageBits = max(1, Int.bitWidth - max(0, pages.count - 1).leadingZeroBitCount)
            var table = KeyTable(capacity: 1024)
            var codes = [UInt64](repeating: 0, count: sorted.count)
            for (at, entry) in sorted.enumerated() {
                let number = table.group(of: entry.key, next: Int32(tokens.count))
                if number == tokens.count { tokens.append(entry.key) }
                let offset = UInt64(Int(entry.value >> 2) - firstPage)
                codes[at] = UInt64(number) << UInt64(pageBits + 2) | offset << 2 | UInt64(entry.value & 3)
            }
            let tokenBits = entryBits - 2 - pageBits
            isWide = tokenBits < 0 || UInt64(tokens.count) > UInt64(1) << UInt64(tokenBits)
            // (Cut to `entryBits`, so that a test with fewer bits fails if a code did not fit.)
            let mask = UInt64.max >> UInt64(64 - entryBits)
            if isWide { wide = codes } else { narrow = codes.map { UInt32(truncatingIfNeeded: $0 & mask) } }
        }

        /// Entries in all.
        var count: Int { isWide ? wide.count : narrow.count }

        /// Copies entries `run` to `keys` and `values` from `at` on, as tokens (words by their number
        /// in the whole index) and `page number << 1 | inTitle`; returns where the next go. Runs for
        /// every entry of the site: no copies, no bounds checks. Values are `page number << 2 | place`.
        func copy(_ run: Range<Int>, wordNumbers: [UInt64], keys: UnsafeMutableBufferPointer<TokenKey>,
                  values: UnsafeMutableBufferPointer<UInt32>, at start: Int) -> Int {
            let shift = UInt64(pageBits + 2)
            let pageMask = (UInt64(1) << UInt64(pageBits)) - 1
            let first = UInt32(firstPage)
            var at = start
            tokens.withUnsafeBufferPointer { tokens in
                wordNumbers.withUnsafeBufferPointer { numbers in
                    @inline(__always) func add(_ code: UInt64) {
                        let token = tokens[Int(code >> shift)]
                        keys[at] = token & wordFlag != 0 ? wordFlag | numbers[Int(token & ~wordFlag)] : token
                        values[at] = (first + UInt32(code >> 2 & pageMask)) << 2 | UInt32(code & 3)
                        at += 1
                    }
                    if isWide {
                        wide.withUnsafeBufferPointer { codes in for i in run { add(codes[i]) } }
                    } else {
                        narrow.withUnsafeBufferPointer { codes in for i in run { add(UInt64(codes[i])) } }
                    }
                }
            }
            return at
        }

        struct Entry {
            var key: UInt64
            var value: UInt32
            var bucket: UInt16
        }

        /// The low `bits` bits of `value` in reverse order.
        static func reversed(_ value: Int, bits: Int) -> Int {
            var out = 0
            for bit in 0..<bits where value & (1 << bit) != 0 { out |= 1 << (bits - 1 - bit) }
            return out
        }

        static let bucketOfLowBits = (0..<bucketCount).map { UInt16(reversed($0, bits: bucketBits)) }

        /// The bucket of a token's hash: its low `bucketBits` bits, backwards.
        @inline(__always) static func bucket(_ hash: UInt32) -> UInt16 {
            bucketOfLowBits[Int(hash) & (bucketCount - 1)]
        }

        /// The buckets whose tokens go to `shard` of `shardCount` (a power of two up to `bucketCount`).
        static func buckets(ofShard shard: Int, shardCount: Int) -> Range<Int> {
            let bits = shardCount.trailingZeroBitCount
            let width = bucketCount >> bits
            let first = reversed(shard, bits: bits) * width
            return first..<(first + width)
        }
    }

    /// The Han tokens of one page, each once with its highest place; cleared for the next page
    /// without touching the whole table. Raw storage, freed by `release()`: `insert` runs for every
    /// pair of every page.
    struct PairTable {
        var keys: UnsafeMutableBufferPointer<UInt64>
        var place: UnsafeMutableBufferPointer<UInt8>
        /// The page each slot was last filled for: a slot of an earlier page counts as empty.
        var stamps: UnsafeMutableBufferPointer<UInt32>
        var stamp: UInt32 = 1
        /// Slots filled for this page, in order: `count` of them.
        var used: UnsafeMutableBufferPointer<Int32>
        var count = 0
        var mask: Int

        init(capacity: Int) {
            var size = 64
            while size < capacity { size *= 2 }
            keys = .allocate(capacity: size)
            place = .allocate(capacity: size)
            stamps = .allocate(capacity: size)
            stamps.initialize(repeating: 0)
            used = .allocate(capacity: size / 2)
            mask = size - 1
        }

        func release() {
            keys.deallocate()
            place.deallocate()
            stamps.deallocate()
            used.deallocate()
        }

        var slots: UnsafeMutableBufferPointer<Int32>.SubSequence { used[..<count] }

        mutating func startPage() {
            stamp += 1
            count = 0
        }

        @inline(__always) mutating func insert(_ key: UInt64, place p: UInt8) {
            if count == used.count { grow() }
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while stamps[slot] == stamp {
                if keys[slot] == key {
                    if p > place[slot] { place[slot] = p }
                    return
                }
                slot = (slot + 1) & mask
            }
            keys[slot] = key
            place[slot] = p
            stamps[slot] = stamp
            used[count] = Int32(slot)
            count += 1
        }

        mutating func grow() {
            let old = slots.map { (keys[Int($0)], place[Int($0)]) }
            release()
            self = PairTable(capacity: keys.count * 2)
            for (key, p) in old { insert(key, place: p) }
        }
    }

    /// The words of a block, numbered in the order they are met, kept as UTF-8 in one array.
    struct WordTable {
        var text: [UInt8] = []
        var starts: [Int32] = [0]
        var hashes: [UInt32] = []
        /// The page each word was first and last met on, and its highest place on the last one.
        var firstPage: [Int] = []
        var lastPage: [Int] = []
        var place: [UInt8] = []
        var slots = [Int32](repeating: -1, count: 256)

        func bytes(of word: Int32) -> ArraySlice<UInt8> {
            text[Int(starts[Int(word)])..<Int(starts[Int(word) + 1])]
        }

        /// The number of `word`, met on `page`.
        mutating func number(of word: [UInt8], hash: UInt32, page: Int) -> Int32 {
            if (hashes.count + 1) * 2 > slots.count { grow() }
            let mask = slots.count - 1
            var slot = Int(hash &* 0x9E37_79B9) & mask
            while slots[slot] >= 0 {
                let found = slots[slot]
                if hashes[Int(found)] == hash && bytes(of: found).elementsEqual(word) { return found }
                slot = (slot + 1) & mask
            }
            let number = Int32(hashes.count)
            slots[slot] = number
            text += word
            starts.append(Int32(text.count))
            hashes.append(hash)
            firstPage.append(page)
            lastPage.append(-1)
            place.append(0)
            return number
        }

        mutating func grow() {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for number in hashes.indices {
                var slot = Int(hashes[number] &* 0x9E37_79B9) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(number)
            }
        }
    }

    /// `GongkaiSearch.shard(n,{"宪法":"…",…});`, tokens in the order of their keys.
    static func shardScript(_ shard: Int, keys: Slice<UnsafeBufferPointer<TokenKey>>, values: Slice<UnsafeBufferPointer<UInt32>>,
                            wordNames: [String]) -> [UInt8] {
        // Entries come in page order. Each token's entries are gathered in that order (a counting
        // sort by token, the tokens themselves sorted): linear in the entries.
        var groups = KeyTable(capacity: keys.count / 4)
        var groupOf = [Int32](repeating: 0, count: keys.count)
        var groupKeys: [UInt64] = []
        var groupCounts: [Int32] = []
        for (n, i) in keys.indices.enumerated() {
            let group = groups.group(of: keys[i], next: Int32(groupKeys.count))
            if group == groupKeys.count {
                groupKeys.append(keys[i])
                groupCounts.append(0)
            }
            groupCounts[Int(group)] += 1
            groupOf[n] = group
        }
        let order = groupKeys.indices.sorted { groupKeys[$0] < groupKeys[$1] }
        var next = [Int32](repeating: 0, count: groupKeys.count)
        var offset: Int32 = 0
        for group in order {
            next[group] = offset
            offset += groupCounts[group]
        }
        var placed = [UInt32](repeating: 0, count: keys.count)
        for (n, i) in keys.indices.enumerated() {
            let group = Int(groupOf[n])
            placed[Int(next[group])] = values[i]
            next[group] += 1
        }
        var out = Array("GongkaiSearch.shard(\(shard),{".utf8)
        out.reserveCapacity(keys.count * 2 + groupKeys.count * 12 + 64)
        var start = 0
        for group in order {
            let key = groupKeys[group]
            let end = start + Int(groupCounts[group])
            if out.last != 0x7B { out.append(0x2C) }
            if key & wordFlag != 0 {
                let id = Int(key & ~wordFlag)
                JSONText.append(id < wordNames.count ? wordNames[id] : "", forScript: true, to: &out)
            } else {
                out.append(0x22)
                appendUTF8(UInt32(key >> 21), to: &out)
                if key & 0x1FFFFF != 0 { appendUTF8(UInt32(key & 0x1FFFFF), to: &out) }
                out.append(0x22)
            }
            out += [0x3A, 0x22]
            encodePostings(placed[start..<end], into: &out)
            out.append(0x22)
            start = end
        }
        out += Array("});\n".utf8)
        return out
    }

    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800: out += [UInt8(0xC0 | v >> 6), UInt8(0x80 | v & 0x3F)]
        case 0x800..<0x10000: out += [UInt8(0xE0 | v >> 12), UInt8(0x80 | v >> 6 & 0x3F), UInt8(0x80 | v & 0x3F)]
        default: out += [UInt8(0xF0 | v >> 18), UInt8(0x80 | v >> 12 & 0x3F), UInt8(0x80 | v >> 6 & 0x3F), UInt8(0x80 | v & 0x3F)]
        }
    }

    /// Digits of the posting code: the last digit of a number is one of `terminal`, the ones before it
    /// of `continuation`, five bits each, most significant first. None needs escaping in a JS string.
    static let terminal = Array("0123456789abcdefghijklmnopqrstuv".unicodeScalars)
    static let continuation = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ@#$%&*".unicodeScalars)

    /// Each posting `number << 2 | place`, written as `(number - previous - 1) << 2 | place`.
    static func encodePostings(_ list: ArraySlice<UInt32>, into out: inout [UInt8]) {
        let terminal = terminalBytes, continuation = continuationBytes
        var previous: Int64 = -1
        for value in list {
            let number = Int64(value >> 2)
            let v = UInt64(number - previous - 1) << 2 | UInt64(value & 3)
            previous = number
            var shift: UInt64 = 0
            var rest = v >> 5
            while rest > 0 {
                shift += 5
                rest >>= 5
            }
            while shift > 0 {
                out.append(continuation[Int((v >> shift) & 31)])
                shift -= 5
            }
            out.append(terminal[Int(v & 31)])
        }
    }

    static func encodePostings(_ list: [UInt32]) -> String {
        var out: [UInt8] = []
        encodePostings(list[...], into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static let terminalBytes = terminal.map { UInt8($0.value) }
    static let continuationBytes = continuation.map { UInt8($0.value) }

    static func decodePostings(_ text: String) -> [(page: Int, place: Int)] {
        var out: [(Int, Int)] = []
        var value = 0
        var previous = -1
        for scalar in text.unicodeScalars {
            if let d = terminal.firstIndex(of: scalar) {
                value = value * 32 + d
                let number = previous + 1 + (value >> 2)
                out.append((number, value & 3))
                previous = number
                value = 0
            } else if let d = continuation.firstIndex(of: scalar) {
                value = value * 32 + d
            }
        }
        return out
    }

    static func chunkScript(_ chunk: Int, _ documents: ArraySlice<Document>) -> [UInt8] {
        var out = Array("GongkaiSearch.docs(\(chunk),[".utf8)
        for (i, document) in documents.enumerated() {
            if i > 0 { out += [0x2C, 0x0A] }      // ,\n
            out.append(0x5B)                       // [
            for field in [document.page.title, Paths.encode(document.page.outputPath), document.page.date.day.description] {
                JSONText.append(field, forScript: true, to: &out)
                out.append(0x2C)
            }
            JSONText.append(document.snippet ?? snippetText(document), forScript: true, to: &out)
            out.append(0x5D)                       // ]
        }
        out += Array("]);\n".utf8)
        return out
    }

    /// The text kept for snippets: the lead fields, the summary (when written) and the body, on one line, cut at
    /// `textLimit` characters (never inside one: combining marks stay with their base).
    static func snippetText(_ document: Document) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(textLimit * 3 + 16)
        var count = 0
        var lastWasSpace = true
        func trimmedEnd() -> String {
            while out.last == 0x20 { out.removeLast() }
            return String(decoding: out, as: UTF8.self)
        }
        for var text in [document.lead, document.page.summary ?? "", document.plainText] where !text.isEmpty {
            if count > 0 && !lastWasSpace { out.append(0x20); count += 1; lastWasSpace = true }
            let full = text.withUTF8 { bytes -> Bool in
                var i = 0
                while i < bytes.count {
                    // One code point: its value and its bytes.
                    let b0 = UInt32(bytes[i])
                    let length = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
                    var v = length == 1 ? b0 : b0 & (0xFF >> (length + 1))
                    for k in 1..<max(length, 1) { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
                    let joins = joinsPrevious(v)
                    if count >= textLimit && !joins { return true }
                    if v == 0x20 || v == 0x0A || v == 0x09 || v == 0x0D || v == 0x3000 || v == 0xA0 {
                        if !lastWasSpace { out.append(0x20); count += 1 }
                        lastWasSpace = true
                    } else {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]))
                        if !joins { count += 1 }
                        lastWasSpace = false
                    }
                    i += length
                }
                return false
            }
            if full { return trimmedEnd() }
        }
        return trimmedEnd()
    }

    /// Code points that belong to the character before them: combining marks, variation selectors,
    /// the zero-width joiner and emoji skin tones (enough not to cut a character in two).
    @inline(__always) static func joinsPrevious(_ v: UInt32) -> Bool {
        guard v >= 0x300 else { return false }
        return (0x300...0x36F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
            || (0x20D0...0x20FF).contains(v) || v == 0x200D || (0xFE00...0xFE0F).contains(v) || (0xFE20...0xFE2F).contains(v)
            || (0x1F3FB...0x1F3FF).contains(v) || (0xE0020...0xE007F).contains(v) || (0xE0100...0xE01EF).contains(v)
    }

    static func metaScript(_ documents: [Document], shards: Int, owners: [(id: String, name: String)], ownerIndex: (Page) -> Int) -> String {
        let width = String(max(0, owners.count - 1), radix: 36).count
        var table = ""
        table.reserveCapacity(documents.count * (width + 1))
        for index in documents.indices {
            let owner = String(ownerIndex(documents[index].page), radix: 36)
            table += String(repeating: "0", count: width - owner.count) + owner
            table += String(Kind.allCases.firstIndex(of: documents[index].page.kind) ?? 0)
        }
        var out = "GongkaiSearch.meta({\"version\":2,\"shards\":\(shards),\"chunk\":\(chunkSize),\"count\":\(documents.count),"
        out += "\"ownerWidth\":\(width),\"owners\":["
        out += owners.map { "[" + JSONText.string($0.id, forScript: true) + "," + JSONText.string($0.name, forScript: true) + "]" }.joined(separator: ",")
        out += "],\"kinds\":["
        out += Kind.allCases.map { "[" + JSONText.string($0.rawValue, forScript: true) + "," + JSONText.string($0.chineseName, forScript: true) + "]" }.joined(separator: ",")
        out += "],\"pages\":" + JSONText.string(table, forScript: true) + "});\n"
        return out
    }

    // MARK: Measuring

    /// Bytes of the index (everything under `search/data/`) and of the site's HTML.
    static func measure(_ outputs: [OutputFile]) -> (index: Int, html: Int) {
        var index = 0
        var html = 0
        let folder = Array((dataFolder + "/").utf8), suffix = Array(".html".utf8)
        for n in outputs.indices {
            let path = outputs[n].path.utf8
            if path.starts(with: folder) { index += outputs[n].size }
            if path.count >= suffix.count && path.suffix(suffix.count).elementsEqual(suffix) { html += outputs[n].size }
        }
        return (index, html)
    }
}

