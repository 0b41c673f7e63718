import GongkaiContent
import GongkaiEscape
import GongkaiMarkdown

extension RenderContext {
    /// The search phase: 站内搜索's index (from the bodies phase's blocks) and its page. Returns the
    /// number of index shards (the feeds' key includes it).
    func searchPages(_ bodies: [RenderedBody], blocks: [SearchIndex.Block], made: inout Generated) -> Int {
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
        made.portal += searchIndex
        let shards = searchIndex.lazy.filter { $0.path.hasPrefix(SearchIndex.dataFolder + "/t") }.count
        made.portal.append(memo.output(Paths.search, key: keys.key([]) { $0.add(keys.all); $0.add(shards) }) {
            searchPage(owners: ownerList, shards: shards)
        })
        made.portal.append(OutputFile(Paths.searchScript, theme.searchScript))
        return shards
    }

    func searchPage(owners: [(id: String, name: String)], shards: Int) -> OutputFile {
        let path = Paths.search
        var context = contexts.base(path: path, title: "站内搜索", current: nil, breadcrumbs: [.home])
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
