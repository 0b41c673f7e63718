import Foundation
import GongkaiContent

extension SearchIndex {
    /// The shard files when most blocks are stored (`Block.isStored`, their entries in the current
    /// output): only a shard in which a tokenised block's entries differ from that block's stored ones
    /// is made, from the current output's file with the block's pages taken out and its new entries
    /// put in; the rest are the current output's (`OutputFile(unchanged:)`). Nil when this cannot be
    /// done safely (words another shard count, a stored file missing, damaged
    /// or not what the store says): then the caller makes the whole index. `numbering`: the whole index's
    /// words (`WordNumbers`), asked for only when needed (no shard to make and no new word: not at all).
    static func updatedShards(
        _ blocks: [Block], words numbering: () -> WordNumbers, shardCount: Int, store: Store,
        emit: @Sendable (OutputFile) -> OutputFile
    ) -> (files: [OutputFile], runs: [UInt64: [UInt64]])? {
        guard let previous = store.previous else { return nil }
        guard previous.shardCount == shardCount, previous.blockKeys.count == blocks.count else {
            store.note = "full (shard count \(previous.shardCount) → \(shardCount))"
            return nil
        }
        let changed = blocks.indices.filter { !blocks[$0].isStored }
        guard changed.count <= max(4, blocks.count / 4) else {
            store.note = "full (\(changed.count) of \(blocks.count) blocks changed)"
            return nil
        }
        // The stored index's words, and each one's number now: the ones still there must keep their order.
        // When every changed block numbers first the words its stored block did (as a body edit without
        // new Latin words), the index's words are the stored ones in the same order: nothing to renumber,
        // and nothing here is made for the whole index's words.
        let sameWords = changed.allSatisfy { blocks[$0].firstWords == previous.blockWords[$0] }
        var numbered: WordNumbers? = nil
        func wordNumbers() -> WordNumbers {
            if numbered == nil { numbered = numbering() }
            return numbered!
        }
        let gone = UInt64.max >> 1
        var oldNames: [String] = []
        var renumbered: [UInt64] = []
        var redo = Set<Int>()
        if !sameWords {
            var seen = Set<String>()
            for list in previous.blockWords { for word in list where seen.insert(word).inserted { oldNames.append(word) } }
            var newNumber: [String: UInt64] = [:]
            for (n, name) in wordNumbers().names.enumerated() { newNumber[name] = UInt64(n) }
            renumbered = oldNames.map { newNumber[$0] ?? gone }
            // A shard whose words are now numbered in another order is made again (its tokens are in
            // the order of their numbers); the others' words keep their order.
            var lastOfShard = [UInt64?](repeating: nil, count: shardCount)
            let shardBits = shardCount.trailingZeroBitCount, width = Block.bucketCount >> shardBits
            for (old, new) in zip(oldNames, renumbered) where new != gone {
                let shard = Block.reversed(Int(Block.bucket(hash(token: old))) / width, bits: shardBits)
                if let last = lastOfShard[shard], last > new { redo.insert(shard) }
                lastOfShard[shard] = new
            }
        }
        let reordered = redo.count

        // The shards whose entries changed.
        var runs: [UInt64: [UInt64]] = [:]
        for n in changed {
            let hashes = blocks[n].runHashes(shardCount: shardCount)
            guard let old = store.runHashes(of: previous.blockKeys[n], shardCount: shardCount) else {
                store.note = "full (run hashes of block \(n) missing)"
                return nil
            }
            for shard in 0..<shardCount where hashes[shard] != old[shard] { redo.insert(shard) }
            runs[blocks[n].key] = hashes
        }
        let changedPages = changed.map { n -> Range<UInt32> in
            UInt32(blocks[n].firstPage)..<UInt32(blocks[n].firstPage + blockSize)
        }
        let output = store.output
        // (Only for shards to make: the index's words, the same as the stored ones when no block's changed.)
        let words = redo.isEmpty ? WordNumbers() : wordNumbers()
        if sameWords { oldNames = words.names }
        let (oldWords, newNumbers) = (oldNames, renumbered)
        // (Only for shards to make: the stored words by name.)
        let oldNumber = redo.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: oldWords.enumerated().map { ($1, UInt64($0)) })
        let made: [(Int, [UInt8]?)] = parallelMap(redo.sorted()) { shard in
            let path = shardPath(shard)
            guard let current = SiteFiles.readBytes(output + "/" + path), current.count == previous.shardStamps[shard].size,
                StableHash.of(current) == previous.shardStamps[shard].hash,
                var (keys, values) = decodeShard(current, shard: shard, wordNumber: oldNumber)
            else { return (shard, nil) }
            // Trusted only when it encodes back to the same bytes.
            let again = keys.withUnsafeBufferPointer { k in
                values.withUnsafeBufferPointer { v in shardScript(shard, keys: k[...], values: v[...], wordNames: oldWords) }
            }
            guard again == current else { return (shard, nil) }
            // The changed blocks' pages out, their entries now in.
            var kept = 0
            for i in keys.indices {
                let page = values[i] >> 2
                if changedPages.contains(where: { $0.contains(page) }) { continue }
                var key = keys[i]
                if key & wordFlag != 0 && !sameWords { key = wordFlag | newNumbers[Int(key & ~wordFlag)] }
                keys[kept] = key
                values[kept] = values[i]
                kept += 1
            }
            let buckets = Block.buckets(ofShard: shard, shardCount: shardCount)
            let added = changed.map { n in Int(blocks[n].bucketStarts[buckets.upperBound] - blocks[n].bucketStarts[buckets.lowerBound]) }
            let total = kept + added.reduce(0, +)
            keys.removeLast(keys.count - kept)
            values.removeLast(values.count - kept)
            keys += [TokenKey](repeating: 0, count: total - kept)
            values += [UInt32](repeating: 0, count: total - kept)
            keys.withUnsafeMutableBufferPointer { keys in
                values.withUnsafeMutableBufferPointer { values in
                    var at = kept
                    for n in changed {
                        let run = Int(blocks[n].bucketStarts[buckets.lowerBound])..<Int(blocks[n].bucketStarts[buckets.upperBound])
                        at = blocks[n].copy(run, wordNumbers: words.ofBlock[n], keys: keys, values: values, at: at)
                    }
                }
            }
            // A word no page has any more must have gone with the changed pages.
            if keys.contains(wordFlag | gone) { return (shard, nil) }
            // Page order (a token is once on a page): the shard's script groups tokens in this order.
            let order = values.indices.sorted { values[$0] < values[$1] }
            let sortedKeys = order.map { keys[$0] }, sortedValues = order.map { values[$0] }
            let bytes = sortedKeys.withUnsafeBufferPointer { k in
                sortedValues.withUnsafeBufferPointer { v in shardScript(shard, keys: k[...], values: v[...], wordNames: words.names) }
            }
            return (shard, bytes)
        }
        var files = (0..<shardCount).map { shard in
            OutputFile(unchanged: shardPath(shard), stamp: previous.shardStamps[shard])
        }
        for (shard, bytes) in made {
            guard let bytes else {
                store.note = "full (shard \(shard) not as stored)"
                return nil
            }
            files[shard] = OutputFile(shardPath(shard), bytes: bytes)
        }
        store.note = "\(redo.count) of \(shardCount) shards (\(reordered) for the words' order), \(changed.count) of \(blocks.count) blocks"
        return (files.map(emit), runs)
    }

    /// The entries of a shard file (`shardScript`), tokens in the file's order and each one's pages in
    /// order; words by `wordNumber`. Nil when the file is not one.
    static func decodeShard(_ bytes: [UInt8], shard: Int, wordNumber: [String: UInt64]) -> (keys: [TokenKey], values: [UInt32])? {
        let head = Array("GongkaiSearch.shard(\(shard),{".utf8), tail = Array("});\n".utf8)
        guard bytes.count >= head.count + tail.count, bytes.starts(with: head), bytes.suffix(tail.count).elementsEqual(tail) else { return nil }
        var digit = [Int8](repeating: -1, count: 256), last = [Bool](repeating: false, count: 256)
        for (n, byte) in terminalBytes.enumerated() {
            digit[Int(byte)] = Int8(n)
            last[Int(byte)] = true
        }
        for (n, byte) in continuationBytes.enumerated() { digit[Int(byte)] = Int8(n) }
        var keys: [TokenKey] = [], values: [UInt32] = []
        keys.reserveCapacity(bytes.count / 2)
        values.reserveCapacity(bytes.count / 2)
        var at = head.count
        let end = bytes.count - tail.count
        while at < end {
            if at > head.count {
                guard bytes[at] == 0x2C else { return nil }
                at += 1
            }
            guard at < end, bytes[at] == 0x22 else { return nil }
            at += 1
            let start = at
            while at < end && bytes[at] != 0x22 { guard bytes[at] != 0x5C else { return nil }; at += 1 }
            guard at + 2 < end, bytes[at + 1] == 0x3A, bytes[at + 2] == 0x22 else { return nil }
            let text = String(decoding: bytes[start..<at], as: UTF8.self)
            let scalars = Array(text.unicodeScalars)
            let key: TokenKey
            guard let first = scalars.first else { return nil }
            if first.value < 0x250 {
                guard let number = wordNumber[text] else { return nil }
                key = wordFlag | number
            } else {
                guard scalars.count <= 2 else { return nil }
                key = UInt64(first.value) << 21 | UInt64(scalars.count == 2 ? scalars[1].value : 0)
            }
            at += 3
            var value: UInt64 = 0
            var previous: Int64 = -1
            while at < end && bytes[at] != 0x22 {
                let d = digit[Int(bytes[at])]
                guard d >= 0, value < 1 << 40 else { return nil }
                value = value << 5 | UInt64(d)
                if last[Int(bytes[at])] {
                    let number = previous + 1 + Int64(value >> 2)
                    guard number < 1 << 29 else { return nil }
                    keys.append(key)
                    values.append(UInt32(number) << 2 | UInt32(value & 3))
                    previous = number
                    value = 0
                }
                at += 1
            }
            guard at < end, value == 0 else { return nil }
            at += 1
        }
        return (keys, values)
    }
}
