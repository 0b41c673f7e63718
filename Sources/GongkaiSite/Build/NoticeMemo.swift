import GongkaiContent
import Synchronization

/// Serve's last expiry check (`NoticeExpiry`), by each page's place in the site: a build for the same
/// day whose pages are the last one's but a few (the same values, `Page.isSameValue`: the parse cache
/// gives an unchanged file's page back) checks only those, not every notice of the site again.
final class NoticeMemo: Sendable {
    private struct Last: Sendable {
        var pages: [Page]
        var asOf: Day
        /// The warnings, by page number (few pages have one).
        var found: [Int: Diagnostic]
    }
    private let last = Mutex<Last?>(nil)

    /// `NoticeExpiry.diagnostics(for:asOf:)`, in the same order (the pages').
    func diagnostics(for pages: [Page], asOf: Day) -> [Diagnostic] {
        // Taken out (each build keeps its own): its pages are compared, its warnings patched in place.
        var kept = last.withLock { last in
            defer { last = nil }
            return last
        }
        if let known = kept, known.asOf != asOf || known.pages.count != pages.count { kept = nil }
        var found: [Int: Diagnostic] = [:]
        if var known = kept {
            swap(&found, &known.found)
            for n in pages.indices where !pages[n].isSameValue(as: known.pages[n]) {
                found[n] = NoticeExpiry.mayHaveRunOut(pages[n]) ? NoticeExpiry.diagnostic(for: pages[n], asOf: asOf) : nil
            }
        } else {
            for (n, diagnostic) in NoticeExpiry.found(in: pages, asOf: asOf) { found[n] = diagnostic }
        }
        let diagnostics = found.keys.sorted().map { found[$0]! }
        last.withLock { $0 = Last(pages: pages, asOf: asOf, found: found) }
        return diagnostics
    }
}
