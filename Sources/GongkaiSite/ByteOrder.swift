import Foundation

/// `items` in the order of their keys' UTF-8 bytes (as `String.bytesPrecede`), for files that must be
/// the same for the same content whatever a dictionary's order: each key's bytes taken out once and
/// compared with memcmp (comparing strings as text, or their UTF-8 views element by element, is several
/// times slower: a large site's manifest has 100k groups, its plan's state tens of thousands of outputs).
func inByteOrder<T>(_ items: [T], key: (T) -> String) -> [T] {
    let keyed = items.map { (ContiguousArray(key($0).utf8), $0) }
    return keyed.sorted { a, b in
        let common = min(a.0.count, b.0.count)
        let order =
            common == 0 ? 0 : a.0.withUnsafeBufferPointer { x in b.0.withUnsafeBufferPointer { y in memcmp(x.baseAddress!, y.baseAddress!, common) } }
        return order != 0 ? order < 0 : a.0.count < b.0.count
    }.map(\.1)
}
