import GongkaiContent
import GongkaiMarkdown

extension RenderContext {
    /// The lists phase: per village and kind, county and kind, site-wide per kind, and per tag; each
    /// cut into pages of site.yaml's `page-size`.
    func listPages(made: inout Generated) {
        var lists: [ListJob] = []
        for village in content.villages {
            let pages = index.pagesByVillage[village.id] ?? []
            for kind in Kind.allCases {
                let ofKind = pages.filter { $0.kind == kind }
                if ofKind.isEmpty { continue }
                lists += portalLists(ListJob(folder: Paths.kindFolder(kind.folder, owner: Paths.villageFolder(village.id)),
                                     title: "\(village.name) · \(kind.chineseName)", pages: ofKind, current: kind.folder,
                                     breadcrumbs: Link.villageTrail(id: village.id, name: village.name),
                                     feed: Link("\(village.name) 最新内容", Feeds.village(village.id))),
                                     kind: kind, ownerFolder: Paths.villageFolder(village.id))
            }
        }
        for kind in Kind.allCases {
            let ofKind = index.countyPages.filter { $0.kind == kind }
            if !ofKind.isEmpty {
                lists += portalLists(ListJob(folder: Paths.kindFolder(kind.folder, owner: "county"), title: "\(countyName) · \(kind.chineseName)",
                                     pages: ofKind, current: kind.folder, breadcrumbs: countyTrail,
                                     feed: Link("\(countyName) 最新内容", Feeds.county)),
                                     kind: kind, ownerFolder: "county")
            }
            lists += portalLists(ListJob(folder: kind.folder, title: kind.chineseName, pages: index.pagesByKind[kind] ?? [],
                                 current: kind.folder, breadcrumbs: [.home], feed: Link("\(kind.chineseName) 最新内容", Feeds.kind(kind))),
                                 kind: kind, ownerFolder: nil)
        }
        lists += TagPages.jobs(content, folders: contexts.tagFolders)
        let pageSize = content.config.pageSize
        let listPages = lists.flatMap { job in job.paginated(job.pageSize ?? pageSize, asOf: asOf) }
        made.outputs += parallelMap(listPages) { list in
            emit(memo.output(Paths.listPage(list.job.folder, number: list.number), key: list.key(keys)) { listPage(list) })
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

    func listPage(_ list: ListPage) -> OutputFile {
        let job = list.job
        let path = Paths.listPage(job.folder, number: list.number)
        let title = list.number > 1 ? "\(job.title)（第\(list.number)页）" : job.title
        var context = contexts.base(path: path, title: title, current: job.current, breadcrumbs: job.breadcrumbs)
        context["heading"] = job.title
        if let feed = job.feed, contexts.hasFeeds { context["feeds"] = contexts.feedLinks(from: path, extra: [feed]) }
        if !job.links.isEmpty { context["links"] = job.links.map { Record(["title": $0.title, "href": Paths.relative(from: path, to: $0.target)]) } }
        if let note = job.note { context["note"] = note }
        context["items"] = job.pages[list.range].map { page -> Record in
            var entry = contexts.entry(page, from: path)
            if !job.summaries { entry["summary"] = nil }
            return entry
        }
        context["count"] = job.pages.count
        if let updated = list.updated {
            context["updated"] = updated.chinese
            context["updatedISO"] = updated.description
        }
        if job.pages.isEmpty { context["empty"] = true }
        if list.total > 1 {
            var pager = Record(["number": list.number, "total": list.total])
            if list.number > 1 { pager["prev"] = Paths.relative(from: path, to: Paths.listPage(job.folder, number: list.number - 1)) }
            if list.number < list.total { pager["next"] = Paths.relative(from: path, to: Paths.listPage(job.folder, number: list.number + 1)) }
            // A window of page numbers (first, last, two either side of this one): linking every page
            // from every page would make long lists quadratic in size.
            let window = Set([1, list.total] + Array(max(1, list.number - 2)...min(list.total, list.number + 2)))
            var numbers: [Record] = []
            for n in window.sorted() {
                if let previous = (numbers.last?["number"] as? Int), n > previous + 1 { numbers.append(Record(["gap": true])) }
                var entry = Record(["number": n, "href": Paths.relative(from: path, to: Paths.listPage(job.folder, number: n))])
                if n == list.number { entry["current"] = true }
                numbers.append(entry)
            }
            pager["pages"] = numbers
            context["pager"] = pager
        }
        return OutputFile(path, bytes: theme.renderBytes("list", context))
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
            ListPage(job: self, number: number, total: total,
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

    /// A page of a list shows its own entries, and the list's title, links, size, pager and last update.
    func key(_ keys: BuildKeys) -> UInt64 {
        keys.key(job.pages[range]) { hash in
            hash.add(updated?.description ?? "")
            for text in [job.folder, job.title, job.current, job.feed?.title ?? "", job.feed?.target ?? "", job.note ?? ""] { hash.add(text) }
            for link in job.breadcrumbs + job.links {
                hash.add(link.title)
                hash.add(link.target)
            }
            for n in [number, total, job.pages.count, job.summaries ? 1 : 0] { hash.add(n) }
        }
    }
}
