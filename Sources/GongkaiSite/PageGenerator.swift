import Foundation
import GongkaiContent
import GongkaiDisclosure
import GongkaiMarkdown

/// Renders every page of the portal to memory. Pages are independent, so bodies and pages render in
/// parallel; the result is ordered by path, so output never depends on scheduling.
struct PageGenerator {
    let content: SiteContent
    let files: SiteFiles
    let theme: Theme
    let asOf: Day
    let disclosure: DisclosureReport
    /// Bodies rendered by earlier builds of the same process (`gongkai serve`).
    var bodyCache: BodyCache? = nil
    /// The names of the site's files (`BuildStamp.layout`).
    var layout: UInt64 = 0

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

    /// Search index blocks of earlier builds of the same process.
    var searchBlocks: SearchIndex.BlockCache? = nil
    /// Where item and list pages are written as soon as they are rendered (see `OutputSink`).
    var sink: OutputSink? = nil
    /// `--strict`: warnings fail the build (and then nothing is written early).
    var strict = false

    /// The file, written now by the sink when there is one.
    func emit(_ file: OutputFile) -> OutputFile { sink?.emit(file) ?? file }

    /// How many of the newest items a village or home page shows per kind before "更多".
    static let sectionPreview = 5

    /// Every output file, the files to copy into the output as (source, target), and what rendering
    /// found. `memo` holds the groups of the build that made the current output: those whose key is
    /// unchanged are not rendered again.
    func generate(timer: inout PhaseTimer, memo: OutputMemo = OutputMemo(), includeDrafts: Bool = false)
        -> ([OutputFile], [(String, String)], [Diagnostic]) {
        let index = SiteIndex(content)
        let renderer = BodyRenderer(index: index, files: files, allowRawHTML: content.config.allowRawHTML,
                                    joinLines: content.config.joinLines)
        bodyCache?.startBuild()
        let environment = bodyCache == nil ? 0 : linkEnvironment()
        // Bodies are rendered, and tokenised for 站内搜索, in blocks of pages. Without a session to keep
        // them, a block's texts are then let go: a large site's text is hundreds of megabytes, which the
        // peak memory of the build would otherwise hold to the end.
        let pages = content.pages
        let ranges = stride(from: 0, to: pages.count, by: SearchIndex.blockSize).map { $0..<min(pages.count, $0 + SearchIndex.blockSize) }
        searchBlocks?.startBuild()
        let rendered = parallelMap(ranges) { range -> ([RenderedBody], SearchIndex.Block) in
            var bodies = range.map { n -> RenderedBody in
                let page = pages[n]
                var body = bodyCache?.body(page, renderer: renderer, environment: environment)
                    ?? renderer.render(page.body, firstLine: page.bodyLine, source: page.sourcePath, output: page.outputPath,
                                           isDisclosure: page.kind == .disclosure)
                if page.summary == nil && body.summary == nil { body.summary = ChineseText.summary(of: body.plainText) }
                return body
            }
            // (Not made when a session has the block.)
            func documents() -> SearchIndex.NumberedDocuments {
                SearchIndex.NumberedDocuments(startIndex: range.lowerBound, documents: range.map { n in
                    SearchIndex.Document(page: pages[n], summary: pages[n].summary ?? "", plainText: bodies[n - range.lowerBound].plainText)
                })
            }
            let made = bodyCache == nil ? documents() : nil
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
        timer.mark(bodyCache.map { "markdown, search tokens (\($0.hits) bodies from the session)" } ?? "markdown, search tokens")
        var diagnostics: [Diagnostic] = []
        var copies: [(String, String)] = []
        var summaries: [String: String] = [:]
        for (page, body) in zip(pages, bodies) {
            diagnostics += body.diagnostics
            for source in body.copies { if let target = index.outputPath(forSource: source) { copies.append((source, target)) } }
            // A body's summary was made with it (above, or by the session) when the page has none.
            summaries[page.sourcePath] = page.summary ?? body.summary ?? ""
        }
        // A build that fails writes nothing early: a spare stays as its manifest describes it.
        if diagnostics.hasErrors || (strict && !diagnostics.isEmpty) { sink?.enabled = false }
        var contexts = PageContexts(index: index, summaries: summaries, asOf: asOf)
        for rule in disclosure.rules { contexts.ruleNames[rule.id] = rule.name }
        contexts.tagFolders = TagPages.folders(content)
        contexts.renderChrome(theme: theme)
        let keys = BuildKeys(content: content, files: files, theme: theme, asOf: asOf, includeDrafts: includeDrafts,
                             ruleNames: contexts.ruleNames, feedPaths: contexts.feedPaths)
        // 版本沿革 of regulations: each version compared with the one it supersedes.
        var regulationTexts: [String: String] = [:]
        for (page, body) in zip(content.pages, bodies) where page.kind == .regulation { regulationTexts[page.sourcePath] = body.plainText }
        timer.mark("summaries")
        let history = RegulationHistory(index: index, plainText: regulationTexts)
        diagnostics += history.diagnostics
        timer.mark("history")

        var outputs: [OutputFile] = []
        // Item pages.
        // By number, not by (page, body) pairs: copying a page is not free, and there are many.
        let numbers = Array(pages.indices)
        let itemKeys = parallelMap(numbers) { n in itemKey(pages[n], body: bodies[n], keys: keys, contexts: contexts) }
        outputs += parallelMap(numbers) { n in
            emit(memo.output(pages[n].outputPath, key: itemKeys[n]) {
                itemPage(pages[n], body: bodies[n], contexts: contexts, history: history.record(for: pages[n].sourcePath))
            }.measured(as: .item))
        }
        for page in pages { copies += itemCopies(page, index: index) }
        // 扫码在手机上看: the QR code of each item's public address (only with base-url).
        if content.config.baseURL != nil {
            outputs += parallelMap(numbers) { n in phoneQR(pages[n].outputPath, memo: memo, keys: keys) }.compactMap { $0 }
        }
        outputs += parallelMap(numbers.filter { PrintPage.kinds.contains(pages[$0].kind) }) { n in
            emit(memo.output(PrintPage.path(for: pages[n]), key: itemKeys[n]) {
                PrintPage.render(pages[n], body: bodies[n], contexts: contexts, theme: theme)
            })
        }
        // The bodies' HTML is not needed from here on: without a session keeping it, it goes now (and
        // the memory back to the system: ~30 MB less at the peak of a 50k-page build).
        if bodyCache == nil {
            for n in bodies.indices { bodies[n].html = "" }
            releaseFreedMemory()
        }
        timer.mark("items")
        // Lists: per village and kind, county and kind, site-wide per kind.
        var lists: [ListJob] = []
        for village in content.villages {
            let pages = index.pagesByVillage[village.id] ?? []
            for kind in Kind.allCases {
                let ofKind = pages.filter { $0.kind == kind }
                if ofKind.isEmpty { continue }
                lists += portalLists(ListJob(folder: Paths.kindFolder(kind.folder, owner: "villages/\(village.id)"),
                                     title: "\(village.name) · \(kind.chineseName)", pages: ofKind, current: kind.folder,
                                     breadcrumbs: [("首页", Paths.home), ("村（社区）", Paths.villages), (village.name, Paths.village(village.id))],
                                     feed: ("\(village.name) 最新内容", Feeds.village(village.id))),
                                     kind: kind, ownerFolder: "villages/\(village.id)", contexts: contexts)
            }
        }
        for kind in Kind.allCases {
            let ofKind = index.countyPages.filter { $0.kind == kind }
            if !ofKind.isEmpty {
                lists += portalLists(ListJob(folder: Paths.kindFolder(kind.folder, owner: "county"), title: "\(countyName) · \(kind.chineseName)",
                                     pages: ofKind, current: kind.folder, breadcrumbs: [("首页", Paths.home), (countyName, Paths.county)],
                                     feed: ("\(countyName) 最新内容", Feeds.county)),
                                     kind: kind, ownerFolder: "county", contexts: contexts)
            }
            lists += portalLists(ListJob(folder: kind.folder, title: kind.chineseName, pages: index.pagesByKind[kind] ?? [],
                                 current: kind.folder, breadcrumbs: [("首页", Paths.home)], feed: ("\(kind.chineseName) 最新内容", Feeds.kind(kind))),
                                 kind: kind, ownerFolder: nil, contexts: contexts)
        }
        lists += TagPages.jobs(content, folders: contexts.tagFolders)
        let pageSize = content.config.pageSize
        let listPages = lists.flatMap { job in job.paginated(job.pageSize ?? pageSize, asOf: asOf) }
        outputs += parallelMap(listPages) { list in
            emit(memo.output(Paths.listPage(list.job.folder, number: list.number), key: list.key(keys)) { listPage(list, contexts: contexts) })
        }

        timer.mark("lists")
        // Villages, county, home, disclosure overview, 404, assets.
        var introDiagnostics: [Diagnostic] = []
        for village in content.villages {
            let path = Paths.village(village.id)
            let intro = renderer.render(village.body, firstLine: village.bodyLine, source: village.sourcePath, output: path)
            introDiagnostics += intro.diagnostics
            copies += intro.copies.compactMap { source in index.outputPath(forSource: source).map { (source, $0) } }
            let key = keys.key(index.pagesByVillage[village.id] ?? []) {
                $0.add(village.sourceHash)
                $0.add(intro.html)
                $0.add(keys.disclosure)
            }
            outputs.append(emit(memo.output(path, key: key) {
                villagePage(village, intro: intro.html, index: index, contexts: contexts)
            }.measured(as: .village)))
            if let qr = phoneQR(path, memo: memo, keys: keys) { outputs.append(qr) }
        }
        outputs.append(memo.output(Paths.villages, key: keys.all) { villagesPage(index: index, contexts: contexts) })
        outputs.append(memo.output(Paths.county, key: keys.key(index.countyPages)) { countyPage(index: index, contexts: contexts) })
        if let qr = phoneQR(Paths.county, memo: memo, keys: keys) { outputs.append(qr) }
        var homeIntro = ""
        if let home = content.home {
            let intro = renderer.render(home.body, firstLine: home.bodyLine, source: home.sourcePath, output: Paths.home)
            introDiagnostics += intro.diagnostics
            copies += intro.copies.compactMap { source in index.outputPath(forSource: source).map { (source, $0) } }
            homeIntro = intro.html
        }
        let homeKey = keys.key([]) {
            $0.add(keys.all)
            $0.add(keys.disclosure)
            $0.add(homeIntro)
        }
        outputs.append(memo.output(Paths.home, key: homeKey) { homePage(intro: homeIntro, index: index, contexts: contexts) })
        // With column health on, the overview shows every section's newest page: it depends on all pages.
        let overviewKey = disclosure.healthSettings == nil ? keys.disclosure : keys.key([]) {
            $0.add(keys.disclosure)
            $0.add(keys.all)
            // Whether a linked file exists is not in the pages' hashes: the findings say it.
            for finding in disclosure.findings { $0.add(finding.location + finding.zh) }
        }
        outputs.append(memo.output(Paths.disclosure, key: overviewKey) {
            DisclosurePage(report: disclosure, index: index, contexts: contexts, theme: theme).render()
        })
        outputs += memo.outputs("theme", key: keys.global) {
            var notFound = contexts.base(path: Paths.notFound, title: "页面未找到", current: nil)
            notFound["absoluteHome"] = true
            return [OutputFile(Paths.notFound, theme.render("notfound", notFound)),
                    OutputFile(Paths.stylesheet, theme.stylesheet), OutputFile(Paths.script, theme.script)]
        }
        timer.mark("other pages")
        // Search, feeds, sitemap, tags, archives, galleries.
        let (portal, portalDiagnostics) = portalPages(index: index, bodies: bodies, searchBlocks: blocks, contexts: contexts, existing: outputs,
                                                      memo: memo, keys: keys, timer: &timer)
        outputs += portal
        diagnostics += portalDiagnostics
        outputs.sort { $0.path < $1.path }
        var seenCopies = Set<String>()
        copies = copies.filter { seenCopies.insert($0.1).inserted }.sorted { $0.1 < $1.1 }
        return (outputs, copies, diagnostics + introDiagnostics)
    }

    /// Gives memory freed in the middle of the heap back to the system (glibc keeps it otherwise), so
    /// that what was freed counts no more in the build's peak memory.
    func releaseFreedMemory() {
        PageGenerator.mallocTrim?(0)
    }

    /// glibc's `malloc_trim`, which Swift's Glibc module does not declare: looked up at run time.
    private typealias MallocTrim = @convention(c) (Int) -> Int32
    private static let mallocTrim: MallocTrim? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: MallocTrim.self)
    }()

    var countyName: String {
        content.config.footer.sponsor ?? "镇（县）级"
    }

    /// The 扫码在手机上看 code of the page at `page`, written as soon as it is made; nil when the page has
    /// none. It depends on the page's path and base-url only (base-url is in the global key).
    func phoneQR(_ page: String, memo: OutputMemo, keys: BuildKeys) -> OutputFile? {
        guard let address = PhoneQR.address(for: page, config: content.config) else { return nil }
        let path = PhoneQR.path(for: page)
        return emit(memo.output(path, key: keys.key([]) { $0.add(path) }) { PhoneQR.file(for: page, address: address) })
    }

    // MARK: Items

    /// What an item page shows besides its own page: its body as rendered (links to other pages), the
    /// folders of its tags and, for a regulation, the other versions of its owner's regulations.
    func itemKey(_ page: Page, body: RenderedBody, keys: BuildKeys, contexts: PageContexts) -> UInt64 {
        keys.key(CollectionOfOne(page)) {
            $0.add(body.htmlHash)
            for tag in page.tags { $0.add(contexts.tagFolders[tag]) }
            if page.kind == .regulation { $0.add(keys.regulations[page.owner] ?? 0) }
        }
    }

    /// Attachments and photo of an item page, as (source, target), copied next to it.
    func itemCopies(_ page: Page, index: SiteIndex) -> [(String, String)] {
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

    func itemPage(_ page: Page, body: RenderedBody, contexts: PageContexts, history: Record? = nil) -> OutputFile {
        let path = page.outputPath
        var crumbs: [(String, String)] = [("首页", Paths.home)]
        switch page.owner {
        case .village(let id):
            crumbs.append(("村（社区）", Paths.villages))
            crumbs.append((contexts.index.ownerName(page.owner), Paths.village(id)))
            crumbs.append((page.kind.chineseName, Paths.listPage(Paths.kindFolder(page.kind.folder, owner: "villages/\(id)"), number: 1)))
        case .county:
            crumbs.append((countyName, Paths.county))
            crumbs.append((page.kind.chineseName, Paths.listPage(Paths.kindFolder(page.kind.folder, owner: "county"), number: 1)))
        }
        var context = contexts.base(path: path, title: page.title, current: page.kind.folder, breadcrumbs: crumbs)
        if contexts.hasFeeds, let id = page.owner.villageID {
            context["feeds"] = contexts.feedLinks(from: path, extra: [("\(contexts.index.ownerName(page.owner)) 最新内容", Feeds.village(id))])
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

    // MARK: Lists

    struct ListJob {
        var folder: String
        var title: String
        var pages: [Page]
        var current: String
        var breadcrumbs: [(String, String)]
        /// The Atom feed the list follows, as (title, path), linked from its head when feeds exist.
        var feed: (String, String)? = nil
        /// Links shown above the list (往期, 风采), as (text, target path).
        var links: [(String, String)] = []
        var note: String? = nil
        /// Whether entries show their summaries (tag lists leave them out: they repeat the kind lists).
        var summaries = true
        /// Entries per page when not site.yaml's `page-size` (tag lists, of titles only, hold more).
        var pageSize: Int? = nil

        struct Page_ {
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
                    for text in [job.folder, job.title, job.current, job.feed?.0 ?? "", job.feed?.1 ?? "", job.note ?? ""] { hash.add(text) }
                    for (a, b) in job.breadcrumbs + job.links {
                        hash.add(a)
                        hash.add(b)
                    }
                    for n in [number, total, job.pages.count, job.summaries ? 1 : 0] { hash.add(n) }
                }
            }
        }

        func paginated(_ size: Int, asOf: Day) -> [Page_] {
            let total = max(1, (pages.count + size - 1) / size)
            let updated = SectionUpdated.newest(pages, asOf: asOf)
            return (1...total).map { number in
                Page_(job: self, number: number, total: total,
                      range: ((number - 1) * size)..<min(pages.count, number * size), updated: updated)
            }
        }
    }

    func listPage(_ list: ListJob.Page_, contexts: PageContexts) -> OutputFile {
        let job = list.job
        let path = Paths.listPage(job.folder, number: list.number)
        let title = list.number > 1 ? "\(job.title)（第\(list.number)页）" : job.title
        var context = contexts.base(path: path, title: title, current: job.current, breadcrumbs: job.breadcrumbs)
        context["heading"] = job.title
        if let feed = job.feed, contexts.hasFeeds { context["feeds"] = contexts.feedLinks(from: path, extra: [feed]) }
        if !job.links.isEmpty { context["links"] = job.links.map { Record(["title": $0.0, "href": Paths.relative(from: path, to: $0.1)]) } }
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

    // MARK: Villages and home

    /// Sections of an owner's page: for each kind with items, the newest few and a link to all.
    func sections(_ pages: [Page], ownerFolder: String, from path: String, contexts: PageContexts) -> [Record] {
        Kind.allCases.compactMap { kind -> Record? in
            let ofKind = pages.filter { $0.kind == kind }
            if ofKind.isEmpty { return nil }
            var section = Record([
                "kind": kind.rawValue, "title": kind.chineseName, "count": ofKind.count,
                "items": ofKind.prefix(Self.sectionPreview).map { contexts.entry($0, from: path) },
                "href": Paths.relative(from: path, to: Paths.listPage(Paths.kindFolder(kind.folder, owner: ownerFolder), number: 1)),
            ])
            if ofKind.count > Self.sectionPreview { section["more"] = true }
            SectionUpdated.add(ofKind, asOf: asOf, to: &section)
            return section
        }
    }

    func villageFacts(_ village: Village) -> [Record] {
        var facts: [Record] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { facts.append(Record(["label": label, "value": value])) }
        }
        add("类型", village.type.chineseName)
        add("所属乡镇（街道）", village.township)
        add("所属县（区）", village.county)
        add("户籍人口", village.population.map { "\(Self.grouped($0))人" })
        add("户数", village.households.map { "\(Self.grouped($0))户" })
        add("党组织", village.partyBranch)
        return facts
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(abs(n)))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(d)
        }
        return (n < 0 ? "-" : "") + out
    }

    func villagePage(_ village: Village, intro: String, index: SiteIndex, contexts: PageContexts) -> OutputFile {
        let path = Paths.village(village.id)
        var context = contexts.base(path: path, title: village.name, current: "villages",
                                    breadcrumbs: [("首页", Paths.home), ("村（社区）", Paths.villages)])
        let pages = index.pagesByVillage[village.id] ?? []
        var data = Record(["name": village.name, "id": village.id, "typeName": village.type.chineseName,
                                   "facts": villageFacts(village), "total": pages.count])
        if !intro.isEmpty { data["intro"] = intro }
        if let qr = PhoneQR.figure(for: path, config: contexts.config) { data["qr"] = qr }
        context["village"] = data
        context["sections"] = sections(pages, ownerFolder: "villages/\(village.id)", from: path, contexts: contexts)
        let upcoming = pages.filter { $0.kind == .lecture && ($0.fields.held.map { $0 > asOf } ?? false) }
            .sorted { ($0.fields.held ?? asOf, $0.sourcePath) < ($1.fields.held ?? asOf, $1.sourcePath) }
        if !upcoming.isEmpty { context["upcoming"] = upcoming.map { contexts.entry($0, from: path) } }
        let years = Archives.yearLinks(pages, ownerFolder: "villages/\(village.id)", from: path)
        if !years.isEmpty { context["archive"] = years }
        if contexts.hasFeeds { context["feeds"] = contexts.feedLinks(from: path, extra: [("\(village.name) 最新内容", Feeds.village(village.id))]) }
        if let record = DisclosurePage(report: disclosure, index: index, contexts: contexts, theme: theme).villageRecord(village.id, from: path) {
            context["disclosure"] = record
        }
        return OutputFile(path, theme.render("village", context))
    }

    func villageCards(index: SiteIndex, from path: String) -> [Record] {
        content.villages.map { village in
            let pages = index.pagesByVillage[village.id] ?? []
            var counts: [Record] = []
            for kind in Kind.allCases {
                let n = pages.lazy.filter { $0.kind == kind }.count
                if n > 0 { counts.append(Record(["kindName": kind.chineseName, "count": n])) }
            }
            var card = Record(["name": village.name, "href": Paths.relative(from: path, to: Paths.village(village.id)),
                               "typeName": village.type.chineseName, "total": pages.count, "counts": counts])
            if let township = village.township { card["township"] = township }
            return card
        }
    }

    func villagesPage(index: SiteIndex, contexts: PageContexts) -> OutputFile {
        let path = Paths.villages
        var context = contexts.base(path: path, title: "村（社区）", current: "villages", breadcrumbs: [("首页", Paths.home)])
        context["villages"] = villageCards(index: index, from: path)
        if !index.countyPages.isEmpty {
            context["county"] = Record(["name": countyName, "href": Paths.relative(from: path, to: Paths.county), "total": index.countyPages.count])
        }
        return OutputFile(path, theme.render("villages", context))
    }

    func countyPage(index: SiteIndex, contexts: PageContexts) -> OutputFile {
        let path = Paths.county
        var context = contexts.base(path: path, title: countyName, current: "villages", breadcrumbs: [("首页", Paths.home)])
        var data = Record(["name": countyName, "typeName": "镇（县）级", "total": index.countyPages.count])
        if let qr = PhoneQR.figure(for: path, config: contexts.config) { data["qr"] = qr }
        context["village"] = data
        context["sections"] = sections(index.countyPages, ownerFolder: "county", from: path, contexts: contexts)
        return OutputFile(path, theme.render("village", context))
    }

    func homePage(intro: String, index: SiteIndex, contexts: PageContexts) -> OutputFile {
        let path = Paths.home
        var context = contexts.base(path: path, title: nil, current: "home")
        if !intro.isEmpty { context["intro"] = intro }
        context["villages"] = villageCards(index: index, from: path)
        var latest: [Record] = []
        for kind in Kind.allCases {
            let pages = index.pagesByKind[kind] ?? []
            if pages.isEmpty { continue }
            var section = Record(["kind": kind.rawValue, "title": kind.chineseName, "count": pages.count,
                                          "items": pages.prefix(Self.sectionPreview).map { contexts.entry($0, from: path) },
                                          "href": Paths.relative(from: path, to: Paths.listPage(kind.folder, number: 1))])
            if pages.count > Self.sectionPreview { section["more"] = true }
            SectionUpdated.add(pages, asOf: asOf, to: &section)
            latest.append(section)
        }
        context["sections"] = latest
        let upcoming = (index.pagesByKind[.lecture] ?? []).filter { $0.fields.held.map { $0 > asOf } ?? false }
        if !upcoming.isEmpty {
            context["upcoming"] = upcoming.sorted { ($0.fields.held ?? asOf) < ($1.fields.held ?? asOf) }.map { contexts.entry($0, from: path) }
        }
        let summary = disclosure.summary
        context["disclosureSummary"] = Record(["published": summary.published, "late": summary.late, "missing": summary.missing,
                                               "pending": summary.pending, "asOf": asOf.chinese,
                                               "href": Paths.relative(from: path, to: Paths.disclosure)])
        return OutputFile(path, theme.render("home", context))
    }
}
