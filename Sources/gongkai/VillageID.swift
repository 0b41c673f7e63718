import Foundation
import GongkaiContent

/// Village ids (folder names under content/villages/) made from Chinese names: pinyin through
/// Foundation's transliteration (杏花村 → xinghuacun), else `village-N`.
enum VillageID {
    /// Pinyin without tones or spaces, lowercase, only `a-z`, `0-9` and single `-`; nil when nothing is left
    /// (no transliteration available, or a name of symbols only).
    static func fromName(_ name: String) -> String? {
        let latin = name.applyingTransform(.toLatin, reverse: false) ?? name
        let plain = latin.applyingTransform(.stripDiacritics, reverse: false)
            ?? latin.folding(options: .diacriticInsensitive, locale: nil)
        var id = ""
        for scalar in plain.lowercased().unicodeScalars {
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

    /// Ids for all names, in order: made from the name (or given as `名称=id`), made unique with `-2`,
    /// `-3`, …, and `village-N` where no id can be made.
    static func assign(_ names: [(name: String, id: String?)]) -> [String] {
        var used = Set<String>()
        var ids: [String] = []
        for (index, entry) in names.enumerated() {
            let base = entry.id ?? fromName(entry.name) ?? "village-\(index + 1)"
            var id = base
            var n = 2
            while used.contains(id) {
                id = "\(base)-\(n)"
                n += 1
            }
            used.insert(id)
            ids.append(id)
        }
        return ids
    }
}
