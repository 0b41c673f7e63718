import GongkaiTestSupport
import XCTest

@testable import GongkaiMarkdown

/// Heading ids and finance-table row labels, which take shortcuts for ASCII, the unified ideographs
/// and labels without spaces, give what the plain code they replaced gives (kept here as the reference).
final class LabelAndIDTests: XCTestCase {
    static let pieces = [
        "合计", "合 计", "合计：", "（元）", "(元)", "本月", "其中：", "小计", "A", "z", "Z", "0", "9", "-", "_", " ", "\u{3000}", "\t", "\u{A0}",
        "\u{E3}", "村务公开", "第一条", "İ", "ß", "Ⅻ", "½", "٣", "e\u{301}", " \u{301}", "\u{A0}\u{301}", "豈", "㐀", "𠀀", "👍", "：", ":",
        "Q3", "!", "é", "\u{2F}", "〇", "ｗ", "计", "其", "中", "总", "小", "１", "９", "\u{FF10}\u{301}", "5\u{301}", "元", "¥", "\n", "\r\n", "\r",
    ]

    static var texts: [String] { textsOfPieces(pieces, random: 2000, lengths: 3...8) }

    func testBareLabels() {
        func reference(_ label: String) -> String {
            var name = Substring(label.filter { $0 != " " && $0 != "\u{3000}" && $0 != "\t" && $0 != "\u{A0}" })
            while let last = name.last, last == "：" || last == ":" { name = name.dropLast() }
            if let last = name.last, last == "）" || last == ")",
                let open = name.lastIndex(where: { $0 == "（" || $0 == "(" }), open != name.startIndex
            {
                name = name[..<open]
            }
            while let last = name.last, last == "：" || last == ":" { name = name.dropLast() }
            return String(name)
        }
        for text in Self.texts { XCTAssertEqual(RowRole.bareLabel(text), reference(text), text.debugDescription) }
    }

    func testHeadingIDs() {
        func reference(_ text: String) -> String {
            var id = ""
            for scalar in text.lowercased().unicodeScalars {
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "-" || scalar == "_" {
                    id.unicodeScalars.append(scalar)
                } else if scalar == " " || scalar == "\u{3000}" {
                    if !id.isEmpty && !id.hasSuffix("-") { id += "-" }
                }
            }
            while id.hasSuffix("-") { id.removeLast() }
            return id.isEmpty ? "section" : id
        }
        for text in Self.texts {
            var state = WalkState(options: Markdown.Options())
            XCTAssertEqual(state.uniqueID(for: text), reference(text), text.debugDescription)
        }
    }

    func testRowRoles() {
        // As `RowRole(label:)` was before it told most items from their bytes (`mayNameASum`).
        func reference(_ label: String) -> RowRole {
            let name = RowRole.bareLabel(label)
            if name.hasPrefix("其中") { return .breakdown }
            if name.hasSuffix("小计") { return .subtotal }
            if name.hasSuffix("合计") || name.hasSuffix("总计") {
                let before = String(name.dropLast(2))
                return before.isEmpty || RowRole.periodWords.contains(before) ? .total : .subtotal
            }
            return .item
        }
        let texts = Self.texts + ["其中：打印纸", "本月合计", "收入合计", "支出 小计", "总 计（元）：", "办公用品"]
        for text in texts { XCTAssertEqual(RowRole(label: text), reference(text), text.debugDescription) }
    }

    func testCellsWithoutDigitsAreText() {
        // `Amount.readWritten`'s own test for a digit, which `mayHoldDigit` answers from the bytes first.
        func hasDigit(_ cell: String) -> Bool { cell.contains { Amount.normalized($0).isASCII && Amount.normalized($0).isNumber } }
        for text in Self.texts {
            if hasDigit(text) { XCTAssertTrue(Amount.mayHoldDigit(text), text.debugDescription) }
            if !Amount.mayHoldDigit(text) { XCTAssertEqual(Amount.readWritten(text), .text, text.debugDescription) }
        }
    }

    func testCSVLines() {
        for text in Self.texts + ["a\nb\r\nc\rd\n", "\n\n", "表头,金额\n办公用品,100\n合计,100"] {
            XCTAssertEqual(
                CSVTable.lines(text).map { String(decoding: $0, as: UTF8.self) },
                text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), text.debugDescription)
        }
    }
}
