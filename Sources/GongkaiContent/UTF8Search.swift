import Foundation

/// Looking for bytes in UTF-8 text without going through characters: a quick first test before a
/// search by characters, which is many times slower.
public enum UTF8Search {
    /// Whether `needle` occurs in `text` as a run of bytes.
    public static func contains<Text: Collection>(_ text: Text, _ needle: [UInt8]) -> Bool where Text.Element == UInt8 {
        if let found = text.withContiguousStorageIfAvailable({ contains($0, needle) }) { return found }
        return Array(text).withUnsafeBufferPointer { contains($0, needle) }
    }

    /// Candidates are found with `memchr` (vectorised) on the first byte, then compared.
    public static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard let base = text.baseAddress, text.count >= needle.count else { return false }
        let last = text.count - needle.count
        var index = 0
        while index <= last {
            guard let found = memchr(base + index, Int32(first), last - index + 1) else { return false }
            index = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            var matched = 1
            while matched < needle.count, text[index + matched] == needle[matched] { matched += 1 }
            if matched == needle.count { return true }
            index += 1
        }
        return false
    }
}
