import GongkaiContent
import GongkaiMarkdown

/// Text helpers right for Chinese: summaries cut at a sentence end, reading time from characters.
enum ChineseText {
    /// Sentence ends a summary may stop after.
    static let sentenceEnds: Set<Character> = ["。", "！", "？", "!", "?"]
    /// Closing quotes and brackets that belong to the sentence before them (……。” is one end).
    static let closers: Set<Character> = ["”", "’", "」", "』", "）", ")", "】", "》", "\""]
    /// Punctuation after which the next block follows without a space.
    static let blockEnds: Set<Character> = ["。", "！", "？", "；", "：", "，", "、", "…", "”", "’", "」", "』", "）", "】", "》"]

    /// The first sentences of `plain` (blocks separated by newlines) up to about `limit` characters:
    /// cut after the last 。！？ within the limit (with a closing quote that follows it), else before
    /// the last ；， with `……`, else at the limit with `……`. Characters are counted and cut as
    /// the reader sees them (grapheme clusters), so no character is ever split.
    static func summary(of plain: String, limit: Int = 120) -> String {
        if let summary = SimpleText.summary(of: plain, limit: limit) { return summary }
        return summaryByCharacters(of: plain, limit: limit)
    }

    static func summaryByCharacters(of plain: String, limit: Int) -> String {
        // Blocks (lines) are read only until there is enough text: bodies can be long.
        var text = ""
        var count = 0
        var block = ""
        var blockCount = 0
        func endBlock() {
            let trimmed = block.trimmed
            if !trimmed.isEmpty {
                if let last = text.last, !blockEnds.contains(last) {
                    text.append(" ")
                    count += 1
                }
                text += trimmed
                count += blockCount - (block.count - trimmed.count)
            }
            block = ""
            blockCount = 0
        }
        for ch in plain {
            if ch == "\n" || ch == "\r" || ch == "\r\n" {
                endBlock()
                if count > limit * 2 { break }
            } else {
                block.append(ch == "\t" ? " " : ch)
                blockCount += 1
                if count + blockCount > limit * 2 { break }
            }
        }
        endBlock()
        if count <= limit { return text }
        let characters = Array(text)
        let window = min(limit, characters.count)
        for index in stride(from: window - 1, through: limit / 3, by: -1) where sentenceEnds.contains(characters[index]) {
            var end = index + 1
            while end < characters.count, closers.contains(characters[end]) { end += 1 }
            return String(characters[..<end])
        }
        for index in stride(from: window - 1, through: limit / 2, by: -1) where "；;，,、".contains(characters[index]) {
            return String(characters[..<index]) + "……"
        }
        return String(characters[..<window]) + "……"
    }

    /// In ASCII, the letters are the only alphabetic code points and the digits the only numeric ones.
    @inline(__always) static func isASCIILetterOrDigit(_ v: UInt32) -> Bool {
        (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
    }

    static func isCJK(_ ch: Character) -> Bool {
        ch.unicodeScalars.first.map { $0.value >= 0x2E80 } ?? false
    }

    /// Minutes to read: about 400 Chinese characters a minute (Latin words count as one character each).
    static func readingMinutes(_ plain: String) -> Int {
        max(1, (readingUnits(plain) + 399) / 400)
    }

    /// What `readingMinutes` counts: CJK characters, and Latin words (runs of letters and digits).
    static func readingUnits(_ plain: String) -> Int {
        // The code points read off the UTF-8 bytes (a String's are valid): a scalar view costs more.
        var plain = plain
        return plain.withUTF8 { bytes -> Int in
            var units = 0
            var inWord = false
            var i = 0
            while i < bytes.count {
                let lead = bytes[i]
                if lead < 0x80 {
                    // The same as below, without a table look-up.
                    if isASCIILetterOrDigit(UInt32(lead)) {
                        if !inWord { units += 1 }
                        inWord = true
                    } else {
                        inWord = false
                    }
                    i += 1
                    continue
                }
                // U+2E80 and up (most of a Chinese text): E2 BA 80 and every lead byte from E3 on.
                if lead >= 0xE3 || (lead == 0xE2 && bytes[i + 1] >= 0xBA) {
                    units += 1
                    inWord = false
                    i += lead >= 0xF0 ? 4 : 3
                    continue
                }
                let length = lead < 0xE0 ? 2 : 3
                var value = UInt32(lead) & (0x7F >> UInt32(length))
                for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                i += length
                if let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    if !inWord { units += 1 }
                    inWord = true
                } else {
                    inWord = false
                }
            }
            return units
        }
    }

    /// `readingUnits` through the scalar view (what `readingUnits` must give).
    static func scalarReadingUnits(_ plain: String) -> Int {
        var units = 0
        var inWord = false
        for scalar in plain.unicodeScalars {
            if scalar.value >= 0x2E80 {
                units += 1
                inWord = false
            } else if scalar.value < 0x80
                ? isASCIILetterOrDigit(scalar.value)  // the same, without a table look-up
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            {
                if !inWord { units += 1 }
                inWord = true
            } else {
                inWord = false
            }
        }
        return units
    }
}

/// `ChineseText.summary` for text whose every code point is a character of its own (`SimpleScalars`):
/// Chinese, ASCII, common punctuation. Such text is cut by code points, which is many times faster than by
/// characters and gives the same result; text with anything else (combining marks, emoji, CR…)
/// goes the slow way.
enum SimpleText {
    // Arrays, not sets: a handful of code points each, where a linear look is cheaper than hashing.
    static let sentenceEnds = scalars(ChineseText.sentenceEnds)
    static let closers = scalars(ChineseText.closers)
    static let blockEnds = scalars(ChineseText.blockEnds)
    static let pauses = scalars(Set("；;，,、"))

    static func scalars(_ characters: Set<Character>) -> [UInt32] {
        characters.map { $0.unicodeScalars.first!.value }.sorted()
    }

    /// The same as `ChineseText.summaryByCharacters`, or nil when the text read holds a code point that
    /// is not simple.
    static func summary(of plain: String, limit: Int) -> String? {
        // The text and the block being read are locals of the closure and passed on `inout` (not captured
        // by a nested function), so that no access to them is checked at run time.
        var plain = plain
        let read: (text: [UInt32], block: [UInt32])? = plain.withUTF8 { bytes in
            var text: [UInt32] = []
            var block: [UInt32] = []
            text.reserveCapacity(limit * 2 + 64)
            block.reserveCapacity(limit * 2 + 64)
            var i = 0
            var stopped = false
            while i < bytes.count {
                let (v, length) = SimpleScalars.decode(bytes, at: i)
                guard SimpleScalars.contains(v) else { return nil }
                i += length
                // Stopped: the code point after the last one read must not join it.
                if stopped { return (text, block) }
                if v == 0x0A {
                    endBlock(&text, &block)
                    stopped = text.count > limit * 2
                } else {
                    block.append(v == 0x09 ? 0x20 : v)
                    stopped = text.count + block.count > limit * 2
                }
            }
            return (text, block)
        }
        guard var (text, block) = read else { return nil }
        endBlock(&text, &block)
        if text.count <= limit { return string(text[...]) }
        let window = min(limit, text.count)
        for index in stride(from: window - 1, through: limit / 3, by: -1) where sentenceEnds.contains(text[index]) {
            var end = index + 1
            while end < text.count, closers.contains(text[end]) { end += 1 }
            return string(text[..<end])
        }
        for index in stride(from: window - 1, through: limit / 2, by: -1) where pauses.contains(text[index]) {
            return string(text[..<index]) + "……"
        }
        return string(text[..<window]) + "……"
    }

    /// The block read so far, trimmed, onto the text (with a space after anything but closing punctuation).
    @inline(__always) static func endBlock(_ text: inout [UInt32], _ block: inout [UInt32]) {
        var start = 0
        var end = block.count
        while start < end && (block[start] == 0x20 || block[start] == 0x3000) { start += 1 }
        while end > start && (block[end - 1] == 0x20 || block[end - 1] == 0x3000) { end -= 1 }
        if start < end {
            if let last = text.last, !blockEnds.contains(last) { text.append(0x20) }
            text += block[start..<end]
        }
        block.removeAll(keepingCapacity: true)
    }

    static func string(_ scalars: ArraySlice<UInt32>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(scalars.count * 3)
        // Byte by byte: an array literal per code point would be an allocation per code point.
        for v in scalars {
            switch v {
            case 0..<0x80:
                out.append(UInt8(v))
            case 0x80..<0x800:
                out.append(UInt8(0xC0 | v >> 6))
                out.append(UInt8(0x80 | v & 0x3F))
            default:
                out.append(UInt8(0xE0 | v >> 12))
                out.append(UInt8(0x80 | v >> 6 & 0x3F))
                out.append(UInt8(0x80 | v & 0x3F))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    var replacingTabs: String { contains("\t") ? String(map { $0 == "\t" ? " " : $0 }) : self }

    var trimmed: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\u{3000}" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\u{3000}" { s = s.dropLast() }
        return String(s)
    }
}

extension Day {
    /// 2026年第三季度 style labels for disclosure periods are made by the disclosure module; this is for dates.
    var iso: String { description }
}
