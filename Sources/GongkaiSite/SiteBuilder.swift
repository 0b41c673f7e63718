import Foundation
import GongkaiContent
import GongkaiDisclosure
import GongkaiMarkdown

/// `gongkai build`: files → content model → rendered pages → a complete `public/`, swapped in at the end.
public struct SiteBuilder {
    public struct Options: Sendable {
        public var site: String
        /// Where the portal is written; default `<site>/public`.
        public var output: String?
        public var includeDrafts: Bool
        /// The day the disclosure overview and "expired" labels are computed for, unless site.yaml pins `as-of`.
        public var today: Day
        /// Skip the build when nothing changed since the last one into the same output.
        public var incremental: Bool
        /// `--strict`: warnings fail the build like errors, and the previous output stays as it was.
        public var strict: Bool

        public init(site: String, output: String? = nil, includeDrafts: Bool = false,
                    today: Day = Day.todayInShanghai(secondsSince1970: Date().timeIntervalSince1970),
                    incremental: Bool = true, strict: Bool = false) {
            self.site = site
            self.output = output
            self.includeDrafts = includeDrafts
            self.today = today
            self.incremental = incremental
            self.strict = strict
        }
    }

    public struct Summary: Sendable, Codable {
        public var output: String
        public var villages: Int
        public var pagesByKind: [Kind: Int]
        /// Files and bytes of the whole output.
        public var filesWritten: Int
        public var bytesWritten: Int
        /// Files this build actually wrote, and groups of pages it rendered: an incremental build
        /// renders and writes only what changed.
        public var filesChanged: Int
        public var groupsRendered: Int
        /// With a session: files not parsed again, and page bodies not rendered again.
        public var filesReused = 0
        public var bodiesReused = 0
        public var diagnostics: [Diagnostic]
        public var asOf: Day
        /// Where `asOf` came from: site.yaml's `as-of`, or today.
        public var asOfSource: AsOf.Source = .today
        /// What a reader downloads (HTML + CSS + JS, uncompressed): the home page, the median item page
        /// and the largest village page.
        public var pageWeights: PageWeights
        /// Bytes of the 站内搜索 index (`search/data/`) and of all HTML pages: the index should stay
        /// under a quarter of the pages.
        public var searchIndexBytes: Int
        public var htmlBytes: Int
    }

    public struct PageWeights: Sendable, Codable, Equatable {
        public var home: Int
        public var medianItem: Int
        public var largestVillage: Int

        /// From the outputs the generator marked as item and village pages (one pass: a large site has
        /// 100k outputs, too many to index by path just for this).
        static func measure(_ outputs: [OutputFile]) -> PageWeights {
            var home = 0, assets = 0, largestVillage = 0
            var items: [Int] = []
            for n in outputs.indices {
                let size = outputs[n].size
                switch outputs[n].role {
                case .item: items.append(size)
                case .village: largestVillage = max(largestVillage, size)
                case .other:
                    let path = outputs[n].path
                    if path == Paths.home { home = size } else if path == Paths.stylesheet || path == Paths.script { assets += size }
                }
            }
            items.sort()
            return PageWeights(home: home + assets, medianItem: (items.isEmpty ? 0 : items[items.count / 2]) + assets,
                               largestVillage: largestVillage + assets)
        }
    }

    /// Builds the site. Throws `DiagnosticError` (with every error found) when the site has errors;
    /// the previous output is then left exactly as it was.
    /// `session`: what earlier builds of the same process keep (see `Session`); builds are incremental
    /// without it too, but read and parse every file.
    public static func build(_ options: Options, session: Session? = nil) throws -> Summary {
        do {
            return try build(options, reuse: options.incremental, session: session)
        } catch is OutputWriter.OutputChanged {
            // The output was edited by hand since the last build: render everything again.
            return try build(options, reuse: false, session: session)
        }
    }

    static func build(_ options: Options, reuse: Bool, session: Session?) throws -> Summary {
        var timer = PhaseTimer()
        let files = SiteFiles(root: options.site)
        let outputPath = OutputWriter(output: options.output ?? files.absolute("public")).output
        // Nothing changed since the last build into this output: skip it (the previous summary stands).
        let stamp = BuildStamp(files: files, output: outputPath, options: options)
        // A session that has not built yet is filled by building (serve's first build), so the first edit is fast.
        if options.incremental, session?.filled ?? true, stamp.isUnchanged(output: outputPath), let previous = Summary.load(stamp) {
            timer.mark("unchanged")
            return previous
        }
        stamp.forget()
        // What a killed build left behind goes first, whether or not this build succeeds.
        OutputWriter(output: outputPath).cleanLeftovers()
        let content = ContentLoader.load(site: options.site, options: .init(includeDrafts: options.includeDrafts,
                                                                           cache: options.incremental ? session?.parsed : nil))
        timer.mark(session.map { "load (\($0.parsed.hits) files from the session)" } ?? "load")
        var diagnostics = content.diagnostics
        // The same day as `gongkai check` and `gongkai list` without --as-of: site.yaml's as-of, else today.
        let resolved = AsOf.resolve(flag: nil, config: content.config, today: options.today)
        let asOf = resolved.day
        diagnostics += NoticeExpiry.diagnostics(for: content.pages, asOf: asOf)
        var (report, disclosureDiagnostics) = DisclosureCheck.evaluate(content, asOf: asOf)
        // The overview shows link and footer findings beside column health, when the site turns it on.
        if report.healthSettings != nil { report.findings = SiteFindings.of(content) }
        diagnostics += disclosureDiagnostics
        timer.mark("disclosure")
        let (theme, themeDiagnostics) = Theme.load(files: files)
        diagnostics += themeDiagnostics
        guard let theme, !diagnostics.hasErrors else {
            throw DiagnosticError(diagnostics.sorted())
        }

        // What the current output is, and the spare folder the new build is written into.
        var state = OutputState(files: files, output: outputPath)
        if options.incremental { state.cache = session?.manifests }
        // Nothing is read from a cache folder that is not a real folder of the site (see `BuildStamp.cacheIsSafe`).
        let current = stamp.cacheIsSafe ? state.currentManifest() : nil
        let useSpare = options.incremental && state.spareIsUsable(cacheIsSafe: stamp.cacheIsSafe)
        let memo = OutputMemo(previous: reuse ? current?.groups ?? [:] : [:])

        // Pages are written into the staging folder (the spare, or a fresh folder) as they are rendered.
        let writer = OutputWriter(output: outputPath, spare: useSpare ? state.sparePath : nil)
        try writer.prepare()
        let written: Int
        var outputs: [OutputFile] = []
        var copyList: [OutputWriter.Copy] = []
        do {
            // The spare is about to change: until the new manifests are written, nothing describes it.
            let sink = writer.sink(known: useSpare ? state.spareFiles() : nil) { if useSpare { state.forgetSpare() } }
            var generator = PageGenerator(content: content, files: files, theme: theme, asOf: asOf, disclosure: report)
            generator.layout = stamp.layout
            generator.sink = sink
            generator.strict = options.strict
            // A build already known to fail writes nothing early.
            sink.enabled = !(options.strict && !diagnostics.isEmpty)
            if options.incremental {
                generator.bodyCache = session?.bodies
                generator.searchBlocks = session?.searchBlocks
            }
            let copies: [(String, String)]
            let renderDiagnostics: [Diagnostic]
            (outputs, copies, renderDiagnostics) = generator.generate(timer: &timer, memo: memo, includeDrafts: options.includeDrafts)
            diagnostics += renderDiagnostics
            let (statics, staticDiagnostics) = staticFiles(files)
            diagnostics += staticDiagnostics
            diagnostics += clashes(outputs, copies: copies, pages: content.pages)
            timer.mark("clashes, static")
            // Names that would break on Windows, IIS, USB sticks and Macs.
            diagnostics += PortableOutput.check(outputs, statics: statics, copies: copies, content: content)
            timer.mark("portable names")
            if diagnostics.hasErrors || (options.strict && !diagnostics.isEmpty) { throw DiagnosticError(diagnostics.sorted()) }

            // static/ first, then files the content links to: content wins on a clash.
            var copyByTarget: [String: OutputWriter.Copy] = [:]
            for (source, target) in statics + copies { copyByTarget[target] = OutputWriter.Copy(source: files.absolute(source), target: target) }
            copyList = copyByTarget.values.sorted { $0.target < $1.target }
            written = try writer.write(outputs, copies: copyList, sink: sink)
            try writer.commit()
            timer.mark("write")
        } catch {
            writer.abandon()
            throw error
        }
        var manifest = OutputState.Manifest(identity: String(BuildStamp.identity(of: writer.output) ?? ""), groups: memo.groups,
                                            copies: copyList.map { OutputMemo.Entry(path: $0.target, stamp: $0.stamp) })
        // Files that the generator makes outside any group (the search index) are recorded as one.
        manifest.groups["ungrouped"] = OutputMemo.Group(key: 0, files: outputs.filter { !$0.grouped }
            .map { OutputMemo.Entry(path: $0.path, stamp: $0.stamp) })
        if stamp.cacheIsSafe {
            // The spare now holds what the output held: described by the previous manifest when that was valid.
            state.save(manifest, spareHoldsPrevious: useSpare && current != nil)
        }
        timer.mark("save manifests")
        var byKind: [Kind: Int] = [:]
        for page in content.pages { byKind[page.kind, default: 0] += 1 }
        let searchSizes = SearchIndex.measure(outputs)
        var summary = Summary(output: writer.output, villages: content.villages.count, pagesByKind: byKind,
                              filesWritten: outputs.count + copyList.count, bytesWritten: outputs.indices.reduce(0) { $0 + outputs[$1].size },
                              filesChanged: written, groupsRendered: memo.rendered,
                              diagnostics: diagnostics.sorted(), asOf: asOf,
                              pageWeights: PageWeights.measure(outputs),
                              searchIndexBytes: searchSizes.index, htmlBytes: searchSizes.html)
        summary.asOfSource = resolved.source
        session?.filled = true
        summary.filesReused = session?.parsed.hits ?? 0
        summary.bodiesReused = options.incremental ? session?.bodies.hits ?? 0 : 0
        if options.incremental {
            stamp.record(output: writer.output)
            summary.save(stamp)
            timer.mark("summary")
        }
        return summary
    }

    /// Pages and copied files that land on the same output file as a page the build makes itself (a notice
    /// with `slug: index` on its list page, `slug: page-2` on the list's second page): one would silently
    /// replace the other.
    /// `outputs` come sorted by path (as the generator returns them): a path made twice is two neighbours,
    /// and a copy's target is found by bisection. (A large site has 100k outputs: indexing them all by
    /// path for this cost more than the rest of the check.)
    static func clashes(_ made: [OutputFile], copies: [(String, String)], pages: [Page]) -> [Diagnostic] {
        let isSorted = made.indices.dropFirst().allSatisfy { made[$0 - 1].path <= made[$0].path }
        let outputs = isSorted ? made : made.sorted { $0.path < $1.path }
        var twice = Set<String>()
        for n in outputs.indices.dropFirst() where outputs[n - 1].path == outputs[n].path { twice.insert(outputs[n].path) }
        func isMade(_ path: String) -> Bool {
            var low = 0, high = outputs.count
            while low < high {
                let middle = (low + high) / 2
                if outputs[middle].path < path { low = middle + 1 } else { high = middle }
            }
            return low < outputs.count && outputs[low].path == path
        }
        var diagnostics: [Diagnostic] = []
        for page in pages where !twice.isEmpty && twice.contains(page.outputPath) {
            diagnostics.append(.error(page.sourcePath, line: page.keyLines["slug"] ?? 1,
                zh: "这一页的网址 \(page.outputPath) 与网站自动生成的页面（栏目列表、分页等）重名，会被覆盖。请换一个文件名或 slug:，不要用 index、page-2 这样的名字",
                en: "this page's address \(page.outputPath) is also a page the site makes itself (a list or one of its pages), which would replace it. Choose another file name or slug:, not index or page-2"))
        }
        for (source, target) in copies where isMade(target) {
            diagnostics.append(.error(source,
                zh: "这个文件会被复制到 \(target)，而那里是网站自动生成的页面。请给文件改个名字",
                en: "this file would be copied to \(target), which is a page the site makes itself. Rename the file"))
        }
        return diagnostics
    }

    /// Every file under `static/`, as (source, output path), sorted. Symlinks that leave the site, and
    /// symlinks back to a folder above them (a loop), are errors and are not followed.
    static func staticFiles(_ files: SiteFiles) -> ([(String, String)], [Diagnostic]) {
        guard files.isDirectory("static") else { return ([], []) }
        var found: [(String, String)] = []
        var diagnostics: [Diagnostic] = []
        func walk(_ folder: String, ancestors: Set<String>) {
            for name in files.list(folder) {
                let path = "\(folder)/\(name)"
                guard files.staysInside(path) else {
                    diagnostics.append(.error(path,
                        zh: "static/ 里的这个符号链接指向网站文件夹之外，出于安全考虑不会复制。请把文件本身复制进 static/",
                        en: "this symlink in static/ leaves the site folder; for safety it is not copied. Copy the file itself into static/"))
                    continue
                }
                if files.isDirectory(path) {
                    guard let real = SiteFiles.realPath(files.absolute(path)), !ancestors.contains(real) else {
                        diagnostics.append(ContentLoader.symlinkLoop(path))
                        continue
                    }
                    walk(path, ancestors: ancestors.union([real]))
                } else {
                    found.append((path, String(path.dropFirst("static/".count))))
                }
            }
        }
        if !files.staysInside("static") {
            return ([], [.error("static",
                zh: "static 是指向网站文件夹之外的符号链接，出于安全考虑不会复制。请把文件复制进网站的 static/ 文件夹",
                en: "static is a symlink that leaves the site folder; for safety nothing in it is copied. Copy the files into the site's static/ folder")])
        }
        walk("static", ancestors: Set([SiteFiles.realPath(files.absolute("static"))].compactMap { $0 }))
        return (found, diagnostics)
    }
}

extension SiteBuilder.Summary {
    static func path(_ stamp: BuildStamp) -> String { stamp.stampPath + "-summary.json" }

    static func load(_ stamp: BuildStamp) -> SiteBuilder.Summary? {
        guard stamp.cacheIsSafe, let data = FileManager.default.contents(atPath: path(stamp)) else { return nil }
        return try? JSONDecoder().decode(SiteBuilder.Summary.self, from: data)
    }

    func save(_ stamp: BuildStamp) {
        guard stamp.cacheIsSafe else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let data = try? encoder.encode(self) {
            try? data.write(to: URL(fileURLWithPath: SiteBuilder.Summary.path(stamp)), options: .atomic)
        }
    }
}
