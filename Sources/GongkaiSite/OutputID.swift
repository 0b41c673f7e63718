/// Which output (or group of outputs) of the portal a memo entry is: one case per page type.
///
/// The manifest stores an id as its `text` (`list:2:villages/xinghua/notices`); `init?(text:)` reads it
/// back, and an id it does not know makes the manifest unreadable (the next build renders everything).
enum OutputID: Hashable, Sendable, CustomStringConvertible {
    /// An item page, by its output path.
    case item(String)
    /// The 打印公告 view of the item at this output path.
    case print(String)
    /// The 扫码在手机上看 code of the page at this output path.
    case phoneQR(String)
    /// One page of a list (a kind's, an owner's kind, a tag's, an 往期 list).
    case list(folder: String, number: Int)
    case village(String)
    case villages
    case county
    case home
    case disclosure
    /// 404, stylesheet and script.
    case theme
    case tagIndex
    /// The yearly archive of an owner (`villages/<id>` or `county`).
    case archive(ownerFolder: String)
    /// 道德模范风采: the site's (nil) or an owner's.
    case gallery(ownerFolder: String?)
    case search
    /// Atom feeds and the sitemap.
    case feeds
    /// Files made outside any group (the search index), recorded so the spare is known.
    case ungrouped

    var text: String {
        switch self {
        case .item(let path): "item:" + path
        case .print(let path): "print:" + path
        case .phoneQR(let path): "qr:" + path
        case .list(let folder, let number): "list:\(number):" + folder
        case .village(let id): "village:" + id
        case .villages: "villages"
        case .county: "county"
        case .home: "home"
        case .disclosure: "disclosure"
        case .theme: "theme"
        case .tagIndex: "tags"
        case .archive(let folder): "archive:" + folder
        case .gallery(let folder): folder.map { "gallery:" + $0 } ?? "gallery"
        case .search: "search"
        case .feeds: "feeds"
        case .ungrouped: "ungrouped"
        }
    }

    var description: String { text }

    init?(text: String) {
        guard let colon = text.firstIndex(of: ":") else {
            let plain: [String: OutputID] = [
                "villages": .villages, "county": .county, "home": .home, "disclosure": .disclosure,
                "theme": .theme, "tags": .tagIndex, "gallery": .gallery(ownerFolder: nil),
                "search": .search, "feeds": .feeds, "ungrouped": .ungrouped,
            ]
            guard let id = plain[text] else { return nil }
            self = id
            return
        }
        let rest = String(text[text.index(after: colon)...])
        switch text[..<colon] {
        case "item": self = .item(rest)
        case "print": self = .print(rest)
        case "qr": self = .phoneQR(rest)
        case "village": self = .village(rest)
        case "archive": self = .archive(ownerFolder: rest)
        case "gallery": self = .gallery(ownerFolder: rest)
        case "list":
            guard let second = rest.firstIndex(of: ":"), let number = Int(rest[..<second]) else { return nil }
            self = .list(folder: String(rest[rest.index(after: second)...]), number: number)
        default: return nil
        }
    }
}
