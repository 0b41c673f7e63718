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

        /// The block's distinct tokens: a Han pair `a << 21 | b`, or `wordFlag | n` for the word `words[n]`;
        /// 4 bytes a token (`smallTokens`, see `small(_:)`) when every Han character of the block is
        /// in U+3400–U+9FFF (as nearly always), else 8 (`tokens`).
        var tokens: [UInt64] = []
        var smallTokens: [UInt32] = []
        var hasSmallTokens = false
        /// The entries, each `token number << (pageBits + 2) | page offset << 2 | place`, in 3 bytes
        /// (`packed`) where that fits (it does for blocks of 64 ordinary pages: ~14 bits of tokens, 6
        /// of page, 2 of place), else 4 (`narrow`), else 8 (`wide`). A 100,000-page site has ~90 million
        /// entries, all held until the shards are written.
        var packed: [UInt8] = []
        var narrow: [UInt32] = []
        var wide: [UInt64] = []
        /// Bytes of an entry: 3, 4 or 8.
        var entryWidth = 3
        var isWide: Bool { entryWidth == 8 }
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
            var none = NoPageTokens()
            self.init(documents, pages: pages, entryBits: entryBits, recording: &none)
        }

        /// The block of `documents` at `pages`, each page's tokens also given to `recorder` (what the
        /// store keeps of them: `PageTokenWriter`).
        init<C: RandomAccessCollection, R: PageTokenRecorder>(_ documents: C, pages: Range<Int>, entryBits: Int = 32, recording recorder: inout R)
        where C.Element == Document, C.Index == Int {
            let sizes = pages.map { documents[$0].textBytes }
            // (A block of Chinese pages has about one distinct Han token for 16 bytes of text.)
            var page = PageTokens(capacity: max(sizes.max() ?? 0, sizes.reduce(0, +) / 12))
            defer { page.release() }
            // Entries in page order. (Room for about as many as Chinese text has: fewer than one a byte.)
            var unsorted: [Entry] = []
            unsorted.reserveCapacity(sizes.reduce(0, +) / 2)
            for number in pages {
                page.startPage(number)
                // Read in place: a Document (with its Page) is large to copy.
                page.add(documents[number].page.title, place: Place.title)
                for text in documents[number].fields { page.add(text, place: Place.summary) }
                page.add(documents[number].summary, place: Place.summary)
                page.add(documents[number].plainText, place: Place.body)
                let n = UInt32(number) << 2
                recorder.startPage(key: BuildKeys.key(of: documents[number].page))
                let pageStart = unsorted.count
                page.forEachHan { token, place in unsorted.append(Entry(token: UInt32(token), value: n | UInt32(place))) }
                let (hanKeys, hanSmalls) = (page.han.keys.items, page.han.smalls.items)
                unsorted.withUnsafeBufferPointer {
                    recorder.han(keys: hanKeys, smalls: hanSmalls, entries: UnsafeBufferPointer(rebasing: $0[pageStart...]))
                }
                // By UTF-8, the same order as by String: words are made of ASCII letters and digits and
                // U+00C0–U+024F, none of which normalisation changes, alone or next to each other.
                let wordTable = page.words
                for word in page.pageWords {
                    recorder.word(wordTable.bytes(of: word), hash: wordTable.hashes[Int(word)], place: wordTable.place[Int(word)])
                }
                recorder.endPage()
                page.pageWords.sort { wordTable.bytes(of: $0).lexicographicallyPrecedes(wordTable.bytes(of: $1)) }
                for word in page.pageWords {
                    if wordTable.firstPage[Int(word)] == number { firstSeen.append(word) }
                    unsorted.append(Entry(token: Entry.word | UInt32(word), value: n | UInt32(wordTable.place[Int(word)])))
                }
            }
            let han = UnsafeBufferPointer(start: page.han.keys.items, count: page.han.count)
            let smalls = UnsafeBufferPointer(start: page.han.smalls.items, count: page.han.count)
            finish(&unsorted, han: han, smalls: smalls, words: page.words, pages: pages, entryBits: entryBits)
        }

        /// The block of pages whose tokens are `lists` (the first `pages.lowerBound`), made as `init(_:pages:)`
        /// makes it of their documents.
        init(lists: [PageTokenList], pages: Range<Int>, entryBits: Int = 32) {
            var wordTable = WordTable()
            let hanCount = lists.reduce(0) { $0 + $1.han.count }
            // (A block of 64 pages has about a token for four of its pages' Han tokens: sized for them, not grown.)
            let hanNumbers = KeyTable(capacity: max(1024, hanCount / 3))
            var hanKeys: [UInt64] = [], hanSmalls: [UInt32] = []
            hanKeys.reserveCapacity(hanCount / 3)
            hanSmalls.reserveCapacity(hanCount / 3)
            var unsorted: [Entry] = []
            unsorted.reserveCapacity(hanCount + lists.reduce(0) { $0 + $1.hashes.count })
            var pageWords: [Int32] = []
            for (list, number) in zip(lists, pages) {
                let n = UInt32(number) << 2
                // (Through buffers: this runs for every token of the block.)
                list.han.withUnsafeBufferPointer { tokens in
                    for token in tokens {
                        let key = token >> 2
                        let han = hanNumbers.group(of: key, next: Int32(hanKeys.count))
                        if han == hanKeys.count {
                            hanKeys.append(key)
                            hanSmalls.append(Block.small(key) ?? Block.noSmall)
                        }
                        unsorted.append(Entry(token: UInt32(han), value: n | UInt32(token & 3)))
                    }
                }
                // Numbered in the order met, as the page's tokeniser numbered them; then in the order of their bytes.
                pageWords.removeAll(keepingCapacity: true)
                for w in list.hashes.indices {
                    pageWords.append(wordTable.number(of: list.words[w], hash: list.hashes[w], page: number))
                }
                var order = Array(list.hashes.indices)
                order.sort { list.words[$0].lexicographicallyPrecedes(list.words[$1]) }
                for w in order {
                    let word = pageWords[w]
                    if wordTable.firstPage[Int(word)] == number { firstSeen.append(word) }
                    unsorted.append(Entry(token: Entry.word | UInt32(word), value: n | UInt32(list.places[w])))
                }
            }
            hanKeys.withUnsafeBufferPointer { keys in
                hanSmalls.withUnsafeBufferPointer { finish(&unsorted, han: keys, smalls: $0, words: wordTable, pages: pages, entryBits: entryBits) }
            }
        }

        /// The block of `unsorted` (entries in page order), the keys of its Han tokens by number (and
        /// their `small` forms) and `wordTable`: entries sorted by bucket, tokens numbered in bucket
        /// order, packed.
        private mutating func finish(
            _ unsorted: inout [Entry], han: UnsafeBufferPointer<UInt64>, smalls: UnsafeBufferPointer<UInt32>, words wordTable: WordTable,
            pages: Range<Int>, entryBits: Int
        ) {
            words = (0..<wordTable.hashes.count).map { String(decoding: wordTable.bytes(of: Int32($0)), as: UTF8.self) }
            // The tokens as the entries number them: the Han ones, then the words. Renumbered in bucket
            // order (a counting sort, stable): a shard then reads one stretch of `tokens` (not the whole
            // table at random, which costs a cache miss an entry).
            let hanCount = han.count
            let tokenCount = hanCount + wordTable.hashes.count
            var tokenStarts = [Int32](repeating: 0, count: Block.bucketCount + 1)
            // Each token's bucket, then its number in bucket order.
            var renumbered = [UInt32](repeating: 0, count: tokenCount)
            var bucketOfToken = [UInt16](repeating: 0, count: tokenCount)
            var starts = [Int32](repeating: 0, count: Block.bucketCount + 1)
            wordTable.hashes.withUnsafeBufferPointer { wordHashes in
                bucketOfToken.withUnsafeMutableBufferPointer { bucketOf in
                    tokenStarts.withUnsafeMutableBufferPointer { tokenStarts in
                        for t in 0..<hanCount { bucketOf[t] = Block.bucket(hash(key: han[t])) }
                        for w in 0..<wordHashes.count { bucketOf[hanCount + w] = Block.bucket(wordHashes[w]) }
                        for t in 0..<tokenCount { tokenStarts[Int(bucketOf[t]) + 1] += 1 }
                        for bucket in 0..<Block.bucketCount { tokenStarts[bucket + 1] += tokenStarts[bucket] }
                        renumbered.withUnsafeMutableBufferPointer { renumbered in
                            for t in 0..<tokenCount {
                                let bucket = Int(bucketOf[t])
                                let number = tokenStarts[bucket]
                                tokenStarts[bucket] = number + 1
                                renumbered[t] = UInt32(number)
                            }
                        }
                    }
                }
            }
            // A counting sort of the entries by bucket, stable. (Through buffers: these loops run for every entry.)
            firstPage = pages.lowerBound
            pageBits = max(1, Int.bitWidth - max(0, pages.count - 1).leadingZeroBitCount)
            let (first, shift) = (UInt32(firstPage), UInt64(pageBits + 2))
            let entryCount = unsorted.count
            unsorted.withUnsafeMutableBufferPointer { unsorted in
                bucketOfToken.withUnsafeBufferPointer { bucketOf in
                    starts.withUnsafeMutableBufferPointer { starts in
                        for i in 0..<entryCount {
                            let token = unsorted[i].token
                            let t = token & Entry.word != 0 ? UInt32(hanCount) + (token & ~Entry.word) : token
                            unsorted[i].token = t
                            starts[Int(bucketOf[Int(t)]) + 1] += 1
                        }
                        for bucket in 0..<Block.bucketCount { starts[bucket + 1] += starts[bucket] }
                    }
                }
            }
            bucketStarts = starts
            // Calls `put` with each entry's place in bucket order and its code, stored as they are made
            // (not gathered first and packed after: an 8-byte code an entry written and read again).
            func scatter(_ put: (Int, UInt64) -> Void) {
                unsorted.withUnsafeBufferPointer { unsorted in
                    bucketOfToken.withUnsafeBufferPointer { bucketOf in
                        renumbered.withUnsafeBufferPointer { renumbered in
                            starts.withUnsafeMutableBufferPointer { starts in
                                for entry in unsorted {
                                    let bucket = Int(bucketOf[Int(entry.token)])
                                    let at = Int(starts[bucket])
                                    starts[bucket] += 1
                                    let offset = UInt64((entry.value >> 2) - first)
                                    put(at, UInt64(renumbered[Int(entry.token)]) << shift | offset << 2 | UInt64(entry.value & 3))
                                }
                            }
                        }
                    }
                }
            }
            // (Cut to the bits of their width, so that a test with fewer `entryBits` fails if a code did not fit.)
            let codeBits = 2 + pageBits + (Int.bitWidth - max(0, tokenCount - 1).leadingZeroBitCount)
            if codeBits <= entryBits - 8 {
                entryWidth = 3
                let mask = UInt64.max >> UInt64(64 - (entryBits - 8))
                packed = [UInt8](unsafeUninitializedCapacity: entryCount * 3) { packed, initialized in
                    scatter { at, code in
                        let cut = code & mask
                        packed[3 * at] = UInt8(truncatingIfNeeded: cut)
                        packed[3 * at + 1] = UInt8(truncatingIfNeeded: cut >> 8)
                        packed[3 * at + 2] = UInt8(truncatingIfNeeded: cut >> 16)
                    }
                    initialized = entryCount * 3
                }
            } else if codeBits <= entryBits {
                entryWidth = 4
                let mask = UInt64.max >> UInt64(64 - entryBits)
                narrow = [UInt32](unsafeUninitializedCapacity: entryCount) { narrow, initialized in
                    scatter { at, code in narrow[at] = UInt32(truncatingIfNeeded: code & mask) }
                    initialized = entryCount
                }
            } else {
                entryWidth = 8
                wide = [UInt64](unsafeUninitializedCapacity: entryCount) { wide, initialized in
                    scatter { at, code in wide[at] = code }
                    initialized = entryCount
                }
            }
            unsorted = []
            // In 32 bits when every Han token has a small form (its own, made once) and the words' numbers fit.
            hasSmallTokens = !smalls.contains(Block.noSmall) && wordTable.hashes.count < 1 << 31
            renumbered.withUnsafeBufferPointer { renumbered in
                if hasSmallTokens {
                    smallTokens = [UInt32](unsafeUninitializedCapacity: tokenCount) { smallTokens, initialized in
                        for t in 0..<hanCount { smallTokens[Int(renumbered[t])] = smalls[t] }
                        for w in 0..<(tokenCount - hanCount) { smallTokens[Int(renumbered[hanCount + w])] = 1 << 31 | UInt32(w) }
                        initialized = tokenCount
                    }
                } else {
                    tokens = [UInt64](unsafeUninitializedCapacity: tokenCount) { tokens, initialized in
                        for t in 0..<hanCount { tokens[Int(renumbered[t])] = han[t] }
                        for w in 0..<(tokenCount - hanCount) { tokens[Int(renumbered[hanCount + w])] = wordFlag | UInt64(w) }
                        initialized = tokenCount
                    }
                }
            }
        }

        /// A token in 32 bits: a word `1 << 31 | n`; a Han pair or character `a' << 15 | b'`, where
        /// `a'` is the character's offset from U+3400 and `b'` the second's, or `0x7FFF` for none.
        /// Nil for a character outside U+3400–U+9FFF or a word number of 31 bits.
        @inline(__always) static func small(_ token: UInt64) -> UInt32? {
            if token & wordFlag != 0 {
                let n = token & ~wordFlag
                return n < 1 << 31 ? UInt32(n) | 1 << 31 : nil
            }
            let a = token >> 21, b = token & 0x1F_FFFF
            guard a >= 0x3400 && a < 0xA000 && (b == 0 || (b >= 0x3400 && b < 0xA000)) else { return nil }
            return UInt32(a - 0x3400) << 15 | (b == 0 ? 0x7FFF : UInt32(b - 0x3400))
        }

        /// No `small` form.
        static let noSmall = UInt32.max

        /// The token `small` made.
        @inline(__always) static func token(small: UInt32) -> UInt64 {
            if small & 1 << 31 != 0 { return wordFlag | UInt64(small & ~(1 << 31)) }
            let b = small & 0x7FFF
            return UInt64((small >> 15) + 0x3400) << 21 | (b == 0x7FFF ? 0 : UInt64(b + 0x3400))
        }

        /// Calls `body` with the entries `run` (their codes), in order.
        @inline(__always) func forEachCode(_ run: Range<Int>, _ body: (UInt64) -> Void) {
            switch entryWidth {
            case 3:
                packed.withUnsafeBufferPointer { p in
                    guard var entry = p.baseAddress.map({ $0 + 3 * run.lowerBound }) else { return }
                    for _ in run {
                        body(UInt64(entry[0]) | UInt64(entry[1]) << 8 | UInt64(entry[2]) << 16)
                        entry += 3
                    }
                }
            case 4: narrow.withUnsafeBufferPointer { codes in for i in run { body(UInt64(codes[i])) } }
            default: wide.withUnsafeBufferPointer { codes in for i in run { body(codes[i]) } }
            }
        }

        /// Token number `n` of the block.
        @inline(__always) func token(_ n: Int) -> UInt64 {
            hasSmallTokens ? Block.token(small: smallTokens[n]) : tokens[n]
        }

        /// Distinct tokens of the block.
        var tokenCount: Int { hasSmallTokens ? smallTokens.count : tokens.count }

        /// Entries in all.
        var count: Int { isStored ? storedCount : entryWidth == 3 ? packed.count / 3 : entryWidth == 4 ? narrow.count : wide.count }

        /// The words this block numbers first, in that order (what the whole index's numbering needs of it).
        var firstWords: [String] { isStored ? words : firstSeen.map { words[Int($0)] } }

        /// For each of `shardCount` shards, a hash of the block's entries in it, words by name (so
        /// that it does not depend on the other blocks). Made for every block of a full build: two
        /// multiply-and-shift steps an entry.
        func runHashes(shardCount: Int) -> [UInt64] {
            let names = words.map { StableHash.of($0) | wordFlag }
            // Each token as the hash reads it (a word by its name's hash): made once a token, not once an entry.
            let hashed = (0..<tokenCount).map { n -> UInt64 in
                let t = token(n)
                return t & wordFlag != 0 ? names[Int(t & ~wordFlag)] : t
            }
            let shift = UInt64(pageBits + 2)
            let pageMask = (UInt64(1) << UInt64(pageBits)) - 1
            let first = UInt64(firstPage)
            return hashed.withUnsafeBufferPointer { hashed in
                (0..<shardCount).map { shard in
                    let buckets = Block.buckets(ofShard: shard, shardCount: shardCount)
                    let run = Int(bucketStarts[buckets.lowerBound])..<Int(bucketStarts[buckets.upperBound])
                    var value = Block.startRunHash(shard: shard, count: run.count)
                    forEachCode(run) { code in
                        value = Block.runHash(value, token: hashed[Int(code >> shift)], entry: (first + (code >> 2 & pageMask)) << 2 | (code & 3))
                    }
                    return value
                }
            }
        }

        /// The hash of a run of `count` entries in `shard` (see `runHashes`) before its entries.
        static func startRunHash(shard: Int, count: Int) -> UInt64 {
            var hash = StableHash()
            hash.add(shard)
            hash.add(count)
            return hash.value
        }

        /// `value` (a run's hash) with the next entry: its token as `runHashes` reads it, and `page
        /// number << 2 | place`.
        @inline(__always) static func runHash(_ value: UInt64, token: UInt64, entry: UInt64) -> UInt64 {
            var value = (value ^ token) &* 0x9E37_79B9_7F4A_7C15
            value ^= value >> 29
            value = (value ^ entry) &* 0x9E37_79B9_7F4A_7C15
            return value ^ value >> 29
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
            let small = hasSmallTokens
            if small && entryWidth == 3 {
                // (Nearly every block: its own loop, the token read once as 32 bits.)
                packed.withUnsafeBufferPointer { p in
                    smallTokens.withUnsafeBufferPointer { smallTokens in
                        wordNumbers.withUnsafeBufferPointer { numbers in
                            for i in run {
                                let code = UInt32(p[3 * i]) | UInt32(p[3 * i + 1]) << 8 | UInt32(p[3 * i + 2]) << 16
                                let token = smallTokens[Int(UInt64(code) >> shift)]
                                keys[at] =
                                    token & 1 << 31 != 0 ? wordFlag | numbers[Int(token & ~(1 << 31))] : Block.token(small: token)
                                values[at] = (first + UInt32(UInt64(code) >> 2 & pageMask)) << 2 | (code & 3)
                                at += 1
                            }
                        }
                    }
                }
                return at
            }
            tokens.withUnsafeBufferPointer { tokens in
                smallTokens.withUnsafeBufferPointer { smallTokens in
                    wordNumbers.withUnsafeBufferPointer { numbers in
                        @inline(__always) func add(_ code: UInt64) {
                            let n = Int(code >> shift)
                            let token = small ? Block.token(small: smallTokens[n]) : tokens[n]
                            keys[at] = token & wordFlag != 0 ? wordFlag | numbers[Int(token & ~wordFlag)] : token
                            values[at] = (first + UInt32(code >> 2 & pageMask)) << 2 | UInt32(code & 3)
                            at += 1
                        }
                        forEachCode(run, add)
                    }
                }
            }
            return at
        }

        /// Gathers entries `run`, those of shard `shard` (at `position` in `groups`' batch; the block's
        /// turn there started), to `entries` from `at` on, each as `group << 32 | page number << 2 |
        /// place`. Returns where the next go, and the run's hash as `runHashes` makes it (hashed as
        /// gathered: the entries are read once, not twice). Runs for every entry of the site: a token's
        /// key (a word's by its number in the whole index) is made and looked up once, not once an entry.
        func gather(
            _ run: Range<Int>, shard: Int, wordNumbers: [UInt64], into groups: inout TokenGroups, position: Int,
            entries: UnsafeMutableBufferPointer<UInt64>, at start: Int
        ) -> (end: Int, hash: UInt64) {
            let shift = UInt64(pageBits + 2)
            // `(firstPage + page offset) << 2 | place` is the code's low bits plus `firstPage << 2`.
            let (low, first) = ((UInt64(1) << shift) - 1, UInt64(firstPage) << 2)
            let known = groups.known
            var at = start
            var hash = Block.startRunHash(shard: shard, count: run.count)
            forEachCode(run) { code in
                let n = Int(code &>> shift)
                if known[n].group == TokenGroups.Known.none {
                    let token = token(n)
                    let key = token & wordFlag != 0 ? wordFlag | wordNumbers[Int(token & ~wordFlag)] : token
                    groups.add(token: n, key: key, position: position)
                }
                let value = first &+ (code & low)
                entries[at] = known[n].group | value
                hash = Block.runHash(hash, token: known[n].hashed, entry: value)
                at &+= 1
            }
            return (at, hash)
        }

        /// An entry as a block is being made: its token (a Han token's number, or `word | n` for word n)
        /// and `page number << 2 | place`.
        struct Entry {
            static let word: UInt32 = 1 << 31
            var token: UInt32
            var value: UInt32
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
