import GongkaiContent
import GongkaiMarkdown

/// The pages that make the portal more than its lists: search, feeds and sitemap, tags, yearly
/// archives, model galleries, and the 往期 split of notice lists. Each comes from its own file;
/// this is where the generator calls them.
extension PageGenerator {
    /// A kind's list as the generator makes it, with what the portal adds: notices past `expires`
    /// move to an 往期 list; model lists link their gallery.
    func portalLists(_ job: ListJob, kind: Kind, ownerFolder: String?, contexts: PageContexts) -> [ListJob] {
        switch kind {
        case .notice:
            return Archives.splitNotices(job, isExpired: contexts.isExpired)
        case .model:
            var job = job
            job.links.append(("按类别和年份浏览（道德模范风采）", ModelsGallery.path(ownerFolder: ownerFolder)))
            return [job]
        default:
            return [job]
        }
    }

    /// Everything else, once the other pages exist (`existing`: the sitemap lists them all).
    func portalPages(index: SiteIndex, bodies: [RenderedBody], searchBlocks blocks: [SearchIndex.Block], contexts: PageContexts, existing: [OutputFile],
                     memo: OutputMemo, keys: BuildKeys, timer: inout PhaseTimer) -> ([OutputFile], [Diagnostic]) {
        var outputs: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        // What the portal adds must not take the place of a content page (a folder named `archive`…):
        // those are left out below, so they are not written early.
        let taken = Set(existing.map(\.path))
        func emitUnlessTaken(_ file: OutputFile) -> OutputFile { taken.contains(file.path) ? file : emit(file) }

        // Tags.
        outputs.append(memo.output(TagPages.index, key: keys.all) {
            TagPages.indexPage(content, folders: contexts.tagFolders, contexts: contexts, theme: theme)
        })

        // Yearly archives of each village and of the county.
        var owners: [Archives.Owner] = content.villages.map { village in
            Archives.Owner(name: village.name, folder: "villages/\(village.id)", pages: index.pagesByVillage[village.id] ?? [],
                           breadcrumbs: [("首页", Paths.home), ("村（社区）", Paths.villages), (village.name, Paths.village(village.id))])
        }
        owners.append(Archives.Owner(name: countyName, folder: "county", pages: index.countyPages,
                                     breadcrumbs: [("首页", Paths.home), (countyName, Paths.county)]))
        outputs += parallelMap(owners) { owner in
            memo.outputs("archive:" + owner.folder, key: keys.key(owner.pages) { $0.add(owner.name) }) {
                Archives.render(owner, contexts: contexts, theme: theme)
            }.map(emitUnlessTaken)
        }.flatMap { $0 }
        timer.mark("archives")

        // 道德模范风采: the site's and each village's.
        let models = index.pagesByKind[.model] ?? []
        diagnostics += ModelsGallery.diagnostics(models)
        outputs.append(memo.output("gallery:", key: keys.key(models)) {
            ModelsGallery.render(pages: models, heading: "道德模范风采", ownerFolder: nil,
                                 breadcrumbs: [("首页", Paths.home), (Kind.model.chineseName, Paths.listPage(Kind.model.folder, number: 1))],
                                 contexts: contexts, theme: theme)
        })
        outputs += parallelMap(content.villages) { village -> OutputFile? in
            let ofVillage = (index.pagesByVillage[village.id] ?? []).filter { $0.kind == .model }
            if ofVillage.isEmpty { return nil }
            let folder = "villages/\(village.id)"
            return memo.output("gallery:" + folder, key: keys.key(ofVillage)) { ModelsGallery.render(pages: ofVillage, heading: "\(village.name) · 道德模范风采", ownerFolder: folder,
                                        breadcrumbs: [("首页", Paths.home), ("村（社区）", Paths.villages), (village.name, Paths.village(village.id)),
                                                      (Kind.model.chineseName, Paths.listPage(Paths.kindFolder(Kind.model.folder, owner: folder), number: 1))],
                                        contexts: contexts, theme: theme) }
        }.compactMap { $0 }
        let countyModels = index.countyPages.filter { $0.kind == .model }
        if !countyModels.isEmpty {
            outputs.append(memo.output("gallery:county", key: keys.key(countyModels)) {
                ModelsGallery.render(pages: countyModels, heading: "\(countyName) · 道德模范风采", ownerFolder: "county",
                                     breadcrumbs: [("首页", Paths.home), (countyName, Paths.county),
                                                   (Kind.model.chineseName, Paths.listPage(Paths.kindFolder(Kind.model.folder, owner: "county"), number: 1))],
                                     contexts: contexts, theme: theme)
            })
        }

        timer.mark("galleries")
        // 站内搜索: the page and its index.
        var ownerList: [(id: String, name: String)] = content.villages.map { ($0.id, $0.name) }
        if !index.countyPages.isEmpty { ownerList.append(("county", countyName)) }
        var ownerNumbers: [String: Int] = [:]
        for (number, owner) in ownerList.enumerated() { ownerNumbers[owner.id] = number }
        let documents = zip(content.pages, bodies).map { page, body in
            SearchIndex.Document(page: page, summary: page.summary ?? "", plainText: body.plainText, snippet: body.snippet)
        }
        let searchIndex = SearchIndex.build(documents, blocks: blocks, owners: ownerList, cache: searchBlocks, emit: emit) { page in
            ownerNumbers[page.owner.villageID ?? "county"] ?? 0
        }
        outputs += searchIndex
        let shards = searchIndex.lazy.filter { $0.path.hasPrefix(SearchIndex.dataFolder + "/t") }.count
        outputs.append(memo.output(Paths.search, key: keys.key([]) { $0.add(keys.all); $0.add(shards) }) {
            searchPage(owners: ownerList, shards: shards, index: index, contexts: contexts)
        })
        outputs.append(OutputFile(Paths.searchScript, theme.searchScript))
        timer.mark(searchBlocks.map { "search (\($0.hits) blocks from the session)" } ?? "search")

        // Feeds, sitemap, robots.txt: feeds and sitemap need absolute URLs.
        if let base = content.config.baseURL {
            let sitemapPaths = (existing + outputs).map(\.path)
            outputs += memo.outputs("feeds", key: keys.key([]) { $0.add(keys.all); $0.add(shards) }) {
                var lastModified: [String: Day] = [:]
                for page in content.pages { lastModified[page.outputPath] = page.date.day }
                return Feeds(index: index, summaries: contexts.summaries, baseURL: base).render()
                    + Sitemap.render(paths: sitemapPaths, lastModified: lastModified, baseURL: base)
            }
        } else {
            diagnostics.append(.warning(SiteConfig.fileName, line: content.config.keyLines["base-url"],
                zh: "未设置 base-url，订阅源（Atom）和 sitemap.xml 需要完整网址，本次未生成。网站上线后请在 site.yaml 写 base-url: https://…/",
                en: "no base-url: Atom feeds and sitemap.xml need absolute URLs and were not written. Once the site is online, set base-url: https://…/ in site.yaml"))
        }
        outputs.append(Sitemap.robots(baseURL: content.config.baseURL))
        timer.mark("feeds")

        let clashing = outputs.filter { taken.contains($0.path) }
        for file in clashing {
            diagnostics.append(.warning(SiteConfig.fileName,
                zh: "网页 \(file.path) 与内容页重名，已保留内容页。请给该内容页换一个文件夹名或 slug",
                en: "the page \(file.path) clashes with a content page, which was kept. Give that content page another folder or slug"))
        }
        if !clashing.isEmpty { outputs = outputs.filter { !taken.contains($0.path) } }
        return (outputs, diagnostics)
    }

    func searchPage(owners: [(id: String, name: String)], shards: Int, index: SiteIndex, contexts: PageContexts) -> OutputFile {
        let path = Paths.search
        var context = contexts.base(path: path, title: "站内搜索", current: nil, breadcrumbs: [("首页", Paths.home)])
        context["owners"] = owners.map { Record(["id": $0.id, "name": $0.name]) }
        context["shards"] = shards
        context["kinds"] = Kind.allCases.map { Record(["id": $0.rawValue, "name": $0.chineseName]) }
        var lists: [Record] = Kind.allCases.compactMap { kind in
            let count = index.pagesByKind[kind]?.count ?? 0
            if count == 0 { return nil }
            return Record(["title": kind.chineseName, "count": count,
                           "href": Paths.relative(from: path, to: Paths.listPage(kind.folder, number: 1))])
        }
        lists.append(Record(["title": "村（社区）", "href": Paths.relative(from: path, to: Paths.villages)]))
        if !contexts.tagFolders.isEmpty {
            lists.append(Record(["title": "标签", "href": Paths.relative(from: path, to: TagPages.index)]))
        }
        context["lists"] = lists
        // The layout puts `scripts` (HTML) after its own script.
        context["scripts"] = "<script src=\"\(HTML.escape(Paths.relative(from: path, to: Paths.searchScript)))\" defer></script>\n"
        return OutputFile(path, theme.render("search", context))
    }
}
