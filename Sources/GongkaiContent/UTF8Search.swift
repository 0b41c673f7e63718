import Foundation

/// Looking for bytes in UTF-8 text without going through characters: a quick first test before a
/// search by characters, which is many times slower.
public enum UTF8Search {
    /// Whether `needle` occurs in `text` as a run of bytes.
    public static func contains<Text: Collection>(_ text: Text, _ needle: [UInt8]) -> Bool where Text.Element == UInt8 {
        if let found = text.withContiguousStorageIfAvailable({ contains($0, needle) }) { return found }
        return Array(text).withUnsafeBufferPointer { contains($0, needle) }
    }

    /// Candidates are found with `memchr` (vectorised) on one byte of the needle, then compared. Not
    /// the first byte: a lead byte such as E5 starts thousands of Chinese characters, one in six or so
    /// of a text. The last byte of a three-byte character is spread over 64 values (the middle one is
    /// not: BC is in every full-width comma), so that one is looked for when there is one.
    public static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard let base = text.baseAddress, text.count >= needle.count else { return false }
        let continuation = { (i: Int) in needle[i] & 0xC0 == 0x80 }
        let k = needle.indices.first { $0 >= 2 && continuation($0) && continuation($0 - 1) } ?? 0
        let lastAnchor = text.count - needle.count + k
        return needle.withUnsafeBufferPointer { wanted -> Bool in
            var from = k
            while from <= lastAnchor {
                guard let found = memchr(base + from, Int32(wanted[k]), lastAnchor - from + 1) else { return false }
                let at = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                if memcmp(base + (at - k), wanted.baseAddress!, wanted.count) == 0 { return true }
                from = at + 1
            }
            return false
        }
    }
}
