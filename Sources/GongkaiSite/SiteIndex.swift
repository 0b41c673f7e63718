import GongkaiContent

/// Lookups over the loaded content that every page of the build needs, computed once.
struct SiteIndex {
    private(set) var content: SiteContent
    let villagesByID: [String: Village]
    private(set) var pagesBySource: [String: Page]
    /// Pages shown under each village (its own and county pages naming it), newest first.
    private(set) var pagesByVillage: [String: [Page]]
    /// Pages of each kind across the site, newest first.
    private(set) var pagesByKind: [Kind: [Page]]
    private(set) var countyPages: [Page]
    /// Regulations by owner and slug, and the newer version that supersedes each one (by source path).
    private(set) var regulations: [Owner: [String: Page]]
    private(set) var supersededBy: [String: Page]

    init(_ content: SiteContent) {
        self.content = content
        var villagesByID: [String: Village] = [:]
        for village in content.villages { villagesByID[village.id] = village }
        self.villagesByID = villagesByID
        var bySource: [String: Page] = [:]
        bySource.reserveCapacity(content.pages.count)
        var byVillage: [String: [Page]] = [:]
        var byKind: [Kind: [Page]] = [:]
        var county: [Page] = []
        // content.pages is already newest first; appending keeps that order.
        for page in content.pages {
            bySource[page.sourcePath] = page
            byKind[page.kind, default: []].append(page)
            if page.owner == .county { county.append(page) }
            // (Asked by key: a village is not copied out for this.)
            for id in page.shownInVillages where villagesByID.index(forKey: id) != nil {
                byVillage[id, default: []].append(page)
            }
        }
        self.pagesBySource = bySource
        self.pagesByVillage = byVillage
        self.pagesByKind = byKind
        self.countyPages = county
        var regulations: [Owner: [String: Page]] = [:]
        for page in content.pages where page.kind == .regulation {
            regulations[page.owner, default: [:]][page.slug] = page
        }
        var supersededBy: [String: Page] = [:]
        for page in content.pages where page.kind == .regulation {
            if let old = page.fields.supersedes, let previous = regulations[page.owner]?[old] {
                supersededBy[previous.sourcePath] = page
            }
        }
        self.regulations = regulations
        self.supersededBy = supersededBy
    }

    /// The index of `content`, whose pages are those of this index's content, in the same order, with
    /// `changed` (their numbers) differing only in their bodies: those pages put in where they stand.
    func replacing(_ changed: [Int], of content: SiteContent) -> SiteIndex {
        var index = self
        index.content = content
        for n in changed {
            let page = content.pages[n], path = page.sourcePath
            func put(_ list: inout [Page]) {
                if let i = list.firstIndex(where: { $0.sourcePath == path }) { list[i] = page }
            }
            index.pagesBySource[path] = page
            put(&index.pagesByKind[page.kind, default: []])
            if page.owner == .county { put(&index.countyPages) }
            for id in page.shownInVillages where index.pagesByVillage[id] != nil { put(&index.pagesByVillage[id]!) }
            if page.kind == .regulation {
                if index.regulations[page.owner]?[page.slug]?.sourcePath == path { index.regulations[page.owner]?[page.slug] = page }
                for (old, newer) in index.supersededBy where newer.sourcePath == path { index.supersededBy[old] = page }
            }
        }
        return index
    }

    func ownerName(_ owner: Owner) -> String {
        switch owner {
        case .village(let id): villagesByID[id]?.name ?? id
        case .county: content.config.footer.sponsor ?? "镇（县）级"
        }
    }

    func ownerHref(_ owner: Owner, from path: String) -> String {
        switch owner {
        case .village(let id): Paths.relative(from: path, to: Paths.village(id))
        case .county: Paths.relative(from: path, to: Paths.county)
        }
    }

    /// The output path a site-relative source path is published at: pages and village profiles by their
    /// URL, other files under `content/` mirrored without the `content/` prefix, `static/` at the root.
    func outputPath(forSource source: String) -> String? {
        if let page = pagesBySource[source] { return page.outputPath }
        if source.hasPrefix("content/villages/"), source.hasSuffix("/_village.md") {
            let id = source.dropFirst("content/villages/".count).dropLast("/_village.md".count)
            return villagesByID[String(id)] != nil ? Paths.village(String(id)) : nil
        }
        if source == "content/_index.md" { return Paths.home }
        if source.hasSuffix(".md") { return nil }
        if source.hasPrefix("content/") { return String(source.dropFirst("content/".count)) }
        if source.hasPrefix("static/") { return String(source.dropFirst("static/".count)) }
        return nil
    }
}
