import GongkaiContent

/// What the build checks of its output before writing it: content that would be overwritten by a page
/// the site makes, and the files of static/.
extension SiteBuilder {
    /// Pages and copied files that land on the same output file as a page the build makes itself (a notice
    /// with `slug: index` on its list page, `slug: page-2` on the list's second page): one would silently
    /// replace the other.
    /// `outputs` come sorted by path (as the generator returns them): a path made twice is two neighbours,
    /// and a copy's target is found by bisection. (A large site has 100k outputs: indexing them all by
    /// path for this cost more than the rest of the check.)
    static func clashes(_ made: [OutputFile], copies: [(String, String)], pages: [Page]) -> [Diagnostic] {
        let isSorted = made.indices.dropFirst().allSatisfy { made[$0 - 1].path <= made[$0].path }
        let outputs = isSorted ? made : made.sorted { $0.path < $1.path }
        var twice = Set<String>()
        for n in outputs.indices.dropFirst() where outputs[n - 1].path == outputs[n].path { twice.insert(outputs[n].path) }
        func isMade(_ path: String) -> Bool {
            var low = 0, high = outputs.count
            while low < high {
                let middle = (low + high) / 2
                if outputs[middle].path < path { low = middle + 1 } else { high = middle }
            }
            return low < outputs.count && outputs[low].path == path
        }
        var diagnostics: [Diagnostic] = []
        for page in pages where !twice.isEmpty && twice.contains(page.outputPath) {
            diagnostics.append(
                .error(
                    page.sourcePath, line: page.keyLines["slug"] ?? 1,
                    zh: "这一页的网址 \(page.outputPath) 与网站自动生成的页面（栏目列表、分页等）重名，会被覆盖。请换一个文件名或 slug:，不要用 index、page-2 这样的名字",
                    en:
                        "this page's address \(page.outputPath) is also a page the site makes itself (a list or one of its pages), which would replace it. Choose another file name or slug:, not index or page-2"
                ))
        }
        for (source, target) in copies where isMade(target) {
            diagnostics.append(
                .error(
                    source,
                    zh: "这个文件会被复制到 \(target)，而那里是网站自动生成的页面。请给文件改个名字",
                    en: "this file would be copied to \(target), which is a page the site makes itself. Rename the file"))
        }
        return diagnostics
    }

    /// Every file under `static/`, as (source, output path), sorted. Symlinks that leave the site, and
    /// symlinks back to a folder above them (a loop), are errors and are not followed.
    static func staticFiles(_ files: SiteFiles) -> ([(String, String)], [Diagnostic]) {
        guard files.isDirectory("static") else { return ([], []) }
        var found: [(String, String)] = []
        var diagnostics: [Diagnostic] = []
        func walk(_ folder: String, ancestors: Set<String>) {
            for name in files.list(folder) {
                let path = "\(folder)/\(name)"
                guard files.staysInside(path) else {
                    diagnostics.append(
                        .error(
                            path,
                            zh: "static/ 里的这个符号链接指向网站文件夹之外，出于安全考虑不会复制。请把文件本身复制进 static/",
                            en: "this symlink in static/ leaves the site folder; for safety it is not copied. Copy the file itself into static/"))
                    continue
                }
                if files.isDirectory(path) {
                    guard let real = SiteFiles.realPath(files.absolute(path)), !ancestors.contains(real) else {
                        diagnostics.append(ContentLoader.symlinkLoop(path))
                        continue
                    }
                    walk(path, ancestors: ancestors.union([real]))
                } else {
                    found.append((path, String(path.dropFirst("static/".count))))
                }
            }
        }
        if !files.staysInside("static") {
            return (
                [],
                [
                    .error(
                        "static",
                        zh: "static 是指向网站文件夹之外的符号链接，出于安全考虑不会复制。请把文件复制进网站的 static/ 文件夹",
                        en: "static is a symlink that leaves the site folder; for safety nothing in it is copied. Copy the files into the site's static/ folder"
                    )
                ]
            )
        }
        walk("static", ancestors: Set([SiteFiles.realPath(files.absolute("static"))].compactMap { $0 }))
        return (found, diagnostics)
    }
}
