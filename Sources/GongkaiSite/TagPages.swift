import GongkaiContent

/// 标签: a list of the pages of each tag across villages (`tags/<tag>/index.html`, paginated like every
/// list) and an index of all tags (`tags/index.html`). Folder names keep Chinese: `tags/村规民约/`.
struct TagPages {
    static let index = "tags/index.html"
    /// Tag lists show titles without summaries: more of them fit a page.
    static let pageSize = 50

    /// Folder of each tag, `tags/<name>`: letters (any script) and digits kept, other characters
    /// become `-`; two tags that end up the same get `-2`, `-3`, … in the order of their names.
    static func folders(_ content: SiteContent) -> [String: String] {
        var tags = Set<String>()
        for page in content.pages { tags.formUnion(page.tags) }
        var folders: [String: String] = [:]
        var used = Set<String>()
        for tag in tags.sorted() {
            let base = "tags/" + folderName(tag)
            var folder = base
            var n = 2
            while !used.insert(folder).inserted {
                folder = "\(base)-\(n)"
                n += 1
            }
            folders[tag] = folder
        }
        return folders
    }

    static func folderName(_ tag: String) -> String {
        var out = String.UnicodeScalarView()
        var dash = false
        for scalar in tag.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_" {
                if dash && !out.isEmpty { out.append("-") }
                dash = false
                let v = scalar.value
                out.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 32) ?? scalar : scalar)
            } else {
                dash = true
            }
        }
        let name = String(out)
        return name.isEmpty ? "tag" : name
    }

    /// The pages of every tag, newest first, in one pass over the site.
    static func pagesByTag(_ content: SiteContent) -> [String: [Page]] {
        var byTag: [String: [Page]] = [:]
        for page in content.pages {
            for tag in Set(page.tags) { byTag[tag, default: []].append(page) }
        }
        return byTag
    }

    static func jobs(_ content: SiteContent, folders: [String: String]) -> [ListJob] {
        pagesByTag(content).sorted { $0.key < $1.key }.compactMap { tag, pages in
            guard let folder = folders[tag] else { return nil }
            return ListJob(folder: folder, title: "标签：\(tag)", pages: pages, current: "",
                           breadcrumbs: [.home, Link("标签", index)], summaries: false, pageSize: pageSize)
        }
    }

    static func indexPage(_ content: SiteContent, folders: [String: String], contexts: PageContexts, theme: Theme) -> OutputFile {
        let path = index
        var context = contexts.base(path: path, title: "标签", current: nil, breadcrumbs: [.home])
        let tags = pagesByTag(content).map { ($0.key, $0.value.count) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        context["tags"] = tags.compactMap { tag, count -> Record? in
            guard let folder = folders[tag] else { return nil }
            return Record(["name": tag, "count": count, "href": Paths.relative(from: path, to: Paths.listPage(folder, number: 1))])
        }
        context["count"] = tags.count
        if tags.isEmpty { context["empty"] = true }
        return OutputFile(path, theme.render("tags", context))
    }
}
