import GongkaiContent
import GongkaiEscape
import GongkaiMarkdown

/// 站内搜索's page: the owners and kinds to filter by, how many shards the index has, and links to
/// the lists for readers who would rather browse.
enum SearchPage: PageType {
    struct Inputs: Codable {
        struct Owner: Codable {
            var id: String
            var name: String
        }
        struct List: Codable {
            var title: String
            var count: Int?
            var target: String
        }
        var owners: [Owner]
        var shards: Int
        var lists: [List]
    }

    static func planned(owners: [(id: String, name: String)], shards: Int, index: SiteIndex, hasTags: Bool) -> PlannedOutput<SearchPage> {
        var lists: [Inputs.List] = Kind.allCases.compactMap { kind in
            let count = index.pagesByKind[kind]?.count ?? 0
            if count == 0 { return nil }
            return Inputs.List(title: kind.chineseName, count: count, target: Paths.listPage(kind.folder, number: 1))
        }
        lists.append(Inputs.List(title: "村（社区）", target: Paths.villages))
        if hasTags { lists.append(Inputs.List(title: "标签", target: TagPages.index)) }
        return PlannedOutput(
            .search, SearchPage.self,
            Inputs(owners: owners.map { Inputs.Owner(id: $0.id, name: $0.name) }, shards: shards, lists: lists))
    }

    static func render(_ inputs: Inputs, in env: RenderEnvironment) -> [OutputFile] {
        let path = Paths.search
        var context = env.base(path: path, title: "站内搜索", current: nil, breadcrumbs: [.home])
        context["owners"] = inputs.owners.map { Record(["id": $0.id, "name": $0.name]) }
        context["shards"] = inputs.shards
        context["kinds"] = Kind.allCases.map { Record(["id": $0.rawValue, "name": $0.chineseName]) }
        context["lists"] = inputs.lists.map { list -> Record in
            var record = Record(["title": list.title, "href": Paths.relative(from: path, to: list.target)])
            if let count = list.count { record["count"] = count }
            return record
        }
        // The layout puts `scripts` (HTML) after its own script.
        context["scripts"] = "<script src=\"\(HTML.escape(Paths.relative(from: path, to: Paths.searchScript)))\" defer></script>\n"
        return [OutputFile(path, bytes: env.renderBytes("search", context))]
    }
}
