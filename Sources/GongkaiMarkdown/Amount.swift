/// A figure in a finance table, read the way a clerk writes it: `45000`, `45000.00`, `"45,000"`,
/// `¥45000.00`, `￥45,000`, `45000元`, full-width `４５０００`, `45，000` (Chinese comma between
/// thousands), `-300`, `−300`, `(1,200.00)` for a negative. Kept in ten-thousandths so sums are exact.
///
/// What cannot be read for certain is never guessed: `Amount.read` says so, with how to write it.
struct Amount: Equatable {
    /// The value in ten-thousandths (四位小数): `12.5` is 125000.
    var units: Int
    /// Digits written after the decimal point (for messages: a sum is shown as precisely as its parts).
    var decimals: Int

    static let zero = Amount(units: 0, decimals: 0)
    static let scale = 10_000
    static let maxDecimals = 4

    init(units: Int, decimals: Int) {
        self.units = units
        self.decimals = decimals
    }

    /// What a cell says.
    enum Reading: Equatable {
        /// A figure.
        case number(Amount)
        /// No digits at all: a label, a note, an empty cell, `—`.
        case text
        /// Digits, but not a figure to be sure of: what is wrong and how to write it.
        case unclear(Problem)

        var isNumber: Bool { if case .number = self { true } else { false } }
    }

    /// Why a cell with digits is not read as a figure, and how to write it.
    struct Problem: Equatable {
        var zh: String
        var en: String
        /// It could mean more than one number (`1,2345`, `-(300)`): an error wherever it is. Otherwise it
        /// is plainly not a figure (`约300`), which leaves a total unchecked.
        var ambiguous: Bool
    }

    static func unclear(_ zh: String, _ en: String, ambiguous: Bool) -> Reading {
        .unclear(Problem(zh: zh, en: en, ambiguous: ambiguous))
    }

    /// Reads one cell (already split from its row and with its quotes removed).
    static func read(_ cell: String) -> Reading {
        readPlain(cell.utf8) ?? readWritten(cell)
    }

    /// `read` character by character: every form a figure may be written in.
    static func readWritten(_ cell: String) -> Reading {
        // Most cells that are not plain figures are labels and text, without a digit: told from their bytes.
        guard mayHoldDigit(cell) else { return .text }
        var chars: [Character] = []
        var hasDigit = false
        for ch in cell {
            let c = normalized(ch)
            if c.isASCII && c.isNumber { hasDigit = true }
            if c == " " || c == "\t" || c == "\u{3000}" || c == "\u{A0}" { continue }
            chars.append(c)
        }
        guard hasDigit else { return .text }
        var s = chars[...]
        var negative = false
        func sign() -> Bool {
            guard let first = s.first, first == "-" || first == "+" else { return false }
            if first == "-" { negative.toggle() }
            s = s.dropFirst()
            return true
        }
        func currency() -> Bool {
            if s.first == "¥" { s = s.dropFirst(); return true }
            if s.starts(with: ["R", "M", "B"]) { s = s.dropFirst(3); return true }
            return false
        }
        // `-¥300` or `¥-300`; `300元`.
        let signed = sign()
        _ = currency()
        let signedAfter = !signed && sign()
        if s.last == "元" { s = s.dropLast() }
        if s.first == "(" && s.last == ")" {
            if signed || signedAfter {
                return unclear(
                    "既有负号又有括号，看不出是正数还是负数：负数请写成 -1200 或 (1200)",
                    "it has both a minus sign and brackets, so it is unclear whether it is negative: write -1200 or (1200)", ambiguous: true)
            }
            negative = true
            s = s.dropFirst().dropLast()
            if s.first == "¥" { s = s.dropFirst() }
        }
        var whole: [Character] = []
        var fraction: [Character] = []
        var inFraction = false
        var groups: [Int] = [0]
        for c in s {
            if c.isASCII && c.isNumber {
                if inFraction { fraction.append(c) } else { whole.append(c); groups[groups.count - 1] += 1 }
            } else if c == "." && !inFraction {
                inFraction = true
            } else if c == "," && !inFraction {
                groups.append(0)
            } else if c == "," || c == "." {
                return unclear(
                    "逗号和小数点的位置不对，看不出是多少：请写成 1234.56 或 \"1,234.56\"（逗号只用来每三位分隔，小数点用英文句点“.”）",
                    "the commas and decimal point do not say for certain what number this is: write 1234.56 or \"1,234.56\" (commas only between groups of three digits, a full stop as the decimal point)",
                    ambiguous: true)
            } else {
                return unclear(
                    "不是一个数字：请只写数字，如 300 或 -300.50（单位写在表头里，如“金额（元）”）",
                    "it is not a number: write only the figure, e.g. 300 or -300.50 (put the unit in the header, e.g. 金额（元）)", ambiguous: false)
            }
        }
        if groups.count > 1 {
            // Thousands separators: 1 to 3 digits first, then groups of exactly three.
            let valid = (1...3).contains(groups[0]) && groups.dropFirst().allSatisfy { $0 == 3 }
            if !valid {
                return unclear(
                    "逗号不在千位上，看不出是多少：请不加逗号写数字（如 12345），小数点用英文句点“.”（如 1.5）；要加千位逗号就每三位一个，并给这一格加英文双引号，如 \"12,345\"",
                    "the commas are not between thousands, so the number is unclear: write it without commas (12345) with a full stop as the decimal point (1.5); thousands commas go every three digits, in double quotes, e.g. \"12,345\"",
                    ambiguous: true)
            }
        }
        if whole.isEmpty && fraction.isEmpty || inFraction && fraction.isEmpty {
            return unclear("不是一个完整的数字：请写成 300 或 300.50", "it is not a complete number: write 300 or 300.50", ambiguous: false)
        }
        if fraction.count > maxDecimals {
            return unclear(
                "小数点后有 \(fraction.count) 位：最多写 \(maxDecimals) 位，金额写到分即可，如 1234.56",
                "it has \(fraction.count) digits after the decimal point: at most \(maxDecimals); amounts need only cents, e.g. 1234.56", ambiguous: false)
        }
        if whole.count > 13 {
            return unclear("数字太大（\(whole.count) 位整数）：请检查是否多打了数字", "the number is too large (\(whole.count) digits): check for extra digits", ambiguous: false)
        }
        var value = 0
        for c in whole { value = value * 10 + c.wholeNumberValue! }
        var part = 0
        for c in fraction { part = part * 10 + c.wholeNumberValue! }
        for _ in fraction.count..<maxDecimals { part *= 10 }
        let units = value * scale + part
        return .number(Amount(units: negative ? -units : units, decimals: fraction.count))
    }

    /// `12000`, `-300.5`: the common case, read from the bytes without going through characters.
    /// Nil for anything else (which `read` then reads in full).
    static func readPlain(_ bytes: String.UTF8View) -> Reading? {
        var negative = false
        var value = 0
        var part = 0
        var decimals = 0
        var digits = 0
        var inFraction = false
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inFraction {
                    decimals += 1
                    if decimals > maxDecimals { return nil }
                    part = part * 10 + Int(byte - 48)
                } else {
                    digits += 1
                    if digits > 13 { return nil }
                    value = value * 10 + Int(byte - 48)
                }
            case UInt8(ascii: "-") where index == 0:
                negative = true
            case UInt8(ascii: ".") where !inFraction && digits > 0:
                inFraction = true
            default:
                return nil
            }
        }
        guard digits > 0, !inFraction || decimals > 0 else { return nil }
        for _ in decimals..<maxDecimals { part *= 10 }
        let units = value * scale + part
        return .number(Amount(units: negative ? -units : units, decimals: decimals))
    }

    /// Whether `cell` holds an ASCII digit or a full-width one (U+FF10–U+FF19: EF BC 90–99), which
    /// `readWritten` needs to read a figure; false only when it has neither.
    static func mayHoldDigit(_ cell: String) -> Bool {
        var cell = cell
        return cell.withUTF8 { bytes in
            for i in bytes.indices {
                let byte = bytes[i]
                if byte >= 0x30 && byte <= 0x39 { return true }
                if byte == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBC, bytes[i + 2] >= 0x90 && bytes[i + 2] <= 0x99 { return true }
            }
            return false
        }
    }

    /// Full-width digits and signs as their ASCII twins; the yen signs as `¥`; `−` (minus) as `-`.
    static func normalized(_ ch: Character) -> Character {
        guard let scalar = ch.unicodeScalars.first, ch.unicodeScalars.count == 1 else { return ch }
        switch scalar.value {
        case 0xFF10...0xFF19, 0xFF08, 0xFF09, 0xFF0B, 0xFF0C, 0xFF0D, 0xFF0E:
            return Character(Unicode.Scalar(scalar.value - 0xFEE0)!)
        case 0xFFE5: return "¥"
        case 0x2212, 0x2013, 0xFE63: return "-"
        default: return ch
        }
    }

    static func + (a: Amount, b: Amount) -> Amount {
        Amount(units: a.units + b.units, decimals: max(a.decimals, b.decimals))
    }

    /// `12860` or `12860.50`, no separators: for messages, with as many decimals as were written.
    var plain: String {
        let magnitude = abs(units)
        var text = String(magnitude / Amount.scale)
        var fraction = magnitude % Amount.scale
        var shown = Amount.maxDecimals
        // Drop digits nobody wrote; keep cents when some were written.
        while shown > max(decimals, 0) && fraction % 10 == 0 { fraction /= 10; shown -= 1 }
        if shown > 0 {
            var digits = String(fraction)
            while digits.count < shown { digits = "0" + digits }
            text += "." + digits
        }
        return (units < 0 ? "-" : "") + text
    }
}
