import Foundation
import GongkaiContent

/// Village ids (folder names under content/villages/) made from Chinese names: the pinyin of the place
/// name (杏花村 → xinghuacun, 长乐村 → changlecun; see `PlaceNamePinyin`), else `village-N`.
enum VillageID {
    /// Pinyin without tones or spaces, lowercase, only `a-z`, `0-9` and single `-`; nil when nothing is left
    /// (no transliteration available, or a name of symbols only).
    static func fromName(_ name: String) -> String? {
        var id = ""
        for scalar in PlaceNamePinyin.syllables(name).lowercased().unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": id.unicodeScalars.append(scalar)
            case "-", "_":
                if !id.isEmpty && !id.hasSuffix("-") { id.append("-") }
            default:
                continue
            }
        }
        while id.hasSuffix("-") { id.removeLast() }
        return ContentLoader.isValidVillageID(id) ? id : nil
    }

    /// Why a list of villages cannot be given ids.
    enum Clash: Error, Equatable {
        /// The same name twice (without an id of its own each time).
        case sameName(String)
        /// Two names that would get the same id (homophones: 长乐村 and 常乐村: `given` false), or one id
        /// written for two villages (`given` true).
        case sameID(String, names: [String], given: Bool)
    }

    /// Ids for all names, in order: given as `名称=id`, else made from the name, else `village-N`. Never
    /// made unique silently: a name given twice, or two villages with one id, is a `Clash`.
    static func assign(_ names: [(name: String, id: String?)]) -> Result<[String], Clash> {
        var count: [String: Int] = [:]
        for entry in names { count[entry.name, default: 0] += 1 }
        // Two villages of one name are real only when each is given its own id.
        if let twice = names.first(where: { count[$0.name, default: 0] > 1 && $0.id == nil }) {
            return .failure(.sameName(twice.name))
        }
        var owners: [String: (name: String, given: Bool)] = [:]
        var ids: [String] = []
        for (index, entry) in names.enumerated() {
            let id = entry.id ?? fromName(entry.name) ?? "village-\(index + 1)"
            if let first = owners[id] {
                return .failure(.sameID(id, names: [first.name, entry.name], given: first.given || entry.id != nil))
            }
            owners[id] = (entry.name, entry.id != nil)
            ids.append(id)
        }
        return .success(ids)
    }
}
