import GongkaiContent
import GongkaiMarkdown

extension PageGenerator {
    /// The bodies phase: every page's Markdown rendered, and tokenised for 站内搜索, in blocks of pages.
    /// Without a session to keep them, a block's texts are then let go: a large site's text is hundreds
    /// of megabytes, which the peak memory of the build would otherwise hold to the end.
    func renderBodies(renderer: BodyRenderer, timer: inout PhaseTimer) -> (bodies: [RenderedBody], blocks: [SearchIndex.Block]) {
        bodyCache?.startBuild()
        let shared = SharedRenderer(renderer)
        let pages = content.pages
        let ranges = stride(from: 0, to: pages.count, by: SearchIndex.blockSize).map { $0..<min(pages.count, $0 + SearchIndex.blockSize) }
        searchBlocks?.startBuild()
        // Blocks of the stored index (`gongkai build`) need no tokenising when their pages are the same.
        let keepsTexts = bodyCache?.keepsTexts ?? false
        let stored = searchStore?.previous.flatMap { $0.pageCount == pages.count && $0.blockKeys.count == ranges.count ? $0 : nil }
        // Serve's last build, when its pages are the same files in the same order but a few: only those
        // are asked for, and the blocks (by their keys) from the session. Then nothing here reads every
        // page: the paths' hash and the keys of blocks without a changed page are the last build's.
        var previous = keepsTexts ? bodyCache?.last : nil
        let changed = previous.flatMap { LastBodies.changed(pages, from: $0.pages) }
        let pagePaths: UInt64
        if bodyCache == nil {
            pagePaths = 0
        } else if let last = previous, let changed, changed.allSatisfy({ pages[$0].outputPath == last.pages[$0].outputPath }) {
            pagePaths = last.pagePaths
        } else {
            pagePaths = pagePathsHash()
        }
        let environment = bodyCache == nil ? 0 : linkEnvironment(pagePaths: pagePaths)
        let fits =
            previous.map {
                $0.environment == environment && $0.allowRawHTML == renderer.allowRawHTML && $0.joinLines == renderer.joinLines
            } == true
        if fits, let bodyCache, let changed, var last = previous {
            // Taken out of the session, so that the array is this build's alone: the changed bodies are put
            // in place, not into a copy of all 10,000 (and the old array is not freed body by body).
            previous = nil
            bodyCache.last = nil
            var bodies = last.bodies
            last.bodies = []
            for n in changed {
                let page = pages[n]
                var body = bodyCache.body(page, renderer: shared, environment: environment)
                if page.summary == nil && body.summary == nil { body.summary = ChineseText.summary(of: body.plainText) }
                bodies[n] = body
            }
            bodyCache.taken(pages.count - changed.count)
            let changedBlocks = Set(changed.map { $0 / SearchIndex.blockSize })
            let lastKeys = last.blockKeys.count == ranges.count ? last.blockKeys : nil
            let blocks = ranges.enumerated().map { b, range in
                searchBlock(range, stored: stored, cache: searchBlocks, key: changedBlocks.contains(b) ? nil : lastKeys?[b], byPage: true) {
                    SearchIndex.NumberedDocuments(
                        startIndex: range.lowerBound,
                        documents: range.map { n in SearchIndex.Document(page: pages[n], summary: pages[n].summary ?? "", plainText: bodies[n].plainText) })
                } document: { n in
                    SearchIndex.Document(page: pages[n], summary: pages[n].summary ?? "", plainText: bodies[n].plainText)
                }
            }
            searchBlocks?.keep()
            bodyCache.keep(only: pages, sameOrder: true)
            bodyCache.last = LastBodies(
                pages: pages, bodies: bodies, environment: environment, pagePaths: pagePaths, blockKeys: blocks.map(\.key),
                allowRawHTML: renderer.allowRawHTML, joinLines: renderer.joinLines, contexts: last.contexts)
            timer.mark(.bodies, note: "\(bodyCache.hits) bodies from the session")
            return (bodies, blocks)
        }
        previous = nil
        let rendered = parallelMap(ranges) { range -> ([RenderedBody], SearchIndex.Block) in
            var bodies =
                bodyCache?.bodies(pages[range], renderer: shared, environment: environment)
                ?? range.map { n in
                    let page = pages[n]
                    return renderer.render(
                        page.body, firstLine: page.bodyLine, source: page.sourcePath, output: page.outputPath,
                        isDisclosure: page.kind == .disclosure)
                }
            for (i, n) in range.enumerated() {
                let page = pages[n]
                if page.summary == nil && bodies[i].summary == nil { bodies[i].summary = ChineseText.summary(of: bodies[i].plainText) }
                // Without a session that keeps texts its Markdown goes now; asked for again, it is read from the file (see `releaseBody`).
                // The build state's session renders again from the file (a restored page's `body` reads
                // it), so a body rendered just now lets its Markdown go too; one it gave back may need it.
                if !keepsTexts && bodies[i].remade == nil { page.releaseBody(files: files) }
            }
            // (Not made when serve's session has the block.)
            func documents() -> SearchIndex.NumberedDocuments {
                SearchIndex.NumberedDocuments(
                    startIndex: range.lowerBound,
                    documents: range.map { n in
                        SearchIndex.Document(page: pages[n], summary: pages[n].summary ?? "", plainText: bodies[n - range.lowerBound].plainText)
                    })
            }
            // No texts kept (no session, or the build state's, which keeps none): they go once the block is
            // made. The documents are made only when the block is tokenised, or for the snippets below: a
            // body the build state gave back has its snippet, and its text is made again only if asked for.
            var made: SearchIndex.NumberedDocuments? = nil
            let block = searchBlock(
                range, stored: stored, cache: searchBlocks,
                documents: {
                    if keepsTexts { return documents() }
                    made = made ?? documents()
                    return made!
                },
                document: { n in
                    SearchIndex.Document(page: pages[n], summary: pages[n].summary ?? "", plainText: bodies[n - range.lowerBound].plainText)
                })
            // Regulations keep their text: 版本沿革 compares versions.
            if !keepsTexts {
                for (i, n) in range.enumerated() where pages[n].kind != .regulation {
                    if !bodies[i].hasSnippet {
                        made = made ?? documents()
                        bodies[i].readingMinutes = ChineseText.readingMinutes(bodies[i].plainText)
                        bodies[i].snippet = SearchIndex.snippetText(made![n])
                    }
                    if bodies[i].hasKeptText { bodies[i].plainText = "" }
                }
            }
            return (bodies, block)
        }
        searchBlocks?.keep()
        var bodies: [RenderedBody] = []
        bodies.reserveCapacity(pages.count)
        for (blockBodies, _) in rendered { bodies += blockBodies }
        let blocks = rendered.map(\.1)
        bodyCache?.keep(only: content.pages)
        if keepsTexts, let bodyCache {
            bodyCache.last = LastBodies(
                pages: pages, bodies: bodies, environment: environment, pagePaths: pagePaths, blockKeys: blocks.map(\.key),
                allowRawHTML: renderer.allowRawHTML, joinLines: renderer.joinLines, contexts: bodyCache.last?.contexts)
        }
        timer.mark(
            .bodies,
            note: bodyCache.map { cache in
                "\(cache.hits) bodies from the session"
                    + (cache.restoreWait.map { String(format: ", %.1f ms waiting for the build state", $0) } ?? "")
            })
        return (bodies, blocks)
    }

    /// The search block of `range`: the stored one when its key is the same, else the session's, else
    /// tokenised from `documents`.
    /// `key`: the block's key when known (the last build's, none of its pages changed).
    /// `byPage`: a block to make is made of its pages' tokens kept in `cache` (an edit build of serve:
    /// one changed page is tokenised, not its whole block). With the store (`gongkai build`), a block to
    /// make is made of the pages' tokens it kept, `document` giving a page whose tokens it has not.
    func searchBlock(
        _ range: Range<Int>, stored: SearchIndex.Store.Saved?, cache: SearchIndex.BlockCache?, key known: UInt64? = nil,
        byPage: Bool = false, documents: () -> SearchIndex.NumberedDocuments, document: (Int) -> SearchIndex.Document
    ) -> SearchIndex.Block {
        let pages = content.pages
        guard cache != nil || searchStore != nil else { return SearchIndex.Block(documents(), pages: range) }
        let key = known ?? SearchIndex.blockKey(range, of: pages)
        let n = range.lowerBound / SearchIndex.blockSize
        if let stored, stored.blockKeys[n] == key {
            return SearchIndex.Block(stored: key, pages: range, count: stored.blockCounts[n], words: stored.blockWords[n])
        }
        if cache == nil, let store = searchStore {
            return storeBlock(range, key: key, store: store, documents: documents, document: document)
        }
        var block = SearchIndex.block(key: key, cache: cache) {
            if byPage, let cache { return SearchIndex.Block(documents(), pages: range, tokens: cache) }
            return SearchIndex.Block(documents(), pages: range)
        }
        block.key = key
        return block
    }

    /// The block of `range` for the search store (`gongkai build`), whose key is `key`: made of the tokens
    /// the store kept of its pages (see `PageTokenWriter`), each page's looked up by its key in the last
    /// build's block at the same place (and, when pages moved, in its neighbours: a page added, removed
    /// or moved shifts the others by one); the pages it has none of are tokenised (`document`), or the
    /// whole block (`documents`) when the store has no last build. The block's page tokens are saved.
    func storeBlock(
        _ range: Range<Int>, key: UInt64, store: SearchIndex.Store, documents: () -> SearchIndex.NumberedDocuments,
        document: (Int) -> SearchIndex.Document
    ) -> SearchIndex.Block {
        let pages = content.pages
        let n = range.lowerBound / SearchIndex.blockSize
        var tokens = SearchIndex.PageTokenWriter()
        var block: SearchIndex.Block
        let lastKeys = store.previous?.blockKeys ?? []
        var saved = false
        // The last build's block at this place (or, past its last block, the one before).
        var neighbours = [n, n - 1, n + 1].filter(lastKeys.indices.contains)
        let last = neighbours.isEmpty ? nil : neighbours.removeFirst()
        if let last, let here = store.pageTokens(ofBlock: lastKeys[last]) {
            let keys = range.map { BuildKeys.key(of: pages[$0]) }
            // Pages moved when more than one is not at its place (a body edit changes one page's key):
            // then the pages that came from the neighbours are looked up there.
            let misplaced = keys.indices.filter { i in !(here.keys.indices.contains(i) && here.keys[i] == keys[i]) }.count
            var files = [here]
            if misplaced <= 1 && store.previous?.pageCount == pages.count { neighbours = [] }
            func find(_ key: UInt64, at i: Int) -> (SearchIndex.StoredPageTokens, Int)? {
                if here.keys.indices.contains(i), here.keys[i] == key { return (here, i) }
                while true {
                    for file in files { if let at = file.keys.firstIndex(of: key) { return (file, at) } }
                    guard !neighbours.isEmpty else { return nil }
                    if let file = store.pageTokens(ofBlock: lastKeys[neighbours.removeFirst()]) { files.append(file) }
                }
            }
            var lists: [SearchIndex.PageTokenList] = []
            lists.reserveCapacity(range.count)
            var made = 0
            for (i, number) in range.enumerated() {
                if let (file, at) = find(keys[i], at: i), let list = file.list(at) {
                    lists.append(list)
                    file.withRecord(at) { tokens.add(record: $0, key: keys[i]) }
                } else {
                    let list = SearchIndex.PageTokenList(document(number))
                    lists.append(list)
                    tokens.add(list, key: keys[i])
                    made += 1
                }
            }
            store.tokenised(made)
            // (The block stored already, remade here: its file is this one.)
            saved = made == 0 && lastKeys[last] == key
            block = SearchIndex.Block(lists: lists, pages: range)
        } else {
            block = SearchIndex.Block(documents(), pages: range, recording: &tokens)
            store.tokenised(range.count)
        }
        block.key = key
        if !saved { store.savePageTokens(tokens, ofBlock: key) }
        return block
    }

    /// Block `n` when the stored index cannot be used after all: made of the pages' tokens the store
    /// kept, or tokenised, its bodies rendered again.
    func remadeSearchBlock(_ n: Int, renderer: BodyRenderer) -> SearchIndex.Block {
        let pages = content.pages
        let range = (n * SearchIndex.blockSize)..<min(pages.count, (n + 1) * SearchIndex.blockSize)
        func document(_ n: Int) -> SearchIndex.Document {
            let page = pages[n]
            let body = renderer.render(
                page.body, firstLine: page.bodyLine, source: page.sourcePath, output: page.outputPath,
                isDisclosure: page.kind == .disclosure)
            return SearchIndex.Document(page: page, summary: page.summary ?? "", plainText: body.plainText)
        }
        let key = SearchIndex.blockKey(range, of: pages)
        guard let store = searchStore else {
            var block = SearchIndex.Block(SearchIndex.NumberedDocuments(startIndex: range.lowerBound, documents: range.map(document)), pages: range)
            block.key = key
            return block
        }
        return storeBlock(
            range, key: key, store: store,
            documents: { SearchIndex.NumberedDocuments(startIndex: range.lowerBound, documents: range.map(document)) }, document: document)
    }

    /// Serve's last index with the changed pages put in, when the pages are the same files in the same
    /// order with only bodies changed, and the villages and settings are the same (see `LastBodies`).
    func lastIndex() -> SiteIndex? {
        guard let bodyCache, bodyCache.keepsTexts, let last = bodyCache.last?.index, last.content.villages == content.villages,
            last.content.config == content.config, last.content.home == content.home,
            let changed = LastBodies.changed(content.pages, from: last.content.pages),
            changed.allSatisfy({ content.pages[$0].sameExceptBody(last.content.pages[$0]) })
        else { return nil }
        return last.replacing(changed, of: content)
    }

    /// What links in bodies can point to: every page's (`pagePaths`, see `pagePathsHash`) and village's
    /// source and output path, and the names of the site's files.
    func linkEnvironment(pagePaths: UInt64) -> UInt64 {
        var hash = StableHash()
        hash.add(layout)
        hash.add(pagePaths)
        for village in content.villages { hash.add(village.sourcePath) }
        hash.add(content.home?.sourcePath)
        return hash.value
    }

    /// Every page's source and output path, hashed.
    func pagePathsHash() -> UInt64 {
        var hash = StableHash()
        for page in content.pages {
            hash.add(page.sourcePath)
            hash.add(page.outputPath)
        }
        return hash.value
    }
}
