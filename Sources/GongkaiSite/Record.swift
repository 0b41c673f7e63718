import Mustache

/// Template data for one thing shown in a section (an item, a row, a card).
///
/// Mustache looks a missing key up in the enclosing contexts, so an item without `summary` would
/// show its parent's. A record answers `false` for every key it lacks, which ends the lookup there.
struct Record: MustacheParent {
    var values: [String: Any]

    init(_ values: [String: Any] = [:]) { self.values = values }

    subscript(key: String) -> Any? {
        get { values[key] }
        set { values[key] = newValue }
    }

    func child(named name: String) -> Any? { values[name] ?? false }
}
