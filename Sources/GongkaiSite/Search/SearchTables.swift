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

    /// The tokens of a block's pages as `tokenize` hands them over, numbered for the block as they are
    /// first met: Han pairs and characters in `han`, words in `words`. For the page being read, each
    /// token once with its highest place: its Han tokens in `han` (pairs, and characters outside the
    /// common ranges, then the common characters, each in the order first met on the page), its words
    /// in `pageWords`.
    struct PageTokens: SearchTokenSink {
        var han: HanTable
        var words = WordTable()
        var pageWords: [Int32] = []
        var page = 0
        /// The place of the text being read.
        var place: UInt8 = 0

        init(capacity: Int) { han = HanTable(capacity: capacity) }

        func release() { han.release() }

        mutating func startPage(_ number: Int) {
            page = number
            han.startPage(number)
            pageWords.removeAll(keepingCapacity: true)
        }

        mutating func add(_ text: String, place: UInt32) {
            self.place = UInt8(place)
            SearchIndex.tokenize(text, into: &self)
        }

        @inline(__always) mutating func han(_ c: UInt32) {
            if c &- HanTable.first < HanTable.characterCount {
                han.insert(character: Int(c &- HanTable.first), place: place)
            } else {
                han.insert(UInt64(c) << 21, place: place)
            }
        }

        @inline(__always) mutating func pair(_ a: UInt32, _ b: UInt32) {
            han.insert(UInt64(a) << 21 | UInt64(b), place: place)
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

        /// Calls `body` with the number (in `han`) and place of each Han token of the page.
        @inline(__always) func forEachHan(_ body: (Int32, UInt8) -> Void) {
            han.forEachOfPage(body)
        }
    }

    /// A list on raw storage, appended to and emptied (`startPage` runs for every page); freed by `release()`.
    struct RawList<Element> {
        var items: UnsafeMutablePointer<Element>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 16)
            items = .allocate(capacity: self.capacity)
        }

        func release() { items.deallocate() }

        subscript(_ i: Int) -> Element { items[i] }

        @inline(__always) mutating func append(_ item: Element) {
            if count == capacity {
                let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
                grown.moveInitialize(from: items, count: count)
                items.deallocate()
                items = grown
                capacity *= 2
            }
            items[count] = item
            count += 1
        }
    }

    /// The Han tokens of a block (pairs, and single characters), each numbered once in the order met,
    /// with the page it was last met on and its highest place there; and the tokens of the page being
    /// read. A common character (U+3400–U+9FFF) has a slot of its own, no hashing; pairs and other
    /// characters are in an open-addressing table over their keys (never 0: a Han character is not
    /// U+0000). A slot holds all a token's own (one cache line read a character), on raw storage freed
    /// by `release()`: `insert` runs for every character of every page.
    struct HanTable {
        static let first: UInt32 = 0x3400
        static let characterCount: UInt32 = 0xA000 - 0x3400

        /// A token's number, and `page << 2 | place` of the page it was last met on.
        struct Seen {
            var number: Int32
            var page: UInt32
        }

        struct Slot {
            /// 0 for an empty slot.
            var key: UInt64
            var seen: Seen
        }

        /// Each token's key (`a << 21 | b`, see `TokenKey`) by number, and its `Block.small` form
        /// (`Block.noSmall` for none): made once a token, read for each of its entries.
        var keys: RawList<UInt64>
        var smalls: RawList<UInt32>
        var count: Int { keys.count }
        /// The common characters, by offset from `first`; number -1 and page `.max` (no page's) for one not met.
        var characters: UnsafeMutablePointer<Seen>
        /// Pairs and other characters.
        var slots: UnsafeMutableBufferPointer<Slot>
        var mask: Int
        /// `page << 2` of the page being read; its tokens: slots of pairs (and other characters) and
        /// offsets of common characters, each in the order first met on the page.
        var page: UInt32 = 0
        var pagePairs: RawList<Int32>
        var pageCharacters: RawList<Int32>

        init(capacity: Int) {
            var size = 64
            while size < capacity { size *= 2 }
            keys = RawList(capacity: size)
            smalls = RawList(capacity: size)
            characters = .allocate(capacity: Int(Self.characterCount))
            characters.initialize(repeating: Seen(number: -1, page: .max), count: Int(Self.characterCount))
            slots = .allocate(capacity: size * 2)
            slots.initialize(repeating: Slot(key: 0, seen: Seen(number: 0, page: 0)))
            mask = size * 2 - 1
            pagePairs = RawList(capacity: size / 2)
            pageCharacters = RawList(capacity: 1024)
        }

        func release() {
            keys.release()
            smalls.release()
            characters.deallocate()
            slots.deallocate()
            pagePairs.release()
            pageCharacters.release()
        }

        mutating func startPage(_ number: Int) {
            page = UInt32(truncatingIfNeeded: number) << 2
            pagePairs.count = 0
            pageCharacters.count = 0
        }

        /// Common character `offset` (from `first`), met at place `p`.
        @inline(__always) mutating func insert(character offset: Int, place p: UInt8) {
            let seen = characters[offset].page
            if seen & ~3 == page {
                if UInt32(p) > seen & 3 { characters[offset].page = page | UInt32(p) }
                return
            }
            if characters[offset].number < 0 { characters[offset].number = add(UInt64(Self.first + UInt32(offset)) << 21) }
            characters[offset].page = page | UInt32(p)
            pageCharacters.append(Int32(offset))
        }

        /// A pair, or a character outside the common ranges, met at place `p`.
        @inline(__always) mutating func insert(_ key: UInt64, place p: UInt8) {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while true {
                let found = slots[slot].key
                if found == key {
                    let seen = slots[slot].seen.page
                    if seen & ~3 == page {
                        if UInt32(p) > seen & 3 { slots[slot].seen.page = page | UInt32(p) }
                    } else {
                        slots[slot].seen.page = page | UInt32(p)
                        pagePairs.append(Int32(slot))
                    }
                    return
                }
                if found == 0 { break }
                slot = (slot + 1) & mask
            }
            slots[slot] = Slot(key: key, seen: Seen(number: add(key), page: page | UInt32(p)))
            pagePairs.append(Int32(slot))
            if count * 2 > slots.count { growSlots() }
        }

        /// A new token: its number.
        @inline(__always) private mutating func add(_ key: UInt64) -> Int32 {
            keys.append(key)
            smalls.append(Block.small(key) ?? Block.noSmall)
            return Int32(keys.count - 1)
        }

        /// Calls `body` with the number and place of each Han token of the page.
        @inline(__always) func forEachOfPage(_ body: (Int32, UInt8) -> Void) {
            for i in 0..<pagePairs.count {
                let seen = slots[Int(pagePairs[i])].seen
                body(seen.number, UInt8(seen.page & 3))
            }
            for i in 0..<pageCharacters.count {
                let seen = characters[Int(pageCharacters[i])]
                body(seen.number, UInt8(seen.page & 3))
            }
        }

        /// Twice the slots (the count of pairs and other characters is at most the tokens'); the page's
        /// slots moved with them.
        private mutating func growSlots() {
            let old = slots
            let size = old.count * 2
            slots = .allocate(capacity: size)
            slots.initialize(repeating: Slot(key: 0, seen: Seen(number: 0, page: 0)))
            mask = size - 1
            var moved = [Int32](repeating: -1, count: old.count)
            for i in old.indices where old[i].key != 0 {
                var slot = Int(truncatingIfNeeded: (old[i].key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
                while slots[slot].key != 0 { slot = (slot + 1) & mask }
                slots[slot] = old[i]
                moved[i] = Int32(slot)
            }
            for i in 0..<pagePairs.count { pagePairs.items[i] = moved[Int(pagePairs.items[i])] }
            old.deallocate()
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
