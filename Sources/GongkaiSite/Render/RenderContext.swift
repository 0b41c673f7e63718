import GongkaiContent
import GongkaiDisclosure
import GongkaiMarkdown

/// What every page-making phase reads, once the bodies are rendered: the site, its index and theme,
/// the data templates see, the groups' keys and the memo of the previous build, and the sink that
/// writes pages as they are made. Made by the contexts phase (`PageGenerator.makeContexts`).
struct RenderContext: Sendable {
    let content: SiteContent
    let files: SiteFiles
    let theme: Theme
    let asOf: Day
    let disclosure: DisclosureReport
    let index: SiteIndex
    /// Renders village and home intros (item bodies are rendered by the bodies phase).
    let renderer: BodyRenderer
    let contexts: PageContexts
    /// What every page type may read besides its inputs; its fingerprint is in every output's key.
    let env: RenderEnvironment
    /// Each page's entry (title, date, summary…) as lists show it, in the order of `content.pages`.
    let entries: [ListEntry]
    let entryNumbers: [String: Int]
    /// The groups of the build that made the current output: those whose key is unchanged are not rendered again.
    let memo: OutputMemo
    /// Where pages are written as soon as they are rendered (see `OutputSink`).
    let sink: OutputSink?
    /// 版本沿革 of the regulations.
    let history: RegulationHistory
    /// Search index blocks of earlier builds of the same process.
    let searchBlocks: SearchIndex.BlockCache?
    /// Whether a session keeps the bodies (then their HTML and text are not let go).
    let keepsBodies: Bool
    /// The session's early cutoff (`PlanCutoff`), begun for this build's structure; nil without a session.
    var cutoff: PlanCutoff? = nil
    /// Whether the structure is what it was at the session's last build (then the cutoff applies).
    var structureUnchanged = false
    /// Every page's entry key, in the site's order: what lists, archives and galleries show of pages.
    var entriesStamp: UInt64 = 0
    /// What the cutoff keeps of each page by its place (`PlanCutoff.placed`); empty without a cutoff.
    var placed: [PlanCutoff.Placed] = []

    /// An output planned only when the cutoff cannot keep it (see `PlanCutoff`); `stamp` is what the
    /// output is made from besides the structure.
    func make<Type: PageType>(
        _ id: OutputID, stamp: @autoclosure () -> UInt64, plan: () -> PlannedOutput<Type>
    ) -> [OutputFile] {
        guard let cutoff else { return memo.make(plan(), in: env) }
        return cutoff.make(id, stamp: stamp(), memo: memo, env: env, unchanged: structureUnchanged, plan: plan)
    }

    /// The file, written now by the sink when there is one.
    func emit(_ file: OutputFile) -> OutputFile { sink?.emit(file) ?? file }

    var countyName: String {
        content.config.footer.sponsor ?? "镇（县）级"
    }

    /// 首页 › the county: where the county's pages start their breadcrumbs.
    var countyTrail: [Link] { [.home, Link(countyName, Paths.county)] }

    /// A page's entry (made once for its own page, its print view and every list that shows it).
    func entry(_ page: Page) -> ListEntry {
        entryNumbers[page.sourcePath].map { entries[$0] } ?? ListEntry(page, contexts: contexts)
    }

    /// The 扫码在手机上看 code of the page at `page`, written as soon as it is made; nil when the page has
    /// none. It shows the page's address only.
    func phoneQR(_ page: String) -> OutputFile? {
        PhoneQR.planned(for: page, config: content.config).map { emit(memo.makeOne($0, in: env)) }
    }
}

/// What the generator has made so far: the output files, the files to copy into the output as
/// (source, target), and what rendering found.
struct Generated {
    var outputs: [OutputFile] = []
    var copies: [(String, String)] = []
    var diagnostics: [Diagnostic] = []
    /// What rendering the village and home intros found (reported after the rest).
    var introDiagnostics: [Diagnostic] = []
    /// Pages the portal adds (tags, archives, galleries, search, feeds), kept apart until `finished`:
    /// one that would take the place of a content page (a folder named `archive`…) is left out.
    var portal: [OutputFile] = []
    /// The paths of the pages made before the portal's (by their bytes, as the file system names files).
    var taken = FileTable()

    /// Everything, ordered by path (output never depends on scheduling); copies once per target.
    mutating func finished(sort: (inout [OutputFile]) -> Void = { $0.sort { $0.path < $1.path } }) -> ([OutputFile], [(String, String)], [Diagnostic]) {
        let clashing = portal.filter { taken.contains($0.path) }
        for file in clashing {
            diagnostics.append(
                .warning(
                    SiteConfig.fileName,
                    zh: "网页 \(file.path) 与内容页重名，已保留内容页。请给该内容页换一个文件夹名或 slug",
                    en: "the page \(file.path) clashes with a content page, which was kept. Give that content page another folder or slug"))
        }
        if !clashing.isEmpty { portal = portal.filter { !taken.contains($0.path) } }
        outputs += portal
        sort(&outputs)
        var seenCopies = Set<String>()
        copies = copies.filter { seenCopies.insert($0.1).inserted }.sorted { $0.1 < $1.1 }
        return (outputs, copies, diagnostics + introDiagnostics)
    }
}

extension PageGenerator {
    /// The contexts phase: summaries, chrome, rule and tag names, and the groups' keys.
    func makeContexts(
        _ bodies: [RenderedBody], index: SiteIndex, renderer: BodyRenderer, memo: OutputMemo,
        made: inout Generated, timer: inout PhaseTimer
    ) -> RenderContext {
        let pages = content.pages
        // Serve's last build, when its pages are the same files in the same order but a few, for the same
        // day, villages and settings (an entry shows its page, its summary, the owner's name and whether it expired).
        // Taken out of the session (it is set again below): the summaries and entries are then this
        // build's alone, patched in place rather than copied whole.
        let keepsTexts = bodyCache?.keepsTexts ?? false
        var kept = keepsTexts ? bodyCache?.last?.contexts : nil
        if kept != nil { bodyCache?.last?.contexts = nil }
        if let last = kept, last.asOf != asOf || last.villages != content.villages || last.config != content.config { kept = nil }
        let changed = kept.flatMap { LastBodies.changed(pages, from: $0.pages) }
        // What does not depend on the contexts is made beside them, on the core this phase leaves idle
        // (`gongkai build` after an edit: the tags' folders, the 版本沿革 of regulations, the entries'
        // numbers, ~20 ms at 10k pages on the main thread).
        let content = content
        let keepsTags = kept != nil && changed?.allSatisfy({ pages[$0].tags == kept!.pages[$0].tags }) == true
        let tagFolders = keepsTags ? nil : Deferred { TagPages.folders(content) }
        let numbers =
            changed != nil && kept != nil
            ? nil : Deferred { Dictionary(zip(pages.map(\.sourcePath), pages.indices), uniquingKeysWith: { a, _ in a }) }
        // 版本沿革 of regulations: each version compared with the one it supersedes.
        var regulationTexts: [String: RegulationText] = [:]
        // (By number: a body is not copied for this.)
        for n in pages.indices where pages[n].kind == .regulation { regulationTexts[pages[n].sourcePath] = bodies[n].regulationText }
        // Serve's last history while no regulation changed (see `RegulationHistory.kept`); else made again.
        // (A `gongkai build`'s cutoff ends with its process: no memo to keep.)
        let keptHistory = kept.flatMap { last in
            changed.flatMap { last.history?.kept(for: regulationTexts, changed: $0, pages: pages, lastPages: last.pages) }
        }
        let stamps = self.cutoff.flatMap { $0.recordsItems ? $0.historyStamps : nil }
        let madeHistory =
            keptHistory != nil ? nil : Deferred { [regulationTexts] in RegulationHistory(index: index, plainText: regulationTexts, stamps: stamps) }
        var summaries: [String: String] = [:]
        if changed != nil { swap(&summaries, &kept!.summaries) } else { summaries.reserveCapacity(pages.count) }
        // (By number: a body is not copied for this.)
        for n in pages.indices {
            if !bodies[n].diagnostics.isEmpty { made.diagnostics += bodies[n].diagnostics }
            for source in bodies[n].copies { if let target = index.outputPath(forSource: source) { made.copies.append((source, target)) } }
            // A body's summary was made with it (by the bodies phase, or by the session) when the page has none.
            if changed == nil { summaries[pages[n].sourcePath] = pages[n].summary ?? bodies[n].summary ?? "" }
        }
        for n in changed ?? [] { summaries[pages[n].sourcePath] = pages[n].summary ?? bodies[n].summary ?? "" }
        // A build that fails writes nothing early: a spare stays as its manifest describes it.
        if made.diagnostics.hasErrors || (strict && !made.diagnostics.isEmpty) { sink?.enabled = false }
        var contexts = PageContexts(index: index, summaries: summaries, asOf: asOf)
        for rule in disclosure.rules { contexts.ruleNames[rule.id] = rule.name }
        contexts.tagFolders = tagFolders?.value ?? kept!.tagFolders
        // The header and footer depend on the theme and the settings only: the last build's when both are the same.
        if let kept, theme.fingerprint != 0, kept.theme == theme.fingerprint {
            contexts.chrome = kept.chrome
        } else {
            contexts.renderChrome(theme: theme)
        }
        let keys = BuildKeys(
            content: content, files: files, theme: theme, asOf: asOf, includeDrafts: includeDrafts,
            ruleNames: contexts.ruleNames, feedPaths: contexts.feedPaths)
        timer.mark(.contexts)
        let history = keptHistory ?? madeHistory!.value
        made.diagnostics += history.diagnostics
        timer.mark(.history)
        let finished = contexts
        let cutoff = self.cutoff
        let entries: [ListEntry]
        let entryNumbers: [String: Int]
        if let changed, kept != nil {
            var known: [ListEntry] = []
            swap(&known, &kept!.entries)
            for n in changed { known[n] = cutoff?.entry(pages[n], contexts: finished) ?? ListEntry(pages[n], contexts: finished) }
            entries = known
            entryNumbers = kept!.entryNumbers
        } else {
            entries = cutoff?.entries(pages, contexts: finished) ?? parallelMap(Array(pages.indices)) { n in ListEntry(pages[n], contexts: finished) }
            entryNumbers = numbers!.value
        }
        if let bodyCache, keepsTexts {
            bodyCache.last?.index = index
            bodyCache.last?.contexts = LastBodies.Contexts(
                pages: pages, asOf: asOf, villages: content.villages, config: content.config, summaries: summaries, entries: entries,
                entryNumbers: entryNumbers,
                tagFolders: contexts.tagFolders, chrome: contexts.chrome, theme: theme.fingerprint, history: history)
        }
        var site = RenderContext(
            content: content, files: files, theme: theme, asOf: asOf, disclosure: disclosure, index: index,
            renderer: renderer, contexts: contexts,
            env: RenderEnvironment(contexts: contexts, theme: theme, fingerprint: keys.global),
            entries: entries, entryNumbers: entryNumbers, memo: memo, sink: sink, history: history,
            searchBlocks: searchBlocks, keepsBodies: bodyCache?.keepsTexts ?? false)
        if let cutoff {
            site.placed = cutoff.placed(pages)
            cutoff.begin(structure: site.structureFingerprint(cutoff, layout: layout))
            site.cutoff = cutoff
            site.structureUnchanged = cutoff.structureUnchanged
            var hash = StableHash()
            for entry in entries { hash.add(entry.key) }
            site.entriesStamp = hash.value
        }
        return site
    }
}
