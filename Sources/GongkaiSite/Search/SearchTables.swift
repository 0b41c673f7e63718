import Foundation
import GongkaiContent

/// The hash tables the index is built with: they run for every token of every page, so they are
/// open-addressed over flat storage.
extension SearchIndex {
    /// Non-zero keys in an open-addressing table, each with a group number (a shard's tokens). On raw
    /// storage (freed with the table): `group` runs for every entry of the index, twice.
    final class KeyTable {
        private var keys: UnsafeMutableBufferPointer<UInt64>
        private var groups: UnsafeMutableBufferPointer<Int32>
        private(set) var count = 0
        private var mask: Int

        init(capacity: Int) {
            var size = 64
            while size < capacity * 2 { size *= 2 }
            keys = .allocate(capacity: size)
            keys.initialize(repeating: 0)
            groups = .allocate(capacity: size)
            groups.initialize(repeating: 0)
            mask = size - 1
        }

        deinit {
            keys.deallocate()
            groups.deallocate()
        }

        /// The group number of `key`: the one it was given, else `next`, now given to it.
        @inline(__always) func group(of key: UInt64, next: Int32) -> Int32 {
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

        private func grow() {
            let (oldKeys, oldGroups) = (keys, groups)
            let size = keys.count * 2
            keys = .allocate(capacity: size)
            keys.initialize(repeating: 0)
            groups = .allocate(capacity: size)
            groups.initialize(repeating: 0)
            mask = size - 1
            count = 0
            for i in oldKeys.indices where oldKeys[i] != 0 { _ = group(of: oldKeys[i], next: oldGroups[i]) }
            oldKeys.deallocate()
            oldGroups.deallocate()
        }
    }

    /// The tokens of one page, each once with its highest place, as `tokenize` hands them over: Han
    /// pairs (and characters outside the common ranges) in `pairs`, the common Han characters in
    /// `characters`, words in `words` (the block's) and `pageWords` (this page's, each once).
    struct PageTokens: SearchTokenSink {
        var pairs: PairTable
        var characters = CharacterTable()
        var words = WordTable()
        var pageWords: [Int32] = []
        var page = 0
        /// The place of the text being read.
        var place: UInt8 = 0

        init(capacity: Int) { pairs = PairTable(capacity: capacity) }

        func release() {
            pairs.release()
            characters.release()
        }

        mutating func startPage(_ number: Int) {
            page = number
            pairs.startPage()
            characters.startPage()
            pageWords.removeAll(keepingCapacity: true)
        }

        mutating func add(_ text: String, place: UInt32) {
            self.place = UInt8(place)
            SearchIndex.tokenize(text, into: &self)
        }

        @inline(__always) mutating func han(_ c: UInt32) {
            if c &- CharacterTable.first < CharacterTable.size {
                characters.insert(Int(c &- CharacterTable.first), place: place)
            } else {
                pairs.insert(UInt64(c) << 21, place: place)
            }
        }

        @inline(__always) mutating func pair(_ a: UInt32, _ b: UInt32) {
            pairs.insert(UInt64(a) << 21 | UInt64(b), place: place)
        }

        mutating func word(_ bytes: [UInt8], hash: UInt32) {
            let word = words.number(of: bytes, hash: hash, page: page)
            if words.lastPage[Int(word)] != page {
                words.lastPage[Int(word)] = page
                words.place[Int(word)] = place
                pageWords.append(word)
            } else if place > words.place[Int(word)] {
                words.place[Int(word)] = place
            }
        }

        /// Calls `body` with the key and place of each Han token of the page (pairs and characters).
        @inline(__always) func forEachHan(_ body: (UInt64, UInt8) -> Void) {
            for slot in pairs.slots { body(pairs.keys[Int(slot)], pairs.place[Int(slot)]) }
            for offset in characters.slots {
                body(UInt64(CharacterTable.first + UInt32(offset)) << 21, characters.place[Int(offset)])
            }
        }
    }

    /// The Han characters of one page from the common ranges (Extension A and the unified block,
    /// U+3400–U+9FFF), each once with its highest place: a slot per character, no hashing. Every Han
    /// character of every page comes here, where the pairs need a hash table.
    struct CharacterTable {
        static let first: UInt32 = 0x3400
        static let size: UInt32 = 0xA000 - 0x3400
        var place: UnsafeMutableBufferPointer<UInt8>
        /// The page each slot was last filled for: a slot of an earlier page counts as empty.
        var stamps: UnsafeMutableBufferPointer<UInt32>
        var stamp: UInt32 = 1
        /// Slots filled for this page, in order: `count` of them (each character once, so they fit).
        var used: UnsafeMutableBufferPointer<UInt16>
        var count = 0

        init() {
            place = .allocate(capacity: Int(Self.size))
            stamps = .allocate(capacity: Int(Self.size))
            stamps.initialize(repeating: 0)
            used = .allocate(capacity: Int(Self.size))
        }

        func release() {
            place.deallocate()
            stamps.deallocate()
            used.deallocate()
        }

        var slots: UnsafeMutableBufferPointer<UInt16>.SubSequence { used[..<count] }

        mutating func startPage() {
            stamp += 1
            count = 0
        }

        @inline(__always) mutating func insert(_ slot: Int, place p: UInt8) {
            if stamps[slot] == stamp {
                if p > place[slot] { place[slot] = p }
                return
            }
            stamps[slot] = stamp
            place[slot] = p
            used[count] = UInt16(slot)
            count += 1
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
