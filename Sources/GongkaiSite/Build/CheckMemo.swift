import Foundation
import GongkaiContent
import GongkaiDisclosure
import Synchronization

/// The disclosure check of a session's last build (serve's), kept while nothing it reads changed: the
/// pages' front matter, the villages and site.yaml (the load says so: `ParseCache.keptStructure`), the
/// rule file and the day checked. A body-only edit then needs no check again.
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
    }

    private let last = Mutex<Checked?>(nil)

    /// disclosure.yaml as the check reads it (its bytes, and whether it stays inside the site).
    static func rules(_ files: SiteFiles) -> UInt64 {
        var hash = StableHash()
        hash.add(files.staysInside(DisclosureRuleSet.fileName))
        let bytes = files.read(DisclosureRuleSet.fileName)
        hash.add(bytes != nil)
        hash.add(bytes ?? [])
        return hash.value
    }

    /// The check of `content` as of `asOf`: the last one when it still holds, else made now.
    func check(
        _ content: SiteContent, parsed: ParseCache, files: SiteFiles, asOf: Day, evaluate: () -> (DisclosureReport, [Diagnostic])
    ) -> (DisclosureReport, [Diagnostic]) {
        let rules = Self.rules(files), load = parsed.loads
        if let kept = last.withLock({ $0 }), parsed.keptStructure, kept.load + 1 == load, kept.rules == rules, kept.asOf == asOf {
            last.withLock { $0?.load = load }
            return (kept.report, kept.diagnostics)
        }
        let (report, diagnostics) = evaluate()
        last.withLock {
            $0 = report.healthSettings == nil ? Checked(load: load, rules: rules, asOf: asOf, report: report, diagnostics: diagnostics) : nil
        }
        return (report, diagnostics)
    }
}
