import Foundation
import GongkaiContent

extension SearchIndex {
    /// Digits of the posting code: the last digit of a number is one of `terminal`, the ones before it
    /// of `continuation`, five bits each, most significant first. None needs escaping in a JS string.
    static let terminal = Array("0123456789abcdefghijklmnopqrstuv".unicodeScalars)
    static let continuation = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ@#$%&*".unicodeScalars)

    /// Each posting `number << 2 | place`, written as `(number - previous - 1) << 2 | place`.
    static func encodePostings(_ list: ArraySlice<UInt32>, into out: inout [UInt8]) {
        let digits = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 13 * list.count)
        defer { digits.deallocate() }
        let written = list.withUnsafeBufferPointer { encodePostings($0, into: digits) }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[..<written]))
    }

    /// `encodePostings` into `out`, which has room for 13 bytes a posting (a 64-bit number has 13
    /// digits of five bits): returns the bytes written.
    @inline(__always)
    static func encodePostings(_ list: UnsafeBufferPointer<UInt32>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var at = 0
        terminalBytes.withUnsafeBufferPointer { terminal in
            continuationBytes.withUnsafeBufferPointer { continuation in
                var previous: Int64 = -1
                for value in list {
                    let number = Int64(value >> 2)
                    let v = UInt64(number - previous - 1) << 2 | UInt64(value & 3)
                    previous = number
                    // A digit before the last for each five bits above the lowest five (counted, not looped for).
                    var shift = v < 32 ? 0 : (63 - v.leadingZeroBitCount) / 5 * 5
                    while shift > 0 {
                        out[at] = continuation[Int((v &>> UInt64(shift)) & 31)]
                        at += 1
                        shift -= 5
                    }
                    out[at] = terminal[Int(v & 31)]
                    at += 1
                }
            }
        }
        return at
    }

    static func encodePostings(_ list: [UInt32]) -> String {
        var out: [UInt8] = []
        encodePostings(list[...], into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static let terminalBytes = terminal.map { UInt8($0.value) }
    static let continuationBytes = continuation.map { UInt8($0.value) }

    static func decodePostings(_ text: String) -> [(page: Int, place: Int)] {
        var out: [(Int, Int)] = []
        var value = 0
        var previous = -1
        for scalar in text.unicodeScalars {
            if let d = terminal.firstIndex(of: scalar) {
                value = value * 32 + d
                let number = previous + 1 + (value >> 2)
                out.append((number, value & 3))
                previous = number
                value = 0
            } else if let d = continuation.firstIndex(of: scalar) {
                value = value * 32 + d
            }
        }
        return out
    }
}
