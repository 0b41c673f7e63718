import Foundation
import GongkaiContent

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

/// `dictionary`'s entries in the order of their ids' texts' bytes (`inByteOrder`): in the order `known`
/// gives when it holds the same ids (a file written in that order and read back: the next save of the
/// same outputs is not sorted again), else sorted.
func inByteOrder<Value: Sendable>(_ dictionary: [OutputID: Value], known: ByteOrderedIDs) -> [(key: OutputID, value: Value)] {
    if !known.ids.isEmpty && known.ids.count == dictionary.count {
        // Looked up in runs on every core (a manifest's 17k groups at 10k pages, saved as a build ends).
        let ids = known.ids
        let runs = stride(from: 0, to: ids.count, by: 4096).map { $0..<min($0 + 4096, ids.count) }
        let found = parallelMap(runs) { run -> [(key: OutputID, value: Value)]? in
            var part: [(key: OutputID, value: Value)] = []
            part.reserveCapacity(run.count)
            for id in ids[run] {
                guard let value = dictionary[id] else { return nil }
                part.append((id, value))
            }
            return part
        }
        // As many distinct ids (`known`'s are, `ByteOrderedIDs`), each in the dictionary: all of its.
        if found.allSatisfy({ $0 != nil }) { return found.flatMap { $0! } }
    }
    return inByteOrder(dictionary.map { $0 }, key: \.key.text)
}

/// Ids as a file lists them, kept while each one's text follows the last one's in byte order (strictly:
/// then they are distinct, and in the order `inByteOrder` gives; made only by `append`, which checks
/// it). A file out of that order (damaged, or written otherwise) gives none, and its ids are sorted
/// when written again.
struct ByteOrderedIDs {
    private(set) var ids: [OutputID] = []
    private var last: ContiguousArray<UInt8> = []
    private var broken = false

    init(capacity: Int = 0) { ids.reserveCapacity(capacity) }

    /// The next id of the file, and its text's bytes.
    mutating func append(_ id: OutputID, utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard !broken else { return }
        let follows = last.withUnsafeBufferPointer { previous -> Bool in
            if ids.isEmpty { return true }
            let common = min(previous.count, bytes.count)
            let order = common == 0 ? 0 : memcmp(previous.baseAddress!, bytes.baseAddress!, common)
            return order != 0 ? order < 0 : previous.count < bytes.count
        }
        guard follows else {
            broken = true
            ids = []
            return
        }
        ids.append(id)
        last.removeAll(keepingCapacity: true)
        last.append(contentsOf: bytes)
    }

    /// The next id of the file, and its text.
    mutating func append(_ id: OutputID, text: String) {
        var text = text
        text.withUTF8 { append(id, utf8: $0) }
    }
}
