import Foundation

/// What the last load of a long-running process (`gongkai serve`) gave: the next load starts from it
/// when the process's watcher says which files changed since (`ParseCache.noteChanges`). It then reads
/// only those files: no walk over `content/`, no `stat` of every file.
struct LastLoad {
    var includeDrafts: Bool
    var config: SiteConfig
    /// What loading site.yaml and walking `content/` found.
    var found: [Diagnostic]
    var jobs: [ContentLoader.Job]
    /// What parsing each job gave, in the order of `jobs`.
    var results: [(ContentLoader.Parsed, [Diagnostic])]
    var content: SiteContent
    /// Job by path.
    var jobNumbers: [String: Int] = [:]
    /// Files the cache did not keep (written in the last two seconds: a second write could leave their
    /// `stat` unchanged, and the watcher would not see it): read again by the next load.
    var unsettled: [Int] = []
    /// How many of `found` are site.yaml's (the others are the walk's).
    var configFound = 0
    /// What the build stamp's walk saw of the site's shape before the load (`ContentListing.Shape`).
    var shape: ContentListing.Shape?
    /// `SiteFiles.realRoot` of the load.
    var realRoot = ""
    /// A load restored from the build state (`ParseCache.read`): each job's fingerprint as the state
    /// keeps its file (nil: not kept, read again), and its page's place in `content.pages` (nil: none).
    var kept: [FileFingerprint?] = []
    var pagePlaces: [Int?] = []
    /// A restored load's jobs' paths (each job's `path`).
    var jobPaths: [String] = []
}

extension ContentLoader {
    /// Files outside `content/` that the load does not read: a change there leaves the content as it was.
    static func isReadByLoad(_ path: String) -> Bool {
        !(path.hasPrefix("templates/") || path == "disclosure.yaml")
    }

    /// The content from the last load and the files the watcher saw change since, or nil when the load
    /// must walk: no last load, changes not known, or a change it cannot place — a file added or
    /// removed, one that is no longer a regular file, site.yaml, `static/` (attachments are checked
    /// there), anything under `content/` that is not a file the last load parsed.
    ///
    /// Each changed file is read again (its `stat` taken now, so an edit after the watcher looked is
    /// seen). When each changed file is a page with every value but its body as before, and what parsing
    /// it found is the same, the pages keep their order and the checks across files their findings: the
    /// last content with those pages put in (`ParseCache.keptStructure`).
    static func quickLoad(root: String, files: SiteFiles, options: Options, cache: ParseCache) -> SiteContent? {
        guard let changes = cache.takeChanges() else { return nil }
        let numbers: [Int]
        do {
            guard let last = cache.lastLoad, last.includeDrafts == options.includeDrafts, last.content.root == root else { return nil }
            var again = Set(last.unsettled)
            for path in changes where isReadByLoad(path) {
                guard let n = last.jobNumbers[path], FileFingerprint(files.absolute(path)) != nil else { return nil }
                again.insert(n)
            }
            numbers = again.sorted()
        }
        // Taken out of the cache (`remember` keeps the next one): its results are then this load's
        // alone, patched in place rather than copied whole (a result a file: 50k at 50k pages).
        guard var last = cache.takeLastLoad() else { return nil }
        cache.startLoad()
        return patch(&last, reading: numbers, files: files, options: options, cache: cache)
    }

    /// The last load with the files at `numbers` (its jobs') read again: `found`, their `lstat`s as a walk
    /// just before saw them, when it did. When each is a page with every value but its body as before,
    /// and what parsing it found is the same, the pages keep their order and the checks across files
    /// their findings (`ParseCache.keptStructure`); else the content is assembled again from every result.
    /// (`last` in place: its results and pages are patched, not copied, and it is left empty of them.)
    static func patch(
        _ last: inout LastLoad, reading numbers: [Int], found: [stat]? = nil, files: SiteFiles, options: Options, cache: ParseCache
    ) -> SiteContent {
        let jobs = last.jobs
        let parsed = parallelMap(Array(numbers.indices)) { i in
            let job = jobs[numbers[i]]
            return cache.parse(job.path, absolute: files.absolute(job.path), found: found?[i]) { parse(job, files: files) }.result
        }
        cache.reused(jobs.count - numbers.count)
        let before = numbers.map { last.results[$0] }
        var results: [(ContentLoader.Parsed, [Diagnostic])] = []
        swap(&results, &last.results)
        for (n, result) in zip(numbers, parsed) { results[n] = result }
        var content = last.content
        last.content.pages = []
        var keptStructure = true
        var moved: [Int] = []
        for (n, (result, before)) in zip(numbers, zip(parsed, before)) {
            switch (result.0, before.0) {
            case (.village(let a), .village(let b)) where a == b && result.1 == before.1: continue
            case (.home(let a), .home(let b)) where a == b && result.1 == before.1: continue
            case (.nothing, .nothing) where result.1 == before.1: continue
            default: break
            }
            guard case .page(let page) = result.0, case .page(let old) = before.0, result.1 == before.1, page.sameExceptBody(old) else {
                keptStructure = false
                break
            }
            // A draft left out stays out.
            if last.pagePlaces.isEmpty {
                if let i = content.pages.firstIndex(where: { $0.sourcePath == page.sourcePath }) { content.pages[i] = page }
            } else if let i = last.pagePlaces[n] {
                content.pages[i] = page
                moved.append(i)
            }
        }
        if !keptStructure {
            content = assemble(
                root: last.content.root, config: last.config, found: last.found, results: results, files: files, options: options)
        } else if !moved.isEmpty {
            // Each page read again takes its place in the order kept (the build state writes them in it).
            cache.notePlaces(content.pages, at: moved)
        }
        var next = last
        next.results = results
        next.content = content
        next.kept = []
        next.jobPaths = []
        if !keptStructure { next.pagePlaces = [] }
        cache.remember(next, keptStructure: keptStructure, read: numbers)
        return content
    }
}
