import Foundation
import GongkaiContent
import Synchronization

extension SiteBuilder {
    /// What a long-running process (`gongkai serve`) keeps from one build to the next: parsed files and
    /// rendered page bodies. With it, a build after a one-page edit reads, parses and renders only that
    /// page's file; the output memo (`OutputMemo`) then renders only the pages that show it.
    public final class Session: Sendable {
        public let parsed = ParseCache()
        let bodies = BodyCache()
        let searchBlocks = SearchIndex.BlockCache()
        let manifests = ManifestCache()
        /// What item pages were keyed from, to keep them without planning while only bodies change.
        let cutoff = PlanCutoff()
        private let isFilled = Mutex(false)
        /// Whether a build has filled the session (until then, an unchanged site is built anyway).
        var filled: Bool {
            get { isFilled.withLock { $0 } }
            set { isFilled.withLock { $0 = newValue } }
        }

        public init() {}
    }
}

/// Rendered bodies of the previous build, reused when the page's file is unchanged and every link in
/// it still resolves as it did (a linked page may have moved or gone).
// Safe to share because: every `var` (`entries`, `hits`, `asked`) is written only inside
// `lock.withLock` and read there too, except `hits`, which is read only after the bodies phase, when
// no other thread runs; rendering a body happens outside the lock and touches none of them.
final class BodyCache: @unchecked Sendable {
    struct Entry {
        var sourceHash: UInt64
        var output: String
        var firstLine: Int
        var allowRawHTML: Bool
        var joinLines: Bool
        var body: RenderedBody
        /// What links could point to when the body was rendered (see `linkEnvironment`).
        var environment: UInt64
    }

    private var entries: [String: Entry] = [:]
    private let lock = NSLock()
    private(set) var hits = 0
    /// Bodies this build asked for, one per page.
    private var asked = 0

    func startBuild() {
        lock.withLock {
            hits = 0
            asked = 0
        }
    }

    /// `environment`: a hash of every page's source and output path and of the names of the site's
    /// files. While it is unchanged, every link resolves as before; else each link is resolved again.
    func body(_ page: Page, renderer: BodyRenderer, environment: UInt64) -> RenderedBody {
        if let entry = lock.withLock({ entries[page.sourcePath] }), entry.sourceHash == page.sourceHash,
            entry.output == page.outputPath, entry.firstLine == page.bodyLine, entry.allowRawHTML == renderer.allowRawHTML,
            entry.joinLines == renderer.joinLines,
            entry.environment == environment
                || entry.body.links.allSatisfy({ renderer.rewrite($0.url, source: page.sourcePath, output: page.outputPath).signature == $0.signature })
        {
            lock.withLock {
                hits += 1
                asked += 1
                entries[page.sourcePath]?.environment = environment
            }
            return entry.body
        }
        var body = renderer.render(
            page.body, firstLine: page.bodyLine, source: page.sourcePath, output: page.outputPath,
            isDisclosure: page.kind == .disclosure)
        body.summary = ChineseText.summary(of: body.plainText)
        lock.withLock {
            asked += 1
            entries[page.sourcePath] = Entry(
                sourceHash: page.sourceHash, output: page.outputPath, firstLine: page.bodyLine,
                allowRawHTML: renderer.allowRawHTML, joinLines: renderer.joinLines, body: body, environment: environment)
        }
        return body
    }

    /// `pages`: those this build asked for. When there are as many entries as bodies asked for, the
    /// entries are those pages' (after most edits): nothing to look through.
    func keep(only pages: [Page]) {
        if lock.withLock({ asked == pages.count && entries.count == asked }) { return }
        let paths = Set(pages.map(\.sourcePath))
        lock.withLock { entries = entries.filter { paths.contains($0.key) } }
    }
}
