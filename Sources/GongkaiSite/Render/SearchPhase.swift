import GongkaiContent
import GongkaiEscape
import GongkaiMarkdown

extension RenderContext {
    /// The search phase: 站内搜索's index (from the bodies phase's blocks) and its page. Returns the
    /// number of index shards.
    func searchPages(
        _ bodies: [RenderedBody], blocks: [SearchIndex.Block], store: SearchIndex.Store? = nil,
        remake: @escaping @Sendable (Int) -> SearchIndex.Block = { _ in fatalError("a stored block without its pages") },
        made: inout Generated
    ) -> Int {
        var ownerList: [(id: String, name: String)] = content.villages.map { ($0.id, $0.name) }
        if !index.countyPages.isEmpty { ownerList.append(("county", countyName)) }
        var ownerNumbers: [String: Int] = [:]
        for (number, owner) in ownerList.enumerated() { ownerNumbers[owner.id] = number }
        let pages = content.pages
        // A page's document is made only for a chunk file that is made (an edit build makes few).
        let documents = SearchIndex.Documents(pages: pages) { n in
            // With its snippet made, a page's text is not read here (a body from the build state would be
            // rendered again just for it): the blocks were tokenised in the bodies phase.
            SearchIndex.Document(
                page: pages[n], summary: pages[n].summary ?? "", plainText: bodies[n].hasSnippet ? "" : bodies[n].plainText,
                snippet: bodies[n].snippet)
        }
        let searchIndex = SearchIndex.build(documents, blocks: blocks, owners: ownerList, cache: searchBlocks, store: store, remake: remake, emit: emit) {
            n in
            ownerNumbers[pages[n].owner.villageID ?? "county"] ?? 0
        }
        made.portal += searchIndex
        let shards = searchIndex.lazy.filter { $0.path.hasPrefix(SearchIndex.dataFolder + "/t") }.count
        made.portal.append(
            memo.makeOne(
                SearchPage.planned(
                    owners: ownerList, shards: shards, index: index,
                    hasTags: !contexts.tagFolders.isEmpty), in: env))
        made.portal.append(OutputFile(Paths.searchScript, theme.searchScript))
        return shards
    }
}
