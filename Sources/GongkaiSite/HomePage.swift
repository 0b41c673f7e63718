import GongkaiContent

/// The home page: the site's intro, the villages, the newest pages of each kind, upcoming lectures and
/// the disclosure check's totals.
enum HomePage: PageType {
    struct Inputs: Codable {
        var intro: String
        var villages: [VillageCard]
        var sections: [OwnerSection]
        var upcoming: [ListEntry]
        var published: Int
        var late: Int
        var missing: Int
        var pending: Int
    }

    static func planned(
        intro: String, villages: [Village], summary: (published: Int, late: Int, missing: Int, pending: Int),
        contexts: PageContexts, entry: (Page) -> ListEntry
    ) -> PlannedOutput<HomePage> {
        let index = contexts.index
        let asOf = contexts.asOf
        // Site-wide, so the pages of each kind as the kind's list has them.
        let sections = Kind.allCases.compactMap { kind -> OwnerSection? in
            let pages = index.pagesByKind[kind] ?? []
            if pages.isEmpty { return nil }
            return OwnerSection(
                kind: kind.rawValue, title: kind.chineseName, count: pages.count,
                items: pages.prefix(OwnerSection.preview).map(entry), target: Paths.listPage(kind.folder, number: 1),
                updated: SectionUpdated.newest(pages, asOf: asOf))
        }
        let upcoming = (index.pagesByKind[.lecture] ?? []).filter { $0.fields.held.map { $0 > asOf } ?? false }
            .sorted { ($0.fields.held ?? asOf) < ($1.fields.held ?? asOf) }
        return PlannedOutput(
            .home, HomePage.self,
            Inputs(
                intro: intro, villages: VillageCard.all(villages, index: index), sections: sections,
                upcoming: upcoming.map(entry), published: summary.published, late: summary.late,
                missing: summary.missing, pending: summary.pending))
    }

    static func render(_ inputs: Inputs, in env: RenderEnvironment) -> [OutputFile] {
        let path = Paths.home
        var context = env.base(path: path, title: nil, current: "home")
        if !inputs.intro.isEmpty { context["intro"] = inputs.intro }
        context["villages"] = inputs.villages.map { $0.record(from: path) }
        context["sections"] = inputs.sections.map { $0.record(from: path) }
        if !inputs.upcoming.isEmpty { context["upcoming"] = inputs.upcoming.map { $0.record(from: path) } }
        context["disclosureSummary"] = Record([
            "published": inputs.published, "late": inputs.late, "missing": inputs.missing,
            "pending": inputs.pending, "asOf": env.asOf.chinese,
            "href": Paths.relative(from: path, to: Paths.disclosure),
        ])
        return [OutputFile(path, bytes: env.renderBytes("home", context))]
    }
}

/// 村（社区）: a card per village, and the county's pages when there are any.
enum VillagesPage: PageType {
    struct Inputs: Codable {
        var villages: [VillageCard]
        var countyName: String
        var countyPages: Int
    }

    static func planned(villages: [Village], countyName: String, index: SiteIndex) -> PlannedOutput<VillagesPage> {
        PlannedOutput(
            .villages, VillagesPage.self,
            Inputs(villages: VillageCard.all(villages, index: index), countyName: countyName, countyPages: index.countyPages.count))
    }

    static func render(_ inputs: Inputs, in env: RenderEnvironment) -> [OutputFile] {
        let path = Paths.villages
        var context = env.base(path: path, title: "村（社区）", current: "villages", breadcrumbs: [.home])
        context["villages"] = inputs.villages.map { $0.record(from: path) }
        if inputs.countyPages > 0 {
            context["county"] = Record(["name": inputs.countyName, "href": Paths.relative(from: path, to: Paths.county), "total": inputs.countyPages])
        }
        return [OutputFile(path, bytes: env.renderBytes("villages", context))]
    }
}

/// The 404 page, the stylesheet and the script: made from the theme and settings alone.
enum ThemeFiles: PageType {
    struct Inputs: Codable {}

    static func render(_ inputs: Inputs, in env: RenderEnvironment) -> [OutputFile] {
        var notFound = env.base(path: Paths.notFound, title: "页面未找到", current: nil)
        notFound["absoluteHome"] = true
        return [
            OutputFile(Paths.notFound, bytes: env.renderBytes("notfound", notFound)),
            OutputFile(Paths.stylesheet, env.theme.stylesheet), OutputFile(Paths.script, env.theme.script),
        ]
    }
}
