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
        /// The process exits after this build (`gongkai build`): what the build held is not freed
        /// (`KeptToExit`). Not for a process that goes on (serve, tests), whose memory it would keep.
        public var endsProcess = false

        public init(
            site: String, output: String? = nil, includeDrafts: Bool = false,
            today: Day = Day.todayInShanghai(secondsSince1970: Date().timeIntervalSince1970),
            incremental: Bool = true, strict: Bool = false
        ) {
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
            return PageWeights(
                home: home + assets, medianItem: (items.isEmpty ? 0 : items[items.count / 2]) + assets,
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

    /// The build, step by step (each step is a `Phase`, and is timed under `GONGKAI_TIMING=1`).
    static func build(_ options: Options, reuse: Bool, session: Session?) throws -> Summary {
        var build = BuildContext(options, reuse: reuse, session: session)
        if let previous = build.unchangedSummary() { return previous }
        build.cleanLeftovers()
        build.restoreState()
        // A build that fails leaves the state as the last one saved it (see `BuildState.Ahead`).
        defer { build.discardStateAhead() }
        let content = build.load()
        let site = try build.check(content)
        var output = try build.prepareOutput()
        do {
            try build.render(site, into: &output)
            try build.write(&output)
        } catch {
            output.writer.abandon()
            throw error
        }
        build.record(output)
        build.saveState()
        let summary = build.summary(site, output)
        if options.endsProcess {
            KeptToExit.keep((build, content, site, output))
        } else {
            LetGo.later(consume output)
        }
        return summary
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
