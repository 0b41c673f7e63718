import GongkaiContent

/// 标签: a list of the pages of each tag across villages (`tags/<tag>/index.html`, paginated like every
/// list) and an index of all tags (`tags/index.html`). Folder names keep Chinese: `tags/村规民约/`.
struct TagPages: PageType {
    static let index = "tags/index.html"
    /// Tag lists show titles without summaries: more of them fit a page.
    static let pageSize = 50

    /// Folder of each tag, `tags/<name>`: letters (any script) and digits kept, other characters
    /// become `-`; two tags that end up the same get `-2`, `-3`, … in the order of their names.
    static func folders(_ content: SiteContent) -> [String: String] {
        var spellings = DistinctSpellings()
        // (By number: most pages have no tags, and a copy of a page is not free.)
        for n in content.pages.indices where !content.pages[n].tags.isEmpty { spellings.insert(contentsOf: content.pages[n].tags) }
        let tags = Set(spellings.texts)
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
        numbersByTag(content).mapValues { numbers in numbers.map { content.pages[$0] } }
    }

    /// Each tag's pages by their number in the site's order. (By number: a page is large to copy, and
    /// most have a tag or two.)
    static func numbersByTag(_ content: SiteContent) -> [String: [Int]] {
        var byTag: [String: [Int]] = [:]
        for n in content.pages.indices where !content.pages[n].tags.isEmpty {
            let tags = content.pages[n].tags
            for (i, tag) in tags.enumerated() where !tags[..<i].contains(tag) { byTag[tag, default: []].append(n) }
        }
        return byTag
    }

    static func jobs(_ content: SiteContent, folders: [String: String]) -> [ListJob] {
        pagesByTag(content).sorted { $0.key < $1.key }.compactMap { tag, pages in
            guard let folder = folders[tag] else { return nil }
            return ListJob(
                folder: folder, title: "标签：\(tag)", pages: pages, current: "",
                breadcrumbs: [.home, Link("标签", index)], summaries: false, pageSize: pageSize)
        }
    }

    /// The tag index shows each tag's name, number of pages and folder, most used first.
    struct Inputs: Codable {
        struct Tag: Codable {
            var name: String
            var count: Int
            var folder: String
        }
        var tags: [Tag]
        /// Tags whose folder is unknown are counted, not shown.
        var count: Int
    }

    static func planned(_ content: SiteContent, folders: [String: String]) -> PlannedOutput<TagPages> {
        let tags = numbersByTag(content).map { ($0.key, $0.value.count) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let shown = tags.compactMap { tag, count in folders[tag].map { Inputs.Tag(name: tag, count: count, folder: $0) } }
        return PlannedOutput(.tagIndex, TagPages.self, Inputs(tags: shown, count: tags.count))
    }

    static func render(_ inputs: Inputs, in env: RenderEnvironment) -> [OutputFile] {
        let path = index
        var context = env.base(path: path, title: "标签", current: nil, breadcrumbs: [.home])
        context["tags"] = inputs.tags.map { tag in
            Record(["name": tag.name, "count": tag.count, "href": Paths.relative(from: path, to: Paths.listPage(tag.folder, number: 1))])
        }
        context["count"] = inputs.count
        if inputs.count == 0 { context["empty"] = true }
        return [OutputFile(path, bytes: env.renderBytes("tags", context))]
    }
}
