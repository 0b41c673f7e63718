import Foundation
import GongkaiContent

/// What the browser needs to know about the site being previewed: which good build it shows and
/// whether the latest attempt failed (and why).
public struct BuildStatus: Sendable, Equatable {
    /// Random per server run, so a tab left open across a restart reloads.
    public let instance: String
    /// How many builds have succeeded; the pages served come from the latest of them.
    public private(set) var good: Int
    /// Whether the latest build succeeded.
    public private(set) var ok: Bool
    /// The errors of the latest build when it failed (the overlay shows them).
    public private(set) var errors: [Diagnostic]

    public init(instance: String = String(UInt64.random(in: 0...UInt64.max), radix: 36)) {
        self.instance = instance
        self.good = 0
        self.ok = false
        self.errors = []
    }

    /// Changes with every good build: `instance-good`.
    public var version: String { "\(instance)-\(good)" }

    public mutating func succeeded() {
        good += 1
        ok = true
        errors = []
    }

    public mutating func failed(_ diagnostics: [Diagnostic]) {
        ok = false
        errors = diagnostics.filter(\.isError).sorted()
        if errors.isEmpty { errors = diagnostics.sorted() }
    }

    /// JSON for the page's script and the event stream: safe to place inside `<script>` (no `<`,
    /// no U+2028/U+2029 left unescaped).
    public func json(_ language: Language) -> String {
        let errorObjects: [[String: Any]] = errors.map { diagnostic in
            var object: [String: Any] = [
                "file": diagnostic.file,
                "message": language == .en ? diagnostic.en : diagnostic.zh,
                "severity": diagnostic.severity.rawValue,
            ]
            if let line = diagnostic.line { object["line"] = line }
            return object
        }
        let object: [String: Any] = ["version": version, "ok": ok, "errors": errorObjects]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return "{\"version\":\"\(version)\",\"ok\":\(ok),\"errors\":[]}"
        }
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: "\u{2028}", with: "\\u2028")
            .replacingOccurrences(of: "\u{2029}", with: "\\u2029")
    }
}
