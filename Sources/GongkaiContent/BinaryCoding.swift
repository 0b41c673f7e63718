import Foundation

/// Bytes of a cache file kept between builds (see `SiteBuilder.Session`): numbers little-endian,
/// integers as variable-length (zigzag) numbers, texts as a length and UTF-8, arrays of fixed-width
/// numbers as one copy of their memory. Nothing is self-describing: reader and writer agree through
/// the file's format version.
///
/// A text that repeats (a kind, an owner, a date as shown) can be written as shared (`sharedString`):
/// the first time whole, after that as the number of its first time, so that the reader makes it once
/// and hands out the same text again. The numbers count the shared texts of the file in the order they
/// are written, so shared texts are read in the order they were written, by one reader from the start
/// (never in what is read later from a position of its own).
public struct BinaryWriter {
    public private(set) var bytes: [UInt8] = []
    /// The shared texts written, by the hash of their bytes: their number and the text.
    private var shared: [UInt64: (number: Int, text: String)] = [:]
    private var sharedCount = 0

    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    public mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// Bytes encoded before by another writer.
    public mutating func append(_ encoded: [UInt8]) { bytes.append(contentsOf: encoded) }

    public mutating func fixed64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    public mutating func int(_ value: Int) {
        let signed = Int64(value)
        unsigned(UInt64(bitPattern: (signed << 1) ^ (signed >> 63)))
    }

    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func optional<T>(_ value: T?, _ write: (inout BinaryWriter, T) -> Void) {
        if let value {
            bytes.append(1)
            write(&self, value)
        } else {
            bytes.append(0)
        }
    }

    public mutating func string(_ value: String?) { optional(value) { $0.string($1) } }

    /// A text that may repeat in the file: 0 and the text the first time, else 1 + the number of the
    /// shared text written before with the same bytes (`BinaryReader.sharedString`).
    public mutating func sharedString(_ value: String) {
        if let number = sharedNumber(value) {
            unsigned(UInt64(number) + 1)
        } else {
            bytes.append(0)
            string(value)
        }
    }

    /// An optional text that may repeat: 0 for nil, 1 and the text the first time, else 2 + its number.
    public mutating func sharedString(_ value: String?) {
        guard let value else { return bytes.append(0) }
        if let number = sharedNumber(value) {
            unsigned(UInt64(number) + 2)
        } else {
            bytes.append(1)
            string(value)
        }
    }

    /// The number of the shared text with `value`'s bytes written before; nil when there is none, and
    /// `value` is numbered as the next one (it is written whole).
    private mutating func sharedNumber(_ value: String) -> Int? {
        var hash = StableHash()
        hash.add(value)
        if let known = shared[hash.value], known.text.sameBytes(as: value) { return known.number }
        // (Another text with the same hash keeps its place: this one is written whole each time.)
        if shared[hash.value] == nil { shared[hash.value] = (sharedCount, value) }
        sharedCount += 1
        return nil
    }
    public mutating func int(_ value: Int?) { optional(value) { $0.int($1) } }

    public mutating func array<T>(_ values: [T], _ write: (inout BinaryWriter, T) -> Void) {
        unsigned(UInt64(values.count))
        for value in values { write(&self, value) }
    }

    public mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }

    /// An array of fixed-width numbers, as its memory (this machine's byte order: the file names the
    /// binary that wrote it, and no other binary reads it).
    public mutating func raw<T: FixedWidthInteger>(_ values: [T]) {
        unsigned(UInt64(values.count))
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// Sets the 8 bytes at `offset` (written before as a placeholder).
    public mutating func patch64(_ value: UInt64, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { for (i, byte) in $0.enumerated() { bytes[offset + i] = byte } }
    }

    public var count: Int { bytes.count }

    /// Takes out the first `count` bytes (written to a file by then).
    public mutating func removeFirst(_ count: Int) { bytes.removeFirst(count) }
}

/// Reads what `BinaryWriter` wrote. Every read checks the bounds and throws `Damaged` past the end or
/// on a value that cannot be: a damaged file is never read as something else.
public struct BinaryReader {
    public struct Damaged: Error {
        /// Where reading stopped (for messages when timing is on).
        public var at: Int
        public init(at: Int = -1) { self.at = at }
    }

    let base: UnsafeRawBufferPointer
    public private(set) var position: Int
    /// The shared texts read so far, by number (`BinaryWriter.sharedString`).
    private var shared: [String] = []

    /// `bytes` must outlive the reader.
    public init(_ bytes: UnsafeRawBufferPointer, at position: Int = 0) {
        base = bytes
        self.position = position
    }

    public var isAtEnd: Bool { position == base.count }

    @inline(__always) mutating func need(_ count: Int) throws {
        guard count >= 0, count <= base.count - position else { throw Damaged(at: position) }
    }

    public mutating func byte() throws -> UInt8 {
        try need(1)
        defer { position += 1 }
        return base[position]
    }

    public mutating func fixed64() throws -> UInt64 {
        try need(8)
        defer { position += 8 }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
    }

    public mutating func unsigned() throws -> UInt64 {
        // Most are below 128: one byte.
        if position < base.count, base[position] < 0x80 {
            defer { position += 1 }
            return UInt64(base[position])
        }
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try byte()
            guard shift < 64 else { throw Damaged(at: position) }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    public mutating func int() throws -> Int {
        let zigzag = try unsigned()
        return Int(Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1))))
    }

    /// A count of things of at least `minimumSize` bytes each: no more than the bytes left could hold.
    public mutating func count(minimumSize: Int = 1) throws -> Int {
        let value = try unsigned()
        guard value <= UInt64(base.count - position) / UInt64(max(1, minimumSize)) else { throw Damaged(at: position) }
        return Int(value)
    }

    public mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Damaged(at: position)
        }
    }

    public mutating func string() throws -> String {
        let length = try count()
        try need(length)
        defer { position += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: base[position..<(position + length)]), as: UTF8.self)
    }

    /// A text written by `BinaryWriter.sharedString(_: String)`: a number past the shared texts read so
    /// far is damage.
    public mutating func sharedString() throws -> String {
        let number = try unsigned()
        if number == 0 {
            let text = try string()
            shared.append(text)
            return text
        }
        guard number <= UInt64(shared.count) else { throw Damaged(at: position) }
        return shared[Int(number - 1)]
    }

    /// A text written by `BinaryWriter.sharedString(_: String?)`.
    public mutating func optionalSharedString() throws -> String? {
        let number = try unsigned()
        switch number {
        case 0: return nil
        case 1:
            let text = try string()
            shared.append(text)
            return text
        default:
            guard number - 2 < UInt64(shared.count) else { throw Damaged(at: position) }
            return shared[Int(number - 2)]
        }
    }

    /// The bytes of a string, without making it (valid only as long as the reader's bytes).
    public mutating func stringBytes() throws -> UnsafeBufferPointer<UInt8> {
        let length = try count()
        try need(length)
        defer { position += length }
        return UnsafeRawBufferPointer(rebasing: base[position..<(position + length)]).assumingMemoryBound(to: UInt8.self)
    }

    /// Steps over a string, checking only that its bytes are there (to be read later, from `position`).
    public mutating func skipString() throws {
        let length = try count()
        try need(length)
        position += length
    }

    public mutating func optional<T>(_ read: (inout BinaryReader) throws -> T) throws -> T? {
        try bool() ? read(&self) : nil
    }

    public mutating func optionalString() throws -> String? { try optional { try $0.string() } }
    public mutating func optionalInt() throws -> Int? { try optional { try $0.int() } }

    public mutating func array<T>(_ read: (inout BinaryReader) throws -> T) throws -> [T] {
        let count = try count()
        var values: [T] = []
        // (Not for none: reserving room in the shared empty array makes a buffer of its own.)
        if count > 0 { values.reserveCapacity(count) }
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }

    public mutating func strings() throws -> [String] { try array { try $0.string() } }

    public mutating func raw<T: FixedWidthInteger>(_: T.Type = T.self) throws -> [T] {
        let count = try count(minimumSize: MemoryLayout<T>.size)
        let size = count * MemoryLayout<T>.size
        try need(size)
        defer { position += size }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if size > 0 {
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: base[position..<(position + size)]))
            }
            initialized = count
        }
    }
}

/// A checksum of a cache file's content: four lanes of 8 bytes at a time (tens of megabytes are
/// checked on every build that reads the file). Detects damage, not tampering.
public struct Checksum {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (
        0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89
    )
    private var count = 0

    public init() {}

    /// Adds whole blocks of 32 bytes (a file written in parts: see `value(tail:)`).
    public mutating func addBlocks(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count % 32 == 0)
        let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
        @inline(__always) func mix(_ lane: inout UInt64, _ word: UInt64) {
            lane = (lane ^ word) &* prime
            lane ^= lane >> 29
        }
        var i = 0
        while i < bytes.count {
            mix(&lanes.0, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            mix(&lanes.1, bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            mix(&lanes.2, bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            mix(&lanes.3, bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        count += bytes.count
    }

    /// The checksum of the blocks added and then `tail` (fewer than 32 bytes).
    public func value(tail: UnsafeRawBufferPointer) -> UInt64 {
        var hash = StableHash()
        hash.add(lanes.0)
        hash.add(lanes.1)
        hash.add(lanes.2)
        hash.add(lanes.3)
        hash.add(tail)
        hash.add(count + tail.count)
        return hash.value
    }

    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var checksum = Checksum()
        let whole = bytes.count / 32 * 32
        checksum.addBlocks(UnsafeRawBufferPointer(rebasing: bytes[0..<whole]))
        return checksum.value(tail: UnsafeRawBufferPointer(rebasing: bytes[whole...]))
    }
}

extension String {
    /// `body` of the string's UTF-8 bytes: a native string's read in place (`withUTF8` of a copy first
    /// checks whether it must copy them), others' copied.
    public func withUTF8InPlace<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
        if let result = utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return result }
        var copy = self
        return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// Whether the string's UTF-8 bytes are `other`'s (`==` compares texts by canonical equivalence).
    public func sameBytes(as other: String) -> Bool {
        withUTF8InPlace { x in other.withUTF8InPlace { y in String.sameBytes(x, y) } }
    }

    /// Whether two byte strings are the same bytes.
    public static func sameBytes(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Bool {
        x.count == y.count && (x.isEmpty || x.baseAddress == y.baseAddress || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
    }

    /// Whether the string's UTF-8 bytes sort before `other`'s (memcmp order): the order the build state
    /// writes its keys in, so that the same state gives the same bytes.
    public func bytesPrecede(_ other: String) -> Bool {
        var a = self, b = other
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = Swift.min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
    }
}
