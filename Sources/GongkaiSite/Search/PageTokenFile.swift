import Foundation
import GongkaiContent

/// What a block is made of, page by page, as it is tokenised (see `Block.init(_:pages:entryBits:recording:)`).
protocol PageTokenRecorder {
    /// A page starts; `key`: its key (`BuildKeys.add(_:to:)`: source path and hash), made only when recorded.
    mutating func startPage(key: @autoclosure () -> UInt64)
    /// A Han token of the page (`a << 21 | b`), with its place, in the order `PageTokens.forEachHan` gives them.
    mutating func han(_ key: UInt64, place: UInt8)
    /// The page's Han tokens at once: `entries` (the block's, of this page: token numbers and places)
    /// with the tokens' keys and `Block.small` forms by number.
    mutating func han(
        keys: UnsafeMutablePointer<UInt64>, smalls: UnsafeMutablePointer<UInt32>, entries: UnsafeBufferPointer<SearchIndex.Block.Entry>)
    /// A word of the page as UTF-8, in the order first met on it, with its `hash(token:)` and place.
    mutating func word(_ bytes: ArraySlice<UInt8>, hash: UInt32, place: UInt8)
    mutating func endPage()
}

extension SearchIndex {
    /// Records nothing (a block made without the store).
    struct NoPageTokens: PageTokenRecorder {
        @inline(__always) mutating func startPage(key: @autoclosure () -> UInt64) {}
        @inline(__always) mutating func han(_ key: UInt64, place: UInt8) {}
        @inline(__always) mutating func han(
            keys: UnsafeMutablePointer<UInt64>, smalls: UnsafeMutablePointer<UInt32>, entries: UnsafeBufferPointer<Block.Entry>
        ) {}
        @inline(__always) mutating func word(_ bytes: ArraySlice<UInt8>, hash: UInt32, place: UInt8) {}
        @inline(__always) mutating func endPage() {}
    }

    /// The tokens of a block's pages as `gongkai build` keeps them (`Store`, a file `p<block key>`), so
    /// that after an edit the block is made again of its unchanged pages' tokens and the changed page's
    /// (`Block.init(lists:pages:)`), not by rendering its 63 other bodies again and tokenising them.
    ///
    /// For each page: its key (`u64`), the length of its record (`u32`), then the record: the Han tokens'
    /// count (`u32`) and each one as `Block.small(key) << 2 | place` in 4 bytes, or for a character outside
    /// U+3400–U+9FFF `0xFFFFFFFF` and `key << 2 | place` in 8; the words' count (`u32`) and each one's
    /// length (`u32`), UTF-8, `hash(token:)` (`u32`) and place. Little-endian. (About 4 KB a page of the
    /// benchmark's lectures: a Han token in 4 bytes, each once with its place.)
    struct PageTokenWriter: PageTokenRecorder {
        static let wideHan: UInt32 = 0xFFFF_FFFF
        private(set) var bytes: [UInt8] = []
        private(set) var pages = 0
        /// The page being recorded: its Han tokens as 32-bit words (a wide one as three: the mark and
        /// its 8 bytes, the same bytes as written), their count, and its words' bytes and count. (A full
        /// build records every token of the site: appended as numbers, written out once a page.)
        private var han: [UInt32] = []
        private var hanCount: UInt32 = 0
        private var words: [UInt8] = []
        private var wordCount: UInt32 = 0

        init(capacity: Int = 1 << 18) {
            bytes.reserveCapacity(capacity)
            han.reserveCapacity(4096)
        }

        private mutating func u32(_ value: UInt32) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        private mutating func u64(_ value: UInt64) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func startPage(key: @autoclosure () -> UInt64) {
            u64(key())
            han.removeAll(keepingCapacity: true)
            words.removeAll(keepingCapacity: true)
            hanCount = 0
            wordCount = 0
        }

        @inline(__always) mutating func han(_ key: UInt64, place: UInt8) {
            if let small = Block.small(key) {
                han.append(small << 2 | UInt32(place))
            } else {
                let wide = key << 2 | UInt64(place)
                han.append(Self.wideHan)
                han.append(UInt32(truncatingIfNeeded: wide))
                han.append(UInt32(truncatingIfNeeded: wide >> 32))
            }
            hanCount += 1
        }

        /// (A full build records every token of the site: in one loop through buffers, which falls back to
        /// `han(_:place:)` for a page with a character outside U+3400–U+9FFF.)
        mutating func han(keys: UnsafeMutablePointer<UInt64>, smalls: UnsafeMutablePointer<UInt32>, entries: UnsafeBufferPointer<Block.Entry>) {
            let start = han.count
            han.append(contentsOf: repeatElement(0, count: entries.count))
            let allSmall = han.withUnsafeMutableBufferPointer { out -> Bool in
                var at = start
                for entry in entries {
                    let small = smalls[Int(entry.token)]
                    guard small != Block.noSmall else { return false }
                    out[at] = small << 2 | (entry.value & 3)
                    at += 1
                }
                return true
            }
            if allSmall {
                hanCount += UInt32(entries.count)
                return
            }
            han.removeLast(han.count - start)
            for entry in entries { han(keys[Int(entry.token)], place: UInt8(entry.value & 3)) }
        }

        mutating func word(_ word: ArraySlice<UInt8>, hash: UInt32, place: UInt8) {
            withUnsafeBytes(of: UInt32(word.count).littleEndian) { words.append(contentsOf: $0) }
            words += word
            withUnsafeBytes(of: hash.littleEndian) { words.append(contentsOf: $0) }
            words.append(place)
            wordCount += 1
        }

        mutating func endPage() {
            // (Little-endian machines only write the numbers as they are held.)
            let hanBytes = han.count * 4
            u32(UInt32(4 + hanBytes + 4 + words.count))
            u32(hanCount)
            if UInt32(1).littleEndian == 1 {
                han.withUnsafeBytes { bytes.append(contentsOf: $0) }
            } else {
                for value in han { u32(value) }
            }
            u32(wordCount)
            bytes += words
            pages += 1
        }

        /// A page's tokens made apart (`PageTokenList`).
        mutating func add(_ list: PageTokenList, key: UInt64) {
            startPage(key: key)
            for token in list.han { han(token >> 2, place: UInt8(token & 3)) }
            for w in list.words.indices { word(list.words[w][...], hash: list.hashes[w], place: list.places[w]) }
            endPage()
        }

        /// A page's record as read from a stored file (`StoredPageTokens.record`), copied as it is.
        mutating func add(record: UnsafeRawBufferPointer, key: UInt64) {
            u64(key)
            u32(UInt32(record.count))
            bytes += record
            pages += 1
        }
    }

    /// A block's page tokens as the store read them (mapped, checked): each page's key, and its record
    /// decoded when asked for.
    final class StoredPageTokens: @unchecked Sendable {
        // Safe to share because: nothing is changed after `init`, and the mapped file is only read.
        private let file: MappedFile
        /// Each page's key and where its record is in the file.
        let keys: [UInt64]
        private let records: [Range<Int>]

        /// `content`: where the pages start and end in `file` (the header and checksum around them checked).
        init?(_ file: MappedFile, content: Range<Int>) {
            self.file = file
            var keys: [UInt64] = [], records: [Range<Int>] = []
            let ok = file.withUnsafeBytes { all -> Bool in
                var at = content.lowerBound
                while at < content.upperBound {
                    guard at + 12 <= content.upperBound else { return false }
                    let key = all.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian
                    let length = Int(all.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self).littleEndian)
                    at += 12
                    guard length <= content.upperBound - at else { return false }
                    keys.append(key)
                    records.append(at..<(at + length))
                    at += length
                }
                return true
            }
            guard ok else { return nil }
            self.keys = keys
            self.records = records
        }

        /// Page `n`'s tokens (nil: its record is not one).
        func list(_ n: Int) -> PageTokenList? {
            file.withUnsafeBytes { PageTokenList(record: UnsafeRawBufferPointer(rebasing: $0[records[n]])) }
        }

        /// Calls `body` with page `n`'s record as stored.
        func withRecord<T>(_ n: Int, _ body: (UnsafeRawBufferPointer) -> T) -> T {
            file.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[records[n]])) }
        }
    }
}

extension SearchIndex.PageTokenList {
    /// The tokens a page's record holds (see `PageTokenWriter`); nil when it is not a whole record (its
    /// counts and lengths must fit it exactly, places be 0–2). (The file was checked against its checksum.)
    init?(record: UnsafeRawBufferPointer) {
        var at = 0
        func u32() -> UInt32? {
            guard at + 4 <= record.count else { return nil }
            defer { at += 4 }
            return record.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian
        }
        guard let hanCount = u32(), Int(hanCount) <= record.count / 4 else { return nil }
        han.reserveCapacity(Int(hanCount))
        for _ in 0..<hanCount {
            guard let value = u32() else { return nil }
            if value == SearchIndex.PageTokenWriter.wideHan {
                guard at + 8 <= record.count else { return nil }
                let token = record.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian
                guard token & 3 < 3 else { return nil }
                han.append(token)
                at += 8
            } else {
                guard value & 3 < 3 else { return nil }
                han.append(SearchIndex.Block.token(small: value >> 2) << 2 | UInt64(value & 3))
            }
        }
        guard let wordCount = u32(), Int(wordCount) <= record.count else { return nil }
        for _ in 0..<wordCount {
            guard let length = u32(), Int(length) <= record.count - at else { return nil }
            words.append(Array(UnsafeRawBufferPointer(rebasing: record[at..<(at + Int(length))])))
            at += Int(length)
            guard let hash = u32(), at < record.count, record[at] < 3 else { return nil }
            hashes.append(hash)
            places.append(record[at])
            at += 1
        }
        guard at == record.count else { return nil }
    }
}
