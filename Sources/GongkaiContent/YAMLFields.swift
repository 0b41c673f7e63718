import Foundation
import Yams

/// Reads one YAML mapping (front matter, site.yaml, a rule of disclosure.yaml) key by key, with the
/// file's own line numbers, collecting a diagnostic for every value of the wrong type.
public struct YAMLFields {
    public struct Entry {
        public let key: String
        public let line: Int
        public let value: YAMLValue
    }

    public let file: String
    /// Added to the YAML text's line to get the file's line (1 for front matter after the opening `---`).
    public let lineOffset: Int
    public private(set) var entries: [Entry]
    public var diagnostics: [Diagnostic] = []
    /// The line of the mapping itself, for "missing key" messages.
    public let line: Int

    public init(file: String, lineOffset: Int, mapping: YAMLValue.Mapping, line: Int) {
        self.file = file
        self.lineOffset = lineOffset
        self.line = line
        entries = mapping.entries.map { Entry(key: $0.key, line: $0.line + lineOffset, value: $0.value) }
    }

    /// Parses `text` as a YAML mapping. An empty document is an empty mapping.
    public static func parse(_ text: String, file: String, lineOffset: Int = 0) -> Result<YAMLFields, Diagnostic> {
        do {
            var viaYams = false
            let simple = SimpleYAML.read(text)
            if simple == nil { viaYams = true }
            guard let value = try simple ?? YAMLYams.read(text) else {
                return .success(YAMLFields(file: file, lineOffset: lineOffset, mapping: .init([], line: 1), line: 1 + lineOffset))
            }
            guard let mapping = value.mapping else {
                if let scalar = value.scalar, scalar.text.trimmingSpaces.isEmpty || value.isNull {
                    return .success(YAMLFields(file: file, lineOffset: lineOffset, mapping: .init([], line: 1), line: 1 + lineOffset))
                }
                // `title：…` on every line reads as one long text.
                if let slip = YAMLSlips.first(in: text) { return .failure(slipError(slip, file: file, lineOffset: lineOffset)) }
                return .failure(
                    .error(
                        file, line: value.line + lineOffset,
                        zh: "这里应是“键: 值”形式的设置（如 title: 标题），而不是一段文字或列表",
                        en: "expected settings of the form `key: value` (e.g. `title: …`), not plain text or a list"))
            }
            // What YAML reads without complaint but not as meant: a key `　date`, a line `date：…` folded into the value above.
            if viaYams, let slip = YAMLSlips.first(in: text, parsed: true) {
                return .failure(slipError(slip, file: file, lineOffset: lineOffset))
            }
            // Missing keys are reported at the mapping's first line: the opening `---` of front matter.
            return .success(YAMLFields(file: file, lineOffset: lineOffset, mapping: mapping, line: lineOffset > 0 ? lineOffset : mapping.line))
        } catch let error as YamlError {
            // libyaml finds a slip on the line after it, or at the end: the slip's own line is where to look.
            if let slip = YAMLSlips.first(in: text, upTo: errorLine(error)) {
                return .failure(slipError(slip, file: file, lineOffset: lineOffset))
            }
            return .failure(describe(error, file: file, lineOffset: lineOffset))
        } catch {
            return .failure(.error(file, line: 1 + lineOffset, zh: "文件头无法读取，请检查写法是否为“键: 值”", en: "YAML could not be parsed: \(error)"))
        }
    }

    static func slipError(_ slip: YAMLSlips.Slip, file: String, lineOffset: Int) -> Diagnostic {
        .error(file, line: slip.line + lineOffset, zh: slip.zh, en: slip.en)
    }

    /// The line libyaml reports an error on (in the YAML text), if it says.
    static func errorLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return nil
        }
    }

    static func describe(_ error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        let hintZH = "常见原因：冒号后少了空格、值里有冒号或 # 却没加引号、缩进不齐、中文冒号“：”当作了英文冒号。含冒号的值请加英文引号，如 title: \"通知：……\""
        let hintEN =
            "common causes: no space after a colon, an unquoted value containing `:` or `#`, uneven indentation. Quote values that contain a colon: title: \"Notice: …\""
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            if problem.contains("nesting level") {
                return .error(
                    file, line: mark.line + lineOffset, column: mark.column,
                    zh: "YAML 嵌套太深（列表或括号 [ { 套了上千层）。文件头里每个值只需写一行文字或一个简单列表，如 tags: [甲, 乙]",
                    en:
                        "YAML nested too deeply (lists or brackets [ { inside each other thousands of times). Each front matter value is one line of text or a simple list, e.g. tags: [a, b]"
                )
            }
            // A list or quotation left open is reported where the text ends: the place to fix is where it opens.
            let unclosed = problem.contains("expected ',' or") || problem.contains("unexpected end of stream")
            let line = (unclosed ? context?.mark.line : nil) ?? mark.line
            guard let reason = YAMLSlips.describe(problem: problem) else {
                return .error(
                    file, line: line + lineOffset, column: mark.column,
                    zh: "YAML 格式错误。\(hintZH)", en: "YAML syntax error (\(problem)). \(hintEN)")
            }
            return .error(
                file, line: line + lineOffset, column: line == mark.line ? mark.column : nil,
                zh: "YAML 格式错误：\(reason)", en: "YAML syntax error (\(problem)). \(hintEN)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.joined(separator: ", ")
            return .error(
                file, line: context.mark.line + lineOffset,
                zh: "同一个键写了两次：\(names)。请只保留一个", en: "the same key is written twice: \(names). Keep one")
        case .reader(let problem, let offset, let value, let yaml):
            // Invisible control characters (pasted from Word or WeChat) are the usual cause.
            let line = 1 + lineOffset + (offset.map { yaml.utf8.prefix($0).lazy.filter { $0 == 0x0A }.count } ?? 0)
            if problem.contains("control characters") {
                let hex = String(value, radix: 16, uppercase: true)
                let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                return .error(
                    file, line: line,
                    zh: "这一行有看不见的控制字符（\(code)），多半是从 Word 或微信复制来的。请删除它：在编辑器里打开“显示不可见字符”，或把这一行重新输入一遍",
                    en:
                        "this line holds an invisible control character (\(code)), usually pasted from Word or WeChat. Delete it: show invisible characters in the editor, or type the line again"
                )
            }
            return .error(file, line: line, zh: "文件头无法读取。请确认文件是普通文本（UTF-8）", en: "YAML could not be read (\(problem)). Check that the file is plain text")
        default:
            return .error(file, line: 1 + lineOffset, zh: "文件头无法读取，请检查写法是否为“键: 值”", en: "YAML could not be parsed: \(error)")
        }
    }

    public func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }
    public func has(_ key: String) -> Bool { entry(key) != nil }
    public func lineOf(_ key: String) -> Int? { entry(key)?.line }
    public var keyLines: [String: Int] {
        var lines: [String: Int] = [:]
        for entry in entries where lines[entry.key] == nil { lines[entry.key] = entry.line }
        return lines
    }

    mutating func fail(_ key: String, zh: String, en: String) {
        diagnostics.append(.error(file, line: lineOf(key) ?? line, zh: zh, en: en))
    }

    /// Warns about every key not in `known`, naming the closest known one.
    public mutating func warnUnknownKeys(known: [String], what: String, whatEN: String) {
        for entry in entries where !known.contains(entry.key) {
            if let suggestion = Suggest.closest(to: entry.key, in: known) {
                diagnostics.append(
                    .warning(
                        file, line: entry.line,
                        zh: "\(what)不认识的键“\(entry.key)”，是不是想写“\(suggestion)”？（此键已忽略）",
                        en: "unknown key `\(entry.key)` in \(whatEN); did you mean `\(suggestion)`? (ignored)"))
            } else {
                diagnostics.append(
                    .warning(
                        file, line: entry.line,
                        zh: "\(what)不认识的键“\(entry.key)”（此键已忽略）。可用的键：\(known.joined(separator: "、"))",
                        en: "unknown key `\(entry.key)` in \(whatEN) (ignored). Known keys: \(known.joined(separator: ", "))"))
            }
        }
    }

    /// A scalar as text. Numbers and dates are accepted as their written form; lists and mappings are not.
    public mutating func string(_ key: String) -> String? {
        guard let entry = entry(key) else { return nil }
        if entry.value.isNull { return nil }
        guard let scalar = entry.value.scalar else {
            fail(key, zh: "“\(key)”应是一段文字，而不是列表或嵌套设置", en: "`\(key)` must be text, not a list or mapping")
            return nil
        }
        let text = scalar.text.trimmingSpaces
        return text.isEmpty ? nil : text
    }

    public mutating func requiredString(_ key: String, zh what: String, en whatEN: String) -> String? {
        if let value = string(key) { return value }
        if !has(key) {
            diagnostics.append(
                .error(
                    file, line: line,
                    zh: "缺少必填的“\(key)”（\(what)）。请在文件头加上一行 \(key): …",
                    en: "missing required `\(key)` (\(whatEN)). Add a line `\(key): …` to the front matter"))
        } else if entry(key)?.value.scalar != nil {
            fail(key, zh: "“\(key)”不能为空（\(what)）", en: "`\(key)` must not be empty (\(whatEN))")
        }
        return nil
    }

    /// `YYYY-MM-DD`.
    public mutating func day(_ key: String) -> Day? {
        guard let text = string(key) else { return nil }
        if let day = Day(iso: text) { return day }
        if let date = PageDate(parsing: text) { return date.day }
        failDate(key, text)
        return nil
    }

    /// `YYYY-MM-DD` or an ISO 8601 date-time.
    public mutating func pageDate(_ key: String) -> PageDate? {
        guard let text = string(key) else { return nil }
        if let date = PageDate(parsing: text) { return date }
        failDate(key, text)
        return nil
    }

    /// A date written another way (`2026/10/3`, `2026年10月3日`) is shown as the `YYYY-MM-DD` it means.
    mutating func failDate(_ key: String, _ text: String) {
        let hint = DateIntent.hint(for: text, key: key)
        fail(
            key, zh: "日期“\(text)”无效\(hint.zh)\(invisibleHint(text).zh)",
            en: "date \"\(text)\" is not a valid date\(hint.en)\(invisibleHint(text).en)")
    }

    /// A value that looks right but holds invisible characters (zero-width spaces from WeChat, a byte-order
    /// mark) fails for no visible reason: say so.
    func invisibleHint(_ text: String) -> (zh: String, en: String) {
        let invisible = text.unicodeScalars.filter { $0.properties.generalCategory == .format || $0.properties.generalCategory == .control }
        guard let first = invisible.first else { return ("", "") }
        let hex = String(first.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return (
            "。其中有看不见的字符（\(code)），多半是复制来的，请删掉这个值重新输入",
            ". It holds an invisible character (\(code)), probably pasted: delete the value and type it again"
        )
    }

    public mutating func bool(_ key: String) -> Bool? {
        guard let entry = entry(key) else { return nil }
        if let value = entry.value.bool { return value }
        if let text = entry.value.scalar?.text.trimmingSpaces {
            switch text {
            case "是", "true", "True", "TRUE", "yes": return true
            case "否", "false", "False", "FALSE", "no": return false
            default: break
            }
        }
        fail(key, zh: "“\(key)”应为 true 或 false", en: "`\(key)` must be true or false")
        return nil
    }

    /// `example`: a value the key would sensibly hold, shown when the written one is not a number.
    public mutating func int(_ key: String, example: Int) -> Int? {
        guard let entry = entry(key) else { return nil }
        if entry.value.isNull { return nil }
        if let value = entry.value.int { return value }
        if let text = entry.value.scalar?.text.trimmingSpaces.replacingOccurrences(of: ",", with: "") {
            if let value = Int(text) { return value }
            let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                fail(key, zh: "“\(key)”的数字 \(text) 太大了，请检查是否多写了几位", en: "`\(key)`: the number \(text) is far too large; check for extra digits")
                return nil
            }
        }
        fail(key, zh: "“\(key)”应为整数（只写阿拉伯数字），如 \(key): \(example)", en: "`\(key)` must be a whole number, e.g. `\(key): \(example)`")
        return nil
    }

    /// A whole number that counts something (people, households): not negative.
    public mutating func count(_ key: String, example: Int) -> Int? {
        guard let value = int(key, example: example) else { return nil }
        if value < 0 {
            fail(
                key, zh: "“\(key)”不能是负数（\(value)）。请写实际的数目，如 \(key): \(example)",
                en: "`\(key)` must not be negative (\(value)). Write the actual number, e.g. `\(key): \(example)`")
            return nil
        }
        return value
    }

    /// A list of texts: `[a, b]` or one item per line with `- `. A single text (not a number) is one item.
    /// `[普法，消防]` and `[普法、消防]` — typed with a Chinese input method on — are two items, as meant,
    /// unless `splitChinese` is false (an honour may be a sentence with commas in it).
    public mutating func stringList(_ key: String, splitChinese: Bool = true) -> [String] {
        let items = rawStringList(key)
        // By bytes: neither comma has another form that is the same text.
        guard splitChinese, items.contains(where: { UTF8Search.contains($0.utf8, Self.fullWidthComma) || UTF8Search.contains($0.utf8, Self.ideographicComma) })
        else { return items }
        return items.flatMap { $0.split(whereSeparator: { $0 == "，" || $0 == "、" }).map { $0.trimmingSpaces }.filter { !$0.isEmpty } }
    }

    static let fullWidthComma = Array("，".utf8), ideographicComma = Array("、".utf8)

    mutating func rawStringList(_ key: String) -> [String] {
        guard let entry = entry(key) else { return [] }
        let value = entry.value
        if value.isNull { return [] }
        if let sequence = value.sequence {
            var values: [String] = []
            for item in sequence {
                guard let scalar = item.scalar else {
                    fail(key, zh: "“\(key)”的每一项都应是一段文字", en: "every item of `\(key)` must be text")
                    return values
                }
                let text = scalar.text.trimmingSpaces
                if !text.isEmpty { values.append(text) }
            }
            return values
        }
        if let scalar = value.scalar, !(scalar.style == .plain && (value.int != nil || value.float != nil || value.bool != nil)) {
            let text = scalar.text.trimmingSpaces
            return text.isEmpty ? [] : [text]
        }
        fail(key, zh: "“\(key)”应为列表，如 \(key): [甲, 乙]", en: "`\(key)` must be a list, e.g. `\(key): [a, b]`")
        return []
    }

    /// A nested mapping, read with the same line numbers.
    public mutating func mapping(_ key: String) -> YAMLFields? {
        guard let entry = entry(key) else { return nil }
        if entry.value.isNull { return nil }
        guard let mapping = entry.value.mapping else {
            fail(key, zh: "“\(key)”下应是“键: 值”形式的设置", en: "`\(key)` must hold `key: value` settings")
            return nil
        }
        return YAMLFields(file: file, lineOffset: lineOffset, mapping: mapping, line: entry.line)
    }
}
