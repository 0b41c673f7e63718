import GongkaiEscape

/// A fenced block with info string `csv` becomes an accessible table: optional caption (the rest of
/// the info string), header row, figures right-aligned and shown as the clerk wrote them. Every 合计
/// (and 小计, 本月合计, 收入合计 …, see `RowRole`) is checked against the rows it sums, so a typo in a
/// financial disclosure is caught before it is posted; a figure that cannot be read for certain, or a
/// row split by a stray comma, is reported with the row, the column and how to write it.
public enum CSVTable {
    struct Output {
        var html: String
        var plainText: String
        var notes: [Markdown.Note]
    }

    static func isCSV(info: String) -> Bool {
        let word = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? ""
        return word.lowercased() == "csv"
    }

    typealias Row = (line: Int, cells: [String])

    /// Whether a first cell names a row the site checks as a sum (合计, 小计, 本月合计 …: see `RowRole`).
    public static func isTotalLabel(_ cell: String) -> Bool { RowRole(label: cell).isSum }

    /// `firstLine` is the file line of the first CSV row.
    static func render(_ text: String, info: String, firstLine: Int) -> Output {
        let caption = info.split(separator: " ", maxSplits: 1).dropFirst().first.map { String($0).trimmed } ?? ""
        var rows: [Row] = []
        for (offset, line) in lines(text).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            rows.append((firstLine + offset, parseLine(String(decoding: line, as: UTF8.self))))
        }
        return render(rows: rows, caption: caption)
    }

    /// The lines of `text` as `split(separator: "\n", omittingEmptySubsequences: false)` gives them, read
    /// on the bytes: a line feed after a carriage return is not a line's end there (CR LF is one
    /// character, not equal to "\n").
    static func lines(_ text: String) -> [ArraySlice<UInt8>] {
        let bytes = Array(text.utf8)
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A && !(i > 0 && bytes[i - 1] == 0x0D) {
            lines.append(bytes[start..<i])
            start = i + 1
        }
        lines.append(bytes[start...])
        return lines
    }

    /// The table of `rows` (header first), whichever way they were written.
    /// `extraCells` says what to do with a row longer than the header, and how to tell the editor.
    static func render(
        rows: [Row], caption: String,
        extraCells: (Row, _ header: [String]) -> (cells: [String], note: Markdown.Note) = CSVTable.extraCells
    ) -> Output {
        guard let header = rows.first else { return Output(html: "", plainText: "", notes: []) }
        var notes: [Markdown.Note] = []
        var body = Array(rows.dropFirst())
        for index in body.indices where body[index].cells.count > header.cells.count {
            let (cells, note) = extraCells(body[index], header.cells)
            body[index].cells = cells
            notes.append(note)
        }
        let columns = ([header] + body).map(\.cells.count).max() ?? 0
        notes += checkTotals(header: header.cells, rows: body, columns: columns)

        var html = "<div class=\"table-wrap\"><table class=\"data-table\">\n"
        if !caption.isEmpty { html += "<caption>\(HTML.escape(caption))</caption>\n" }
        html += "<thead><tr>"
        for column in 0..<columns {
            let cell = column < header.cells.count ? header.cells[column] : ""
            html += "<th scope=\"col\">\(HTML.escape(cell))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        var plain = header.cells.joined(separator: " ") + "\n"
        for row in body {
            let role = row.cells.first.map(RowRole.init(label:)) ?? .item
            html += role == .total ? "<tr class=\"total\">" : role == .subtotal ? "<tr class=\"subtotal\">" : "<tr>"
            for column in 0..<columns {
                let cell = column < row.cells.count ? row.cells[column] : ""
                if column == 0 {
                    html += "<th scope=\"row\">\(HTML.escape(cell))</th>"
                } else if case .number = Amount.read(cell) {
                    // As written: the clerk's figure is the public record. Only full-width digits and signs
                    // become their half-width twins, so the column lines up.
                    let shown = cell.utf8.allSatisfy { $0 < 0x80 } ? cell : String(cell.map(Amount.normalized))
                    html += "<td class=\"num\">\(HTML.escape(shown))</td>"
                } else {
                    html += "<td>\(HTML.escape(cell))</td>"
                }
            }
            html += "</tr>\n"
            plain += row.cells.joined(separator: " ") + "\n"
        }
        html += "</tbody>\n</table></div>\n"
        if columns == 0 { notes = [] }
        return Output(html: html, plainText: plain, notes: notes)
    }

    /// How the row is named in messages: its label, else its place.
    static func rowName(_ row: Row) -> String {
        let label = row.cells.first ?? ""
        return label.isEmpty ? "这一行" : "“\(label)”这一行"
    }

    static func rowNameEN(_ row: Row) -> String {
        let label = row.cells.first ?? ""
        return label.isEmpty ? "this row" : "the row \"\(label)\""
    }

    static func columnName(_ column: Int, header: [String]) -> String {
        column < header.count && !header[column].isEmpty ? header[column] : "第\(column + 1)列"
    }

    /// A row with more cells than the header: an error naming the row and, when an unquoted `45,000`
    /// split it, the column and how to write the figure. The cells come back with such figures joined
    /// again, so the rest of the table can still be checked.
    static func extraCells(_ row: Row, header: [String]) -> (cells: [String], note: Markdown.Note) {
        let extra = row.cells.count - header.count
        var cells: [String] = []
        var splits: [(column: Int, parts: [String])] = []
        var index = 0
        while index < row.cells.count {
            var end = index + 1
            if index > 0 && isLeadingGroup(row.cells[index]) {
                while end < row.cells.count && isThousandsGroup(row.cells[end]) { end += 1 }
            }
            if end > index + 1 {
                splits.append((cells.count, Array(row.cells[index..<end])))
                cells.append(row.cells[index..<end].joined(separator: ","))
            } else {
                cells.append(row.cells[index])
            }
            index = end
        }
        let joinedAway = splits.reduce(0) { $0 + $1.parts.count - 1 }
        if !splits.isEmpty && joinedAway == extra {
            var zh: [String] = []
            var en: [String] = []
            for split in splits {
                let written = split.parts.joined(separator: ",")
                let bare = split.parts.joined()
                let pieces = split.parts.map { "“\($0)”" }.joined(separator: "和")
                zh.append(
                    "“\(columnName(split.column, header: header))”一列的 \(written) 没有加英文双引号，逗号把它分成了\(pieces)\(split.parts.count == 2 ? "两" : "\(split.parts.count)")格。请写成 \(bare)（不加逗号），或写成 \"\(written)\"（加英文双引号）"
                )
                en.append(
                    "in column \(columnName(split.column, header: header)), \(written) has no double quotes, so its comma split it into \(split.parts.count) cells. Write \(bare) (no comma) or \"\(written)\" (in double quotes)"
                )
            }
            return (
                cells,
                Markdown.Note(
                    line: row.line,
                    zh: "\(rowName(row))比表头多 \(extra) 格：" + zh.joined(separator: "；"),
                    en: "\(rowNameEN(row)) has \(extra) more cell\(extra == 1 ? "" : "s") than the header: " + en.joined(separator: "; "),
                    level: .error)
            )
        }
        return (
            row.cells,
            Markdown.Note(
                line: row.line,
                zh:
                    "\(rowName(row))有 \(row.cells.count) 格，表头只有 \(header.count) 格：这一行多了 \(extra) 个英文逗号“,”。文字里要用逗号请用中文逗号“，”，或把这一格用英文双引号括起来，如 \"37盏,公服资金\"；数字不要加逗号，如 45000",
                en:
                    "\(rowNameEN(row)) has \(row.cells.count) cells but the header has \(header.count): the row has \(extra) comma\(extra == 1 ? "" : "s") too many. In text use the Chinese comma “，” or put the cell in double quotes, e.g. \"37盏,公服资金\"; write figures without commas, e.g. 45000",
                level: .error)
        )
    }

    /// `45` of a split `45,000`: one to three digits, maybe after a sign, ¥ or an opening bracket.
    static func isLeadingGroup(_ cell: String) -> Bool {
        var s = Substring(String(cell.map(Amount.normalized)))
        while let first = s.first, "-+¥(".contains(first) { s = s.dropFirst() }
        return (1...3).contains(s.count) && s.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `000`, `000.50`, `000元`, `200.00)` of a split figure.
    static func isThousandsGroup(_ cell: String) -> Bool {
        var s = Substring(String(cell.map(Amount.normalized)))
        if s.last == "元" { s = s.dropLast() }
        if s.last == ")" { s = s.dropLast() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        let digits = { (p: Substring) in p.allSatisfy { $0.isASCII && $0.isNumber } }
        return parts[0].count == 3 && digits(parts[0]) && (parts.count == 1 || parts.count == 2 && !parts[1].isEmpty && digits(parts[1]))
    }

    /// Checks each 合计 against the items since the previous 合计 and each 小计 against the items since
    /// the previous 合计 or 小计: subtotals are never counted again in a total, nor 其中 rows at all.
    static func checkTotals(header: [String], rows: [Row], columns: Int) -> [Markdown.Note] {
        var notes: [Markdown.Note] = []
        var reported: Set<Int> = []
        var sinceTotal: [Int] = []
        var sinceSum: [Int] = []
        var allItems: [Int] = []
        for (index, row) in rows.enumerated() {
            switch RowRole(label: row.cells.first ?? "") {
            case .item:
                sinceTotal.append(index)
                sinceSum.append(index)
                allItems.append(index)
            case .breakdown:
                break
            case .subtotal:
                notes += check(index, covering: sinceSum, rows: rows, header: header, columns: columns, reported: &reported)
                sinceSum = []
            case .total:
                // A 总计 under sections that each have their 合计 sums every item of the table.
                let covered = sinceTotal.isEmpty ? allItems : sinceTotal
                notes += check(index, covering: covered, rows: rows, header: header, columns: columns, reported: &reported)
                sinceTotal = []
                sinceSum = []
            }
        }
        return notes
    }

    static func check(
        _ index: Int, covering items: [Int], rows: [Row], header: [String], columns: Int,
        reported: inout Set<Int>
    ) -> [Markdown.Note] {
        let row = rows[index]
        let label = RowRole.bareLabel(row.cells.first ?? "")
        var notes: [Markdown.Note] = []
        func unclear(_ at: Int, _ column: Int, _ cell: String, _ problem: Amount.Problem) {
            guard reported.insert(at * 65_536 + column).inserted else { return }
            let at = rows[at]
            notes.append(
                Markdown.Note(
                    line: at.line,
                    zh: "\(rowName(at))“\(columnName(column, header: header))”一列的“\(cell)”\(problem.zh)",
                    en: "\(rowNameEN(at)), column \(columnName(column, header: header)): \"\(cell)\" — \(problem.en)",
                    level: problem.ambiguous ? .error : .disclosureError))
        }
        for column in 1..<max(1, columns) where column < row.cells.count {
            let written = row.cells[column]
            let total: Amount
            switch Amount.read(written) {
            case .text: continue
            case .unclear(let problem):
                if items.contains(where: { column < rows[$0].cells.count && Amount.read(rows[$0].cells[column]).isNumber }) {
                    unclear(index, column, written, problem)
                }
                continue
            case .number(let value): total = value
            }
            var sum = Amount.zero
            // The sum with 支出 rows taken as negative: what the clerk meant when expenses are written positive.
            var netOfSpending = Amount.zero
            var any = false
            var readable = true
            for item in items where column < rows[item].cells.count {
                let cell = rows[item].cells[column]
                switch Amount.read(cell) {
                case .number(let value):
                    sum = sum + value
                    let spending = rows[item].cells[0].hasPrefix("支出") && value.units > 0
                    netOfSpending = netOfSpending + (spending ? Amount(units: -value.units, decimals: value.decimals) : value)
                    any = true
                case .text: break
                case .unclear(let problem):
                    unclear(item, column, cell, problem)
                    readable = false
                }
            }
            guard any && readable && sum.units != total.units else { continue }
            let first = rows[items.first!].line
            let last = rows[items.last!].line
            let span = first == last ? "第\(first)行" : "第\(first)至\(last)行"
            let spanEN = first == last ? "line \(first)" : "lines \(first)–\(last)"
            let name = columnName(column, header: header)
            let positiveSpending = netOfSpending.units == total.units
            notes.append(
                Markdown.Note(
                    line: row.line,
                    zh: "\(label) \(total.plain) ≠ \(sum.plain)（“\(name)”一列\(span)之和），"
                        + (positiveSpending ? "看来支出写成了正数：表里的支出请写负数（如 -7200），合计就是收支结余" : "请核对数字"),
                    en: "\(label) \(total.plain) ≠ \(sum.plain) (sum of column \(name), \(spanEN)); "
                        + (positiveSpending
                            ? "it seems expenses are written as positive numbers: write them negative (e.g. -7200) so the total is the balance"
                            : "check the figures"),
                    level: .disclosureError))
        }
        return notes
    }

    /// Splits one CSV line: ASCII commas separate; double quotes group.
    static func parseLine(_ line: String) -> [String] {
        var line = line
        if let cells = line.withUTF8(parseSimpleLine) { return cells }
        return parseLineByCharacters(line)
    }

    /// `parseLineByCharacters` on the bytes of a line of simple code points, where each is a character
    /// of its own; nil for any other line.
    static func parseSimpleLine(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        guard SimpleScalars.containsAll(bytes) else { return nil }
        var cells: [String] = []
        var current: [UInt8] = []
        var quoted = false
        func cell() -> String {
            // `trimmed`: spaces, tabs and U+3000 (E3 80 80) at both ends.
            var from = 0
            var to = current.count
            while true {
                if from < to && (current[from] == 0x20 || current[from] == 0x09) {
                    from += 1
                } else if to - from >= 3 && current[from] == 0xE3 && current[from + 1] == 0x80 && current[from + 2] == 0x80 {
                    from += 3
                } else {
                    break
                }
            }
            while true {
                if to > from && (current[to - 1] == 0x20 || current[to - 1] == 0x09) {
                    to -= 1
                } else if to - from >= 3 && current[to - 3] == 0xE3 && current[to - 2] == 0x80 && current[to - 1] == 0x80 {
                    to -= 3
                } else {
                    break
                }
            }
            return String(decoding: current[from..<to], as: UTF8.self)
        }
        for b in bytes {
            if quoted {
                if b == 0x22 { quoted = false } else { current.append(b) }
            } else if b == 0x22 {
                quoted = true
            } else if b == 0x2C {
                cells.append(cell())
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(b)
            }
        }
        cells.append(cell())
        return cells
    }

    static func parseLineByCharacters(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let ch = iterator.next() {
            if quoted {
                if ch == "\"" {
                    quoted = false
                } else {
                    current.append(ch)
                }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                // Only the ASCII comma separates: notes are Chinese text full of "，".
                cells.append(current.trimmed)
                current = ""
            } else {
                current.append(ch)
            }
        }
        cells.append(current.trimmed)
        return cells
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\u{3000}" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\u{3000}" { s = s.dropLast() }
        return String(s)
    }
}
