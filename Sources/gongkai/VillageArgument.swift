import Foundation
import GongkaiContent

/// `--village` as people write it, for every command that takes it: the name (杏花村, or 杏花 without
/// 村/社区) or the id (the folder name, xinghuacun). Hints name the villages with their ids.
enum VillageArgument {
    enum Match: Equatable {
        case found(Village)
        /// Several villages answer to the name: their ids are needed.
        case ambiguous([Village])
        /// No village answers; the closest name or id, if one is close.
        case unknown(hint: Village?)

        static func == (a: Match, b: Match) -> Bool {
            switch (a, b) {
            case (.found(let x), .found(let y)): x.id == y.id
            case (.ambiguous(let x), .ambiguous(let y)): x.map(\.id) == y.map(\.id)
            case (.unknown(let x), .unknown(let y)): x?.id == y?.id
            default: false
            }
        }
    }

    /// Spaces (also the full-width 　) around the value are not part of it.
    static func cleaned(_ written: String) -> String {
        written.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func match(_ written: String, in villages: [Village]) -> Match {
        let wanted = cleaned(written)
        if let byID = villages.first(where: { $0.id == wanted.lowercased() }) { return .found(byID) }
        for candidates in [
            villages.filter { $0.name == wanted },
            // 杏花 for 杏花村, 青石 for 青石社区
            villages.filter { village in ["村", "社区"].contains { suffix in village.name == wanted + suffix } },
        ] {
            if candidates.count == 1 { return .found(candidates[0]) }
            if candidates.count > 1 { return .ambiguous(candidates.sorted { $0.id < $1.id }) }
        }
        var byKey: [String: Village] = [:]
        for village in villages {
            byKey[village.id] = village
            byKey[village.name] = village
        }
        let hint = Suggest.closest(to: wanted, in: byKey.keys.sorted())
        return .unknown(hint: hint.flatMap { byKey[$0] })
    }

    /// The village `--village` names; a usage error (exit 2) that lists the villages otherwise.
    static func resolve(_ written: String, in villages: [Village], language: Language) throws -> Village {
        let wanted = cleaned(written)
        let known = listing(villages, language)
        switch match(written, in: villages) {
        case .found(let village):
            return village
        case .ambiguous(let candidates):
            let ids = candidates.map(\.id)
            throw UserError(
                language.pick(
                    "--village \(wanted)：有 \(candidates.count) 个村（社区）叫这个名字（\(listing(candidates, language))），请写编号，如 --village \(ids[0])",
                    "--village \(wanted): \(candidates.count) villages have this name (\(listing(candidates, language))); give the id, e.g. --village \(ids[0])"
                ))
        case .unknown(let hint):
            if villages.isEmpty {
                throw UserError(
                    language.pick(
                        "--village \(wanted)：网站里还没有村（社区）。请先新建 content/villages/<村编号>/_village.md",
                        "--village \(wanted): the site has no village yet. Create content/villages/<id>/_village.md first"))
            }
            throw UserError(
                language.pick(
                    "--village \(wanted)：没有这个村或社区" + (hint.map { "，是不是 \(named($0, language))？" } ?? "。") + "已有的村（社区）：\(known)",
                    "--village \(wanted): no such village or community" + (hint.map { "; did you mean \(named($0, language))?" } ?? ".") + " Known: \(known)"))
        }
    }

    /// `杏花村（xinghuacun）`
    static func named(_ village: Village, _ language: Language) -> String {
        language.pick("\(village.name)（\(village.id)）", "\(village.name) (\(village.id))")
    }

    /// `杏花村（xinghuacun）、青石社区（qingshishequ）`, in the order of the ids.
    static func listing(_ villages: [Village], _ language: Language) -> String {
        villages.sorted { $0.id < $1.id }.map { named($0, language) }.joined(separator: language.pick("、", ", "))
    }
}
