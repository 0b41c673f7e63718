/// Splits a content file into its YAML front matter and its Markdown body.
public struct FrontMatter {
    /// The YAML between the two `---` lines.
    public var yaml: String
    public var body: String
    /// The file line the body starts on.
    public var bodyLine: Int

    /// The opening `---` must be the first line; the front matter ends at the next `---` (or `...`) line.
    public static func split(_ text: String, file: String) -> Result<FrontMatter, Diagnostic> {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.first, isFence(first) else {
            return .failure(.error(file, line: 1,
                zh: "文件开头缺少文件头（front matter）。第一行应是 ---，接着写 title: 标题、date: 2026-11-08 等，再以 --- 结束",
                en: "the file does not start with front matter. The first line must be ---, then title: …, date: 2026-11-08 and so on, closed by ---"))
        }
        lines = lines.dropFirst()
        var yamlLines: [Substring] = []
        var lineNumber = 1
        while let line = lines.first {
            lines = lines.dropFirst()
            lineNumber += 1
            if isFence(line) || line.trimmingSpaces == "..." {
                return .success(FrontMatter(yaml: yamlLines.joined(separator: "\n"),
                                            body: lines.joined(separator: "\n"),
                                            bodyLine: lineNumber + 1))
            }
            yamlLines.append(line)
        }
        return .failure(.error(file, line: 1,
            zh: "第 1 行的 --- 开始了文件头，但没有找到结束它的 --- 行。请在设置之后、正文之前加一行 ---",
            en: "the front matter opened by --- on line 1 is never closed. Add a line --- after the settings, before the text"))
    }

    static func isFence(_ line: Substring) -> Bool {
        line.hasPrefix("---") && line.dropFirst(3).allSatisfy { $0 == "-" || $0 == " " || $0 == "\t" }
            && line.filter({ $0 == "-" }).count == 3
    }
}
