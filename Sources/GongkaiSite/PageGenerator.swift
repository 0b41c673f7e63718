import CTCMalloc
import Foundation
import GongkaiContent
import GongkaiDisclosure
import GongkaiMarkdown

/// Renders every page of the portal to memory, phase by phase (see `Phase`). Pages are independent,
/// so bodies and pages render in parallel; the result is ordered by path, so output never depends on
/// scheduling.
struct PageGenerator {
    let content: SiteContent
    let files: SiteFiles
    let theme: Theme
    let asOf: Day
    let disclosure: DisclosureReport
    /// Bodies rendered by earlier builds of the same process (`gongkai serve`).
    var bodyCache: BodyCache? = nil
    /// Search index blocks of earlier builds of the same process.
    var searchBlocks: SearchIndex.BlockCache? = nil
    /// The session's early cutoff for outputs whose page and the site's structure are unchanged.
    var cutoff: PlanCutoff? = nil
    /// The search index kept between runs of `gongkai build`.
    var searchStore: SearchIndex.Store? = nil
    /// The names of the site's files (`BuildStamp.layout`).
    var layout: UInt64 = 0
    /// Where item and list pages are written as soon as they are rendered (see `OutputSink`).
    var sink: OutputSink? = nil
    /// `--strict`: warnings fail the build (and then nothing is written early).
    var strict = false
    var includeDrafts = false
    /// Called once every body is rendered (the build state's parts are then encoded beside the build).
    var afterBodies: (@Sendable () -> Void)? = nil

    /// Every output file, the files to copy into the output as (source, target), and what rendering
    /// found. `memo` holds the groups of the build that made the current output: those whose key is
    /// unchanged are not rendered again.
    func generate(timer: inout PhaseTimer, memo: OutputMemo = OutputMemo()) -> ([OutputFile], [(String, String)], [Diagnostic]) {
        let index = lastIndex() ?? SiteIndex(content)
        let renderer = BodyRenderer(
            index: index, files: files, allowRawHTML: content.config.allowRawHTML,
            joinLines: content.config.joinLines)
        var made = Generated()
        var (bodies, blocks) = renderBodies(renderer: renderer, timer: &timer)
        afterBodies?()
        let site = makeContexts(bodies, index: index, renderer: renderer, memo: memo, made: &made, timer: &timer)
        // The search index first: its blocks (the tokens of every page, ~370 MB at 100,000 pages) go
        // before the item pages are rendered, not at the end (the build's peak memory held both).
        let generator = self
        let tokenised = blocks.reduce(0) { $0 + ($1.isStored ? 0 : $1.count) }
        let shards = site.searchPages(
            bodies, blocks: blocks, store: searchStore, remake: { generator.remadeSearchBlock($0, renderer: renderer) }, made: &made)
        blocks = []
        // Many (3 bytes an entry), and no session keeping them: given back to the system once the run
        // hashes are made of them (else the pages' memory comes on top of theirs, which glibc keeps).
        if tokenised > 1 << 24 && searchBlocks == nil {
            searchStore?.waitForRuns()
            PageGenerator.releaseFreedMemory()
        }
        timer.mark(
            .search,
            note: searchBlocks.map { "\($0.hits) blocks from the session\($0.note)" } ?? searchStore.map { "\($0.note), \($0.tokenisedPages) pages tokenised" })
        site.itemPages(&bodies, made: &made)
        timer.mark(.items, note: cutoff.map { "\($0.keptCount) kept, not planned" })
        site.listPages(made: &made)
        timer.mark(.lists)
        site.ownerPages(made: &made)
        timer.mark(.owners)
        site.archivePages(made: &made)
        timer.mark(.archives)
        site.galleryPages(made: &made)
        timer.mark(.galleries)
        site.feedPages(shards: shards, made: &made)
        timer.mark(.feeds)
        // What the phases shared (the contexts, every page's body: ~14 M instructions to free at 10k pages)
        // is freed on another thread, not on the build's while the other core has little to do.
        LetGo.later((consume site, consume bodies))
        // The cutoff sorts as the last build did when the same paths were made in the same order.
        guard let cutoff else { return made.finished() }
        return made.finished(sort: cutoff.sortByPath)
    }

    /// Gives the pages of freed memory back to the system (tcmalloc keeps them for later otherwise), so
    /// that what was freed counts no more in the build's peak memory.
    static func releaseFreedMemory() {
        MallocExtension_ReleaseFreeMemory()
    }
}
