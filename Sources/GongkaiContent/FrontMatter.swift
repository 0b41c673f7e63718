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
        var text = text
        return text.withUTF8 { bytes -> Result<FrontMatter, Diagnostic> in
            var lineStart = 0
            var lineNumber = 1
            var yamlStart: Int?
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                if let start = yamlStart {
                    if isFence(line) || isDocumentEnd(line) {
                        let yaml = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<max(start, lineStart - 1)]), as: UTF8.self)
                        let bodyStart = min(bytes.count, lineEnd + 1)
                        let body = String(decoding: UnsafeBufferPointer(rebasing: bytes[bodyStart...]), as: UTF8.self)
                        return .success(FrontMatter(yaml: lineStart == start ? "" : yaml, body: body, bodyLine: lineNumber + 1))
                    }
                } else {
                    guard isFence(line) else {
                        return .failure(.error(file, line: 1,
                            zh: "文件开头缺少文件头（front matter）。第一行应是 ---，接着写 title: 标题、date: 2026-11-08 等，再以 --- 结束",
                            en: "the file does not start with front matter. The first line must be ---, then title: …, date: 2026-11-08 and so on, closed by ---"))
                    }
                    yamlStart = min(bytes.count, lineEnd + 1)
                }
                lineStart = lineEnd + 1
                lineNumber += 1
            }
            return .failure(.error(file, line: 1,
                zh: "第 1 行的 --- 开始了文件头，但没有找到结束它的 --- 行。请在设置之后、正文之前加一行 ---",
                en: "the front matter opened by --- on line 1 is never closed. Add a line --- after the settings, before the text"))
        }
    }

    /// `---` followed only by spaces or tabs.
    static func isFence(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.count >= 3, line[0] == 0x2D, line[1] == 0x2D, line[2] == 0x2D else { return false }
        return line.dropFirst(3).allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    static func isDocumentEnd(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.count >= 3, line[0] == 0x2E, line[1] == 0x2E, line[2] == 0x2E else { return false }
        return line.dropFirst(3).allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
