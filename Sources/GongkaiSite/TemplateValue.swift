/// Template data as a value that can be part of a page type's inputs: what a part of a page shows,
/// worked out before the page is rendered (a regulation's 版本沿革, a village's disclosure record).
/// Texts, numbers, flags, lists and records (`Record`); a record's keys in order, so its encoding
/// (and thereby the key) does not depend on a dictionary's order.
indirect enum TemplateValue: Codable, Equatable, Sendable {
    case text(String)
    case number(Int)
    case flag(Bool)
    case list([TemplateValue])
    case record([Field])

    struct Field: Equatable, Sendable {
        var key: String
        var value: TemplateValue
    }

    // Written compactly (the key of every page that holds one is made from it): a text, number or flag
    // as itself; a list as [0, values…]; a record as [1, key, value, key, value…].
    func encode(to encoder: Encoder) throws {
        switch self {
        case .text(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .number(let number):
            var container = encoder.singleValueContainer()
            try container.encode(number)
        case .flag(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .list(let values):
            var container = encoder.unkeyedContainer()
            try container.encode(0)
            for value in values { try container.encode(value) }
        case .record(let fields):
            var container = encoder.unkeyedContainer()
            try container.encode(1)
            for field in fields {
                try container.encode(field.key)
                try container.encode(field.value)
            }
        }
    }

    init(from decoder: Decoder) throws {
        if var container = try? decoder.unkeyedContainer() {
            let tag = try container.decode(Int.self)
            var values: [TemplateValue] = []
            var fields: [Field] = []
            while !container.isAtEnd {
                if tag == 1 {
                    fields.append(Field(key: try container.decode(String.self), value: try container.decode(TemplateValue.self)))
                } else {
                    values.append(try container.decode(TemplateValue.self))
                }
            }
            self = tag == 1 ? .record(fields) : .list(values)
            return
        }
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    /// The value of template data made of texts, numbers, flags, arrays and records; nil for anything else.
    init?(_ any: Any) {
        // The kinds the site makes, told by their exact type first: each cast that fails on the way to
        // the right case below costs the runtime more than the one that succeeds (records nest: a
        // regulation's 版本沿革 is thousands of values).
        let type = Swift.type(of: any)
        if type == Record.self {
            guard let record = Self.record(any as! Record) else { return nil }
            self = record
            return
        }
        if type == String.self {
            self = .text(any as! String)
            return
        }
        if type == [Record].self {
            guard let list = Self.list(any as! [Record]) else { return nil }
            self = list
            return
        }
        if type == Bool.self {
            self = .flag(any as! Bool)
            return
        }
        if type == Int.self {
            self = .number(any as! Int)
            return
        }
        switch any {
        case let text as String: self = .text(text)
        case let flag as Bool: self = .flag(flag)
        case let number as Int: self = .number(number)
        case let record as Record:
            guard let record = Self.record(record) else { return nil }
            self = record
        case let records as [Record]:
            guard let list = Self.list(records) else { return nil }
            self = list
        case let list as [Any]:
            var values: [TemplateValue] = []
            for element in list {
                guard let value = TemplateValue(element) else { return nil }
                values.append(value)
            }
            self = .list(values)
        default:
            return nil
        }
    }

    /// A record's value: its fields sorted with their values (no second look-up of each key).
    private static func record(_ record: Record) -> TemplateValue? {
        var fields: [Field] = []
        let entries = record.entries
        fields.reserveCapacity(entries.count)
        for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
            guard let value = TemplateValue(value) else { return nil }
            fields.append(Field(key: key, value: value))
        }
        return .record(fields)
    }

    /// A list of records (the commonest list) without making each element an `Any` first.
    private static func list(_ records: [Record]) -> TemplateValue? {
        var values: [TemplateValue] = []
        values.reserveCapacity(records.count)
        for record in records {
            guard let value = Self.record(record) else { return nil }
            values.append(value)
        }
        return .list(values)
    }

    /// The value of a record the site makes; every value the site puts in template data is one of the
    /// kinds above, so anything else is a mistake in the code that made it.
    static func of(_ record: Record) -> TemplateValue {
        guard let value = TemplateValue(record) else { preconditionFailure("template data of a kind TemplateValue does not hold: \(record.values)") }
        return value
    }

    /// As templates take it.
    var data: Any {
        switch self {
        case .text(let text): text
        case .number(let number): number
        case .flag(let flag): flag
        case .list(let values): values.map(\.data)
        case .record(let fields):
            // The first of equal keys, as a dictionary made of them keeps.
            fields.reduce(into: Record()) { record, field in
                if record[field.key] == nil { record[field.key] = field.value.data }
            }
        }
    }
}
