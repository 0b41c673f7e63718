/// One problem found in a site's input: where it is, how bad it is, and what to write instead.
///
/// Every module reports problems this way so that a build or a check can collect all of them,
/// sort them by file and line, and print them together in the user's language.
public struct Diagnostic: Error, Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    /// Path relative to the site folder, e.g. `content/villages/xinghua/notices/x.md`.
    public var file: String
    /// 1-based line in the file (the opening `---` of front matter is line 1), if known.
    public var line: Int?
    public var column: Int?
    /// The message in Chinese (the default) and in English (`--lang en`).
    public var zh: String
    public var en: String

    public init(_ severity: Severity, file: String, line: Int? = nil, column: Int? = nil, zh: String, en: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.zh = zh
        self.en = en
    }

    public static func error(_ file: String, line: Int? = nil, column: Int? = nil, zh: String, en: String) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, column: column, zh: zh, en: en)
    }

    public static func warning(_ file: String, line: Int? = nil, column: Int? = nil, zh: String, en: String) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, column: column, zh: zh, en: en)
    }

    public var isError: Bool { severity == .error }

    /// `file:line:column: error: message`, the form compilers use, so editors and CI can jump to it.
    public func formatted(_ language: Language) -> String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        let text = language == .en ? en : zh
        return "\(location): \(severity.rawValue): \(text)"
    }
}

extension Diagnostic: Comparable {
    /// Sorted by file, then line, then column, then errors before warnings, then text.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
        if (a.column ?? 0) != (b.column ?? 0) { return (a.column ?? 0) < (b.column ?? 0) }
        if a.severity != b.severity { return a.severity == .error }
        return a.zh < b.zh
    }
}

/// The language of messages: Chinese unless asked otherwise.
public enum Language: String, Sendable {
    case zh
    case en

    /// `en` when `LANG`/`LC_ALL`/`LC_MESSAGES` start with `en`, else `zh`.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("en") ? .en : .zh
            }
        }
        return .zh
    }
}

/// A thrown failure that ends a run early, carrying the diagnostics that explain it.
public struct DiagnosticError: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { lazy.filter { $0.isError }.count }
    public var warningCount: Int { lazy.filter { !$0.isError }.count }
    public var hasErrors: Bool { contains { $0.isError } }
}
