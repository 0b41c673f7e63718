import GongkaiContent
import GongkaiDisclosure
import GongkaiMarkdown

/// Link health for `gongkai check`: every link of every body (pages, village introductions, the home
/// text) that points into the site, resolved as the build resolves it. A link to a page that does
/// not exist (or is a draft) is a broken link; a link to a file that is not there is a missing
/// attachment. Nothing is fetched from the network: `https://` links are not looked at.
public enum LinkHealth {
    public static func findings(_ content: SiteContent) -> [SiteFinding] {
        let index = SiteIndex(content)
        let files = SiteFiles(root: content.root)
        let renderer = BodyRenderer(index: index, files: files, allowRawHTML: content.config.allowRawHTML)
        var bodies: [(source: String, output: String, body: String, line: Int)] = content.pages.map {
            ($0.sourcePath, $0.outputPath, $0.body, $0.bodyLine)
        }
        bodies += content.villages.map { ($0.sourcePath, Paths.village($0.id), $0.body, $0.bodyLine) }
        if let home = content.home { bodies.append((home.sourcePath, Paths.home, home.body, home.bodyLine)) }
        let found = parallelMap(bodies) { body -> [SiteFinding] in
            var out: [SiteFinding] = []
            // No link without `](`, a reference definition `]:` or an autolink `<…>`: most bodies are
            // not rendered at all.
            guard body.body.contains("](") || body.body.contains("]:") || body.body.contains("<") else { return out }
            _ = Markdown.render(body.body, options: .init(allowRawHTML: renderer.allowRawHTML, firstLine: body.line)) { url, _, line in
                if let finding = check(url, source: body.source, output: body.output, line: line, renderer: renderer, files: files) {
                    out.append(finding)
                }
                return nil
            }
            return out
        }
        return SiteFinding.byLocation(found.flatMap { $0 })
    }

    static func check(
        _ url: String, source: String, output: String, line: Int, renderer: BodyRenderer,
        files: SiteFiles
    ) -> SiteFinding? {
        let village = SiteFinding.village(ofSource: source)
        if url.hasPrefix("/") && !url.hasPrefix("//") {
            // Site-absolute: `/files/a.pdf` is `static/files/a.pdf`. Pages and folders made by the build
            // cannot be told from here, so only what looks like a file (not .html) is checked.
            var path = Substring(url.dropFirst())
            if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = path[..<cut] }
            let written = BodyRenderer.removingPercentEncoding(path)
            let name = written.split(separator: "/").last.map(String.init) ?? ""
            guard name.contains("."), !name.hasSuffix(".html"), !name.hasSuffix(".htm"),
                let target = RelativePath.normalize(written), !files.exists("static/" + target)
            else { return nil }
            return SiteFinding(
                kind: .missingAttachment, file: source, line: line, village: village, subject: url,
                zh: "链接的附件“\(url)”不存在（找的是 static/\(target)）。请把文件放到 static/\(target)，或改正文件名",
                en: "the linked attachment \"\(url)\" does not exist (looked for static/\(target)). Put the file there or correct the name")
        }
        let rewrite = renderer.rewrite(url, source: source, output: output)
        guard let problem = rewrite.problem, rewrite.url == nil else { return nil }
        var path = Substring(url)
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = path[..<cut] }
        let isPage = path.hasSuffix(".md") || path.hasSuffix(".html") || path.hasSuffix(".htm")
        return SiteFinding(
            kind: isPage ? .brokenLink : .missingAttachment, file: source, line: line, village: village,
            subject: url, zh: problem.zh, en: problem.en)
    }
}
