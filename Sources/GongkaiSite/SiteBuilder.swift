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

        public init(site: String, output: String? = nil, includeDrafts: Bool = false,
                    today: Day = Day.todayInShanghai(secondsSince1970: Date().timeIntervalSince1970),
                    incremental: Bool = true) {
            self.site = site
            self.output = output
            self.includeDrafts = includeDrafts
            self.today = today
            self.incremental = incremental
        }
    }

    public struct Summary: Sendable, Codable {
        public var output: String
        public var villages: Int
        public var pagesByKind: [Kind: Int]
        public var filesWritten: Int
        public var bytesWritten: Int
        public var diagnostics: [Diagnostic]
        public var asOf: Day
        /// What a reader downloads (HTML + CSS + JS, uncompressed): the home page, the median item page
        /// and the largest village page.
        public var pageWeights: PageWeights
    }

    public struct PageWeights: Sendable, Codable, Equatable {
        public var home: Int
        public var medianItem: Int
        public var largestVillage: Int

        static func measure(_ outputs: [OutputFile], content: SiteContent) -> PageWeights {
            var sizes: [String: Int] = [:]
            for file in outputs { sizes[file.path] = file.bytes.count }
            let assets = (sizes[Paths.stylesheet] ?? 0) + (sizes[Paths.script] ?? 0)
            let items = content.pages.compactMap { sizes[$0.outputPath] }.sorted()
            let villages = content.villages.compactMap { sizes[Paths.village($0.id)] }
            return PageWeights(home: (sizes[Paths.home] ?? 0) + assets,
                               medianItem: (items.isEmpty ? 0 : items[items.count / 2]) + assets,
                               largestVillage: (villages.max() ?? 0) + assets)
        }
    }

    /// Builds the site. Throws `DiagnosticError` (with every error found) when the site has errors;
    /// the previous output is then left exactly as it was.
    public static func build(_ options: Options) throws -> Summary {
        var timer = PhaseTimer()
        let files = SiteFiles(root: options.site)
        let outputPath = OutputWriter(output: options.output ?? files.absolute("public")).output
        // Nothing changed since the last build into this output: skip it (the previous summary stands).
        let stamp = BuildStamp(files: files, output: outputPath, options: options)
        if options.incremental, stamp.isUnchanged(output: outputPath), let previous = Summary.load(stamp) {
            timer.mark("unchanged")
            return previous
        }
        stamp.forget()
        let content = ContentLoader.load(site: options.site, options: .init(includeDrafts: options.includeDrafts))
        timer.mark("load")
        var diagnostics = content.diagnostics
        let asOf = content.config.asOf ?? options.today
        let (report, disclosureDiagnostics) = DisclosureCheck.evaluate(content, asOf: asOf)
        diagnostics += disclosureDiagnostics
        timer.mark("disclosure")
        let (theme, themeDiagnostics) = Theme.load(files: files)
        diagnostics += themeDiagnostics
        guard let theme, !diagnostics.hasErrors else {
            throw DiagnosticError(diagnostics.sorted())
        }

        let generator = PageGenerator(content: content, files: files, theme: theme, asOf: asOf, disclosure: report)
        let (outputs, copies, renderDiagnostics) = generator.generate(timer: &timer)
        diagnostics += renderDiagnostics
        if diagnostics.hasErrors { throw DiagnosticError(diagnostics.sorted()) }

        let writer = OutputWriter(output: options.output ?? files.absolute("public"))
        try writer.prepare()
        do {
            try writer.write(outputs)
            // static/ first, then files the content links to (content wins on a clash).
            for (source, target) in staticFiles(files) + copies {
                try writer.copy(from: files.absolute(source), to: target)
            }
            try writer.commit()
            timer.mark("write")
        } catch {
            writer.abandon()
            throw error
        }
        var byKind: [Kind: Int] = [:]
        for page in content.pages { byKind[page.kind, default: 0] += 1 }
        let summary = Summary(output: writer.output, villages: content.villages.count, pagesByKind: byKind,
                              filesWritten: outputs.count + copies.count, bytesWritten: outputs.reduce(0) { $0 + $1.bytes.count },
                              diagnostics: diagnostics.sorted(), asOf: asOf,
                              pageWeights: PageWeights.measure(outputs, content: content))
        if options.incremental {
            stamp.record(output: writer.output)
            summary.save(stamp)
        }
        return summary
    }

    /// Every file under `static/`, as (source, output path), sorted.
    static func staticFiles(_ files: SiteFiles) -> [(String, String)] {
        guard files.isDirectory("static") else { return [] }
        var found: [(String, String)] = []
        func walk(_ folder: String) {
            for name in files.list(folder) {
                let path = "\(folder)/\(name)"
                guard files.staysInside(path) else { continue }
                if files.isDirectory(path) { walk(path) } else { found.append((path, String(path.dropFirst("static/".count)))) }
            }
        }
        walk("static")
        return found
    }
}

extension SiteBuilder.Summary {
    static func path(_ stamp: BuildStamp) -> String { stamp.stampPath + "-summary.json" }

    static func load(_ stamp: BuildStamp) -> SiteBuilder.Summary? {
        guard let data = FileManager.default.contents(atPath: path(stamp)) else { return nil }
        return try? JSONDecoder().decode(SiteBuilder.Summary.self, from: data)
    }

    func save(_ stamp: BuildStamp) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let data = try? encoder.encode(self) {
            try? data.write(to: URL(fileURLWithPath: SiteBuilder.Summary.path(stamp)), options: .atomic)
        }
    }
}
