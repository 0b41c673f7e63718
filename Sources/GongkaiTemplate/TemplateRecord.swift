/// Data for one thing shown in a section (an item, a row, a card) that ends name lookups.
///
/// Mustache looks a name that the current context lacks up in the enclosing contexts, so an item
/// without `summary` would show its parent's. A record answers `false` for every key it lacks, which
/// ends the lookup there (and renders as `false` in `{{…}}`). A plain `[String: Any]` does not.
///
/// Its keys and values are a short list in the order they were set, not a dictionary: a record has a
/// dozen keys or so, made once and each read about once, and finding a key by its length and then
/// its bytes costs less than hashing it twice (once to store it, once for the template to find it).
public struct TemplateRecord {
    /// Each key once, in the order it was first set; `items[k]` is the value of `keys[k]`. (Two lists:
    /// in a list of pairs, reading a key copies its pair, value and all.)
    private var keys: [RecordKey]
    private var items: [Any]

    struct RecordKey {
        let text: String
        /// The length in bytes of an ASCII key, which equals no key of another length; -1 for any other
        /// key (equal as text to keys of other lengths that are canonically equivalent to it).
        let asciiLength: Int

        init(_ text: String) {
            self.text = text
            asciiLength = Self.asciiLength(of: text)
        }

        /// Read on the bytes (stepping through `utf8` costs several times more for a short string).
        @inline(__always) static func asciiLength(of text: String) -> Int {
            var text = text
            return text.withUTF8 { bytes in
                var all: UInt8 = 0
                for byte in bytes { all |= byte }
                return all < 0x80 ? bytes.count : -1
            }
        }
    }

    public init() {
        keys = []
        items = []
    }

    /// `Record(["title": …, "href": …])`: the literal is the record (see `init(dictionaryLiteral:)`).
    public init(_ record: TemplateRecord) { self = record }

    /// The keys and values in the order they were set.
    public var entries: [(key: String, value: Any)] { (0..<keys.count).map { (key: keys[$0].text, value: items[$0]) } }

    /// The keys and values as a dictionary.
    public var values: [String: Any] { Dictionary(zip(keys.lazy.map(\.text), items), uniquingKeysWith: { first, _ in first }) }

    public subscript(key: String) -> Any? {
        get { value(key, asciiLength: RecordKey.asciiLength(of: key)) }
        set {
            if let at = index(of: key) {
                if let newValue {
                    items[at] = newValue
                } else {
                    keys.remove(at: at)
                    items.remove(at: at)
                }
            } else if let newValue {
                keys.append(RecordKey(key))
                items.append(newValue)
            }
        }
    }

    /// The value of `key`, whose `RecordKey.asciiLength` is `length` (a template's names are ASCII: their
    /// length is their count of bytes).
    @inline(__always) func value(_ key: String, asciiLength length: Int) -> Any? {
        index(of: key, asciiLength: length).map { items[$0] }
    }

    /// Where `key` is: ASCII keys of another length are passed over without comparing their text.
    @inline(__always) func index(of key: String, asciiLength length: Int? = nil) -> Int? {
        let length = length ?? RecordKey.asciiLength(of: key)
        return keys.withUnsafeBufferPointer { keys in
            for i in 0..<keys.count {
                let other = keys[i].asciiLength
                if other == length || other < 0 || length < 0, keys[i].text == key { return i }
            }
            return nil
        }
    }
}

extension TemplateRecord: ExpressibleByDictionaryLiteral {
    /// The keys must differ (as a dictionary literal's must).
    public init(dictionaryLiteral pairs: (String, Any)...) {
        keys = []
        items = []
        keys.reserveCapacity(pairs.count)
        items.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            assert(index(of: key) == nil, "a record's keys must differ: \(key) twice")
            keys.append(RecordKey(key))
            items.append(value)
        }
    }
}

extension TemplateRecord: CustomStringConvertible {
    /// As the record printed when it held a dictionary (`{{.}}` of a record renders this).
    public var description: String { "TemplateRecord(values: \(values))" }
}
