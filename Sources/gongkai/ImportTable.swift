import Foundation

/// Tables of imported documents written as the portal's ```csv blocks (the only table the site's
/// Markdown has; figures right-aligned, the 合计 row checked when the site is built).
enum ImportTable {
    /// Rows with trailing empty cells, empty rows and empty last columns taken away.
    static func tidy(_ rows: [[String]]) -> [[String]] {
        let cleaned: [[String]] = rows.map { $0.map(cell) }.filter { row in row.contains { !$0.isEmpty } }
        var width = 0
        for row in cleaned {
            if let last = row.lastIndex(where: { !$0.isEmpty }) { width = max(width, last + 1) }
        }
        return cleaned.map { row -> [String] in
            var cells = Array(row.prefix(width))
            while cells.count < width { cells.append("") }
            return cells
        }
    }

    /// One cell as the block can hold it: on one line, ASCII double quotes as Chinese ones (the block
    /// has no escape for them).
    static func cell(_ text: String) -> String {
        var out = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\t", with: " ")
        if out.contains("\"") {
            var open = true
            var quoted = ""
            for ch in out {
                if ch == "\"" {
                    quoted.append(open ? "“" : "”")
                    open.toggle()
                } else {
                    quoted.append(ch)
                }
            }
            out = quoted
        }
        return out.trimmed
    }

    /// The fenced block; cells with a comma are quoted.
    static func block(_ rows: [[String]], caption: String) -> String {
        let fence = "```"
        var text = fence + "csv" + (caption.isEmpty ? "" : " " + cell(caption)) + "\n"
        for row in rows {
            let cells: [String] = row.map { cell in cell.contains(",") ? "\"" + cell + "\"" : cell }
            text += cells.joined(separator: ",") + "\n"
        }
        return text + fence + "\n"
    }

    /// Records of CSV as LibreOffice writes it (RFC 4180: quoted fields may hold commas, `""` and line breaks).
    static func records(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let ch = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if ch == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(ch)
                }
            } else if ch == "\"" && field.isEmpty {
                quoted = true
            } else if ch == "," {
                row.append(field)
                field = ""
            } else if ch == "\n" || ch == "\r\n" || ch == "\r" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(ch)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
