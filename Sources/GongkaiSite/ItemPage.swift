import GongkaiContent
import GongkaiMarkdown

/// A content page (a lecture, notice, regulation…): its body and fields, where it sits (breadcrumbs,
/// its owner), its tags, attachments and photo, the 目录 of a long body, and for a regulation its
/// 版本沿革 and what supersedes it.
enum ItemPage: PageType {
    struct Inputs: Codable {
        var entry: ListEntry
        var breadcrumbs: [Link]
        /// The owner's Atom feed (a village's), linked from the head when feeds exist.
        var feed: Link?
        var body: HTMLInput
        var ownerHref: String
        var readingMinutes: Int
        var fields: [FieldRow]
        /// Each tag and its list's first page.
        var tags: [Link]
        var history: RegulationHistory.Shown?
        /// Second-level headings and their anchors, for a long body.
        var toc: [Link]?
        var printable: Bool
        var supersededBy: Link?
        var isCurrentRegulation: Bool
        /// Names and addresses (relative to the page, or a URL) of the attachments.
        var attachments: [Link]
        /// The photo's alt text and output path.
        var photo: Link?
        var summary: String?
    }

    static func planned(
        _ page: Page, entry: ListEntry, body: RenderedBody, history: RegulationHistory.Shown?, contexts: PageContexts,
        countyName: String
    ) -> PlannedOutput<ItemPage> {
        let path = page.outputPath
        let index = contexts.index
        var crumbs: [Link] = [.home]
        var feed: Link?
        switch page.owner {
        case .village(let id):
            crumbs.append(.villages)
            crumbs.append(Link(index.ownerName(page.owner), Paths.village(id)))
            crumbs.append(Link(page.kind.chineseName, Paths.listPage(Paths.kindFolder(page.kind.folder, owner: Paths.villageFolder(id)), number: 1)))
            feed = Link("\(index.ownerName(page.owner)) 最新内容", Feeds.village(id))
        case .county:
            crumbs.append(Link(countyName, Paths.county))
            crumbs.append(Link(page.kind.chineseName, Paths.listPage(Paths.kindFolder(page.kind.folder, owner: "county"), number: 1)))
        }
        let level2 = body.headings.filter { $0.level == 2 }
        var attachments: [Link] = []
        let folder = RelativePath.directory(of: page.sourcePath)
        for file in page.attachments {
            let name = String(file.split(separator: "/").last ?? Substring(file))
            if file.contains("://") {
                attachments.append(Link(name, file))
                continue
            }
            guard let source = ContentLoader.attachmentSource(file, pageFolder: folder),
                let target = index.outputPath(forSource: source)
            else { continue }
            attachments.append(Link(name, Paths.relative(from: path, to: target)))
        }
        var photo: Link?
        if let file = page.fields.photo, let source = ContentLoader.attachmentSource(file, pageFolder: folder),
            let target = index.outputPath(forSource: source)
        {
            photo = Link(ModelsGallery.altText(page) ?? "", target)
        }
        let newer = index.supersededBy[page.sourcePath]
        let inputs = Inputs(
            entry: entry, breadcrumbs: crumbs, feed: feed,
            body: body.htmlInput, ownerHref: index.ownerHref(page.owner, from: path),
            readingMinutes: body.readingMinutes ?? ChineseText.readingMinutes(body.plainText),
            fields: contexts.fieldRows(page, from: path),
            tags: page.tags.compactMap { tag in contexts.tagFolders[tag].map { Link(tag, Paths.listPage($0, number: 1)) } },
            history: history,
            toc: level2.count >= 3 ? level2.map { Link($0.text, "#" + Paths.encode($0.id)) } : nil,
            printable: PrintPage.kinds.contains(page.kind),
            supersededBy: newer.map { Link($0.title, $0.outputPath) },
            isCurrentRegulation: newer == nil && page.kind == .regulation,
            attachments: attachments, photo: photo, summary: page.summary)
        return PlannedOutput(.item(path), ItemPage.self, inputs)
    }

    static func render(_ inputs: Inputs, in env: RenderEnvironment) -> [OutputFile] {
        let entry = inputs.entry
        let path = entry.target
        var context = env.base(path: path, title: entry.title, current: Kind(rawValue: entry.kind)?.folder, breadcrumbs: inputs.breadcrumbs)
        if env.hasFeeds, let feed = inputs.feed { context["feeds"] = env.feedLinks(from: path, extra: [feed]) }
        var item = entry.record(from: path)
        item["content"] = inputs.body.html
        item["ownerHref"] = inputs.ownerHref
        item["readingMinutes"] = inputs.readingMinutes
        if !inputs.fields.isEmpty { item["fields"] = inputs.fields.map(\.record) }
        if !inputs.tags.isEmpty {
            item["tags"] = inputs.tags.map { Record(["name": $0.title, "href": Paths.relative(from: path, to: $0.target)]) }
        }
        if let history = inputs.history { item["history"] = history.record(at: path) }
        if let toc = inputs.toc { item["toc"] = toc.map { Record(["title": $0.title, "href": $0.target]) } }
        if inputs.printable { item["printHref"] = Paths.relative(from: path, to: "print/" + path) }
        if let qr = PhoneQR.figure(for: path, config: env.config) { item["qr"] = qr }
        if let newer = inputs.supersededBy {
            item["supersededBy"] = Record(["title": newer.title, "href": Paths.relative(from: path, to: newer.target)])
        } else if inputs.isCurrentRegulation {
            item["current"] = true
        }
        if !inputs.attachments.isEmpty { item["attachments"] = inputs.attachments.map { Record(["name": $0.title, "href": $0.target]) } }
        if let photo = inputs.photo {
            item["photo"] = Record(["src": Paths.relative(from: path, to: photo.target), "alt": photo.title])
        }
        context["item"] = item
        if let summary = inputs.summary { context["description"] = summary }
        return [OutputFile(path, bytes: env.renderBytes("page", context))]
    }
}
