/// The built-in theme's script and stylesheets as readers get them: without comments, indentation and
/// blank lines (a tenth to a fifth less to download on a slow link), while `templates/` keeps them for
/// whoever edits the theme. Only the built-in files, whose code is known to allow it: a site's own
/// files are written as they are (a multi-line string there must keep its lines).
///
/// Done on the UTF-8 bytes (every `gongkai build` compacts the built-in files again: as Characters it
/// cost more than the rest of loading the theme). Lines end at each `\n` not after a `\r`, as a String's
/// Characters split them; the built-in files are compared with that in the tests.
enum AssetCompaction {
    /// Drops lines that hold only a `//` comment, each line's indentation and blank lines.
    static func script(_ text: String) -> String {
        joined(lines(Array(text.utf8)).filter { !$0.starts(with: [slash, slash]) })
    }

    /// Drops `/* … */` comments, each line's indentation and blank lines.
    static func stylesheet(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var at = 0
        while let open = find([slash, star], in: bytes, from: at) {
            out += bytes[at..<open]
            guard let close = find([star, slash], in: bytes, from: open + 2) else {
                at = bytes.count
                break
            }
            at = close + 2
        }
        out += bytes[at...]
        return joined(lines(out))
    }

    private static let (slash, star, newline, cr, space, tab): (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
        0x2F, 0x2A, 0x0A, 0x0D, 0x20, 0x09
    )

    /// The first place of `pattern` in `bytes` at or after `from`.
    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        var at = from
        while at + pattern.count <= bytes.count {
            if bytes[at] == pattern[0] && bytes[at + 1] == pattern[1] { return at }
            at += 1
        }
        return nil
    }

    /// The lines of `bytes` without leading spaces, tabs and carriage returns, the empty ones left out.
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        func take(_ end: Int) {
            var first = start
            while first < end && (bytes[first] == space || bytes[first] == tab || bytes[first] == cr) {
                // A `\r` before the line's `\n`... is the line break's (one Character), not indentation.
                if bytes[first] == cr && first + 1 < bytes.count && bytes[first + 1] == newline { break }
                first += 1
            }
            if first < end { lines.append(bytes[first..<end]) }
        }
        for n in bytes.indices where bytes[n] == newline && (n == 0 || bytes[n - 1] != cr) {
            take(n)
            start = n + 1
        }
        take(bytes.count)
        return lines
    }

    /// Each line followed by `\n` (a lone `\n` when there are none).
    private static func joined(_ lines: [ArraySlice<UInt8>]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(1) { $0 + $1.count + 1 })
        for (n, line) in lines.enumerated() {
            if n > 0 { out.append(newline) }
            out += line
        }
        out.append(newline)
        return String(decoding: out, as: UTF8.self)
    }
}
