import GongkaiContent
import GongkaiMarkdown

extension PageGenerator {
    /// The bodies phase: every page's Markdown rendered, and tokenised for 站内搜索, in blocks of pages.
    /// Without a session to keep them, a block's texts are then let go: a large site's text is hundreds
    /// of megabytes, which the peak memory of the build would otherwise hold to the end.
    func renderBodies(renderer: BodyRenderer, timer: inout PhaseTimer) -> (bodies: [RenderedBody], blocks: [SearchIndex.Block]) {
        bodyCache?.startBuild()
        let environment = bodyCache == nil ? 0 : linkEnvironment()
        let pages = content.pages
        let ranges = stride(from: 0, to: pages.count, by: SearchIndex.blockSize).map { $0..<min(pages.count, $0 + SearchIndex.blockSize) }
        searchBlocks?.startBuild()
        let rendered = parallelMap(ranges) { range -> ([RenderedBody], SearchIndex.Block) in
            var bodies = range.map { n -> RenderedBody in
                let page = pages[n]
                var body =
                    bodyCache?.body(page, renderer: renderer, environment: environment)
                    ?? renderer.render(
                        page.body, firstLine: page.bodyLine, source: page.sourcePath, output: page.outputPath,
                        isDisclosure: page.kind == .disclosure)
                if page.summary == nil && body.summary == nil { body.summary = ChineseText.summary(of: body.plainText) }
                // Without a session nothing renders this body again: its Markdown goes now (see `releaseBody`).
                if bodyCache == nil { page.releaseBody() }
                return body
            }
            // (Not made when serve's session has the block.)
            func documents() -> SearchIndex.NumberedDocuments {
                SearchIndex.NumberedDocuments(
                    startIndex: range.lowerBound,
                    documents: range.map { n in
                        SearchIndex.Document(page: pages[n], summary: pages[n].summary ?? "", plainText: bodies[n - range.lowerBound].plainText)
                    })
            }
            // The build state keeps no texts: its bodies' go here as without a session.
            let made = bodyCache?.keepsTexts == true ? nil : documents()
            let block = SearchIndex.block(key: SearchIndex.blockKey(range) { pages[$0] }, cache: searchBlocks) {
                SearchIndex.Block(made ?? documents(), pages: range)
            }
            // Regulations keep their text: 版本沿革 compares versions.
            if let documents = made {
                for (i, n) in range.enumerated() where pages[n].kind != .regulation {
                    bodies[i].readingMinutes = ChineseText.readingMinutes(bodies[i].plainText)
                    bodies[i].snippet = SearchIndex.snippetText(documents[n])
                    bodies[i].plainText = ""
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
        timer.mark(.bodies, note: bodyCache.map { "\($0.hits) bodies from the session" })
        return (bodies, blocks)
    }

    /// What links in bodies can point to: every page's and village's source and output path, and the
    /// names of the site's files.
    func linkEnvironment() -> UInt64 {
        var hash = StableHash()
        hash.add(layout)
        for page in content.pages {
            hash.add(page.sourcePath)
            hash.add(page.outputPath)
        }
        for village in content.villages { hash.add(village.sourcePath) }
        hash.add(content.home?.sourcePath)
        return hash.value
    }
}
