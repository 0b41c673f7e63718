import Foundation
import GongkaiContent
import GongkaiMarkdown

/// An imported document ready to be written: its page and its images, under names that are free.
struct ImportedPage {
    let source: ImportSource
    /// `content/villages/<id>/<folder>`
    let folder: String
    let stem: String
    let frontMatter: String
    let body: String
    let images: [(path: String, alt: String)]
    let guessed: [(zh: String, en: String)]
    let lost: [(zh: String, en: String)]

    /// What a browser shows; other formats (EMF, WMF, TIFF from old Word files) are left out and reported.
    static let webImageTypes: Set<String> = ["png", "jpg", "jpeg", "gif", "webp", "svg"]

    struct Placed {
        var page: String
        var images: [String]
        var body: String
        var lost: [(zh: String, en: String)]

        func remove(site: String) {
            for path in [page] + images { try? FileManager.default.removeItem(atPath: SiteFiles(root: site).absolute(path)) }
        }
    }

    /// Writes the page (never over an existing file: `-2`, `-3`, … when the name is taken) and copies
    /// its images beside it as `<name>-图1.png`, ….
    func write(site: String, language: Language) throws -> Placed {
        let files = SiteFiles(root: site)
        for attempt in 1...100 {
            let name = attempt == 1 ? stem : "\(stem)-\(attempt)"
            var placed = Placed(page: "\(folder)/\(name).md", images: [], body: body, lost: lost)
            var copies: [(from: String, to: String)] = []
            var number = 0
            for image in images {
                let ext = (image.path as NSString).pathExtension.lowercased()
                guard ImportedPage.webImageTypes.contains(ext) else {
                    placed.body = placed.body.replacingOccurrences(
                        of: "![\(image.alt)](\(image.path))",
                        with: "（此处原有一张 \(ext.uppercased()) 格式的图片，网页上无法显示）")
                    placed.lost.append(
                        (
                            "一张 \(ext.uppercased()) 格式的图片网页上无法显示，没有导入：请在 Word 里把它另存为 PNG 图片，放到新文件旁边后链接",
                            "an \(ext.uppercased()) image cannot be shown on the web and was left out; save it as PNG and link it"
                        ))
                    continue
                }
                number += 1
                let file = "\(name)-图\(number).\(ext)"
                let link = file.contains(where: { " ()<>".contains($0) }) ? "<\(file)>" : file
                placed.body = placed.body.replacingOccurrences(of: "](\(image.path))", with: "](\(link))")
                copies.append((image.path, "\(folder)/\(file)"))
            }
            if copies.contains(where: { FileManager.default.fileExists(atPath: files.absolute($0.to)) }) { continue }
            do {
                try NewFile.create(files.absolute(placed.page), text: frontMatter + "\n" + placed.body)
            } catch NewFile.Failure.exists {
                continue
            } catch {
                throw UserError(language.pick("无法写入 \(placed.page)（\(error)）", "cannot write \(placed.page) (\(error))"), status: 1)
            }
            do {
                for copy in copies {
                    let data = FileManager.default.contents(atPath: copy.from) ?? Data()
                    try NewFile.create(files.absolute(copy.to), bytes: Array(data))
                    placed.images.append(copy.to)
                }
            } catch {
                placed.remove(site: site)
                throw UserError(
                    language.pick("无法写入图片（\(error)），没有导入 \(source.name)", "cannot write images (\(error)); \(source.name) was not imported"), status: 1)
            }
            return placed
        }
        throw UserError(language.pick("\(folder)/\(stem).md 及 -2 到 -100 都已存在，没有导入", "\(folder)/\(stem).md and -2 … -100 all exist; nothing imported"))
    }

    func describe(_ placed: Placed, shown: String, language: Language) {
        Console.line(language.pick("已导入 \(source.name) → ", "Imported \(source.name) → ") + Console.out.path(shown))
        if shown.hasSuffix("\(stem).md") == false {
            Console.line(
                language.pick(
                    "  （\(folder)/\(stem).md 已经存在，没有覆盖它，新文件换了名字）",
                    "  (\(folder)/\(stem).md exists and was kept; the new file has another name)"))
        }
        for line in guessed { Console.line("  " + language.pick(line.zh, line.en)) }
        if !placed.images.isEmpty {
            let names = placed.images.map { ($0 as NSString).lastPathComponent }
            Console.line(
                language.pick(
                    "  图片：\(names.count) 张，复制到了新文件旁边（\(names.joined(separator: "、"))）",
                    "  images: \(names.count), copied beside the page (\(names.joined(separator: ", ")))"))
        }
        if !placed.lost.isEmpty {
            Console.line(language.pick("  没能原样保留的：", "  not kept as it was:"))
            for line in placed.lost { Console.line("  - " + language.pick(line.zh, line.en)) }
        }
    }

    /// What `gongkai build` will warn about in the new page's body (a 合计 row that does not add up, an
    /// image without alt text), with the file and line, now while the editor has the document open.
    func printWarnings(shown: String, language: Language) {
        let firstLine = frontMatter.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        ImportedPage.printTableNotes(body, firstLine: firstLine, shown: shown, language: language)
    }

    static func printTableNotes(_ markdown: String, firstLine: Int, shown: String, language: Language) {
        let rendered = Markdown.render(markdown, options: .init(firstLine: firstLine))
        for note in rendered.notes {
            let line = "\(shown):\(note.line): \(language.pick("warning", "warning")): \(language.pick(note.zh, note.en))"
            Report.stderr(Console.err.diagnostic(line))
        }
    }
}
