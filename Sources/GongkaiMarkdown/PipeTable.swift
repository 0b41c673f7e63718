#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A table written with pipes, as Typora, WPS, Word add-ins and most Markdown guides write one:
///
///     | 项目 | 金额（元） |
///     |------|-----------:|
///     | 租金 | 62000      |
///
/// cmark (CommonMark without GitHub's extensions) would publish those lines as a paragraph of `|`
/// characters. Before parsing, `rewrite` turns each such table into a fenced block with the info
/// string `info`, which the renderer makes into the same table, with the same checks, as a ```` ```csv ````
/// block: header row, figures as written, every 合计 checked.
///
/// What counts as a table follows GitHub's rules: a row with at least one `|`, then a delimiter row
/// (cells of `-` with optional `:` at either end, at least one `|`) with as many cells as the header;
/// the rows after it, up to a blank line or the start of another block. `\|` is a `|` inside a cell;
/// full-width bars `｜` (as a Chinese input method types them) stand for `|` in a table whose first two
/// rows are written with them.
/// Only tables at the top level of the text are taken (not inside a quote or list), and nothing
/// inside a fenced code block.
///
/// The rewrite keeps every line where it was, so messages still name the file's own lines: the header
/// line becomes the opening fence, the delimiter line carries the header, and the blank line after the
/// table becomes the closing fence. (Only a table followed at once by a heading or another block, with
/// no blank line between, needs a line of its own for the fence; lines after it are then named one
/// lower.)
enum PipeTable {
    /// The info string of a rewritten table's fence.
    static let info = "gongkai:pipe-table"

    /// The text with its pipe tables rewritten as fenced blocks, or nil when it has none.
    /// `screened`: lines that cannot start a table are passed over by their bytes (tests compare with
    /// reading every line).
    static func rewrite(_ markdown: String, screened: Bool = true) -> String? {
        // Most bodies have no table: no line with a bar followed by one with a bar and a dash.
        guard !screened || mayHaveTable(markdown) else { return nil }
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        var fence: (marker: Character, count: Int)? = nil
        var changed = false
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if let open = fence {
                if closesFence(line, open) { fence = nil }
                index += 1
                continue
            }
            if let opened = opensFence(line) {
                fence = opened
                index += 1
                continue
            }
            guard index + 1 < lines.count else { break }
            guard !screened || hasBar(line) && hasBar(lines[index + 1]) && lines[index + 1].utf8.contains(0x2D) else {
                index += 1
                continue
            }
            // Bars typed with a Chinese input method (｜, full width) work as well, in a table that uses
            // them throughout its first two rows.
            let fullWidth = !isTableStart(header: line, delimiter: lines[index + 1])
            guard !fullWidth || isTableStart(header: halfWidth(line), delimiter: halfWidth(lines[index + 1])) else {
                index += 1
                continue
            }
            var end = index + 2
            while end < lines.count, !endsTable(lines[end]) { end += 1 }
            if fullWidth {
                for row in index..<end { lines[row] = halfWidth(lines[row]) }
            }
            // A fence longer than any run of tildes the rows start with.
            let tildes = lines[index..<end].map(leadingTildes).max() ?? 0
            let marker = String(repeating: "~", count: max(3, tildes + 1))
            let header = lines[index]
            lines[index] = Substring(marker + info)
            lines[index + 1] = header
            if end < lines.count && isBlank(lines[end]) {
                lines[end] = Substring(marker)
            } else {
                lines.insert(Substring(marker), at: end)
            }
            changed = true
            index = end + 1
        }
        return changed ? lines.joined(separator: "\n") : nil
    }

    /// Whether some line of `markdown` has a bar (`|` or `｜`) and the next one a bar and a `-`: what
    /// every table's first two rows have (`isTableStart`, with full-width bars too). One pass over the
    /// bytes, where `rewrite` would look at every line as characters; lines end at a `\n` not after a
    /// `\r`, as `split(separator: "\n")` of a String ends them (`\r\n` is one character).
    ///
    /// Lines before the first bar cannot start a table, so the pass starts at the first bar, found
    /// with `memchr` (most bodies have none: then no byte is looked at one by one).
    static func mayHaveTable(_ markdown: String) -> Bool {
        var text = markdown
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            let n = bytes.count
            var first = n
            if let bar = memchr(base, 0x7C, n) { first = UnsafeRawPointer(bar) - UnsafeRawPointer(base) }
            // `｜` is EF BD 9C: its middle byte, rarer in Chinese text than EF, is looked for.
            var from = 1
            while from + 1 < first, let found = memchr(base + from, 0xBD, first - 1 - from) {
                let at = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                if bytes[at - 1] == 0xEF && bytes[at + 1] == 0x9C {
                    first = at - 1
                    break
                }
                from = at + 1
            }
            guard first < n else { return false }
            // From the first bar on: what comes before it on its line (a dash) counts only on the line
            // after a line with a bar, and no line before has one.
            return scanForTable(UnsafeBufferPointer(rebasing: bytes[first...]))
        }
    }

    /// The pass of `mayHaveTable` over `bytes`: the text, or its part from the first bar on.
    static func scanForTable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousHasBar = false
        var hasBar = false, hasDash = false
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x7C {
                hasBar = true
            } else if b == 0x2D {
                hasDash = true
            } else if b == 0xEF && i + 2 < n && bytes[i + 1] == 0xBD && bytes[i + 2] == 0x9C {
                hasBar = true
            } else if b == 0x0A && (i == 0 || bytes[i - 1] != 0x0D) {
                if previousHasBar && hasBar && hasDash { return true }
                previousHasBar = hasBar
                hasBar = false
                hasDash = false
            }
            i += 1
        }
        return previousHasBar && hasBar && hasDash
    }

    /// Whether `line` has a `|` or a `｜`, by its bytes.
    static func hasBar(_ line: Substring) -> Bool {
        let bytes = line.utf8
        return bytes.contains(0x7C) || bytes.contains(0x9C) && line.unicodeScalars.contains("\u{FF5C}")
    }

    /// The rows of a rewritten table's block, header first; `firstLine` is the file line of the fence.
    static func rows(_ body: String, firstLine: Int) -> [CSVTable.Row] {
        var rows: [CSVTable.Row] = []
        for (offset, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if isBlank(line) { continue }
            // The header sits on the delimiter's line, one below the fence; the rows where they were.
            let fileLine = offset == 0 ? firstLine : firstLine + offset + 1
            rows.append((fileLine, cells(line).map(unwrapped)))
        }
        return rows
    }

    /// The cells of a row: split at each `|` not written `\|`, outer pipes dropped, spaces trimmed.
    static func cells(_ line: Substring) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                if character != "|" { current.append("\\") }
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        cells.append(current)
        var trimmed = cells.map { $0.trimmed }
        let whole = String(line).trimmed
        if trimmed.count > 1, trimmed.first == "", whole.hasPrefix("|") { trimmed.removeFirst() }
        if trimmed.count > 1, trimmed.last == "", whole.hasSuffix("|") && !whole.hasSuffix("\\|") {
            trimmed.removeLast()
        }
        return trimmed
    }

    /// A row with more cells than the header keeps them all (they show at the table's right), with a
    /// warning: a stray `|` is the likely cause.
    static func extraCells(_ row: CSVTable.Row, header: [String]) -> (cells: [String], note: Markdown.Note) {
        let extra = row.cells.count - header.count
        return (
            row.cells,
            Markdown.Note(
                line: row.line,
                zh:
                    "表格\(CSVTable.rowName(row))有 \(row.cells.count) 格，表头只有 \(header.count) 格：多出的 \(extra) 格照样显示在表格右边。请看是不是多写了竖线“|”；格子里的文字要用竖线请写成 \\|",
                en:
                    "\(CSVTable.rowNameEN(row)) of the table has \(row.cells.count) cells but the header has \(header.count): the \(extra) extra cell\(extra == 1 ? " is" : "s are") shown at the table's right. Check for a stray “|”; write \\| for a bar inside a cell",
                level: .warning)
        )
    }

    /// `**合计**` → `合计`: a cell bold as a whole (how editors mark a total row) shows as its text; the
    /// table's own styling marks totals.
    static func unwrapped(_ cell: String) -> String {
        for mark in ["**", "__"] where cell.count > 2 * mark.count && cell.hasPrefix(mark) && cell.hasSuffix(mark) {
            return String(cell.dropFirst(mark.count).dropLast(mark.count)).trimmed
        }
        return cell
    }

    static func isTableStart(header: Substring, delimiter: Substring) -> Bool {
        guard indentation(header) < 4, header.contains("|"), !startsBlock(header) else { return false }
        guard isDelimiterRow(delimiter) else { return false }
        return cells(header).count == cells(delimiter).count
    }

    /// `|---|:--:|---:|`, `--- | ---`: at least one `|`, every cell dashes with optional colons at the ends.
    static func isDelimiterRow(_ line: Substring) -> Bool {
        guard indentation(line) < 4, line.contains("|"), line.contains("-") else { return false }
        let cells = cells(line)
        return !cells.isEmpty
            && cells.allSatisfy { cell in
                var body = Substring(cell)
                if body.hasPrefix(":") { body = body.dropFirst() }
                if body.hasSuffix(":") { body = body.dropLast() }
                return !body.isEmpty && body.allSatisfy { $0 == "-" }
            }
    }

    static func endsTable(_ line: Substring) -> Bool { isBlank(line) || startsBlock(line) || opensFence(line) != nil }

    /// A line that starts another block: heading, quote, list item, thematic break or HTML.
    static func startsBlock(_ line: Substring) -> Bool {
        guard indentation(line) < 4 else { return false }
        let text = line.drop(while: { $0 == " " })
        guard let first = text.first else { return false }
        switch first {
        case "#", ">", "<": return true
        case "-", "*", "+":
            let next = text.dropFirst().first
            return next == nil || next == " " || next == "\t" || text.allSatisfy({ $0 == first || $0 == " " })
        case "0"..."9":
            let rest = text.drop(while: { $0.isASCII && $0.isNumber })
            return (rest.hasPrefix(". ") || rest.hasPrefix(") ")) && text.count - rest.count <= 9
        default: return false
        }
    }

    static func opensFence(_ line: Substring) -> (marker: Character, count: Int)? {
        guard indentation(line) < 4 else { return nil }
        let text = line.drop(while: { $0 == " " })
        guard let marker = text.first, marker == "`" || marker == "~" else { return nil }
        let count = text.prefix(while: { $0 == marker }).count
        guard count >= 3 else { return nil }
        // A backtick fence's info string has no backticks.
        if marker == "`" && text.dropFirst(count).contains("`") { return nil }
        return (marker, count)
    }

    static func closesFence(_ line: Substring, _ open: (marker: Character, count: Int)) -> Bool {
        guard indentation(line) < 4 else { return false }
        let text = line.drop(while: { $0 == " " })
        let count = text.prefix(while: { $0 == open.marker }).count
        return count >= open.count && text.dropFirst(count).allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" })
    }

    static func halfWidth(_ line: Substring) -> Substring {
        line.contains("｜") ? Substring(String(line.map { $0 == "｜" ? "|" : $0 })) : line
    }

    static func leadingTildes(_ line: Substring) -> Int { line.drop(while: { $0 == " " }).prefix(while: { $0 == "~" }).count }

    static func indentation(_ line: Substring) -> Int { line.prefix(while: { $0 == " " }).count }

    static func isBlank(_ line: Substring) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }
}
