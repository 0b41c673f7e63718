/// The site's pages newest first (`Page.newestFirst`), as sorting them gives, without sorting them
/// on every load: in the order of the last load (each page's place in it kept by the parse cache,
/// `ParseCache.places(of:)`) when that order still holds — checked, pair by pair, not trusted — with
/// the pages it did not have put in their places. Any pair out of order, or many pages without a
/// place, and they are sorted.
enum PageOrder {
    /// `places`: each page's place in the last load's order (nil: none). The places (in the new order)
    /// whose page is not the one at that place in the last order, to be noted again (none when the
    /// order was kept as it was; after an edit, mostly the edited page's); nil when the pages were sorted
    /// (every place is to be noted again).
    @discardableResult
    static func newestFirst(_ pages: inout [Page], places: [Int?]) -> [Int]? {
        var placed: [(place: Int, index: Int)] = []
        placed.reserveCapacity(pages.count)
        var others: [Int] = []
        for (index, place) in places.enumerated() {
            if let place { placed.append((place, index)) } else { others.append(index) }
        }
        guard places.count == pages.count, !placed.isEmpty, others.count <= max(8, pages.count / 64) else {
            pages.sort(by: Page.newestFirst)
            return nil
        }
        placed.sort { $0.place < $1.place }
        var ordered = placed.map { pages[$0.index] }
        var was: [Int?] = placed.map(\.place)
        // Pages are unique by path, so `newestFirst` is a strict total order: an order in which every
        // page comes before the next is the one sorting gives.
        for n in ordered.indices.dropFirst() where !Page.newestFirst(ordered[n - 1], ordered[n]) {
            pages.sort(by: Page.newestFirst)
            return nil
        }
        for index in others {
            let page = pages[index]
            var low = 0, high = ordered.count
            while low < high {
                let middle = (low + high) / 2
                if Page.newestFirst(ordered[middle], page) { low = middle + 1 } else { high = middle }
            }
            ordered.insert(page, at: low)
            was.insert(nil, at: low)
        }
        pages = ordered
        return was.indices.filter { was[$0] != $0 }
    }
}
