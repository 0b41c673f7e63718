import GongkaiContent

extension DisclosureReport {
    /// The report for CI and scripts, in the shape of issue 4, built by hand so the key order is fixed:
    /// `asOf`, `asOfSource` (`flag`, `site.yaml` or `today`; null when not known), `results` (one per
    /// line: village, rule, period, due, status, published, pages, for on-event rules count and late,
    /// and for missing or not-yet-due periods `command`, the `gongkai new` that starts the page),
    /// `notCounted` (pages for a time before the check start), `summary` (published, late, missing,
    /// pending, and the on-event items: events, eventsLate).
    public func json() -> String {
        var out = "{\n  \"asOf\": \(JSON.string(asOf.description)),\n"
        out += "  \"asOfSource\": \(context.asOfSource.map { JSON.string($0.rawValue) } ?? "null"),\n  \"results\": ["
        let lines = results.map { $0.json(command: newPageCommand(for: $0)) } + healthJSON()
        for (position, line) in lines.enumerated() {
            out += position == 0 ? "\n    " : ",\n    "
            out += line
        }
        out += lines.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"notCounted\": ["
        for (position, page) in uncounted.enumerated() {
            out += position == 0 ? "\n    " : ",\n    "
            out += page.json()
        }
        out += uncounted.isEmpty ? "],\n" : "\n  ],\n"
        let s = summary
        out +=
            "  \"summary\": {\"published\": \(s.published), \"late\": \(s.late), \"missing\": \(s.missing), \"pending\": \(s.pending), \"events\": \(s.events), \"eventsLate\": \(s.eventsLate)\(healthSummaryJSON())}\n}\n"
        return out
    }
}

extension UncountedPage {
    /// `{"village", "rule", "period", "published", "page", "since", "reason": "before-since"}` on one line.
    func json() -> String {
        let fields: [(String, String)] = [
            ("village", JSON.string(village)),
            ("rule", JSON.string(rule)),
            ("period", JSON.string(period)),
            ("published", JSON.string(published.description)),
            ("page", JSON.string(page)),
            ("since", JSON.string(since.description)),
            ("reason", JSON.string("before-since")),
        ]
        return "{" + fields.map { "\(JSON.string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}

extension DisclosureResult {
    /// One result as a JSON object on one line.
    func json(command: String? = nil) -> String {
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
        if let command { fields.append(("command", JSON.string(command))) }
        return "{" + fields.map { "\(JSON.string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}

enum JSON {
    static func string(_ text: String) -> String { JSONText.string(text) }
}
