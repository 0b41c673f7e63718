import GongkaiContent

/// One page of a list (a kind's, an owner's kind, a tag's, an 往期 list): its entries, the list's
/// heading, links, size and last update, and the pager. Its inputs are the entries as the list shows
/// them, so an edit that changes no title, date or summary leaves every list as it was.
enum PagedList: PageType {
    struct Inputs: Codable {
        var folder: String
        var number: Int
        var total: Int
        var heading: String
        var current: String
        var breadcrumbs: [Link]
        var feed: Link?
        var links: [Link]
        var note: String?
        var items: [ListEntry]
        /// Entries of the whole list.
        var count: Int
        /// The list's newest page dated on or before the as-of day.
        var updated: Day?
    }

    static func render(_ inputs: Inputs, in env: RenderEnvironment) -> [OutputFile] {
        let path = Paths.listPage(inputs.folder, number: inputs.number)
        let title = inputs.number > 1 ? "\(inputs.heading)（第\(inputs.number)页）" : inputs.heading
        var context = env.base(path: path, title: title, current: inputs.current, breadcrumbs: inputs.breadcrumbs)
        context["heading"] = inputs.heading
        if let feed = inputs.feed, env.hasFeeds { context["feeds"] = env.feedLinks(from: path, extra: [feed]) }
        if !inputs.links.isEmpty { context["links"] = inputs.links.map { Record(["title": $0.title, "href": Paths.relative(from: path, to: $0.target)]) } }
        if let note = inputs.note { context["note"] = note }
        context["items"] = inputs.items.map { $0.record(from: path) }
        context["count"] = inputs.count
        if let updated = inputs.updated {
            context["updated"] = updated.chinese
            context["updatedISO"] = updated.description
        }
        if inputs.count == 0 { context["empty"] = true }
        let (number, total) = (inputs.number, inputs.total)
        if total > 1 {
            var pager = Record(["number": number, "total": total])
            if number > 1 { pager["prev"] = Paths.relative(from: path, to: Paths.listPage(inputs.folder, number: number - 1)) }
            if number < total { pager["next"] = Paths.relative(from: path, to: Paths.listPage(inputs.folder, number: number + 1)) }
            // A window of page numbers (first, last, two either side of this one): linking every page
            // from every page would make long lists quadratic in size.
            let window = Set([1, total] + Array(max(1, number - 2)...min(total, number + 2)))
            var numbers: [Record] = []
            for n in window.sorted() {
                if let previous = (numbers.last?["number"] as? Int), n > previous + 1 { numbers.append(Record(["gap": true])) }
                var entry = Record(["number": n, "href": Paths.relative(from: path, to: Paths.listPage(inputs.folder, number: n))])
                if n == number { entry["current"] = true }
                numbers.append(entry)
            }
            pager["pages"] = numbers
            context["pager"] = pager
        }
        return [OutputFile(path, bytes: env.renderBytes("list", context))]
    }
}
