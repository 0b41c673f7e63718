import GongkaiContent
import GongkaiMarkdown

extension RenderContext {
    /// The lists phase: per village and kind, county and kind, site-wide per kind, and per tag; each
    /// cut into pages of site.yaml's `page-size`.
    func listPages(made: inout Generated) {
        // Lists show the structure and entries only: kept whole while neither changed.
        phase("lists", made: &made, run: planListPages) { files, made in made.outputs += files }
    }

    private func planListPages(made: inout Generated) {
        var lists: [ListJob] = []
        for village in content.villages {
            let pages = index.pagesByVillage[village.id] ?? []
            for kind in Kind.allCases {
                let ofKind = pages.filter { $0.kind == kind }
                if ofKind.isEmpty { continue }
                lists += portalLists(
                    ListJob(
                        folder: Paths.kindFolder(kind.folder, owner: Paths.villageFolder(village.id)),
                        title: "\(village.name) · \(kind.chineseName)", pages: ofKind, current: kind.folder,
                        breadcrumbs: Link.villageTrail(id: village.id, name: village.name),
                        feed: Link("\(village.name) 最新内容", Feeds.village(village.id))),
                    kind: kind, ownerFolder: Paths.villageFolder(village.id))
            }
        }
        for kind in Kind.allCases {
            let ofKind = index.countyPages.filter { $0.kind == kind }
            if !ofKind.isEmpty {
                lists += portalLists(
                    ListJob(
                        folder: Paths.kindFolder(kind.folder, owner: "county"), title: "\(countyName) · \(kind.chineseName)",
                        pages: ofKind, current: kind.folder, breadcrumbs: countyTrail,
                        feed: Link("\(countyName) 最新内容", Feeds.county)),
                    kind: kind, ownerFolder: "county")
            }
            lists += portalLists(
                ListJob(
                    folder: kind.folder, title: kind.chineseName, pages: index.pagesByKind[kind] ?? [],
                    current: kind.folder, breadcrumbs: [.home], feed: Link("\(kind.chineseName) 最新内容", Feeds.kind(kind))),
                kind: kind, ownerFolder: nil)
        }
        lists += TagPages.jobs(content, folders: contexts.tagFolders)
        let pageSize = content.config.pageSize
        let listPages = lists.flatMap { job in job.paginated(job.pageSize ?? pageSize, asOf: asOf) }
        made.outputs += parallelMap(listPages) { list in
            emit(memo.makeOne(list.planned(entry: entry), in: env))
        }
    }

    /// A kind's list as the generator makes it, with what the portal adds: notices past `expires`
    /// move to an 往期 list; model lists link their gallery.
    func portalLists(_ job: ListJob, kind: Kind, ownerFolder: String?) -> [ListJob] {
        switch kind {
        case .notice:
            return Archives.splitNotices(job, isExpired: contexts.isExpired)
        case .model:
            var job = job
            job.links.append(Link("按类别和年份浏览（道德模范风采）", ModelsGallery.path(ownerFolder: ownerFolder)))
            return [job]
        case .lecture, .regulation, .disclosure, .article:
            return [job]
        }
    }
}

/// A list of pages (a kind's, a village's kind, a tag's, 往期), before it is cut into pages.
struct ListJob {
    var folder: String
    var title: String
    var pages: [Page]
    var current: String
    var breadcrumbs: [Link]
    /// The Atom feed the list follows, linked from its head when feeds exist.
    var feed: Link? = nil
    /// Links shown above the list (往期, 风采).
    var links: [Link] = []
    var note: String? = nil
    /// Whether entries show their summaries (tag lists leave them out: they repeat the kind lists).
    var summaries = true
    /// Entries per page when not site.yaml's `page-size` (tag lists, of titles only, hold more).
    var pageSize: Int? = nil

    func paginated(_ size: Int, asOf: Day) -> [ListPage] {
        let total = max(1, (pages.count + size - 1) / size)
        let updated = SectionUpdated.newest(pages, asOf: asOf)
        return (1...total).map { number in
            ListPage(
                job: self, number: number, total: total,
                range: ((number - 1) * size)..<min(pages.count, number * size), updated: updated)
        }
    }
}

/// One page of a list: its number, the count of pages, and which of the list's entries it shows.
struct ListPage {
    var job: ListJob
    var number: Int
    var total: Int
    var range: Range<Int>
    /// The list's newest page dated on or before the as-of day (最近更新), found once per list.
    var updated: Day? = nil

    /// What the page shows: its entries, and the list's title, links, size, pager and last update.
    func planned(entry: (Page) -> ListEntry) -> PlannedOutput<PagedList> {
        let items = job.pages[range].map { job.summaries ? entry($0) : entry($0).withoutSummary }
        return PlannedOutput(
            .list(folder: job.folder, number: number), PagedList.self,
            PagedList.Inputs(
                folder: job.folder, number: number, total: total, heading: job.title, current: job.current,
                breadcrumbs: job.breadcrumbs, feed: job.feed, links: job.links, note: job.note,
                items: items, count: job.pages.count, updated: updated))
    }
}
