/// A template that cannot be compiled: where (1-based line and column, counted in characters as an
/// editor shows them) and why.
public struct TemplateError: Error, CustomStringConvertible, Equatable, Sendable {
    public let line: Int
    public let column: Int
    public let reason: Reason

    public init(line: Int, column: Int, reason: Reason) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public enum Reason: Equatable, Sendable {
        /// `{{#name}}` or `{{^name}}` (or `{{$name}}`, `{{<name}}`) has no `{{/name}}`.
        case unclosedSection(String)
        /// `{{/found}}` where `{{/expected}}` (nil: no section is open) was due.
        case unexpectedClose(found: String, expected: String?)
        /// A tag whose name has characters a name cannot have, or that is not closed.
        case malformedTag
        /// A comment `{{! …` that is never closed.
        case unclosedComment
        /// `{{=… …=}}` that does not give two delimiters.
        case malformedDelimiters
        /// `name()` other than `first()` / `last()` inside a list.
        case unknownTransform(String)
        /// Something other than `{{$block}}…{{/block}}` directly inside `{{<parent}}…{{/parent}}`.
        case notABlockInsideParent
        /// `{{% … }}` other than `CONTENT_TYPE: HTML` or `CONTENT_TYPE: TEXT`.
        case unknownPragma(String)
    }

    public var description: String { "line \(line), column \(column): \(reason)" }
}

extension TemplateError.Reason: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unclosedSection(let name): return "{{#\(name)}} is not closed by {{/\(name)}}"
        case .unexpectedClose(let found, nil): return "{{/\(found)}} closes no open section"
        case .unexpectedClose(let found, let expected?): return "{{/\(found)}} where {{/\(expected)}} was expected"
        case .malformedTag: return "a tag is not closed, or its name has characters a name cannot have"
        case .unclosedComment: return "a comment {{! is not closed"
        case .malformedDelimiters: return "a set-delimiter tag {{=… …=}} needs two delimiters"
        case .unknownTransform(let name): return "unknown function \(name); only {{#first()}} and {{#last()}} are known"
        case .notABlockInsideParent: return "only {{$name}}…{{/name}} blocks may stand inside {{<parent}}…{{/parent}}"
        case .unknownPragma(let text): return "unknown pragma {{%\(text)}}"
        }
    }
}
