import GongkaiContent

extension DisclosureReport {
    /// The report for CI and scripts, in the shape of issue 4, built by hand so the key order is fixed:
    /// `asOf`, `results` (one per line: village, rule, period, due, status, published, pages, and for
    /// on-event rules count and late), `summary` (published, late, missing, pending).
    public func json() -> String {
        var out = "{\n  \"asOf\": \(JSON.string(asOf.description)),\n  \"results\": ["
        let lines = results.map { $0.json() } + healthJSON()
        for (position, line) in lines.enumerated() {
            out += position == 0 ? "\n    " : ",\n    "
            out += line
        }
        out += lines.isEmpty ? "],\n" : "\n  ],\n"
        let s = summary
        out += "  \"summary\": {\"published\": \(s.published), \"late\": \(s.late), \"missing\": \(s.missing), \"pending\": \(s.pending)\(healthSummaryJSON())}\n}\n"
        return out
    }
}

extension DisclosureResult {
    /// One result as a JSON object on one line.
    func json() -> String {
        var fields: [(String, String)] = [
            ("village", JSON.string(village)),
            ("rule", JSON.string(rule)),
            ("period", period.map(JSON.string) ?? "null"),
            ("due", due.map { JSON.string($0.description) } ?? "null"),
            ("status", JSON.string(status.rawValue)),
            ("published", published.map { JSON.string($0.description) } ?? "null"),
            ("pages", "[" + pages.map(JSON.string).joined(separator: ", ") + "]"),
        ]
        if let count { fields.append(("count", String(count))) }
        if let late { fields.append(("late", String(late))) }
        if let event { fields.append(("event", JSON.string(event.description))) }
        return "{" + fields.map { "\(JSON.string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}

enum JSON {
    static func string(_ text: String) -> String { JSONText.string(text) }
}
