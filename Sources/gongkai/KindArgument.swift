import ArgumentParser
import GongkaiContent

/// A kind of page on the command line: its English id, or what editors call it in Chinese.
struct KindArgument: ExpressibleByArgument {
    let kind: Kind

    /// What editors call the kinds besides their ids (each kind's spec lists its own).
    static let aliases: [String: Kind] = Dictionary(
        Kind.allCases.flatMap { kind in kind.spec.aliases.map { ($0, kind) } }, uniquingKeysWith: { first, _ in first })

    init(kind: Kind) { self.kind = kind }

    init?(argument: String) {
        let text = argument.lowercased()
        if let kind = Kind(rawValue: text) ?? KindArgument.aliases[argument] {
            self.kind = kind
        } else if text.hasSuffix("s"), let kind = Kind(rawValue: String(text.dropLast())) {
            self.kind = kind  // `notices`, as the folder is called
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { Kind.allCases.map(\.rawValue) }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

    /// The folder of a village the kind's new pages go in (articles: `news/`).
    var folder: String { kind.spec.newPageFolder }

    /// The ids of all kinds as a sentence lists them: `lecture、notice、… 或 article`.
    static var idsListed: String { Kind.listed(zh: true) { $0.kind.rawValue } }
}
