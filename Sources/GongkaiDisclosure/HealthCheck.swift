import GongkaiContent

/// Column health on the as-of day (`disclosure-rules.md`, section (d)): per owner (the site with its
/// navigation and home page, the county pages, each village) and section the theme shows, the days
/// since the newest page, against the thresholds of `health:`.
public enum HealthCheck {
    /// The sections the theme shows for an owner: the site's navigation lists every kind; a village
    /// page (and the county page) lists a kind only when it has a page of it.
    static func shownSections(_ owner: HealthOwner, pages: [Page]) -> [HealthSection] {
        switch owner {
        case .site: return HealthSection.all
        case .county, .village:
            return Kind.allCases.filter { kind in pages.contains { $0.kind == kind } }.map { .kind($0) }
        }
    }

    public static func evaluate(_ content: SiteContent, settings: HealthSettings, asOf: Day) -> [HealthResult] {
        var pagesByVillage: [String: [Page]] = [:]
        var county: [Page] = []
        for page in content.pages where !page.draft {
            if page.owner == .county { county.append(page) }
            for id in page.shownInVillages { pagesByVillage[id, default: []].append(page) }
        }
        var owners: [(HealthOwner, [Page])] = [(.site, content.pages.filter { !$0.draft })]
        if !county.isEmpty { owners.append((.county, county)) }
        for village in content.villages.sorted(by: { $0.id < $1.id }) {
            owners.append((.village(village.id), pagesByVillage[village.id] ?? []))
        }
        var results: [HealthResult] = []
        for (owner, pages) in owners {
            for section in shownSections(owner, pages: pages) {
                let inSection = section == .home ? pages : pages.filter { HealthSection.kind($0.kind) == section }
                if let result = check(owner, section, pages: inSection, settings: settings, asOf: asOf) {
                    results.append(result)
                }
            }
        }
        return results
    }

    /// One section: empty when no page is dated on or before the as-of day (a later date does not
    /// count: inspectors fail a site for faked dates), stale when `as-of − newest > limit`.
    static func check(
        _ owner: HealthOwner, _ section: HealthSection, pages: [Page], settings: HealthSettings,
        asOf: Day
    ) -> HealthResult? {
        let limit = settings.stale[section.key]
        let newest = pages.filter { $0.date.day <= asOf }.min(by: Page.newestFirst)
        guard let newest else {
            var result: HealthResult
            if settings.empty, section != .home {
                result = HealthResult(owner: owner, section: section, status: .empty, newest: nil, newestPage: nil, days: nil, limit: limit)
            } else if let limit {
                result = HealthResult(owner: owner, section: section, status: .stale, newest: nil, newestPage: nil, days: nil, limit: limit)
            } else {
                return nil
            }
            result.later = pages.count
            return result
        }
        guard let limit else { return nil }
        let days = asOf.dayNumber - newest.date.day.dayNumber
        return HealthResult(
            owner: owner, section: section, status: days > limit ? .stale : .fresh, newest: newest.date.day,
            newestPage: newest.sourcePath, days: days, limit: limit)
    }
}
