import GongkaiContent

/// A village's page (and the county's, which has the same template): its facts and intro, a section
/// per kind, upcoming lectures, its yearly archive and its disclosure record.
enum VillagePage: PageType {
    struct Inputs: Codable {
        var path: String
        var name: String
        /// The village's id; nil for the county.
        var id: String?
        var typeName: String
        var facts: [FieldRow]
        var total: Int
        var intro: String
        var breadcrumbs: [Link]
        var sections: [OwnerSection]
        var upcoming: [ListEntry]
        /// Years with pages and how many (the archive's pages are `ownerFolder/archive/<year>.html`).
        var years: [Year]
        var ownerFolder: String
        var feed: Link?
        var disclosure: TemplateValue?
    }

    struct Year: Codable {
        var year: Int
        var count: Int
    }

    static func planned(
        _ village: Village, intro: String, contexts: PageContexts, entry: (Page) -> ListEntry,
        disclosure: Record?
    ) -> PlannedOutput<VillagePage> {
        let path = Paths.village(village.id)
        let pages = contexts.index.pagesByVillage[village.id] ?? []
        let folder = Paths.villageFolder(village.id)
        let asOf = contexts.asOf
        let upcoming = pages.filter { $0.kind == .lecture && ($0.fields.held.map { $0 > asOf } ?? false) }
            .sorted { ($0.fields.held ?? asOf, $0.sourcePath) < ($1.fields.held ?? asOf, $1.sourcePath) }
        let inputs = Inputs(
            path: path, name: village.name, id: village.id, typeName: village.type.chineseName, facts: facts(village),
            total: pages.count, intro: intro, breadcrumbs: [.home, .villages],
            sections: OwnerSection.of(pages, asOf: asOf, entry: entry) {
                Paths.listPage(Paths.kindFolder($0.folder, owner: folder), number: 1)
            },
            upcoming: upcoming.map(entry),
            years: Archives.years(pages).map { Year(year: $0.year, count: $0.pages.count) },
            ownerFolder: folder, feed: Link("\(village.name) 最新内容", Feeds.village(village.id)),
            disclosure: disclosure.map(TemplateValue.of))
        return PlannedOutput(.village(village.id), VillagePage.self, inputs)
    }

    static func plannedCounty(name: String, pages: [Page], contexts: PageContexts, entry: (Page) -> ListEntry) -> PlannedOutput<VillagePage> {
        let inputs = Inputs(
            path: Paths.county, name: name, id: nil, typeName: "镇（县）级", facts: [], total: pages.count, intro: "",
            breadcrumbs: [.home],
            sections: OwnerSection.of(pages, asOf: contexts.asOf, entry: entry) {
                Paths.listPage(Paths.kindFolder($0.folder, owner: "county"), number: 1)
            },
            upcoming: [], years: [], ownerFolder: "county", feed: nil, disclosure: nil)
        return PlannedOutput(.county, VillagePage.self, inputs)
    }

    static func facts(_ village: Village) -> [FieldRow] {
        var facts: [FieldRow] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { facts.append(FieldRow(label: label, value: value)) }
        }
        add("类型", village.type.chineseName)
        add("所属乡镇（街道）", village.township)
        add("所属县（区）", village.county)
        add("户籍人口", village.population.map { "\(grouped($0))人" })
        add("户数", village.households.map { "\(grouped($0))户" })
        add("党组织", village.partyBranch)
        return facts
    }

    /// 12,345: digits in groups of three.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(abs(n)))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(d)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func render(_ inputs: Inputs, in env: RenderEnvironment) -> [OutputFile] {
        let path = inputs.path
        var context = env.base(path: path, title: inputs.name, current: "villages", breadcrumbs: inputs.breadcrumbs)
        var data = Record(["name": inputs.name, "typeName": inputs.typeName, "total": inputs.total])
        if let id = inputs.id {
            data["id"] = id
            data["facts"] = inputs.facts.map(\.record)
        }
        if !inputs.intro.isEmpty { data["intro"] = inputs.intro }
        if let qr = PhoneQR.figure(for: path, config: env.config) { data["qr"] = qr }
        context["village"] = data
        context["sections"] = inputs.sections.map { $0.record(from: path) }
        if !inputs.upcoming.isEmpty { context["upcoming"] = inputs.upcoming.map { $0.record(from: path) } }
        if !inputs.years.isEmpty {
            context["archive"] = inputs.years.map { year in
                Record([
                    "year": year.year, "count": year.count,
                    "href": Paths.relative(from: path, to: Archives.yearPath(ownerFolder: inputs.ownerFolder, year: year.year)),
                ])
            }
        }
        if env.hasFeeds, let feed = inputs.feed { context["feeds"] = env.feedLinks(from: path, extra: [feed]) }
        if let disclosure = inputs.disclosure { context["disclosure"] = disclosure.data }
        return [OutputFile(path, bytes: env.renderBytes("village", context))]
    }
}
