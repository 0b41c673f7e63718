import GongkaiContent

/// The distinct spellings (UTF-8 bytes) of texts that repeat many times (the tags of every page), in
/// the order first seen, found by their bytes' `StableHash` and compared as bytes. Hashing a `String`
/// normalises a non-ASCII text first (~1,300 instructions for a Chinese tag), and a site's 10k pages
/// repeat a few dozen tags. Two spellings that Swift finds equal (composed and decomposed accents)
/// stay two here: a `Set<String>` made from `texts`, in their order, is the one made from every text.
struct DistinctSpellings {
    private var seen: [UInt64: [Int]] = [:]
    private(set) var texts: [String] = []

    mutating func insert(_ text: String) {
        var hash = StableHash()
        hash.add(text)
        guard seen[hash.value]?.contains(where: { texts[$0].sameBytes(as: text) }) != true else { return }
        seen[hash.value, default: []].append(texts.count)
        texts.append(text)
    }

    mutating func insert(contentsOf texts: [String]) { for text in texts { insert(text) } }
}
