import GongkaiContent

/// When a section was last updated, for its heading: the newest page dated on or before the as-of
/// day (a page dated later does not freshen a section, as in the column health check).
enum SectionUpdated {
    static func newest(_ pages: some Sequence<Page>, asOf: Day) -> Day? {
        var newest: Day?
        for page in pages where page.date.day <= asOf && !page.draft {
            if newest.map({ page.date.day > $0 }) ?? true { newest = page.date.day }
        }
        return newest
    }

    /// Adds `updated` (2026年11月16日) and `updatedISO` to a section's record when it has a page.
    static func add(_ pages: some Sequence<Page>, asOf: Day, to record: inout Record) {
        guard let day = newest(pages, asOf: asOf) else { return }
        record["updated"] = day.chinese
        record["updatedISO"] = day.description
    }
}
