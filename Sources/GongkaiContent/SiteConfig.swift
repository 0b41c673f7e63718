/// The settings of `site.yaml`.
public struct SiteConfig: Sendable, Hashable {
    public struct Footer: Sendable, Hashable {
        /// 主办单位
        public var sponsor: String?
        /// 承办单位
        public var undertaker: String?
        public var phone: String?
        public var address: String?
        public var email: String?
        /// ICP备案号
        public var icp: String?
        /// 公安机关备案号
        public var police: String?
        /// 政府网站标识码
        public var siteCode: String?
        /// Line of each key under `footer:`, for messages.
        public var keyLines: [String: Int] = [:]

        public init() {}

        static let keys = ["sponsor", "undertaker", "phone", "address", "email", "icp", "police", "site-code"]
    }

    public var title: String
    public var subtitle: String?
    public var language: String
    /// Absolute URL the site is published at (feeds, sitemaps, QR codes); links stay relative regardless.
    public var baseURL: String?
    /// The date the disclosure overview is computed for; pinned here, builds stay reproducible.
    public var asOf: Day?
    public var pageSize: Int
    /// Trusted sites only: let raw HTML in Markdown through.
    public var allowRawHTML: Bool
    /// `markdown: {line-breaks: join}`: the lines of a paragraph are joined (for hard-wrapped text);
    /// by default (`keep`) a line typed with Enter stays a line.
    public var joinLines: Bool = false
    /// `government-site: true`: a government website (政府网站), whose footer must carry the 政府网站标识码.
    /// A village or community portal is run by a self-governing body and usually is not one.
    public var governmentSite: Bool = false
    public var footer: Footer
    /// Line of each key, for messages.
    public var keyLines: [String: Int]

    public init(
        title: String = "村务公开与普法宣传", subtitle: String? = nil, language: String = "zh-CN",
        baseURL: String? = nil, asOf: Day? = nil, pageSize: Int = 20, allowRawHTML: Bool = false,
        footer: Footer = Footer(), keyLines: [String: Int] = [:]
    ) {
        self.title = title
        self.subtitle = subtitle
        self.language = language
        self.baseURL = baseURL
        self.asOf = asOf
        self.pageSize = pageSize
        self.allowRawHTML = allowRawHTML
        self.footer = footer
        self.keyLines = keyLines
    }

    public static let fileName = "site.yaml"
    static let keys = ["title", "subtitle", "language", "base-url", "as-of", "page-size", "markdown", "footer", "government-site"]

    /// Reads `site.yaml` text. Unknown keys are warnings naming the closest known key.
    public static func parse(_ text: String, file: String = fileName) -> (SiteConfig?, [Diagnostic]) {
        var fields: YAMLFields
        switch YAMLFields.parse(text, file: file) {
        case .success(let parsed): fields = parsed
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        var config = SiteConfig()
        config.keyLines = fields.keyLines
        fields.warnUnknownKeys(known: keys, what: "site.yaml 中", whatEN: "site.yaml")
        if let title = fields.requiredString("title", zh: "网站名称", en: "the site's name") { config.title = title }
        config.subtitle = fields.string("subtitle")
        if let language = fields.string("language") { config.language = language }
        if var base = fields.string("base-url") {
            if !(base.hasPrefix("https://") || base.hasPrefix("http://")) {
                fields.fail(
                    "base-url", zh: "base-url 应是完整网址，以 https:// 或 http:// 开头，如 https://example.org/xinghua/",
                    en: "base-url must be a full URL starting with https:// or http://, e.g. https://example.org/xinghua/")
            } else if base.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || "\"<>\\^`{|}".unicodeScalars.contains($0) }) {
                fields.fail(
                    "base-url", zh: "base-url 里有网址中不能出现的字符（空格、引号、< > 等）。请只写网址本身，如 https://example.org/xinghua/",
                    en: "base-url contains characters an address cannot hold (spaces, quotes, < > …). Write the address only, e.g. https://example.org/xinghua/"
                )
            } else {
                if !base.hasSuffix("/") { base += "/" }
                config.baseURL = base
            }
        }
        config.asOf = fields.day("as-of")
        if let asOf = config.asOf, !(1988...2199).contains(asOf.year) {
            fields.fail(
                "as-of", zh: "as-of（\(asOf)）不像是统计公开情况的日期，请检查年份。as-of 一般写今天或某个统计截止日，如 as-of: 2026-11-23",
                en:
                    "as-of (\(asOf)) is not a plausible day to check disclosures on; check the year. It is usually today or a cut-off day, e.g. as-of: 2026-11-23"
            )
            config.asOf = nil
        }
        if let size = fields.int("page-size", example: 20) {
            if size < 1 || size > 1000 {
                fields.fail(
                    "page-size", zh: "page-size 应在 1 到 1000 之间（\(size) 不行），一般每页 20 篇：page-size: 20",
                    en: "page-size must be between 1 and 1000 (not \(size)); 20 a page is usual: page-size: 20")
            } else {
                config.pageSize = size
            }
        }
        config.governmentSite = fields.bool("government-site") ?? false
        var nested: [Diagnostic] = []
        if var markdown = fields.mapping("markdown") {
            markdown.warnUnknownKeys(known: ["unsafe", "line-breaks"], what: "markdown 设置中", whatEN: "markdown settings")
            config.allowRawHTML = markdown.bool("unsafe") ?? false
            switch markdown.string("line-breaks") {
            case nil, "keep": config.joinLines = false
            case "join": config.joinLines = true
            case let other?:
                markdown.fail(
                    "line-breaks", zh: "line-breaks 只能是 keep（回车换行，默认）或 join（同一段的各行连成一段，空一行才分段），不能是“\(other)”",
                    en:
                        "line-breaks must be keep (a line typed with Enter stays a line; the default) or join (the lines of a paragraph are joined), not \"\(other)\""
                )
            }
            nested += markdown.diagnostics
        }
        if var footer = fields.mapping("footer") {
            footer.warnUnknownKeys(known: Footer.keys, what: "footer 设置中", whatEN: "footer settings")
            config.footer.sponsor = footer.string("sponsor")
            config.footer.undertaker = footer.string("undertaker")
            config.footer.phone = footer.string("phone")
            config.footer.address = footer.string("address")
            config.footer.email = footer.string("email")
            config.footer.icp = footer.string("icp")
            config.footer.police = footer.string("police")
            config.footer.siteCode = footer.string("site-code")
            config.footer.keyLines = footer.keyLines
            nested += footer.diagnostics
            let written = [
                ("phone", config.footer.phone), ("address", config.footer.address), ("email", config.footer.email),
                ("icp", config.footer.icp), ("police", config.footer.police), ("site-code", config.footer.siteCode),
            ]
            nested += written.compactMap { Placeholder.footerDiagnostic(file: file, key: $0.0, value: $0.1, line: footer.lineOf($0.0)) }
        }
        return (config, (fields.diagnostics + nested).sorted())
    }
}
