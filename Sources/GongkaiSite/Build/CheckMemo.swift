import Foundation
import GongkaiContent
import GongkaiDisclosure
import Synchronization

/// The disclosure check of a session's last build, kept while nothing it reads changed: the pages'
/// front matter, the villages and site.yaml, the rule file and the day checked. A body-only edit then
/// needs no check again.
///
/// Serve's lives in memory, and holds while its load says the content kept its structure
/// (`ParseCache.keptStructure`). `gongkai build`'s is the build state's (`KeptChecks.Disclosure`,
/// restored on another thread), and holds while the fingerprint of what the check reads
/// (`structure(of:)`) is the one it was made under; site.yaml is part of the state's settings.
///
/// Not kept when the site shows link and footer findings beside the check (they read the bodies).
final class CheckMemo: Sendable {
    struct Checked: Sendable {
        /// The load (`ParseCache.loads`) whose content was checked.
        var load: Int
        var rules: UInt64
        var asOf: Day
        var report: DisclosureReport
        var diagnostics: [Diagnostic]
        /// What the check read (`structure(of:)`): `gongkai build`'s only.
        var structure: UInt64?
    }

    private let last = Mutex<Checked?>(nil)
    private let keptLast = Mutex(false)
    /// Whether the last check was kept from the build before (`GONGKAI_TIMING=1` says so).
    var reused: Bool { keptLast.withLock { $0 } }
    /// The build state's (`gongkai build`), taken at the first check.
    private let stored = Mutex<(pending: (@Sendable () -> KeptChecks.Disclosure?)?, kept: KeptChecks.Disclosure?)>((nil, nil))

    init() {}

    /// `gongkai build`'s: the check the build state kept, read on another thread until first asked for.
    init(restoring pending: @escaping @Sendable () -> KeptChecks.Disclosure?) {
        stored.withLock { $0.pending = pending }
    }

    /// disclosure.yaml as the check reads it (its bytes, and whether it stays inside the site).
    static func rules(_ files: SiteFiles) -> UInt64 {
        var hash = StableHash()
        hash.add(files.staysInside(DisclosureRuleSet.fileName))
        let bytes = files.read(DisclosureRuleSet.fileName)
        hash.add(bytes != nil)
        hash.add(bytes ?? [])
        return hash.value
    }

    /// What the check reads of the content: every village but its intro, and every page's values but
    /// its body, in the site's order (a page's are the early cutoff's key, made once per parsed file and
    /// kept with the page: `PlanCutoff.meta`).
    static func structure(of content: SiteContent) -> UInt64 {
        var hash = StableHash()
        hash.add("disclosure check")
        hash.add(content.villages.count)
        for village in content.villages {
            var bare = village
            bare.body = ""
            bare.sourceHash = 0
            hash.add(InputKey.of(bare, global: 0, type: "Village"))
        }
        hash.add(content.pages.count)
        // On all cores: a first build makes every page's key here (kept with the page, see `PlanCutoff.meta`),
        // and nothing else runs beside the check.
        let pages = content.pages
        let metas = parallelMap(Array(stride(from: 0, to: pages.count, by: 256))) { start in
            pages[start..<min(pages.count, start + 256)].map { PlanCutoff.meta($0) }
        }
        for run in metas { for key in run { hash.add(key) } }
        return hash.value
    }

    /// The check of `content` as of `asOf`: the last one when it still holds, else made now.
    /// `structure`: what the check reads of the content (`gongkai build`'s; nil: serve's).
    func check(
        _ content: SiteContent, parsed: ParseCache, files: SiteFiles, asOf: Day, structure: UInt64? = nil,
        evaluate: () -> (DisclosureReport, [Diagnostic])
    ) -> (DisclosureReport, [Diagnostic]) {
        let rules = Self.rules(files), load = parsed.loads
        keptLast.withLock { $0 = true }
        if let structure {
            let kept = stored.withLock { stored -> KeptChecks.Disclosure? in
                if let pending = stored.pending {
                    stored.kept = pending()
                    stored.pending = nil
                }
                return stored.kept
            }
            if let kept, kept.structure == structure, kept.rules == rules, kept.asOf == asOf {
                let report = kept.report(rules: DisclosureRuleSet.load(site: content.root).0.rules)
                if let verify = PlanCutoff.verifier {
                    let (made, diagnostics) = evaluate()
                    if made.results != report.results || made.villages != report.villages || made.uncounted != report.uncounted
                        || made.since != report.since || made.rules != report.rules || diagnostics != kept.diagnostics
                    {
                        verify("disclosure check")
                    }
                }
                last.withLock { $0 = Checked(load: load, rules: rules, asOf: asOf, report: report, diagnostics: kept.diagnostics, structure: structure) }
                return (report, kept.diagnostics)
            }
        } else if let kept = last.withLock({ $0 }), parsed.keptStructure, kept.load + 1 == load, kept.rules == rules, kept.asOf == asOf {
            last.withLock { $0?.load = load }
            return (kept.report, kept.diagnostics)
        }
        keptLast.withLock { $0 = false }
        let (report, diagnostics) = evaluate()
        last.withLock {
            $0 =
                report.healthSettings == nil
                ? Checked(load: load, rules: rules, asOf: asOf, report: report, diagnostics: diagnostics, structure: structure) : nil
        }
        return (report, diagnostics)
    }

    /// The last check, as the build state keeps it (nil: none to keep).
    var kept: KeptChecks.Disclosure? {
        guard let checked = last.withLock({ $0 }), let structure = checked.structure else { return nil }
        let report = checked.report
        return KeptChecks.Disclosure(
            structure: structure, rules: checked.rules, asOf: checked.asOf, since: report.since, villages: report.villages,
            results: report.results, uncounted: report.uncounted, diagnostics: checked.diagnostics)
    }
}
