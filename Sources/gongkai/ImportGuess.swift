import Foundation
import GongkaiContent

/// What an imported document says about itself: its title, the date it was signed, and from the
/// title, which kind of page it is. Each guess says where it came from, so the editor can check it.
enum ImportGuess {
    struct Guess<Value> {
        var value: Value
        var source: String
    }

    /// A heading or short first line; the body without it.
    static func title(body: String, documentTitle: String?, fileName: String) -> (Guess<String>, String) {
        var lines = body.components(separatedBy: "\n")
        if let documentTitle, !documentTitle.trimmed.isEmpty {
            // Some documents also repeat their title as the first line: it is not kept twice.
            if let first = lines.firstIndex(where: { !$0.trimmed.isEmpty }),
                plain(lines[first].trimmingCharacters(in: CharacterSet(charactersIn: "# "))) == documentTitle.trimmed
            {
                lines.removeSubrange(0...first)
            }
            return (Guess(value: documentTitle.trimmed, source: "文档的“标题”"), lines.joined(separator: "\n"))
        }
        if let first = lines.firstIndex(where: { !$0.trimmed.isEmpty }) {
            let line = lines[first].trimmed
            var text = line
            var isHeading = false
            while text.hasPrefix("#") { text.removeFirst(); isHeading = true }
            text = plain(text)
            let next: String = first + 1 < lines.count ? lines[first + 1].trimmed : ""
            let oneLine: Bool = next.isEmpty && !line.hasSuffix("\\")
            let ending: Set<Character> = ["：", ":", "，", ",", "。", "；", ";"]
            let short: Bool = text.count <= 40 && !ending.contains(text.last ?? "。")
            let startsAsText: Bool = !line.hasPrefix("!") && !line.hasPrefix("```") && !line.hasPrefix("|") && !(line.first?.isNumber ?? false)
            if !text.isEmpty, isHeading || (oneLine && short && startsAsText) {
                lines.removeSubrange(0...first)
                while let top = lines.first, top.trimmed.isEmpty { lines.removeFirst() }
                return (Guess(value: text, source: isHeading ? "第一个标题" : "第一行"), lines.joined(separator: "\n"))
            }
        }
        let stem = ((fileName as NSString).deletingPathExtension as NSString).lastPathComponent
        return (Guess(value: stem.trimmed, source: "文件名"), body)
    }

    /// Markdown emphasis and escapes taken off a line of text.
    static func plain(_ text: String) -> String {
        var out = text.replacingOccurrences(of: "**", with: "")
        out = out.replacingOccurrences(of: "\\", with: "")
        return out.trimmed
    }

    /// The date a document states at its end, on a line of its own (`2026年11月6日`, `二〇二六年十一月六日`,
    /// `2026-11-06`): where notices and decisions are signed. Only the last few lines count, so a date
    /// mentioned in the text (a deadline, a meeting) is not taken for it.
    static func signedDate(body: String) -> Guess<Day>? {
        let lines = body.components(separatedBy: "\n").map { plain($0) }.filter { !$0.isEmpty && !$0.hasPrefix("```") }
        for line in lines.suffix(6).reversed() {
            let arabic = arabicNumerals(line).filter { $0 != " " && $0 != "\u{3000}" }
            guard arabic.count <= 14, arabic.first?.isNumber ?? false else { continue }
            let days = NoticeExpiry.dates(in: Substring(arabic))
            if days.count == 1, let day = days.first, arabic.allSatisfy({ $0.isNumber || "年月日号-./".contains($0) }) {
                return Guess(value: day, source: "文末的“\(line)”")
            }
        }
        return nil
    }

    /// 二〇二六年十一月六日 → 2026年11月6日 (years digit by digit, months and days with 十).
    static func arabicNumerals(_ text: String) -> String {
        let digits: [Character: Int] = [
            "〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4,
            "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
        ]
        var out = ""
        var run = ""
        func flush() {
            guard !run.isEmpty else { return }
            if run.contains("十") {
                let parts = run.split(separator: "十", omittingEmptySubsequences: false)
                let tens = parts[0].isEmpty ? 1 : digits[parts[0].first!] ?? 0
                let ones = parts.count > 1 && !parts[1].isEmpty ? digits[parts[1].first!] ?? 0 : 0
                out += String(tens * 10 + ones)
            } else {
                out += run.compactMap { digits[$0].map(String.init) }.joined()
            }
            run = ""
        }
        for ch in text {
            if digits[ch] != nil || ch == "十" { run.append(ch) } else { flush(); out.append(ch) }
        }
        flush()
        return out
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{3000}"))) }
}
