/// The built-in theme's script and stylesheets as readers get them: without comments, indentation and
/// blank lines (a tenth to a fifth less to download on a slow link), while `templates/` keeps them for
/// whoever edits the theme. Only the built-in files, whose code is known to allow it: a site's own
/// files are written as they are (a multi-line string there must keep its lines).
enum AssetCompaction {
    /// Drops lines that hold only a `//` comment, each line's indentation and blank lines.
    static func script(_ text: String) -> String {
        lines(text).filter { !$0.hasPrefix("//") }.joined(separator: "\n") + "\n"
    }

    /// Drops `/* … */` comments, each line's indentation and blank lines.
    static func stylesheet(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "/*") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "*/") else { rest = ""; break }
            rest = rest[close.upperBound...]
        }
        out += rest
        return lines(out).joined(separator: "\n") + "\n"
    }

    /// The lines of `text` without leading spaces, the empty ones left out.
    static func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            return trimmed.isEmpty ? nil : trimmed
        }
    }
}
