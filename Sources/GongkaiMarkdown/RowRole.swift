/// What a row of a finance table is, from the label in its first cell, as clerks write it:
/// `合计`, `合 计`, `合计：`, `合计（元）`, `本月合计`, `总计` are totals; `小计`, `收入合计`,
/// `支出小计` are subtotals of the rows just above; `其中：…` breaks down the row above it.
enum RowRole: Equatable {
    case item
    /// Sums the items since the previous total.
    case total
    /// Sums the items since the previous total or subtotal.
    case subtotal
    /// `其中：打印纸`: part of the item above, counted in no sum.
    case breakdown

    /// Words before 合计/总计 that say "of this period" rather than name a part of the table.
    static let periodWords: Set<String> = [
        "本月", "本期", "当月", "当期", "本季", "本季度", "本年", "本年度", "全年",
        "本次", "全部", "总", "月", "季", "年", "月度", "季度", "年度",
    ]

    init(label: String) {
        guard RowRole.mayNameASum(label) else {
            self = .item
            return
        }
        let name = RowRole.bareLabel(label)
        if name.hasPrefix("其中") {
            self = .breakdown
        } else if name.hasSuffix("小计") {
            self = .subtotal
        } else if name.hasSuffix("合计") || name.hasSuffix("总计") {
            let before = String(name.dropLast(2))
            self = before.isEmpty || RowRole.periodWords.contains(before) ? .total : .subtotal
        } else {
            self = .item
        }
    }

    /// The label without spaces, a trailing colon and a trailing bracket: `合 计（元）：` is `合计`.
    static func bareLabel(_ label: String) -> String {
        // Filtered only when the label holds one of the four spaces at all (a character equal to one is
        // that code point alone, so its bytes are there): most labels have none.
        var name = hasSpace(label) ? Substring(label.filter { $0 != " " && $0 != "\u{3000}" && $0 != "\t" && $0 != "\u{A0}" }) : Substring(label)
        while let last = name.last, last == "：" || last == ":" { name = name.dropLast() }
        if let last = name.last, last == "）" || last == ")",
            let open = name.lastIndex(where: { $0 == "（" || $0 == "(" }), open != name.startIndex
        {
            name = name[..<open]
        }
        while let last = name.last, last == "：" || last == ":" { name = name.dropLast() }
        return String(name)
    }

    /// Whether `label` may be anything but an item, told from its bytes (most labels are items, and
    /// reading them character by character costs thousands of instructions each): false only when it
    /// holds neither 计 (E8 AE A1, of 小计 合计 总计) nor 其 (E5 85 B6, of 其中), and no code point from
    /// U+F000 on (lead byte EF and up), where the compatibility ideographs are, which equal others as text.
    static func mayNameASum(_ label: String) -> Bool {
        var label = label
        return label.withUTF8 { bytes in
            for i in bytes.indices {
                switch bytes[i] {
                case 0xEF...: return true
                case 0xE8 where i + 2 < bytes.count && bytes[i + 1] == 0xAE && bytes[i + 2] == 0xA1: return true
                case 0xE5 where i + 2 < bytes.count && bytes[i + 1] == 0x85 && bytes[i + 2] == 0xB6: return true
                default: continue
                }
            }
            return false
        }
    }

    /// Whether the UTF-8 of `label` holds a space, a tab, U+3000 (E3 80 80) or U+00A0 (C2 A0).
    static func hasSpace(_ label: String) -> Bool {
        var label = label
        return label.withUTF8 { bytes in
            for i in bytes.indices {
                switch bytes[i] {
                case 0x20, 0x09: return true
                case 0xE3 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80: return true
                case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0xA0: return true
                default: continue
                }
            }
            return false
        }
    }

    var isSum: Bool { self == .total || self == .subtotal }
}
