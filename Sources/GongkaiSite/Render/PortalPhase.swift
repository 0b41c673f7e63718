import GongkaiContent
import GongkaiMarkdown

/// The pages that make the portal more than its lists: tags, yearly archives and model galleries
/// (here), 站内搜索 (`SearchPhase`), feeds and sitemap (`FeedsPhase`). Each page type comes from its own
/// file; these phases call them. What they make must not take the place of a content page (a folder
/// named `archive`…): `Generated.finished` leaves such pages out, and they are not written early.
extension RenderContext {
    /// The archives phase: the tag index, and the yearly archives of each village and of the county.
    func archivePages(made: inout Generated) {
        made.taken = cutoff?.pathSet(made.outputs) ?? FileTable(paths: made.outputs)
        let taken = made.taken
        @Sendable func emitUnlessTaken(_ file: OutputFile) -> OutputFile { taken.contains(file.path) ? file : emit(file) }
        // The tag index and archives show the structure and entries only: kept whole while neither changed.
        phase("archives", made: &made, run: { planArchivePages(made: &$0, emitUnlessTaken) }, keep: { files, made in made.portal += files })
    }

    private func planArchivePages(made: inout Generated, _ emitUnlessTaken: @escaping @Sendable (OutputFile) -> OutputFile) {
        var owners: [Archives.Owner] = content.villages.map { village in
            Archives.Owner(
                name: village.name, folder: Paths.villageFolder(village.id), pages: index.pagesByVillage[village.id] ?? [],
                breadcrumbs: Link.villageTrail(id: village.id, name: village.name))
        }
        owners.append(Archives.Owner(name: countyName, folder: "county", pages: index.countyPages, breadcrumbs: countyTrail))
        // The tag index beside the archives; the county's (the largest) handed out first. What they give is
        // added as before: the tag index, then the owners in order.
        let county = owners.count - 1
        let jobs = [county, -1] + Array(0..<county)
        let all = owners
        let files = parallelMap(jobs) { n -> [OutputFile] in
            if n < 0 { return [memo.makeOne(TagPages.planned(content, folders: contexts.tagFolders), in: env)] }
            return memo.make(Archives.planned(all[n], entry: entry), in: env).map(emitUnlessTaken)
        }
        made.portal += files[1]
        for n in 2..<files.count { made.portal += files[n] }
        made.portal += files[0]
    }

    /// The galleries phase: 道德模范风采, the site's and each village's and the county's.
    func galleryPages(made: inout Generated) {
        let models = index.pagesByKind[.model] ?? []
        made.diagnostics += ModelsGallery.diagnostics(models)
        phase("galleries", made: &made, run: { planGalleryPages(made: &$0, models: models) }, keep: { files, made in made.portal += files })
    }

    private func planGalleryPages(made: inout Generated, models: [Page]) {
        made.portal.append(
            memo.makeOne(
                ModelsGallery.planned(
                    pages: models, heading: "道德模范风采", ownerFolder: nil,
                    breadcrumbs: [.home, Link(Kind.model.chineseName, Paths.listPage(Kind.model.folder, number: 1))], contexts: contexts), in: env))
        made.portal += parallelMap(content.villages) { village -> OutputFile? in
            let ofVillage = (index.pagesByVillage[village.id] ?? []).filter { $0.kind == .model }
            if ofVillage.isEmpty { return nil }
            let folder = Paths.villageFolder(village.id)
            return memo.makeOne(
                ModelsGallery.planned(
                    pages: ofVillage, heading: "\(village.name) · 道德模范风采", ownerFolder: folder,
                    breadcrumbs: Link.villageTrail(id: village.id, name: village.name)
                        + [Link(Kind.model.chineseName, Paths.listPage(Paths.kindFolder(Kind.model.folder, owner: folder), number: 1))],
                    contexts: contexts), in: env)
        }.compactMap { $0 }
        let countyModels = index.countyPages.filter { $0.kind == .model }
        if !countyModels.isEmpty {
            made.portal.append(
                memo.makeOne(
                    ModelsGallery.planned(
                        pages: countyModels, heading: "\(countyName) · 道德模范风采", ownerFolder: "county",
                        breadcrumbs: countyTrail
                            + [Link(Kind.model.chineseName, Paths.listPage(Paths.kindFolder(Kind.model.folder, owner: "county"), number: 1))],
                        contexts: contexts), in: env))
        }
    }
}
