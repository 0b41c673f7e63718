/// A link as a page shows it: its text and the output path it points to (made relative to each page
/// that shows it). Breadcrumbs, feeds in a page's head, and the links above a list are links.
struct Link: Hashable, Sendable {
    var title: String
    var target: String

    init(_ title: String, _ target: String) {
        self.title = title
        self.target = target
    }

    static let home = Link("首页", Paths.home)
    static let villages = Link("村（社区）", Paths.villages)

    /// 首页 › 村（社区） › the village: where a village's pages start their breadcrumbs.
    static func villageTrail(id: String, name: String) -> [Link] {
        [home, villages, Link(name, Paths.village(id))]
    }
}
