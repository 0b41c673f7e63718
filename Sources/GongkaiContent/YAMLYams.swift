import Foundation
import Yams

/// The slow path: YAML that `SimpleYAML` does not take is read by Yams (libyaml), which also reports
/// every error, and what it makes is copied into `YAMLValue` through Yams's public API.
enum YAMLYams {
    /// The document in `text`; nil when it holds none (empty, or comments only).
    static func read(_ text: String) throws -> YAMLValue? {
        // The basic resolver leaves every scalar a string: the default one runs a regular expression per
        // scalar to guess ints, dates and bools, which costs more than the rest of loading. `YAMLValue`
        // reads what a getter needs.
        guard let node = try Yams.compose(yaml: text, .basic, constructor, .utf8) else { return nil }
        var copier = Copier()
        return copier.value(node)
    }

    /// `Constructor.default` makes a new one with three dictionaries on every use; it is never changed.
    nonisolated(unsafe) static let constructor = Constructor.default

    /// Copies Yams's nodes into values.
    struct Copier {
        /// An alias is a copy of the node it names, with that node's mark: copied once and shared, so
        /// that aliases of aliases (10⁹ items if expanded) stay as small as the text. Two lists or two
        /// mappings at one place are one nested in the other as its first child, which starts later or
        /// is of another size; `Place` tells them apart.
        var copied: [Place: YAMLValue] = [:]

        struct Place: Hashable {
            var mapping: Bool
            var line: Int
            var column: Int
            var count: Int
            var firstLine: Int
            var firstColumn: Int
        }

        mutating func value(_ node: Node) -> YAMLValue {
            switch node {
            case .scalar(let scalar):
                // Quoted scalars come tagged `!!str` (libyaml's "quoted implicit"), as do `!!str` ones.
                return .scalar(
                    .init(
                        scalar.string, style: Self.style(scalar.style),
                        isText: scalar.tag.description == Tag.Name.str.rawValue, line: Self.line(scalar.mark)))
            case .sequence(let sequence):
                let place = Self.place(mapping: false, sequence.mark, count: sequence.count, first: sequence.first?.mark)
                if let place, let known = copied[place] { return known }
                let value = YAMLValue.sequence(.init(sequence.map { self.value($0) }, line: Self.line(sequence.mark)))
                if let place { copied[place] = value }
                return value
            case .mapping(let mapping):
                let place = Self.place(mapping: true, mapping.mark, count: mapping.count, first: mapping.first?.key.mark)
                if let place, let known = copied[place] { return known }
                let entries = mapping.map { pair in
                    YAMLValue.Entry(key: pair.key.string ?? "", line: pair.key.mark?.line ?? 0, value: self.value(pair.value))
                }
                let value = YAMLValue.mapping(.init(entries, line: Self.line(mapping.mark)))
                if let place { copied[place] = value }
                return value
            case .alias(let alias):
                // Never made by reading: Yams resolves aliases to the nodes they name.
                return .mapping(.init([], line: Self.line(alias.mark)))
            }
        }

        static func place(mapping: Bool, _ mark: Mark?, count: Int, first: Mark?) -> Place? {
            guard let mark else { return nil }
            return Place(
                mapping: mapping, line: mark.line, column: mark.column, count: count,
                firstLine: first?.line ?? 0, firstColumn: first?.column ?? 0)
        }

        static func line(_ mark: Mark?) -> Int { mark?.line ?? 1 }

        static func style(_ style: Node.Scalar.Style) -> YAMLValue.Style {
            switch style {
            case .any, .plain: .plain
            case .singleQuoted: .singleQuoted
            case .doubleQuoted: .doubleQuoted
            case .literal: .literal
            case .folded: .folded
            }
        }
    }
}
