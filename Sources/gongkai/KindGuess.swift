import Foundation
import GongkaiContent

/// The kind of an imported document, from the words that end its title: in Chinese the genre comes
/// last (关于开展村务公开检查的**通知**, 杏花村2026年10月财务收支**公开**, 芦篙村**村规民约**).
enum KindGuess {
    /// Endings of titles, in the order they are tried. `…` stands for any text (告村民书, 告居民书).
    static let endings: [(ending: String, kind: Kind)] = [
        ("村规民约", .regulation), ("居民公约", .regulation), ("自治章程", .regulation), ("公约", .regulation),
        ("公开", .disclosure), ("公示", .disclosure), ("公开表", .disclosure), ("明细表", .disclosure),
        ("通知", .notice), ("通告", .notice), ("公告", .notice), ("告…书", .notice), ("倡议书", .notice), ("提醒", .notice),
        ("党课", .lecture), ("宣讲", .lecture), ("讲稿", .lecture),
    ]

    /// The kind and the words that gave it away, or nil when the title does not say.
    static func guess(title: String) -> (kind: Kind, words: String)? {
        var text = title.trimmed
        // A version or note in brackets at the end does not count: 村规民约（2026年修订）.
        while let last = text.last, last == "）" || last == ")", let open = text.lastIndex(where: { $0 == "（" || $0 == "(" }) {
            text = String(text[..<open]).trimmed
        }
        while let last = text.last, last.isPunctuation || last == " " { text.removeLast() }
        for (ending, kind) in endings {
            if ending.contains("…") {
                let parts = ending.split(separator: "…").map(String.init)
                if text.hasSuffix(parts[1]), let start = text.range(of: parts[0], options: .backwards),
                   text.distance(from: start.upperBound, to: text.endIndex) <= parts[1].count + 3 {
                    return (kind, String(text[start.lowerBound...]))
                }
            } else if text.hasSuffix(ending) {
                return (kind, ending)
            }
        }
        return nil
    }
}
