import Foundation
import GongkaiContent

extension SearchIndex {
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
        /// With a session's cache or a store: the key of its pages (see `SearchIndex.block`).
        var key: UInt64 = 0
        /// Not tokenised: the block of the stored index (`Store`) with the same key, which has
        /// `storedCount` entries and numbers `words` first. Its entries are in the current output.
        var isStored = false
        var storedCount = 0

        /// The stored block `key` at `pages`.
        init(stored key: UInt64, pages: Range<Int>, count: Int, words: [String]) {
            self.key = key
            firstPage = pages.lowerBound
            isStored = true
            storedCount = count
            self.words = words
            firstSeen = (0..<Int32(words.count)).map { $0 }
        }

        /// `entryBits`: 32, or less to test blocks whose entries do not fit in 32 bits.
        init<C: RandomAccessCollection>(_ documents: C, pages: Range<Int>, entryBits: Int = 32) where C.Element == Document, C.Index == Int {
            var page = PageTokens(capacity: pages.map { documents[$0].textBytes }.max() ?? 0)
            defer { page.release() }
            // Entries in page order, with the bucket of each.
            var unsorted: [Entry] = []
            for number in pages {
                page.startPage(number)
                // Read in place: a Document (with its Page) is large to copy.
                page.add(documents[number].page.title, place: Place.title)
                for text in documents[number].fields { page.add(text, place: Place.summary) }
                page.add(documents[number].summary, place: Place.summary)
                page.add(documents[number].plainText, place: Place.body)
                let n = UInt32(number) << 2
                page.forEachHan { key, place in
                    unsorted.append(Entry(key: key, value: n | UInt32(place), bucket: Block.bucket(hash(key: key))))
                }
                // By UTF-8, the same order as by String: words are made of ASCII letters and digits and
                // U+00C0–U+024F, none of which normalisation changes, alone or next to each other.
                let wordTable = page.words
                page.pageWords.sort { wordTable.bytes(of: $0).lexicographicallyPrecedes(wordTable.bytes(of: $1)) }
                for word in page.pageWords {
                    if wordTable.firstPage[Int(word)] == number { firstSeen.append(word) }
                    unsorted.append(
                        Entry(
                            key: wordFlag | UInt64(word), value: n | UInt32(wordTable.place[Int(word)]),
                            bucket: Block.bucket(wordTable.hashes[Int(word)])))
                }
            }
            let wordTable = page.words
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
        var count: Int { isStored ? storedCount : isWide ? wide.count : narrow.count }

        /// The words this block numbers first, in that order (what the whole index's numbering needs of it).
        var firstWords: [String] { firstSeen.map { words[Int($0)] } }

        /// For each of `shardCount` shards, a hash of the block's entries in it, words by name (so
        /// that it does not depend on the other blocks).
        func runHashes(shardCount: Int) -> [UInt64] {
            let names = words.map { StableHash.of($0) }
            let shift = UInt64(pageBits + 2)
            let pageMask = (UInt64(1) << UInt64(pageBits)) - 1
            return (0..<shardCount).map { shard in
                let buckets = Block.buckets(ofShard: shard, shardCount: shardCount)
                var hash = StableHash()
                hash.add(shard)
                func add(_ code: UInt64) {
                    let token = tokens[Int(code >> shift)]
                    hash.add(token & wordFlag != 0 ? (names[Int(token & ~wordFlag)] | wordFlag) : token)
                    hash.add((UInt64(firstPage) + (code >> 2 & pageMask)) << 2 | (code & 3))
                }
                let run = Int(bucketStarts[buckets.lowerBound])..<Int(bucketStarts[buckets.upperBound])
                if isWide { for i in run { add(wide[i]) } } else { for i in run { add(UInt64(narrow[i])) } }
                hash.add(run.count)
                return hash.value
            }
        }

        /// Copies entries `run` to `keys` and `values` from `at` on, as tokens (words by their number
        /// in the whole index) and `page number << 1 | inTitle`; returns where the next go. Runs for
        /// every entry of the site: no copies, no bounds checks. Values are `page number << 2 | place`.
        func copy(
            _ run: Range<Int>, wordNumbers: [UInt64], keys: UnsafeMutableBufferPointer<TokenKey>,
            values: UnsafeMutableBufferPointer<UInt32>, at start: Int
        ) -> Int {
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
}
