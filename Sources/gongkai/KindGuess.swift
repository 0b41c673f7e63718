import Foundation
import GongkaiContent

/// The kind of an imported document, from the words that end its title: in Chinese the genre comes
/// last (关于开展村务公开检查的**通知**, 杏花村2026年10月财务收支**公开**, 芦篙村**村规民约**).
enum KindGuess {
    /// Endings of titles, in the order they are tried (each kind's spec lists its own, `titleEndings`).
    /// `…` stands for any text (告村民书, 告居民书).
    static let endings: [(ending: String, kind: Kind)] = Kind.allCases.flatMap { kind in kind.spec.titleEndings.map { ($0, kind) } }

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
                    text.distance(from: start.upperBound, to: text.endIndex) <= parts[1].count + 3
                {
                    return (kind, String(text[start.lowerBound...]))
                }
            } else if text.hasSuffix(ending) {
                return (kind, ending)
            }
        }
        return nil
    }
}
