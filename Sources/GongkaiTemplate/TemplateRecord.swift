/// Data for one thing shown in a section (an item, a row, a card) that ends name lookups.
///
/// Mustache looks a name that the current context lacks up in the enclosing contexts, so an item
/// without `summary` would show its parent's. A record answers `false` for every key it lacks, which
/// ends the lookup there (and renders as `false` in `{{…}}`). A plain `[String: Any]` does not.
public struct TemplateRecord {
    public var values: [String: Any]

    public init(_ values: [String: Any] = [:]) { self.values = values }

    public subscript(key: String) -> Any? {
        get { values[key] }
        set { values[key] = newValue }
    }
}
