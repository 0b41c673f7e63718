/// The values templates meet most, told by their exact type: a comparison of types, where the runtime's
/// cast (`as?`) costs more, most of all when it fails (it looks conformances up), and templates ask it
/// of every value. A value of any other type, or an optional, a wrapped or a bridged one, is `.other`:
/// a cast may still succeed for it.
enum ExactValue {
    case flag(Bool)
    case text(String)
    case records([TemplateRecord])
    case record(TemplateRecord)
    case other

    @inline(__always) init(_ value: Any) {
        func open<U>(_ opened: U) -> ExactValue {
            withUnsafePointer(to: opened) { pointer in
                if U.self == Bool.self { return .flag(pointer.withMemoryRebound(to: Bool.self, capacity: 1) { $0.pointee }) }
                if U.self == String.self { return .text(pointer.withMemoryRebound(to: String.self, capacity: 1) { $0.pointee }) }
                if U.self == [TemplateRecord].self {
                    return .records(pointer.withMemoryRebound(to: [TemplateRecord].self, capacity: 1) { $0.pointee })
                }
                if U.self == TemplateRecord.self { return .record(pointer.withMemoryRebound(to: TemplateRecord.self, capacity: 1) { $0.pointee }) }
                return .other
            }
        }
        self = _openExistential(value, do: open)
    }
}
