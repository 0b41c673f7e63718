import GongkaiContent
import GongkaiMarkdown

extension RenderContext {
    /// The items phase: every page's own page, its print view (for the kinds that have one) and, with
    /// base-url, the QR code of its public address. Attachments and photos are copied next to it.
    func itemPages(_ bodies: inout [RenderedBody], made: inout Generated) {
        let pages = content.pages
        // By number, not by (page, body) pairs: copying a page is not free, and there are many.
        let numbers = Array(pages.indices)
        let itemKeys = parallelMap(numbers) { n in itemKey(pages[n], body: bodies[n]) }
        made.outputs += parallelMap(numbers) { n in
            emit(memo.output(pages[n].outputPath, key: itemKeys[n]) {
                itemPage(pages[n], body: bodies[n], history: history.record(for: pages[n].sourcePath))
            }.measured(as: .item))
        }
        for page in pages { made.copies += itemCopies(page) }
        // 扫码在手机上看: the QR code of each item's public address (only with base-url).
        if content.config.baseURL != nil {
            made.outputs += parallelMap(numbers) { n in phoneQR(pages[n].outputPath) }.compactMap { $0 }
        }
        made.outputs += parallelMap(numbers.filter { PrintPage.kinds.contains(pages[$0].kind) }) { n in
            emit(memo.output(PrintPage.path(for: pages[n]), key: itemKeys[n]) {
                PrintPage.render(pages[n], body: bodies[n], contexts: contexts, theme: theme)
            })
        }
        // The bodies' HTML is not needed from here on: without a session keeping it, it goes now (and
        // the memory back to the system: ~30 MB less at the peak of a 50k-page build).
        if !keepsBodies {
            for n in bodies.indices { bodies[n].html = "" }
            PageGenerator.releaseFreedMemory()
        }
    }

    /// What an item page shows besides its own page: its body as rendered (links to other pages), the
    /// folders of its tags and, for a regulation, the other versions of its owner's regulations.
    func itemKey(_ page: Page, body: RenderedBody) -> UInt64 {
        keys.key(CollectionOfOne(page)) {
            $0.add(body.htmlHash)
            for tag in page.tags { $0.add(contexts.tagFolders[tag]) }
            if page.kind == .regulation { $0.add(keys.regulations[page.owner] ?? 0) }
        }
    }

    /// Attachments and photo of an item page, as (source, target), copied next to it.
    func itemCopies(_ page: Page) -> [(String, String)] {
        // Most pages have neither: nothing to work out.
        if page.attachments.isEmpty && page.fields.photo == nil { return [] }
        let folder = RelativePath.directory(of: page.sourcePath)
        var copies: [(String, String)] = []
        for (file, isPhoto) in page.attachments.map({ ($0, false) }) + [page.fields.photo].compactMap({ $0.map { ($0, true) } })
            where isPhoto || !file.contains("://") {
            guard let source = ContentLoader.attachmentSource(file, pageFolder: folder), source.hasPrefix("content/"),
                  let target = index.outputPath(forSource: source) else { continue }
            copies.append((source, target))
        }
        return copies
    }

    func itemPage(_ page: Page, body: RenderedBody, history: Record? = nil) -> OutputFile {
        let path = page.outputPath
        var crumbs: [Link]
        switch page.owner {
        case .village(let id):
            crumbs = Link.villageTrail(id: id, name: contexts.index.ownerName(page.owner))
            crumbs.append(Link(page.kind.chineseName, Paths.listPage(Paths.kindFolder(page.kind.folder, owner: Paths.villageFolder(id)), number: 1)))
        case .county:
            crumbs = countyTrail
            crumbs.append(Link(page.kind.chineseName, Paths.listPage(Paths.kindFolder(page.kind.folder, owner: "county"), number: 1)))
        }
        var context = contexts.base(path: path, title: page.title, current: page.kind.folder, breadcrumbs: crumbs)
        if contexts.hasFeeds, let id = page.owner.villageID {
            context["feeds"] = contexts.feedLinks(from: path, extra: [Link("\(contexts.index.ownerName(page.owner)) 最新内容", Feeds.village(id))])
        }
        var item = contexts.entry(page, from: path)
        item["content"] = body.html
        item["owner"] = contexts.index.ownerName(page.owner)
        item["ownerHref"] = contexts.index.ownerHref(page.owner, from: path)
        item["readingMinutes"] = body.readingMinutes ?? ChineseText.readingMinutes(body.plainText)
        let fields = contexts.fields(page, from: path)
        if !fields.isEmpty { item["fields"] = fields }
        if !page.tags.isEmpty { item["tags"] = contexts.tagLinks(page, from: path) }
        if let history { item["history"] = history }
        if body.headings.filter({ $0.level == 2 }).count >= 3 {
            item["toc"] = body.headings.filter { $0.level == 2 }.map { Record(["title": $0.text, "href": "#" + Paths.encode($0.id)]) }
        }
        if PrintPage.kinds.contains(page.kind) {
            item["printHref"] = Paths.relative(from: path, to: PrintPage.path(for: page))
        }
        if let qr = PhoneQR.figure(for: path, config: contexts.config) { item["qr"] = qr }
        if let newer = contexts.index.supersededBy[page.sourcePath] {
            item["supersededBy"] = Record(["title": newer.title, "href": Paths.relative(from: path, to: newer.outputPath)])
        } else if page.kind == .regulation {
            item["current"] = true
        }
        var attachments: [Record] = []
        let folder = RelativePath.directory(of: page.sourcePath)
        for file in page.attachments {
            let name = String(file.split(separator: "/").last ?? Substring(file))
            if file.contains("://") {
                attachments.append(Record(["name": name, "href": file]))
                continue
            }
            guard let source = ContentLoader.attachmentSource(file, pageFolder: folder),
                  let target = contexts.index.outputPath(forSource: source) else { continue }
            attachments.append(Record(["name": name, "href": Paths.relative(from: path, to: target)]))
        }
        if !attachments.isEmpty { item["attachments"] = attachments }
        if let photo = page.fields.photo, let source = ContentLoader.attachmentSource(photo, pageFolder: folder),
           let target = contexts.index.outputPath(forSource: source) {
            item["photo"] = Record(["src": Paths.relative(from: path, to: target), "alt": ModelsGallery.altText(page) ?? ""])
        }
        context["item"] = item
        if let summary = page.summary { context["description"] = summary }
        return OutputFile(path, bytes: theme.renderBytes("page", context))
    }
}
