import GongkaiContent
import GongkaiMarkdown

extension RenderContext {
    /// The owners phase: each village's page (with its intro) and phone QR code, the villages' index,
    /// the county's page, the home page, the disclosure overview, and the theme's 404 page and assets.
    func ownerPages(made: inout Generated) {
        for village in content.villages {
            let path = Paths.village(village.id)
            let intro = renderer.render(village.body, firstLine: village.bodyLine, source: village.sourcePath, output: path)
            made.introDiagnostics += intro.diagnostics
            made.copies += intro.copies.compactMap { source in index.outputPath(forSource: source).map { (source, $0) } }
            let key = keys.key(index.pagesByVillage[village.id] ?? []) {
                $0.add(village.sourceHash)
                $0.add(intro.html)
                $0.add(keys.disclosure)
            }
            made.outputs.append(emit(memo.output(path, key: key) {
                villagePage(village, intro: intro.html)
            }.measured(as: .village)))
            if let qr = phoneQR(path) { made.outputs.append(qr) }
        }
        made.outputs.append(memo.output(Paths.villages, key: keys.all) { villagesPage() })
        made.outputs.append(memo.output(Paths.county, key: keys.key(index.countyPages)) { countyPage() })
        if let qr = phoneQR(Paths.county) { made.outputs.append(qr) }
        var homeIntro = ""
        if let home = content.home {
            let intro = renderer.render(home.body, firstLine: home.bodyLine, source: home.sourcePath, output: Paths.home)
            made.introDiagnostics += intro.diagnostics
            made.copies += intro.copies.compactMap { source in index.outputPath(forSource: source).map { (source, $0) } }
            homeIntro = intro.html
        }
        let homeKey = keys.key([]) {
            $0.add(keys.all)
            $0.add(keys.disclosure)
            $0.add(homeIntro)
        }
        made.outputs.append(memo.output(Paths.home, key: homeKey) { homePage(intro: homeIntro) })
        // With column health on, the overview shows every section's newest page: it depends on all pages.
        let overviewKey = disclosure.healthSettings == nil ? keys.disclosure : keys.key([]) {
            $0.add(keys.disclosure)
            $0.add(keys.all)
            // Whether a linked file exists is not in the pages' hashes: the findings say it.
            for finding in disclosure.findings { $0.add(finding.location + finding.zh) }
        }
        made.outputs.append(memo.output(Paths.disclosure, key: overviewKey) {
            DisclosurePage(report: disclosure, index: index, contexts: contexts, theme: theme).render()
        })
        made.outputs += memo.outputs("theme", key: keys.global) {
            var notFound = contexts.base(path: Paths.notFound, title: "页面未找到", current: nil)
            notFound["absoluteHome"] = true
            return [OutputFile(Paths.notFound, theme.render("notfound", notFound)),
                    OutputFile(Paths.stylesheet, theme.stylesheet), OutputFile(Paths.script, theme.script)]
        }
    }

    /// Sections of an owner's page: for each kind with items, the newest few and a link to all.
    func sections(_ pages: [Page], ownerFolder: String, from path: String) -> [Record] {
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

    func villagePage(_ village: Village, intro: String) -> OutputFile {
        let path = Paths.village(village.id)
        var context = contexts.base(path: path, title: village.name, current: "villages",
                                    breadcrumbs: [.home, .villages])
        let pages = index.pagesByVillage[village.id] ?? []
        var data = Record(["name": village.name, "id": village.id, "typeName": village.type.chineseName,
                                   "facts": villageFacts(village), "total": pages.count])
        if !intro.isEmpty { data["intro"] = intro }
        if let qr = PhoneQR.figure(for: path, config: contexts.config) { data["qr"] = qr }
        context["village"] = data
        context["sections"] = sections(pages, ownerFolder: Paths.villageFolder(village.id), from: path)
        let upcoming = pages.filter { $0.kind == .lecture && ($0.fields.held.map { $0 > asOf } ?? false) }
            .sorted { ($0.fields.held ?? asOf, $0.sourcePath) < ($1.fields.held ?? asOf, $1.sourcePath) }
        if !upcoming.isEmpty { context["upcoming"] = upcoming.map { contexts.entry($0, from: path) } }
        let years = Archives.yearLinks(pages, ownerFolder: Paths.villageFolder(village.id), from: path)
        if !years.isEmpty { context["archive"] = years }
        if contexts.hasFeeds { context["feeds"] = contexts.feedLinks(from: path, extra: [Link("\(village.name) 最新内容", Feeds.village(village.id))]) }
        if let record = DisclosurePage(report: disclosure, index: index, contexts: contexts, theme: theme).villageRecord(village.id, from: path) {
            context["disclosure"] = record
        }
        return OutputFile(path, theme.render("village", context))
    }

    func villageCards(from path: String) -> [Record] {
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

    func villagesPage() -> OutputFile {
        let path = Paths.villages
        var context = contexts.base(path: path, title: "村（社区）", current: "villages", breadcrumbs: [.home])
        context["villages"] = villageCards(from: path)
        if !index.countyPages.isEmpty {
            context["county"] = Record(["name": countyName, "href": Paths.relative(from: path, to: Paths.county), "total": index.countyPages.count])
        }
        return OutputFile(path, theme.render("villages", context))
    }

    func countyPage() -> OutputFile {
        let path = Paths.county
        var context = contexts.base(path: path, title: countyName, current: "villages", breadcrumbs: [.home])
        var data = Record(["name": countyName, "typeName": "镇（县）级", "total": index.countyPages.count])
        if let qr = PhoneQR.figure(for: path, config: contexts.config) { data["qr"] = qr }
        context["village"] = data
        context["sections"] = sections(index.countyPages, ownerFolder: "county", from: path)
        return OutputFile(path, theme.render("village", context))
    }

    func homePage(intro: String) -> OutputFile {
        let path = Paths.home
        var context = contexts.base(path: path, title: nil, current: "home")
        if !intro.isEmpty { context["intro"] = intro }
        context["villages"] = villageCards(from: path)
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
