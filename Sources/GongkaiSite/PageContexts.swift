import GongkaiContent
import GongkaiEscape
import GongkaiMarkdown

/// Builds the data each template sees. Templates get plain dictionaries and arrays; every value is
/// text that Mustache escapes, except the keys named `content`/`intro`, which hold HTML rendered from
/// Markdown (already neutralised) and are inserted with `{{{…}}}`.
// Safe to share because: the `[String: Any]` template data (`site`, `chrome`) is built before any
// page is rendered (in `init` and by the contexts phase) and never changed while rendering; the values
// in it are strings, numbers, booleans and arrays/dictionaries of those, all immutable values.
struct PageContexts: @unchecked Sendable {
    let index: SiteIndex
    let summaries: [String: String]
    let asOf: Day

    var config: SiteConfig { index.content.config }
    /// `site` in every template: computed once.
    private(set) var site: [String: Any] = [:]

    init(index: SiteIndex, summaries: [String: String], asOf: Day) {
        self.index = index
        self.summaries = summaries
        self.asOf = asOf
        self.site = siteData()
        if config.baseURL != nil { feedPaths = Set(Feeds.all(index: index).map(\.path)) }
    }

    /// Header (with navigation) and footer HTML by folder depth and current section, rendered before
    /// the pages: they differ only by those two, and rendering them once per page would double the
    /// template work of a build.
    var chrome: [String: (header: String, footer: String)] = [:]

    static let navKeys: [String?] = [nil, "home", "villages", "disclosure"] + Kind.allCases.map(\.folder)
    static let maxDepth = 4

    /// Data shared by every page: site settings and footer items.
    func siteData() -> [String: Any] {
        var footer: [String: Any] = [:]
        let f = config.footer
        for (key, value) in [
            ("sponsor", f.sponsor), ("undertaker", f.undertaker), ("phone", f.phone), ("address", f.address),
            ("email", f.email), ("icp", f.icp), ("police", f.police), ("siteCode", f.siteCode),
        ] {
            if let value, !value.isEmpty { footer[key] = value }
        }
        if let police = f.police, let digits = police.split(whereSeparator: { !$0.isNumber }).max(by: { $0.count < $1.count }),
            digits.count >= 8
        {
            footer["policeCode"] = String(digits)
        }
        var site: [String: Any] = ["title": config.title, "language": config.language, "footer": footer]
        // The header shows the title's last two characters as one piece, so that a title too long for
        // a phone's width never ends with a lone character on its last line.
        let title = Array(config.title)
        if title.count >= 4 {
            site["titleHead"] = String(title.dropLast(2))
            site["titleTail"] = String(title.suffix(2))
        } else {
            site["titleHead"] = config.title
        }
        if let subtitle = config.subtitle { site["subtitle"] = subtitle }
        return site
    }

    /// Renders the header and footer for every depth and section once.
    mutating func renderChrome(theme: Theme) {
        let site = siteData()
        for depth in 0...Self.maxDepth {
            // A representative path at this depth: only the number of folders matters for relative links.
            let path = String(repeating: "d/", count: depth) + "index.html"
            let footer = theme.render("footer", ["site": site, "homeHref": Paths.relative(from: path, to: Paths.home)])
            for key in Self.navKeys {
                let context: [String: Any] = [
                    "site": site, "nav": navigation(path: path, current: key),
                    "homeHref": Paths.relative(from: path, to: Paths.home),
                    "searchHref": Paths.relative(from: path, to: Paths.search),
                ]
                chrome["\(depth)|\(key ?? "")"] = (theme.render("header", context), footer)
            }
        }
    }

    func navigation(path: String, current: String?) -> [Record] {
        let items: [(String, String, String)] =
            [("home", "首页", Paths.home), ("villages", "村（社区）", Paths.villages)]
            + Kind.allCases.map { ($0.folder, $0.chineseName, Paths.listPage($0.folder, number: 1)) }
            + [("disclosure", "公开情况", Paths.disclosure)]
        return items.map { key, name, target in
            var item = Record(["title": name, "href": Paths.relative(from: path, to: target)])
            if key == current { item["current"] = true }
            return item
        }
    }

    /// What every page has: site data, the relative root, header and footer, the page's title.
    func base(path: String, title: String?, current: String?, breadcrumbs: [Link] = []) -> [String: Any] {
        var depth = 0
        for b in path.utf8 where b == 0x2F { depth += 1 }
        let parts = chrome["\(min(depth, Self.maxDepth))|\(current ?? "")"] ?? ("", "")
        var context: [String: Any] = [
            "site": site, "root": String(repeating: "../", count: depth),
            "header": parts.header, "footer": parts.footer,
            "stylesheet": Paths.relative(from: path, to: Paths.stylesheet),
            "script": Paths.relative(from: path, to: Paths.script),
            "homeHref": Paths.relative(from: path, to: Paths.home),
        ]
        context["pageTitle"] = title.map { "\($0) - \(config.title)" } ?? config.title
        if let title { context["title"] = title }
        if !breadcrumbs.isEmpty {
            context["breadcrumbs"] = breadcrumbs.map { Record(["title": $0.title, "href": Paths.relative(from: path, to: $0.target)]) }
        }
        if hasFeeds { context["feeds"] = feedLinks(from: path) }
        return context
    }

    /// Atom feeds exist only with `base-url` (they need absolute URLs).
    var hasFeeds: Bool { config.baseURL != nil }
    /// The feeds the build writes (a village or kind without pages has none).
    var feedPaths: Set<String> = []

    /// `<link rel="alternate">` tags for the page's head: the site's feed, then `extra` (a village's
    /// or a kind's). Written here rather than in the layout: every page has
    /// them, and a template section per link costs more than the links themselves.
    func feedLinks(from path: String, extra: [Link] = []) -> String {
        var html = ""
        for feed in [Link("\(config.title) 最新内容", Feeds.siteFeed)] + extra where feedPaths.contains(feed.target) {
            html +=
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"\(HTML.escape(feed.title))\" href=\"\(HTML.escape(Paths.relative(from: path, to: feed.target)))\">\n"
        }
        return html
    }

    /// Folder of each tag's pages (`tags/村规民约`), for links from item pages.
    var tagFolders: [String: String] = [:]

    func tagLinks(_ page: Page, from path: String) -> [Record] {
        page.tags.compactMap { tag in
            tagFolders[tag].map { Record(["name": tag, "href": Paths.relative(from: path, to: Paths.listPage($0, number: 1))]) }
        }
    }

    /// An entry of a list: title, link, date, owner, kind, summary (see `ListEntry`).
    func entry(_ page: Page, from path: String) -> Record {
        ListEntry(page, contexts: self).record(from: path)
    }

    func isExpired(_ page: Page) -> Bool {
        page.expires.map { $0 < asOf } ?? false
    }

    /// Labelled values of a page's kind, in the order a reader expects them (the kind's `display`).
    func fields(_ page: Page, from path: String) -> [Record] {
        fieldRows(page, from: path).map(\.record)
    }

    func fieldRows(_ page: Page, from path: String) -> [FieldRow] {
        var rows: [FieldRow] = []
        func add(_ label: String, _ value: String?, href: String? = nil) {
            guard let value, !value.isEmpty else { return }
            rows.append(FieldRow(label: label, value: value, href: href))
        }
        let spec = page.kind.spec
        for field in spec.display {
            switch field {
            case .key(let name):
                guard let key = spec.key(name) else { continue }
                switch key.shown {
                case .asWritten:
                    add(key.label, key.strings(of: page.fields).joined(separator: "；"))
                case .ruleName:
                    add(key.label, key.text(of: page.fields).map { itemName($0) })
                case .period:
                    add(key.label, key.text(of: page.fields).map(PeriodLabel.chinese))
                case .earlierVersion:
                    if let old = key.text(of: page.fields), let previous = index.regulations[page.owner]?[old] {
                        add(key.label, previous.title, href: Paths.relative(from: path, to: previous.outputPath))
                    }
                }
            case .expires(let label):
                add(label, page.expires?.chinese)
            case .laterVersion(let label):
                if let newer = index.supersededBy[page.sourcePath] {
                    add(label, newer.title, href: Paths.relative(from: path, to: newer.outputPath))
                }
            }
        }
        if page.owner == .county, !page.villages.isEmpty {
            add("涉及村（社区）", page.villages.map { index.villagesByID[$0]?.name ?? $0 }.joined(separator: "、"))
        }
        return rows
    }

    /// The rule's Chinese name when the disclosure check knows it.
    var ruleNames: [String: String] = [:]

    func itemName(_ id: String) -> String { ruleNames[id] ?? id }
}

/// Chinese labels of disclosure periods: 2026年10月, 2026年第三季度, 2026年下半年, 2026年度, or a date.
enum PeriodLabel {
    static func chinese(_ period: String) -> String {
        plainChinese(period) ?? readChinese(period)
    }

    /// `readChinese` of the shapes periods are written in, read off the bytes: `2026` (年度), `2026-10`
    /// (a month), `2026-Q3`, `2026-H2`, and a date (`2026-03-31`, which `readChinese` reads as a date
    /// first). Nil for anything else, which is read by `readChinese`.
    static func plainChinese(_ period: String) -> String? {
        if period.utf8.count == 10 { return Day(iso: period)?.chinese }
        var period = period
        return period.withUTF8 { b -> String? in
            guard b.count == 4 || b.count == 7 else { return nil }
            var year = 0
            for k in 0..<4 {
                let digit = b[k] &- 0x30
                guard digit < 10 else { return nil }
                year = year * 10 + Int(digit)
            }
            if b.count == 4 { return "\(year)年度" }
            guard b[4] == 0x2D else { return nil }
            let (x, y) = (b[5], b[6])
            if x &- 0x30 < 10, y &- 0x30 < 10 {
                let month = Int(x - 0x30) * 10 + Int(y - 0x30)
                return (1...12).contains(month) ? "\(year)年\(month)月" : nil
            }
            let name: String
            switch (x, y) {
            case (0x51, 0x31): name = "第一季度"  // Q1
            case (0x51, 0x32): name = "第二季度"
            case (0x51, 0x33): name = "第三季度"
            case (0x51, 0x34): name = "第四季度"
            case (0x48, 0x31): name = "上半年"  // H1
            case (0x48, 0x32): name = "下半年"
            default: return nil
            }
            return "\(year)年\(name)"
        }
    }

    /// `chinese` of any text: a date, a year, or a year and a month, quarter or half (what `plainChinese` must give).
    static func readChinese(_ period: String) -> String {
        let parts = period.split(separator: "-")
        if let day = Day(iso: period) { return day.chinese }
        if parts.count == 1, let year = Int(parts[0]) { return "\(year)年度" }
        guard parts.count == 2, let year = Int(parts[0]) else { return period }
        let second = parts[1]
        if let month = Int(second), (1...12).contains(month) { return "\(year)年\(month)月" }
        let quarters = ["Q1": "第一季度", "Q2": "第二季度", "Q3": "第三季度", "Q4": "第四季度", "H1": "上半年", "H2": "下半年"]
        if let name = quarters[second.uppercased()] { return "\(year)年\(name)" }
        return period
    }
}
