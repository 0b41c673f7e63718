import GongkaiContent

/// The key of an output, derived from the value its page type renders from: every value the value
/// encodes (each field's name, then its text, number or flag; a list's length) goes into a
/// `StableHash`. A field added to a page type's `Inputs` is thereby in the key without anyone
/// writing it there; an optional that is nil leaves its name out, so `a: nil, b: x` and `a: x, b: nil`
/// differ.
enum InputKey {
    /// `direct: false` (tests only) makes every value go through its `encode(to:)`.
    static func of<T: Encodable>(_ value: T, global: UInt64, type: String, direct: Bool = true) -> UInt64 {
        let encoder = HashingEncoder()
        encoder.direct = direct
        encoder.hash.add(global)
        encoder.hash.add(type)
        // Encoding into a hash cannot fail: the encoder throws nothing.
        try? value.encode(to: encoder)
        return encoder.hash.value
    }
}

/// An `Encoder` whose containers feed what they are given into one running hash.
final class HashingEncoder: Encoder {
    var hash = StableHash()
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        hash.add(0x4B)
        return KeyedEncodingContainer(Keyed(encoder: self))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        hash.add(0x55)
        return Unkeyed(encoder: self)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { Single(encoder: self) }

    // Numbers of every width go in as 64 bits; texts with their length (`StableHash.add`).
    func add(_ text: String) { hash.add(text) }
    func add(_ number: Int) { hash.add(number) }
    func add(_ number: UInt64) { hash.add(number) }
    // A flag is marked as one: `true` and 1 differ.
    func add(_ flag: Bool) { hash.add(flag ? 0xB0_01 : 0xB0_00) }
    func add(_ number: Double) { hash.add(number.bitPattern) }
    func addNil() { hash.add(0x4E494C) }

    /// Off only in tests, which check that the direct path feeds the hash what `encode(to:)` would.
    var direct = true

    func add<T: Encodable>(_ value: T) throws {
        // A dictionary's own `encode(to:)` follows its order, which Swift seeds per process: by key
        // here (a keyed container), so that the key is the same in every run.
        if T.self == [String: Int].self, let table = value as? [String: Int] {
            hash.add(0x4B)
            for (name, number) in table.sorted(by: { $0.key < $1.key }) {
                add(name)
                add(number)
            }
            return
        }
        // The common leaves (texts, numbers, links, rows, entries and lists of them) directly: one
        // conformance check instead of a container and a generic call per field.
        if direct, let value = value as? DirectlyHashed {
            value.addDirectly(to: self)
        } else {
            try value.encode(to: self)
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: HashingEncoder
        var codingPath: [CodingKey] { [] }

        func name(_ key: Key) { encoder.add(key.stringValue) }

        mutating func encodeNil(forKey key: Key) throws { name(key); encoder.addNil() }
        mutating func encode(_ value: Bool, forKey key: Key) throws { name(key); encoder.add(value) }
        mutating func encode(_ value: String, forKey key: Key) throws { name(key); encoder.add(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { name(key); encoder.add(value) }
        mutating func encode(_ value: Float, forKey key: Key) throws { name(key); encoder.add(Double(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { name(key); encoder.add(value) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { name(key); encoder.add(Int(value)) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { name(key); encoder.add(Int(value)) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { name(key); encoder.add(Int(value)) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { name(key); encoder.add(Int(value)) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { name(key); encoder.add(UInt64(value)) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { name(key); encoder.add(UInt64(value)) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { name(key); encoder.add(UInt64(value)) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { name(key); encoder.add(UInt64(value)) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { name(key); encoder.add(value) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { name(key); try encoder.add(value) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            name(key)
            return encoder.container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            name(key)
            return encoder.unkeyedContainer()
        }

        mutating func superEncoder() -> Encoder { encoder }
        mutating func superEncoder(forKey key: Key) -> Encoder { name(key); return encoder }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let encoder: HashingEncoder
        var codingPath: [CodingKey] { [] }
        var count = 0

        // Each element is counted, so that [[a], [b]] and [[a, b]] differ.
        mutating func next() {
            count += 1
            encoder.add(0x2C)
        }

        mutating func encodeNil() throws { next(); encoder.addNil() }
        mutating func encode(_ value: Bool) throws { next(); encoder.add(value) }
        mutating func encode(_ value: String) throws { next(); encoder.add(value) }
        mutating func encode(_ value: Double) throws { next(); encoder.add(value) }
        mutating func encode(_ value: Float) throws { next(); encoder.add(Double(value)) }
        mutating func encode(_ value: Int) throws { next(); encoder.add(value) }
        mutating func encode(_ value: Int8) throws { next(); encoder.add(Int(value)) }
        mutating func encode(_ value: Int16) throws { next(); encoder.add(Int(value)) }
        mutating func encode(_ value: Int32) throws { next(); encoder.add(Int(value)) }
        mutating func encode(_ value: Int64) throws { next(); encoder.add(Int(value)) }
        mutating func encode(_ value: UInt) throws { next(); encoder.add(UInt64(value)) }
        mutating func encode(_ value: UInt8) throws { next(); encoder.add(UInt64(value)) }
        mutating func encode(_ value: UInt16) throws { next(); encoder.add(UInt64(value)) }
        mutating func encode(_ value: UInt32) throws { next(); encoder.add(UInt64(value)) }
        mutating func encode(_ value: UInt64) throws { next(); encoder.add(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { next(); try encoder.add(value) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            next()
            return encoder.container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            next()
            return encoder.unkeyedContainer()
        }

        mutating func superEncoder() -> Encoder { next(); return encoder }
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: HashingEncoder
        var codingPath: [CodingKey] { [] }

        mutating func encodeNil() throws { encoder.addNil() }
        mutating func encode(_ value: Bool) throws { encoder.add(value) }
        mutating func encode(_ value: String) throws { encoder.add(value) }
        mutating func encode(_ value: Double) throws { encoder.add(value) }
        mutating func encode(_ value: Float) throws { encoder.add(Double(value)) }
        mutating func encode(_ value: Int) throws { encoder.add(value) }
        mutating func encode(_ value: Int8) throws { encoder.add(Int(value)) }
        mutating func encode(_ value: Int16) throws { encoder.add(Int(value)) }
        mutating func encode(_ value: Int32) throws { encoder.add(Int(value)) }
        mutating func encode(_ value: Int64) throws { encoder.add(Int(value)) }
        mutating func encode(_ value: UInt) throws { encoder.add(UInt64(value)) }
        mutating func encode(_ value: UInt8) throws { encoder.add(UInt64(value)) }
        mutating func encode(_ value: UInt16) throws { encoder.add(UInt64(value)) }
        mutating func encode(_ value: UInt32) throws { encoder.add(UInt64(value)) }
        mutating func encode(_ value: UInt64) throws { encoder.add(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { try encoder.add(value) }
    }
}

/// A value the hashing encoder takes without its `encode(to:)`: `addDirectly` feeds the hash exactly
/// what `encode(to:)` would through the encoder's containers (`InputKeyTests` compares the two).
protocol DirectlyHashed {
    func addDirectly(to encoder: HashingEncoder)
}

extension String: DirectlyHashed {
    func addDirectly(to encoder: HashingEncoder) { encoder.add(self) }
}

extension Int: DirectlyHashed {
    func addDirectly(to encoder: HashingEncoder) { encoder.add(self) }
}

extension Bool: DirectlyHashed {
    func addDirectly(to encoder: HashingEncoder) { encoder.add(self) }
}

extension UInt64: DirectlyHashed {
    func addDirectly(to encoder: HashingEncoder) { encoder.add(self) }
}

/// As `Array.encode(to:)`: an unkeyed container, each element counted.
extension Array: DirectlyHashed where Element: DirectlyHashed {
    func addDirectly(to encoder: HashingEncoder) {
        encoder.hash.add(0x55)
        for element in self {
            encoder.add(0x2C)
            element.addDirectly(to: encoder)
        }
    }
}

/// As `Link.encode(to:)`: an unkeyed container of the title and the target.
extension Link: DirectlyHashed {
    func addDirectly(to encoder: HashingEncoder) {
        encoder.hash.add(0x55)
        encoder.add(0x2C)
        encoder.add(title)
        encoder.add(0x2C)
        encoder.add(target)
    }
}

/// As the synthesized `FieldRow.encode(to:)`: a keyed container; a nil `href` leaves its name out.
extension FieldRow: DirectlyHashed {
    func addDirectly(to encoder: HashingEncoder) {
        encoder.hash.add(0x4B)
        encoder.add("label")
        encoder.add(label)
        encoder.add("value")
        encoder.add(value)
        if let href {
            encoder.add("href")
            encoder.add(href)
        }
    }
}

/// As `TemplateValue.encode(to:)`: a leaf as itself; a list as [0, values…]; a record as
/// [1, key, value, key, value…].
extension TemplateValue: DirectlyHashed {
    func addDirectly(to encoder: HashingEncoder) {
        switch self {
        case .text(let text): encoder.add(text)
        case .number(let number): encoder.add(number)
        case .flag(let flag): encoder.add(flag)
        case .list(let values):
            encoder.hash.add(0x55)
            encoder.add(0x2C)
            encoder.add(0)
            for value in values {
                encoder.add(0x2C)
                value.addDirectly(to: encoder)
            }
        case .record(let fields):
            encoder.hash.add(0x55)
            encoder.add(0x2C)
            encoder.add(1)
            for field in fields {
                encoder.add(0x2C)
                encoder.add(field.key)
                encoder.add(0x2C)
                field.value.addDirectly(to: encoder)
            }
        }
    }
}
