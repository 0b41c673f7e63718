import GongkaiContent
import GongkaiDisclosure
import GongkaiMarkdown

extension RenderContext {
    /// The owners phase: each village's page (with its intro) and phone QR code, the villages' index,
    /// the county's page, the home page, the disclosure overview, and the theme's 404 page and assets.
    func ownerPages(made: inout Generated) {
        // Villages, county, home and the disclosure overview show the structure, entries, the villages'
        // and home's intros and the disclosure report (made from the structure, and from bodies only
        // with the site's health findings): kept whole while none of them changed.
        guard disclosure.healthSettings == nil else { return planOwnerPages(made: &made) }
        let stamp = InputKey.of(content.villages, global: InputKey.of(content.home, global: 0, type: "HomeText?"), type: "Villages")
        phase("owners", stamp: stamp, made: &made, run: planOwnerPages) { files, made in made.outputs += files }
    }

    private func planOwnerPages(made: inout Generated) {
        // Each village's results, found in one pass over the report (not one pass per village).
        let resultsByVillage = Dictionary(grouping: disclosure.results.filter { $0.period != nil }, by: \.village)
        let disclosurePage = DisclosurePage(report: disclosure, index: index, contexts: contexts, theme: theme)
        // The villages' pages on all cores, and beside them (one more job, the first handed out: it is the
        // largest) the county's, home and the overview; what they give is added in this order.
        let villages = content.villages
        let results = parallelMap(Array(-1..<villages.count)) { n -> (intros: [RenderedBody], outputs: [OutputFile]) in
            if n < 0 { return sitePages(disclosurePage) }
            let village = villages[n]
            let path = Paths.village(village.id)
            let intro = renderer.render(village.body, firstLine: village.bodyLine, source: village.sourcePath, output: path)
            let record = disclosurePage.villageRecord(resultsByVillage[village.id] ?? [], from: path)
            var outputs = [
                emit(
                    memo.makeOne(VillagePage.planned(village, intro: intro.html, contexts: contexts, entry: entry, disclosure: record), in: env)
                        .measured(as: .village))
            ]
            if let qr = phoneQR(path) { outputs.append(qr) }
            return ([intro], outputs)
        }
        for (intros, outputs) in results.dropFirst() + results.prefix(1) {
            for intro in intros {
                made.introDiagnostics += intro.diagnostics
                made.copies += intro.copies.compactMap { source in index.outputPath(forSource: source).map { (source, $0) } }
            }
            made.outputs += outputs
        }
    }

    /// The villages' index, the county's page, home, the disclosure overview and the theme's files, in
    /// that order; with home's intro, when there is one.
    private func sitePages(_ disclosurePage: DisclosurePage) -> (intros: [RenderedBody], outputs: [OutputFile]) {
        var outputs: [OutputFile] = []
        var intros: [RenderedBody] = []
        outputs.append(memo.makeOne(VillagesPage.planned(villages: content.villages, countyName: countyName, index: index), in: env))
        outputs.append(memo.makeOne(VillagePage.plannedCounty(name: countyName, pages: index.countyPages, contexts: contexts, entry: entry), in: env))
        if let qr = phoneQR(Paths.county) { outputs.append(qr) }
        var homeIntro = ""
        if let home = content.home {
            let intro = renderer.render(home.body, firstLine: home.bodyLine, source: home.sourcePath, output: Paths.home)
            intros.append(intro)
            homeIntro = intro.html
        }
        let summary = disclosure.summary
        outputs.append(
            memo.makeOne(
                HomePage.planned(
                    intro: homeIntro, villages: content.villages,
                    summary: (summary.published, summary.late, summary.missing, summary.pending),
                    contexts: contexts, entry: entry), in: env))
        outputs.append(
            memo.makeOne(
                DisclosureOverview.planned(
                    DisclosurePage(
                        report: disclosure, index: index, contexts: contexts,
                        theme: theme)), in: env))
        outputs += memo.make(PlannedOutput(.theme, ThemeFiles.self, ThemeFiles.Inputs()), in: env)
        return (intros, outputs)
    }
}
