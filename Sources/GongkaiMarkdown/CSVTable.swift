/// A fenced block with info string `csv` becomes an accessible table: optional caption (the rest of
/// the info string), header row, figures right-aligned with thousands separators. A row named 合计
/// (or 总计) is checked against the sums of the rows above it, so a typo in a financial
/// disclosure is caught before it is posted.
enum CSVTable {
    struct Output {
        var html: String
        var plainText: String
        var notes: [Markdown.Note]
    }

    static func isCSV(info: String) -> Bool {
        let word = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? ""
        return word.lowercased() == "csv"
    }

    static let totalLabels: Set<String> = ["合计", "总计", "合  计", "总 计", "合 计"]
    static let subtotalLabel = "小计"

    /// `firstLine` is the file line of the first CSV row.
    static func render(_ text: String, info: String, firstLine: Int) -> Output {
        let caption = info.split(separator: " ", maxSplits: 1).dropFirst().first.map { String($0).trimmed } ?? ""
        var rows: [(line: Int, cells: [String])] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            rows.append((firstLine + offset, parseLine(String(line))))
        }
        guard let header = rows.first else { return Output(html: "", plainText: "", notes: []) }
        let body = rows.dropFirst()
        let columns = rows.map(\.cells.count).max() ?? 0
        var notes = checkTotals(header: header.cells, rows: Array(body), columns: columns)

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
            let isTotal = row.cells.first.map { totalLabels.contains($0) } ?? false
            html += isTotal ? "<tr class=\"total\">" : "<tr>"
            for column in 0..<columns {
                let cell = column < row.cells.count ? row.cells[column] : ""
                if column == 0 {
                    html += "<th scope=\"row\">\(HTML.escape(cell))</th>"
                } else if let number = Amount(cell) {
                    html += "<td class=\"num\">\(HTML.escape(number.formatted))</td>"
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

    /// Compares each 合计 row with the sums of the rows above it (of its 小计 rows, when there are any).
    static func checkTotals(header: [String], rows: [(line: Int, cells: [String])], columns: Int) -> [Markdown.Note] {
        var notes: [Markdown.Note] = []
        var start = 0
        for (index, row) in rows.enumerated() {
            guard let written = row.cells.first, totalLabels.contains(written) else { continue }
            // 合计 or 总计 as the reader wrote it, without the spaces some tables put between the characters.
            let label = written.filter { $0 != " " && $0 != "\u{3000}" }
            let above = rows[start..<index]
            let subtotals = above.filter { $0.cells.first == subtotalLabel }
            let counted = subtotals.isEmpty ? Array(above) : Array(subtotals)
            for column in 1..<max(1, columns) where column < row.cells.count {
                guard let total = Amount(row.cells[column]) else { continue }
                var sum = Amount.zero
                var any = false
                for other in counted where column < other.cells.count {
                    if let value = Amount(other.cells[column]) {
                        sum = sum + value
                        any = true
                    }
                }
                if any && sum.cents != total.cents {
                    let name = column < header.count ? header[column] : "第\(column + 1)列"
                    notes.append(.init(line: row.line,
                        zh: "\(label) \(total.plain) ≠ \(sum.plain)（“\(name)”一列各项之和），请核对数字",
                        en: "\(label) \(total.plain) ≠ \(sum.plain) (sum of the rows above in column \(name)); check the figures"))
                }
            }
            start = index + 1
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
                if from < to && (current[from] == 0x20 || current[from] == 0x09) { from += 1 }
                else if to - from >= 3 && current[from] == 0xE3 && current[from + 1] == 0x80 && current[from + 2] == 0x80 { from += 3 }
                else { break }
            }
            while true {
                if to > from && (current[to - 1] == 0x20 || current[to - 1] == 0x09) { to -= 1 }
                else if to - from >= 3 && current[to - 3] == 0xE3 && current[to - 2] == 0x80 && current[to - 1] == 0x80 { to -= 3 }
                else { break }
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

/// A sum of money as written in a disclosure: `12,860.50`, `-300`, `1200元`; kept in cents so sums are exact.
struct Amount {
    var cents: Int
    var decimals: Int

    static let zero = Amount(cents: 0, decimals: 0)

    init(cents: Int, decimals: Int) {
        self.cents = cents
        self.decimals = decimals
    }

    init?(_ text: String) {
        var s = Substring(text.trimmed)
        if s.hasSuffix("元") { s = s.dropLast() }
        var negative = false
        if s.hasPrefix("-") || s.hasPrefix("−") { negative = true; s = s.dropFirst() }
        guard !s.isEmpty, s.first?.isASCII == true, s.first?.isNumber == true else { return nil }
        var whole = 0
        var fraction = 0
        var decimals = 0
        var inFraction = false
        for ch in s {
            if ch == "," { if inFraction { return nil }; continue }
            if ch == "." { if inFraction { return nil }; inFraction = true; continue }
            guard let digit = ch.wholeNumberValue, ch.isASCII else { return nil }
            if inFraction {
                decimals += 1
                if decimals > 2 { return nil }
                fraction = fraction * 10 + digit
            } else {
                whole = whole * 10 + digit
                if whole > 1_000_000_000_000 { return nil }
            }
        }
        if decimals == 1 { fraction *= 10 }
        cents = (whole * 100 + fraction) * (negative ? -1 : 1)
        self.decimals = decimals
    }

    static func + (a: Amount, b: Amount) -> Amount {
        Amount(cents: a.cents + b.cents, decimals: max(a.decimals, b.decimals))
    }

    /// `12860` or `12860.50`, no separators: for messages.
    var plain: String {
        let magnitude = abs(cents)
        var text = String(magnitude / 100)
        if decimals > 0 || magnitude % 100 != 0 {
            let fraction = magnitude % 100
            text += "." + (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        }
        return (cents < 0 ? "-" : "") + text
    }

    /// `12,860.50`: with thousands separators, for tables.
    var formatted: String {
        let magnitude = abs(cents)
        let digits = Array(String(magnitude / 100))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        if decimals > 0 {
            let fraction = magnitude % 100
            grouped += "." + (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        }
        return (cents < 0 ? "-" : "") + grouped
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
