import GongkaiContent

/// Text helpers right for Chinese: summaries cut at a sentence end, reading time from characters.
enum ChineseText {
    /// The first sentences of `plain` up to about `limit` characters, cut after 。！？ (or ；) when one
    /// is near, never inside a character; `…` when cut elsewhere.
    static func summary(of plain: String, limit: Int = 120) -> String {
        var text = ""
        var count = 0
        for ch in plain {
            if ch == "\n" || ch == "\t" {
                if !text.isEmpty && !text.hasSuffix(" ") && !(text.last.map(isCJK) ?? false) { text.append(" ") }
                continue
            }
            text.append(ch)
            count += 1
            if count > limit * 2 { break }
        }
        text = text.trimmed
        if text.count <= limit { return text }
        let characters = Array(text)
        var cut: Int?
        for index in stride(from: min(limit, characters.count) - 1, through: limit / 3, by: -1)
        where "。！？!?".contains(characters[index]) {
            cut = index + 1
            break
        }
        if cut == nil {
            for index in stride(from: min(limit, characters.count) - 1, through: limit / 2, by: -1)
            where "；;，,".contains(characters[index]) {
                return String(characters[..<index]) + "……"
            }
            return String(characters[..<limit]) + "……"
        }
        return String(characters[..<(cut ?? limit)])
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
