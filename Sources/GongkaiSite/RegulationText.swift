import Foundation
import GongkaiContent

/// A regulation's text as its 版本沿革 reads it: the body's text, or, for a body the build state gave
/// back, the bytes it kept there, made a String only when a page compares the texts (`value`).
/// A stamp hashes the bytes in place, the same value as hashing the String: an edit build of 10k pages
/// reads ~1,000 regulations' texts, and making Strings of them (each byte checked as UTF-8) was ~29 M
/// instructions on the build's main thread, for the ~2 pages whose comparison is shown.
struct RegulationText: Sendable {
    private let text: String?
    private let stored: StoredBodyParts?

    init(_ text: String) {
        self.text = text
        stored = nil
    }

    /// The text `stored` kept (which has one: `StoredBodyParts.hasText`).
    init(stored: StoredBodyParts) {
        text = nil
        self.stored = stored
    }

    var value: String { text ?? stored?.text ?? "" }

    /// The text's UTF-8 bytes, read in place.
    func withBytes<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
        if let stored, let result = stored.withTextBytes(body) { return result }
        return value.withUTF8InPlace(body)
    }

    /// Whether both are the same bytes (not: equal as text, which counts canonically equivalent texts
    /// the same although their bytes, and pages, differ).
    func sameBytes(as other: RegulationText) -> Bool {
        withBytes { x in other.withBytes { y in String.sameBytes(x, y) } }
    }
}

extension StableHash {
    /// As `add(_: String?)` of the text's value.
    mutating func add(_ text: RegulationText?) {
        guard let text else { return add(0) }
        add(1)
        text.withBytes { add($0) }
    }
}
