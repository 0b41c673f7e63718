import Foundation
import GongkaiContent

/// The hash tables the index is built with: they run for every token of every page, so they are
/// open-addressed over flat storage.
extension SearchIndex {
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
}
