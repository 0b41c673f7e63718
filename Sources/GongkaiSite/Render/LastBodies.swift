import GongkaiContent

/// What the last build of serve's session made of its pages' bodies, in its page order: each page's
/// body, summary and list entry, and the tags' folders. A build whose pages are the same files in the
/// same order but a few (a body edit: same paths, same source hashes elsewhere) takes every other
/// page's from here by its number, without a look-up per page, and makes only the changed ones.
///
/// Kept only where bodies keep their texts (serve's session); `gongkai build`'s state keeps none.
struct LastBodies: Sendable {
    var pages: [Page]
    var bodies: [RenderedBody]
    var environment: UInt64
    /// The hash of every page's source and output path (the part of `environment` that reads every
    /// page): the same while the pages are the same files in the same order with the same outputs.
    var pagePaths: UInt64 = 0
    /// The key of each search block (`SearchIndex.blockKey`): the same for a block none of whose pages changed.
    var blockKeys: [UInt64] = []
    var allowRawHTML: Bool
    var joinLines: Bool
    /// Set by the contexts phase (nil until it ran for these pages).
    var contexts: Contexts? = nil
    /// The index the build made (or patched) of its content.
    var index: SiteIndex? = nil

    struct Contexts: Sendable {
        /// The pages they were made for.
        var pages: [Page]
        var asOf: Day
        /// What owners' names come from (villages' names, the county's from site.yaml).
        var villages: [Village]
        var config: SiteConfig
        var summaries: [String: String]
        var entries: [ListEntry]
        var entryNumbers: [String: Int]
        var tagFolders: [String: String]
        /// `PageContexts.chrome`, rendered with the theme of this fingerprint (and `config`).
        var chrome: [String: (header: String, footer: String)] = [:]
        var theme: UInt64 = 0
        /// The 版本沿革 made for these pages.
        var history: RegulationHistory? = nil
    }

    /// The numbers of the pages whose files differ from `before`'s (nil when the pages are not the same
    /// files in the same order: then nothing is taken from the last build).
    static func changed(_ pages: [Page], from before: [Page]) -> [Int]? {
        guard pages.count == before.count else { return nil }
        var changed: [Int] = []
        // A page given back by the parse cache is the same value (no field read: no cache miss a page).
        for n in pages.indices
        where !pages[n].isSameValue(as: before[n])
            && (pages[n].sourceHash != before[n].sourceHash || pages[n].sourcePath != before[n].sourcePath)
        {
            if pages[n].sourcePath != before[n].sourcePath { return nil }
            changed.append(n)
        }
        return changed
    }
}
