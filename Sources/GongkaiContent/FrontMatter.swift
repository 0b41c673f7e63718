/// Splits a content file into its YAML front matter and its Markdown body.
public struct FrontMatter {
    /// The YAML between the two `---` lines.
    public var yaml: String
    public var body: String
    /// The file line the body starts on.
    public var bodyLine: Int

    /// The opening `---` must be the first line; the front matter ends at the next `---` (or `...`) line.
    /// Works on UTF-8 bytes: bodies are long and only the fences matter here.
    public static func split(_ text: String, file: String) -> Result<FrontMatter, Diagnostic> {
        var contiguous = text
        return contiguous.withUTF8 { bytes -> Result<FrontMatter, Diagnostic> in
            var lineStart = 0
            var lineNumber = 1
            var yamlStart: Int?
            var closingChineseFence: Int?
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                if let start = yamlStart {
                    if closingChineseFence == nil, isChineseFence(line) { closingChineseFence = lineNumber }
                    if isFence(line) || isDocumentEnd(line) {
                        let yaml = slice(text, start, max(start, lineStart - 1))
                        let body = slice(text, min(bytes.count, lineEnd + 1), bytes.count)
                        return .success(FrontMatter(yaml: lineStart == start ? "" : yaml, body: body, bodyLine: lineNumber + 1))
                    }
                } else {
                    guard isFence(line) else {
                        if isChineseFence(line) {
                            return .failure(
                                .error(
                                    file, line: 1,
                                    zh: "第一行的“\(String(decoding: line, as: UTF8.self).trimmingSpaces)”是中文输入法打出的横线。文件头要以三个英文短横线 --- 开始和结束：请关掉中文输入法重新输入这一行",
                                    en:
                                        "the first line \"\(String(decoding: line, as: UTF8.self).trimmingSpaces)\" is made of full-width or em dashes. Front matter opens and closes with three ASCII hyphens: ---"
                                ))
                        }
                        return .failure(
                            .error(
                                file, line: 1,
                                zh: "文件开头缺少文件头（front matter）。第一行应是 ---，接着写 title: 标题、date: 2026-11-08 等，再以 --- 结束",
                                en:
                                    "the file does not start with front matter. The first line must be ---, then title: …, date: 2026-11-08 and so on, closed by ---"
                            ))
                    }
                    yamlStart = min(bytes.count, lineEnd + 1)
                }
                lineStart = lineEnd + 1
                lineNumber += 1
            }
            if let chinese = closingChineseFence {
                return .failure(
                    .error(
                        file, line: chinese,
                        zh: "这一行的横线是中文输入法打出的，不能结束文件头。请改成三个英文短横线 ---",
                        en: "the dashes on this line are full-width or em dashes and do not close the front matter. Write three ASCII hyphens: ---"))
            }
            return .failure(
                .error(
                    file, line: 1,
                    zh: "第 1 行的 --- 开始了文件头，但没有找到结束它的 --- 行。请在设置之后、正文之前加一行 ---",
                    en: "the front matter opened by --- on line 1 is never closed. Add a line --- after the settings, before the text"))
        }
    }

    /// The bytes `from..<to` of `text`, which start and end at a line end or an end of the text:
    /// copied, not checked as UTF-8 a second time (the body is most of the file).
    static func slice(_ text: String, _ from: Int, _ to: Int) -> String {
        let utf8 = text.utf8
        let range = utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)
        return String(utf8[range]) ?? String(decoding: utf8[range], as: UTF8.self)
    }

    /// `---` followed only by spaces or tabs.
    static func isFence(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.count >= 3, line[0] == 0x2D, line[1] == 0x2D, line[2] == 0x2D else { return false }
        return line.dropFirst(3).allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// `———`, `－－－`, `——` or `---` typed with a Chinese input method: em dashes (U+2014), full-width
    /// hyphens (U+FF0D), horizontal bars (U+2015) or box lines (U+2500), alone on a line.
    static func isChineseFence(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        // Every line of front matter is looked at: most start with a letter, and no such line is a
        // fence. A fence starts with a dash (`-`, E2 …, EF BC 8D) or with what `trimmingSpaces` drops.
        guard let first = line.first(where: { $0 != 0x20 && $0 != 0x09 }),
            first == 0x2D || first == 0x0D || first == 0xC2 || (0xE2...0xE3).contains(first) || first == 0xEF
        else { return false }
        let text = String(decoding: line, as: UTF8.self).trimmingSpaces
        guard text.count >= 2 else { return false }
        return text.allSatisfy { $0 == "\u{2014}" || $0 == "\u{FF0D}" || $0 == "\u{2015}" || $0 == "\u{2500}" || $0 == "-" }
            && !text.allSatisfy { $0 == "-" }
    }

    static func isDocumentEnd(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.count >= 3, line[0] == 0x2E, line[1] == 0x2E, line[2] == 0x2E else { return false }
        return line.dropFirst(3).allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
