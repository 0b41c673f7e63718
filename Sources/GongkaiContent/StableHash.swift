/// A 64-bit hash that is the same in every run and on every machine (Swift's `Hasher` is seeded per
/// process, so it cannot key a cache kept between builds). It reads eight bytes at a time, so hashing
/// every page of a large site costs little next to rendering it. Not for security: it detects changes.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0x243F_6A88_85A3_08D3

    public init() {}

    @inline(__always) mutating func mix(_ word: UInt64) {
        value = (value ^ word) &* 0x9E37_79B9_7F4A_7C15
        value ^= value >> 29
    }

    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            mix(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        // The length ends every value, so "ab"+"c" and "a"+"bc" differ.
        mix(tail ^ (UInt64(n) << 56))
        mix(UInt64(n))
    }

    public mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }

    public mutating func add(_ text: String) {
        text.withUTF8InPlace { add($0) }
    }

    public mutating func add(_ number: UInt64) { mix(number); mix(0x5851_F42D_4C95_7F2D) }
    public mutating func add(_ number: Int) { add(UInt64(bitPattern: Int64(number))) }
    public mutating func add(_ flag: Bool) { add(flag ? 1 : 2) }
    public mutating func add(_ text: String?) {
        if let text { add(1); add(text) } else { add(0) }
    }

    /// The hash of one byte string.
    public static func of(_ bytes: [UInt8]) -> UInt64 {
        var hash = StableHash()
        hash.add(bytes)
        return hash.value
    }

    public static func of(_ text: String) -> UInt64 {
        var hash = StableHash()
        hash.add(text)
        return hash.value
    }
}
