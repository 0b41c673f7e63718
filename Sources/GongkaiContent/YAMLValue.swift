import Foundation

/// A value of front matter, `site.yaml` or `disclosure.yaml` as Gongkai reads it: a scalar with its
/// text, how it was written and its line; a list; a mapping with its keys in order and their lines.
///
/// Two readers make it. `SimpleYAML` reads the one-`key: value`-a-line front matter nearly every
/// page has; everything else goes to Yams (libyaml), whose result is copied into this type
/// (`YAMLYams`). What reads a value cannot tell which reader made it: tests feed the same documents
/// through both and require equal values, lines included.
public enum YAMLValue: Equatable, Sendable {
    case scalar(Scalar)
    case sequence(Sequence)
    case mapping(Mapping)

    public struct Scalar: Equatable, Sendable {
        public var text: String
        public var style: Style
        /// Typed as text: quoted (YAML makes a quoted scalar a string) or tagged `!!str`. Such a `yes`
        /// is not a yes.
        public var isText: Bool
        /// 1-based line in the YAML text.
        public var line: Int

        public init(_ text: String, style: Style, isText: Bool? = nil, line: Int) {
            self.text = text
            self.style = style
            self.isText = isText ?? (style != .plain)
            self.line = line
        }
    }

    /// How a scalar was written.
    public enum Style: Sendable {
        case plain, singleQuoted, doubleQuoted
        /// `|` and `>` blocks.
        case literal, folded
    }

    public struct Sequence: Equatable, Sendable {
        public var items: [YAMLValue]
        public var line: Int

        public init(_ items: [YAMLValue], line: Int) {
            self.items = items
            self.line = line
        }
    }

    public struct Mapping: Equatable, Sendable {
        /// In the order written; YAML readers refuse a key written twice.
        public var entries: [Entry]
        public var line: Int

        public init(_ entries: [Entry], line: Int) {
            self.entries = entries
            self.line = line
        }
    }

    public struct Entry: Equatable, Sendable {
        /// The key's text ("" for a key that is a list or mapping).
        public var key: String
        /// The key's line.
        public var line: Int
        public var value: YAMLValue

        public init(key: String, line: Int, value: YAMLValue) {
            self.key = key
            self.line = line
            self.value = value
        }
    }

    public var scalar: Scalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    public var sequence: [YAMLValue]? {
        if case .sequence(let sequence) = self { return sequence.items }
        return nil
    }

    public var mapping: Mapping? {
        if case .mapping(let mapping) = self { return mapping }
        return nil
    }

    /// The line the value starts on (a mapping's: its first key's).
    public var line: Int {
        switch self {
        case .scalar(let scalar): scalar.line
        case .sequence(let sequence): sequence.line
        case .mapping(let mapping): mapping.line
        }
    }
}

// MARK: Reading a scalar

/// What a plain scalar means beyond its text, as YAML 1.1 reads it (and as Gongkai has read it since
/// it used Yams's readings): `~` and `null` are nothing, `yes` and `off` are true and false, `0x1F`
/// and `1:30` are numbers. The project's typed getters (`YAMLFields`) take these first, then the
/// text as clerks write it.
extension YAMLValue {
    /// Written as nothing: `key:` with no value, `~`, `null`. A quoted `""` is an empty text, not nothing.
    public var isNull: Bool {
        guard let scalar, scalar.style == .plain else { return false }
        switch scalar.text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// `true`/`yes`/`on` and `false`/`no`/`off` in any case, unless typed as text.
    public var bool: Bool? {
        guard let scalar, !scalar.isText else { return nil }
        switch scalar.text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// A plain whole number: decimal, `0x`/`0b`/`0o`/leading-`0` octal, `_` between digits, base 60
    /// with `:` (`1:30` is 90).
    public var int: Int? {
        guard let scalar, scalar.style == .plain else { return nil }
        let written = scalar.text.replacingOccurrences(of: "_", with: "")
        if written == "0" { return 0 }
        let negative = written.hasPrefix("-")
        let signPrefix = negative ? "-" : ""
        let hasSign = negative || written.hasPrefix("+")
        let digits = written.dropFirst(hasSign ? 1 : 0)
        for (prefix, radix) in [("0x", 16), ("0b", 2), ("0o", 8), ("0", 8)] where digits.hasPrefix(prefix) {
            return Int(signPrefix + digits.dropFirst(prefix.count), radix: radix)
        }
        if digits.contains(":") {
            // Digits of base 60, the last the units; nil when one is not a number or the value does not fit.
            let (negative, parts) = Self.baseSixty(written)
            var value = 0, unit = 1
            for (index, part) in parts.reversed().enumerated() {
                guard let digit = Int(part, radix: 10) else { return nil }
                if index > 0 {
                    let (next, overflow) = unit.multipliedReportingOverflow(by: 60)
                    if overflow { return nil }
                    unit = next
                }
                let (scaled, overflow) = digit.multipliedReportingOverflow(by: unit)
                let (sum, carry) = value.addingReportingOverflow(scaled)
                if overflow || carry { return nil }
                value = sum
            }
            let (signed, overflow) = value.multipliedReportingOverflow(by: negative ? -1 : 1)
            return overflow ? nil : signed
        }
        return Int(written)
    }

    /// A plain number with a fraction or exponent, `.inf`, `.nan` or base 60.
    public var float: Double? {
        guard let scalar, scalar.style == .plain else { return nil }
        switch scalar.text.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default:
            let written = scalar.text.replacingOccurrences(of: "_", with: "")
            if written.contains(":") {
                let (negative, parts) = Self.baseSixty(written)
                var value = 0.0, unit = 1.0
                for part in parts.reversed() {
                    guard let digit = Double(part) else { return nil }
                    value += digit * unit
                    unit *= 60
                }
                return negative ? -value : value
            }
            return Double(written)
        }
    }

    /// `[-+]a:b:c`: the sign and the parts `a`, `b`, `c`.
    static func baseSixty(_ written: String) -> (negative: Bool, parts: [String]) {
        var rest = Substring(written)
        let negative = rest.hasPrefix("-")
        if negative || rest.hasPrefix("+") { rest = rest.dropFirst() }
        return (negative, String(rest).components(separatedBy: ":"))
    }
}
