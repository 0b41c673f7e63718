import Foundation
import GongkaiContent

/// What `tokenize` hands the tokens of a text to, in order: 宪法 → han(宪), pair(宪, 法), han(法).
/// A generic parameter, not closures: the block builder's calls are then inlined, for every
/// character of every page.
protocol SearchTokenSink {
    /// A Han character, read as simplified.
    mutating func han(_ c: UInt32)
    /// Two neighbouring Han characters.
    mutating func pair(_ a: UInt32, _ b: UInt32)
    /// A word as UTF-8, lower case, with `hash(token:)` of it.
    mutating func word(_ bytes: [UInt8], hash: UInt32)
}

/// Search tokens, made the same way here and in `templates/search.js` (the shared test vectors are
/// `tests/search/token-vectors.json`).
extension SearchIndex {
    /// A token as a number: a Han pair is `a << 21 | b` (code points < 2^21), a single Han character
    /// `a << 21`; a word is `wordFlag | id`.
    typealias TokenKey = UInt64
    static let wordFlag: UInt64 = 1 << 42

    @inline(__always) static func isHan(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x20000...0x3FFFF).contains(v)
    }

    /// Full-width ASCII becomes ASCII, A–Z lower case: one code point for one, as in the script.
    @inline(__always) static func fold(_ v: UInt32) -> UInt32 {
        var c = v
        if c >= 0xFF01 && c <= 0xFF5E { c -= 0xFEE0 }
        if c >= 0x41 && c <= 0x5A { c += 32 }
        return c
    }

    @inline(__always) static func isWordCharacter(_ c: UInt32) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7)
    }

    /// Where on its page a token is: the highest place wins.
    enum Place {
        static let body: UInt32 = 0, summary: UInt32 = 1, title: UInt32 = 2
    }

    /// Hands every Han character and pair and every word of `text` to `sink`, in order.
    @inline(__always)
    static func tokenize<Sink: SearchTokenSink>(_ text: String, into sink: inout Sink) {
        var text = text
        let han = HanFold.table
        han.withUnsafeBufferPointer { han in
            text.withUTF8 { bytes in
                var previousHan: UInt32 = 0
                var current: [UInt8] = []
                var currentHash: UInt32 = 2_166_136_261
                @inline(__always) func endWord() {
                    if current.isEmpty { return }
                    sink.word(current, hash: currentHash)
                    current.removeAll(keepingCapacity: true)
                    currentHash = 2_166_136_261
                }
                @inline(__always) func hanCharacter(_ c: UInt32) {
                    let c = c < 0x10000 ? han[Int(c)] : c
                    if previousHan != 0 { sink.pair(previousHan, c) }
                    sink.han(c)
                    previousHan = c
                    endWord()
                }
                var i = 0
                let n = bytes.count
                while i < n {
                    // Decode one code point (Swift strings hold valid UTF-8).
                    let b0 = UInt32(bytes[i])
                    // U+4000–U+9FFF (lead bytes E4–E9), most of a Chinese text: Han but for U+4DC0–U+4DFF,
                    // and none changed by `fold`; taken before the general checks.
                    if b0 &- 0xE4 < 6 {
                        let v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                        if v &- 0x4DC0 >= 0x40 {
                            i += 3
                            hanCharacter(v)
                            continue
                        }
                    }
                    var v: UInt32
                    if b0 < 0x80 {
                        v = b0
                        i += 1
                    } else if b0 < 0xE0 {
                        v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                        i += 2
                    } else if b0 < 0xF0 {
                        v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                        i += 3
                    } else {
                        v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                        i += 4
                    }
                    let c = fold(v)
                    if isHan(c) {
                        hanCharacter(c)
                    } else if isWordCharacter(c) {
                        previousHan = 0
                        if c < 0x80 {
                            current.append(UInt8(c))
                        } else {
                            current.append(UInt8(0xC0 | c >> 6))  // U+00C0–U+024F: two bytes
                            current.append(UInt8(0x80 | c & 0x3F))
                        }
                        currentHash = (currentHash ^ c) &* 16_777_619
                    } else {
                        previousHan = 0
                        endWord()
                    }
                }
                endWord()
            }
        }
    }

    /// The tokens of a text as strings, in the order `tokenize` makes them (for tests).
    static func tokens(_ text: String) -> [String] {
        struct Strings: SearchTokenSink {
            var out: [String] = []
            mutating func han(_ c: UInt32) { pair(c, 0) }
            mutating func pair(_ a: UInt32, _ b: UInt32) {
                var s = String.UnicodeScalarView()
                if let x = Unicode.Scalar(a) { s.append(x) }
                if b != 0, let y = Unicode.Scalar(b) { s.append(y) }
                out.append(String(s))
            }
            mutating func word(_ bytes: [UInt8], hash: UInt32) { out.append(String(decoding: bytes, as: UTF8.self)) }
        }
        var strings = Strings()
        tokenize(text, into: &strings)
        return strings.out
    }

    /// FNV-1a over code points; the script computes the same.
    static func hash<S: Sequence>(_ codePoints: S) -> UInt32 where S.Element == UInt32 {
        var h: UInt32 = 2_166_136_261
        for c in codePoints {
            h ^= c
            h = h &* 16_777_619
        }
        return h
    }

    static func hash(token: String) -> UInt32 { hash(token.unicodeScalars.map(\.value)) }

    /// The hash of a Han token as a key: `hash([a, b])`, or `hash([a])` for a single character.
    @inline(__always) static func hash(key: UInt64) -> UInt32 {
        let a = UInt32(truncatingIfNeeded: key >> 21), b = UInt32(truncatingIfNeeded: key & 0x1FFFFF)
        if b != 0 { return hash(a, b) }
        var h: UInt32 = 2_166_136_261
        h ^= a
        return h &* 16_777_619
    }

    /// `hash([a, b])` without building an array: called for every pair of every page.
    @inline(__always) static func hash(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        h ^= a
        h = h &* 16_777_619
        h ^= b
        return h &* 16_777_619
    }
}
