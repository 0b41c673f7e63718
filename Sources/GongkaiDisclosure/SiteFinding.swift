import GongkaiContent

/// A problem of the site an inspector would mark that is not about one disclosure: a broken internal
/// link, a missing attachment, a footer item missing. Located at a file and line.
public struct SiteFinding: Sendable, Hashable, Comparable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A link to a page of the site that does not exist.
        case brokenLink = "link-broken"
        /// A link to a file (static/ or next to the page) that does not exist.
        case missingAttachment = "attachment-missing"
        /// A footer item a published site must carry.
        case footer = "footer"

        public var chineseLabel: String {
            switch self {
            case .brokenLink: "链接失效"
            case .missingAttachment: "附件缺失"
            case .footer: "页脚缺项"
            }
        }

        public var englishLabel: String {
            switch self {
            case .brokenLink: "broken link"
            case .missingAttachment: "missing attachment"
            case .footer: "footer incomplete"
            }
        }

        /// `broken` or `missing`: the status of the JSON result.
        public var status: String { self == .brokenLink ? "broken" : "missing" }
    }

    public let kind: Kind
    /// `link-broken`, `attachment-missing`, `footer-icp`, …
    public let rule: String
    public let file: String
    public let line: Int?
    /// The village the file belongs to; nil for county pages and site files.
    public let village: String?
    /// What is broken or missing: the link as written, or the footer key.
    public let subject: String
    public let zh: String
    public let en: String

    public init(kind: Kind, rule: String? = nil, file: String, line: Int?, village: String?, subject: String, zh: String, en: String) {
        self.kind = kind
        self.rule = rule ?? kind.rawValue
        self.file = file
        self.line = line
        self.village = village
        self.subject = subject
        self.zh = zh
        self.en = en
    }

    /// `content/…/x.md:12` (without line when there is none).
    public var location: String { line.map { "\(file):\($0)" } ?? file }

    public func message(_ language: Language) -> String { language == .zh ? zh : en }

    public static func < (a: SiteFinding, b: SiteFinding) -> Bool {
        (a.file, a.line ?? 0, a.rule, a.subject) < (b.file, b.line ?? 0, b.rule, b.subject)
    }

    /// By file and line; findings on one line keep the order they were found in (the links' order).
    public static func byLocation(_ findings: [SiteFinding]) -> [SiteFinding] {
        findings.enumerated().sorted { a, b in
            (a.element.file, a.element.line ?? 0, a.offset) < (b.element.file, b.element.line ?? 0, b.offset)
        }.map(\.element)
    }

    /// The village a content file belongs to (`content/villages/<id>/…`).
    public static func village(ofSource path: String) -> String? {
        let parts = path.split(separator: "/")
        guard parts.count > 2, parts[0] == "content", parts[1] == "villages" else { return nil }
        return String(parts[2])
    }
}
