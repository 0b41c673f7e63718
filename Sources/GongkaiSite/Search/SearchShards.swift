import Foundation
import GongkaiContent

extension SearchIndex {
    /// The shard files `t<n>.js` of `blocks`: with a session's `cache`, each made again only when its
    /// entries or the words changed; without, all made in batches, and each block's `runHashes` with them.
    static func shards(
        _ blocks: [Block], words: WordNumbers, shardCount: Int, cache: BlockCache?,
        emit: @Sendable (OutputFile) -> OutputFile
    ) -> (files: [OutputFile], runs: [[UInt64]]?) {
        @Sendable func shardFile(_ shard: Int, keys: Slice<UnsafeBufferPointer<TokenKey>>, values: Slice<UnsafeBufferPointer<UInt32>>) -> OutputFile {
            OutputFile(shardPath(shard), bytes: shardScript(shard, keys: keys, values: values, wordNames: words.names))
        }
        guard let cache else {
            let (files, runs) = shardsInBatches(blocks: blocks, shardCount: shardCount, words: words) { shard, entries in
                emit(OutputFile(shardPath(shard), bytes: shardScript(shard, entries, wordNames: words.names)))
            }
            return (files, runs)
        }
        if let (files, runs) = updatedShards(blocks, words: words, shardCount: shardCount, cache: cache) {
            cache.lastShards = .init(blocks: blocks, names: words.names, shardCount: shardCount, files: files, runs: runs)
            return (files.map(emit), nil)
        }
        var names = StableHash()
        for name in words.names { names.add(name) }
        @Sendable func entries(of shard: Int, blocks numbers: Range<Int>) -> (keys: [TokenKey], values: [UInt32]) {
            shardEntries(shard, of: blocks, numbers: numbers, shardCount: shardCount, wordNumbers: words.ofBlock)
        }
        // A hash of each block's entries in each shard, kept with the block. Given the block's key,
        // they depend only on the shard count and the words (their numbers).
        var context = StableHash()
        context.add(shardCount)
        context.add(names.value)
        let runContext = context.value
        let blockCount = blocks.count
        let runHashes: [[UInt64]] = parallelMap(Array(0..<blockCount)) { block in
            cache.runHashes(blocks[block].key, context: runContext) {
                (0..<shardCount).map { (shard: Int) -> UInt64 in
                    let (keys, values) = entries(of: shard, blocks: block..<(block + 1))
                    var hash = StableHash()
                    keys.withUnsafeBytes { hash.add($0) }
                    values.withUnsafeBytes { hash.add($0) }
                    return hash.value
                }
            }
        }
        let files = parallelMap(Array(0..<shardCount)) { shard in
            // A session encodes a shard again only when its entries or the words changed.
            var key = StableHash()
            key.add(runContext)
            key.add(blockCount)
            for hashes in runHashes { key.add(hashes[shard]) }
            return cache.file(shardPath(shard), key: key.value) {
                // The shard's entries: one run of buckets in each block, blocks in page order.
                let (keys, values) = entries(of: shard, blocks: 0..<blockCount)
                return keys.withUnsafeBufferPointer { keys in
                    values.withUnsafeBufferPointer { values in shardFile(shard, keys: keys[...], values: values[...]) }
                }
            }
        }
        cache.lastShards = .init(blocks: blocks, names: words.names, shardCount: shardCount, files: files)
        return (files.map(emit), nil)
    }

    /// A session's shard files after an edit, from its last build's (`BlockCache.lastShards`): only a
    /// shard in which a changed block's entries differ from those of the block it replaces is made
    /// again, the others are the last build's. Nil when the last build's cannot be used so: another
    /// shard or block count, words numbered otherwise (a changed block numbers other words first), or
    /// many blocks changed (pages renumbered); then every shard's key is checked.
    /// Also returns the changed blocks' `runHashes` by key: the next edit's old ones.
    static func updatedShards(
        _ blocks: [Block], words: WordNumbers, shardCount: Int, cache: BlockCache
    ) -> (files: [OutputFile], runs: [UInt64: [UInt64]])? {
        guard let last = cache.lastShards, last.shardCount == shardCount, last.blocks.count == blocks.count,
            last.files.count == shardCount
        else { return nil }
        let changed = blocks.indices.filter { blocks[$0].key != last.blocks[$0].key }
        guard changed.count <= max(4, blocks.count / 4) else { return nil }
        // The words, and so their numbers, are the last build's when every changed block numbers first
        // the words the block it replaces did.
        guard changed.allSatisfy({ blocks[$0].firstWords == last.blocks[$0].firstWords }), words.names.count == last.names.count
        else { return nil }
        var redo = Set<Int>()
        var runs: [UInt64: [UInt64]] = [:]
        for n in changed {
            let new = blocks[n].runHashes(shardCount: shardCount)
            let old = last.runs[last.blocks[n].key] ?? last.blocks[n].runHashes(shardCount: shardCount)
            for shard in 0..<shardCount where new[shard] != old[shard] { redo.insert(shard) }
            runs[blocks[n].key] = new
        }
        var files = last.files
        let made = parallelMap(redo.sorted()) { shard -> (Int, OutputFile) in
            let (keys, values) = shardEntries(shard, of: blocks, numbers: blocks.indices, shardCount: shardCount, wordNumbers: words.ofBlock)
            let bytes = keys.withUnsafeBufferPointer { k in
                values.withUnsafeBufferPointer { v in shardScript(shard, keys: k[...], values: v[...], wordNames: words.names) }
            }
            return (shard, OutputFile(shardPath(shard), bytes: bytes))
        }
        for (shard, file) in made { files[shard] = file }
        cache.noted(", \(redo.count) of \(shardCount) shards, \(changed.count) of \(blocks.count) blocks")
        return (files, runs)
    }

    /// The entries of `shard` from the blocks numbered `numbers` (all, or one), word numbers made the index's.
    static func shardEntries(
        _ shard: Int, of blocks: [Block], numbers: Range<Int>, shardCount: Int, wordNumbers: [[UInt64]]
    ) -> (keys: [TokenKey], values: [UInt32]) {
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

    /// The shard files, made in batches of shards whose buckets are next to each other: a batch reads
    /// one stretch of each block, where shard by shard would read every block once per shard (at 50k
    /// pages, 4096 shards × 782 blocks of scattered reads, which grew faster than the site). Also
    /// returns each block's `runHashes`, made as its entries are gathered.
    static func shardsInBatches(
        blocks: [Block], shardCount: Int, words: WordNumbers, make: @Sendable (Int, GroupedEntries) -> OutputFile
    ) -> (files: [OutputFile], runs: [[UInt64]]) {
        let bits = shardCount.trailingZeroBitCount
        let width = Block.bucketCount >> bits
        let batches = min(shardCount, 256)
        let perBatch = shardCount / batches
        let tokens = blocks.reduce(0) { max($0, $1.tokenCount) }
        // The shard at each position in bucket order (see `Block.buckets`).
        let shardAt = (0..<shardCount).map { Block.reversed($0, bits: bits) }
        let made = parallelMap(Array(0..<batches)) { batch -> (files: [(Int, OutputFile)], runs: [UInt64]) in
            let positions = (batch * perBatch)..<((batch + 1) * perBatch)
            func run(_ block: Block, _ position: Int) -> Range<Int> {
                Int(block.bucketStarts[position * width])..<Int(block.bucketStarts[(position + 1) * width])
            }
            var starts = [Int](repeating: 0, count: perBatch + 1)
            for block in blocks {
                for (i, position) in positions.enumerated() { starts[i + 1] += run(block, position).count }
            }
            for i in 0..<perBatch { starts[i + 1] += starts[i] }
            // (Not zeroed: every entry is written before it is read.)
            let entries = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: starts[perBatch])
            defer { entries.deallocate() }
            var groups = TokenGroups(shards: perBatch, tokens: tokens, wordNames: words.names)
            defer { groups.release() }
            var filled = Array(starts.dropLast())
            // Each block's run hashes, by position in the batch.
            var runs = [UInt64](repeating: 0, count: blocks.count * perBatch)
            for b in blocks.indices {
                groups.startBlock()
                for (i, position) in positions.enumerated() {
                    (filled[i], runs[b * perBatch + i]) = blocks[b].gather(
                        run(blocks[b], position), shard: shardAt[position], wordNumbers: words.ofBlock[b], into: &groups,
                        position: i, entries: entries, at: filled[i])
                }
            }
            let files = positions.enumerated().map { i, position in
                let shard = shardAt[position]
                let grouped = GroupedEntries(entries: UnsafeBufferPointer(rebasing: entries[starts[i]..<starts[i + 1]]), keys: groups.keys[i])
                return (shard, make(shard, grouped))
            }
            return (files, runs)
        }
        var files = [OutputFile?](repeating: nil, count: shardCount)
        for (shard, file) in made.lazy.map(\.files).joined() { files[shard] = file }
        let runs = blocks.indices.map { b in
            [UInt64](unsafeUninitializedCapacity: shardCount) { runs, initialized in
                for position in 0..<shardCount { runs[shardAt[position]] = made[position / perBatch].runs[b * perBatch + position % perBatch] }
                initialized = shardCount
            }
        }
        return (files.map { $0! }, runs)
    }

    /// A shard's entries with their tokens as groups: each entry as `group << 32 | value` (`page number
    /// << 2 | place`), in page order, and each group's key (a token of the shard, numbered in the order met).
    struct GroupedEntries {
        var entries: UnsafeBufferPointer<UInt64>
        var keys: [TokenKey]
    }

    /// The groups of a batch's shards as their entries are gathered from the blocks (`Block.gather`):
    /// each token's key is looked up once a block, not once an entry. (Freed by `release()`.)
    struct TokenGroups {
        /// Every key of the batch (each key is in one shard only), numbered in the order met; and by
        /// that number, its group (numbered in its shard) and the token as `Block.runHashes` reads it.
        private let table = KeyTable(capacity: 1024)
        private var ofKey: [Known] = []
        /// Each shard's keys by group (shards by position in the batch).
        private(set) var keys: [[TokenKey]]
        /// The index's words by number.
        private let wordNames: [String]
        /// By token number of the block being read: its group in the high half (`Known.none` until
        /// met), and the token as `Block.runHashes` reads it. (Raw: read for every entry.)
        let known: UnsafeMutablePointer<Known>
        /// The tokens of the block being read that were met, to be forgotten when the next starts.
        private var met = RawList<Int>(capacity: 1024)

        struct Known {
            static let none = UInt64.max
            var group: UInt64
            var hashed: UInt64
        }

        /// For `shards` shards, of blocks with at most `tokens` tokens.
        init(shards: Int, tokens: Int, wordNames: [String]) {
            keys = Array(repeating: [], count: shards)
            self.wordNames = wordNames
            known = .allocate(capacity: tokens)
            known.initialize(repeating: Known(group: Known.none, hashed: 0), count: tokens)
        }

        func release() {
            known.deallocate()
            met.release()
        }

        mutating func startBlock() {
            for i in 0..<met.count { known[met[i]].group = Known.none }
            met.count = 0
        }

        /// Token `number` of the block being read, whose key is `key`, met in the shard at `position`.
        mutating func add(token number: Int, key: TokenKey, position: Int) {
            let n = Int(table.group(of: key, next: Int32(ofKey.count)))
            if n == ofKey.count {
                let hashed = key & wordFlag != 0 ? StableHash.of(wordNames[Int(key & ~wordFlag)]) | wordFlag : key
                ofKey.append(Known(group: UInt64(keys[position].count) << 32, hashed: hashed))
                keys[position].append(key)
            }
            known[number] = ofKey[n]
            met.append(number)
        }
    }

    /// `GongkaiSearch.shard(n,{"宪法":"…",…});`, tokens in the order of their keys.
    static func shardScript(
        _ shard: Int, keys: Slice<UnsafeBufferPointer<TokenKey>>, values: Slice<UnsafeBufferPointer<UInt32>>,
        wordNames: [String]
    ) -> [UInt8] {
        let groups = KeyTable(capacity: keys.count / 4)
        var groupKeys: [TokenKey] = []
        let entries = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: keys.count)
        defer { entries.deallocate() }
        for (n, (key, value)) in zip(keys, values).enumerated() {
            let group = groups.group(of: key, next: Int32(groupKeys.count))
            if group == groupKeys.count { groupKeys.append(key) }
            entries[n] = UInt64(group) << 32 | UInt64(value)
        }
        return shardScript(shard, GroupedEntries(entries: UnsafeBufferPointer(entries), keys: groupKeys), wordNames: wordNames)
    }

    /// The shard script of `entries`.
    static func shardScript(_ shard: Int, _ entries: GroupedEntries, wordNames: [String]) -> [UInt8] {
        // Entries come in page order. Each token's entries are gathered in that order (a counting
        // sort by token, the tokens themselves sorted): linear in the entries. (On raw storage: this
        // runs for every entry of the index.)
        let (grouped, groupKeys) = (entries.entries, entries.keys)
        let count = grouped.count
        let groupCount = groupKeys.count
        let groupCounts = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, groupCount))
        let placed = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: count)
        defer {
            groupCounts.deallocate()
            placed.deallocate()
        }
        groupCounts.initialize(repeating: 0)
        for entry in grouped { groupCounts[Int(entry >> 32)] &+= 1 }
        // The groups in the order of their keys: sorted as `key << 21 | group` (keys are below 2^43:
        // a word's number is far below 2^42), or by index when there are too many groups for that.
        var order: [Int]
        if groupCount < 1 << 21 {
            var packed = (0..<groupCount).map { groupKeys[$0] << 21 | UInt64($0) }
            packed.sort()
            order = packed.map { Int($0 & 0x1F_FFFF) }
        } else {
            order = Array(0..<groupCount)
            order.sort { groupKeys[$0] < groupKeys[$1] }
        }
        // Each group's next place in `placed`.
        let next = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, groupCount))
        defer { next.deallocate() }
        var offset: Int32 = 0
        for group in order {
            next[group] = offset
            offset += groupCounts[group]
        }
        for entry in grouped {
            let group = Int(entry >> 32)
            placed[Int(next[group])] = UInt32(truncatingIfNeeded: entry)
            next[group] &+= 1
        }
        var out = Array("GongkaiSearch.shard(\(shard),{".utf8)
        out.reserveCapacity(count * 2 + groupCount * 12 + 64)
        // Postings are encoded here first (at most 13 digits each), then copied out a token at a time.
        let digits = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 13 * count + 13)
        defer { digits.deallocate() }
        var start = 0
        for (n, group) in order.enumerated() {
            let key = groupKeys[group]
            let end = start + Int(groupCounts[group])
            if n > 0 { out.append(0x2C) }
            if key & wordFlag != 0 {
                let id = Int(key & ~wordFlag)
                JSONText.append(id < wordNames.count ? wordNames[id] : "", forScript: true, to: &out)
            } else {
                out.append(0x22)
                appendUTF8(UInt32(key >> 21), to: &out)
                if key & 0x1FFFFF != 0 { appendUTF8(UInt32(key & 0x1FFFFF), to: &out) }
                out.append(0x22)
            }
            out.append(0x3A)
            out.append(0x22)
            let written = encodePostings(UnsafeBufferPointer(rebasing: placed[start..<end]), into: digits)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[..<written]))
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
}
