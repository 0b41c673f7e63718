import GongkaiContent

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

    static func isCJK(_ ch: Character) -> Bool {
        ch.unicodeScalars.first.map { $0.value >= 0x2E80 } ?? false
    }

    /// Minutes to read: about 400 Chinese characters a minute (Latin words count as one character each).
    static func readingMinutes(_ plain: String) -> Int {
        var units = 0
        var inWord = false
        for scalar in plain.unicodeScalars {
            if scalar.value >= 0x2E80 {
                units += 1
                inWord = false
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if !inWord { units += 1 }
                inWord = true
            } else {
                inWord = false
            }
        }
        return max(1, (units + 399) / 400)
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
