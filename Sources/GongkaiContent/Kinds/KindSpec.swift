/// Everything the project knows about one kind of page, in one value: where its files live, what it is
/// called, the front matter keys only it has (how they read and what a reader sees), its views, what
/// search looks at, and what `gongkai new` and `gongkai init` write for it.
///
/// Each kind's spec is in its own file beside this one (`LectureKind.swift`, …); `Kind.spec` is the
/// one switch that names them all. Loader, site, scaffolds and command line read the spec instead of
/// switching on the kind. CONTRIBUTING.md has the recipe for a new kind.
///
/// A class: specs are read for every page, and passing one around is then one reference, not twenty fields.
public final class KindSpec: Sendable {
    public let kind: Kind
    /// The folder a village keeps pages of this kind in; also the URL segment of the kind's list pages.
    public let folder: String
    /// The folder `gongkai new`, `gongkai import` and `gongkai init` put a new page in (articles: `news/`),
    /// and the kind's key in `health: stale:`.
    public let newPageFolder: String
    /// Pages in a folder no kind claims are of this kind (exactly one kind says so: articles).
    public let takesOtherFolders: Bool
    /// What the portal calls the kind (navigation, lists, kind tags).
    public let chineseName: String
    public let englishName: String
    /// Front matter keys only this kind has (the content model's "Keys by kind"), in the order they are read.
    public let keys: [KindKey]
    /// `keys`' names, kept: the loader asks for them for every page.
    public let keyNames: [String]
    /// What an item page shows under the title, in order (the page template's `fields`).
    public let display: [DisplayField]
    /// Whether pages of the kind get a 打印公告 view (`print/…`) for the village notice board.
    public let printView: Bool
    /// Who signs the print view when the page names no issuer and its body no signature.
    public let signedBy: Signer
    /// Keys whose values search finds the page by (besides title, summary, tags and text), in order.
    public let searchKeys: [String]
    /// Keys shown, with a label, before the text in a search result (`依据：…`).
    public let searchLead: [(key: String, label: String)]
    /// A day key: while that day is still to come, lists show the page with a 预告 badge.
    public let upcomingKey: String?
    /// What editors call the kind on the command line besides its id (`gongkai new 党课 …`).
    public let aliases: [String]
    /// Endings of document titles that say a document is of this kind (`gongkai import`), tried in order.
    /// `…` stands for any text (告村民书, 告居民书).
    public let titleEndings: [String]
    /// What `gongkai new` and `gongkai init` write for the kind.
    public let scaffold: KindScaffold
    /// `searchKeys`, `searchLead` and `upcomingKey` resolved once: search and lists read them for every page.
    private let searched: [KindKey]
    private let leading: [(key: KindKey, label: String)]
    private let upcoming: KindKey.Field<Day?>?

    public init(
        kind: Kind, folder: String, newPageFolder: String? = nil, takesOtherFolders: Bool = false,
        chineseName: String, englishName: String, keys: [KindKey], display: [DisplayField],
        printView: Bool, signedBy: Signer = .committee, searchKeys: [String],
        searchLead: [(key: String, label: String)] = [], upcomingKey: String? = nil,
        aliases: [String], titleEndings: [String], scaffold: KindScaffold
    ) {
        self.kind = kind
        self.folder = folder
        self.newPageFolder = newPageFolder ?? folder
        self.takesOtherFolders = takesOtherFolders
        self.chineseName = chineseName
        self.englishName = englishName
        self.keys = keys
        keyNames = keys.map(\.name)
        self.display = display
        self.printView = printView
        self.signedBy = signedBy
        self.searchKeys = searchKeys
        self.searchLead = searchLead
        self.upcomingKey = upcomingKey
        self.aliases = aliases
        self.titleEndings = titleEndings
        self.scaffold = scaffold
        searched = searchKeys.compactMap { name in keys.first { $0.name == name } }
        leading = searchLead.compactMap { lead in keys.first { $0.name == lead.key }.map { ($0, lead.label) } }
        upcoming = keys.first { $0.name == upcomingKey }.flatMap { key in
            if case .day(let path) = key.value { return path }
            return nil
        }
    }

    /// What search finds a page of this kind by, from its kind's keys (`searchKeys`).
    public func searchValues(of fields: KindFields) -> [String] {
        searched.flatMap { $0.strings(of: fields) }
    }

    /// The labelled values shown before the text of a search result: `依据：《…》`.
    public func searchLeadParts(of fields: KindFields) -> [String] {
        leading.compactMap { lead in lead.key.text(of: fields).map { "\(lead.label)：\($0)" } }
    }

    /// The day of the `upcomingKey`, when the page has one.
    public func upcomingDay(of fields: KindFields) -> Day? {
        upcoming.flatMap { fields[keyPath: $0] }
    }

    /// The spec of one of the kind's keys.
    public func key(_ name: String) -> KindKey? { keys.first { $0.name == name } }

    /// Who signs a printed page of the kind.
    public enum Signer: Sendable {
        /// 村民委员会 / 居民委员会.
        case committee
        /// 村务监督委员会 / 居务监督委员会.
        case supervisors
    }
}

/// One front matter key of a kind: its name, what it is called, what value it holds and where the
/// loader puts it in `KindFields`.
public struct KindKey: Sendable {
    public typealias Field<Value> = WritableKeyPath<KindFields, Value> & Sendable

    /// The value's type, which says how it is read: `text` as written, `day` as `YYYY-MM-DD`,
    /// `list` as `[a, b]` or one `- ` line per item (never split at Chinese commas).
    public enum Value: Sendable {
        case text(Field<String?>)
        case day(Field<Day?>)
        case list(Field<[String]>)
    }

    public enum Requirement: Sendable {
        case optional
        /// Missing or empty is an error; `zh`/`en` say what to write.
        case required(zh: String, en: String)
        /// Required unless the page has the other key instead (a before-event disclosure names its `event:`).
        case requiredUnless(String, zh: String, en: String)
    }

    /// How an item page shows the value.
    public enum Shown: Sendable {
        /// Text as written, a day in Chinese (2026年10月8日), a list joined with `；`.
        case asWritten
        /// The name of the disclosure rule the id stands for (财务收支公开), else the id.
        case ruleName
        /// A disclosure period in Chinese (2026年第三季度).
        case period
        /// The title of the earlier version it names, linked.
        case earlierVersion
    }

    public let name: String
    /// What a reader sees beside the value (the item page's field label).
    public let label: String
    public let value: Value
    public let requirement: Requirement
    public let shown: Shown
    /// For keys `gongkai new` writes empty for the editor to fill: what goes there. Left empty on a
    /// published page, it gets a warning (`Placeholder`). Nil for keys that may stay empty.
    public let toFill: String?

    public init(
        _ name: String, _ label: String, _ value: Value, requirement: Requirement = .optional,
        shown: Shown = .asWritten, toFill: String? = nil
    ) {
        self.name = name
        self.label = label
        self.value = value
        self.requirement = requirement
        self.shown = shown
        self.toFill = toFill
    }

    /// The value as text lines: a text or day as one, a list item by item; nothing when not set.
    public func strings(of fields: KindFields) -> [String] {
        switch value {
        case .text(let path): fields[keyPath: path].map { [$0] } ?? []
        case .day(let path): fields[keyPath: path].map { [$0.chinese] } ?? []
        case .list(let path): fields[keyPath: path]
        }
    }

    /// The text of a text key (nil for other types or when not set).
    public func text(of fields: KindFields) -> String? {
        if case .text(let path) = value { return fields[keyPath: path] }
        return nil
    }
}

/// One row of what an item page shows under its title.
public enum DisplayField: Sendable {
    /// One of the kind's keys, with its label, shown as the key says.
    case key(String)
    /// The common `expires` key.
    case expires(label: String)
    /// The later version that replaces this one (a regulation named by another's `supersedes`), linked.
    case laterVersion(label: String)
}

/// What `gongkai new` and `gongkai init` write for a kind.
public struct KindScaffold: Sendable {
    /// `gongkai new`: the kind's front matter lines between `date:` and `summary:`, as (code, comment).
    public let keyLines: @Sendable (ScaffoldContext) -> [(code: String, comment: String)]
    /// `gongkai new`: whether a commented-out `# expires:` line, 90 days on, is offered.
    public let offersExpires: Bool
    /// `gongkai new`: the body, with the instructions an editor replaces.
    public let body: @Sendable (ScaffoldContext) -> String
    /// `gongkai init`: the sample page, as its file name in `newPageFolder` and its text.
    public let sample: @Sendable (ScaffoldContext) -> (name: String, text: String)

    public init(
        keyLines: @escaping @Sendable (ScaffoldContext) -> [(code: String, comment: String)], offersExpires: Bool = false,
        body: @escaping @Sendable (ScaffoldContext) -> String,
        sample: @escaping @Sendable (ScaffoldContext) -> (name: String, text: String)
    ) {
        self.keyLines = keyLines
        self.offersExpires = offersExpires
        self.body = body
        self.sample = sample
    }
}

/// What a scaffold is written for: the village, the day, and for a disclosure the rule and period.
public struct ScaffoldContext: Sendable {
    public var village: String
    public var type: VillageType
    public var township: String
    public var date: Day
    /// Disclosures made by `gongkai new`/`import`: the rule the page fulfils.
    public var rule: Rule?
    /// Disclosures: the period as written (`2026-Q3`, or a day).
    public var period: String?
    /// Disclosures: the period in Chinese and the day it is due, when `period` is one.
    public var periodChinese: String?
    public var periodDueDay: String?

    public init(
        village: String, type: VillageType, township: String, date: Day, rule: Rule? = nil,
        period: String? = nil, periodChinese: String? = nil, periodDueDay: String? = nil
    ) {
        self.village = village
        self.type = type
        self.township = township
        self.date = date
        self.rule = rule
        self.period = period
        self.periodChinese = periodChinese
        self.periodDueDay = periodDueDay
    }

    /// A disclosure rule as a scaffold needs it (the disclosure module has the rest).
    public struct Rule: Sendable {
        public enum Timing: Sendable {
            /// Published a number of days before a meeting.
            case beforeEvent
            /// Every month, quarter, half year or year: the cadence's label (按月, …).
            case periodic(String)
            /// Whenever something happens.
            case onEvent
        }
        public var id: String
        public var name: String
        public var due: Int
        public var timing: Timing

        public init(id: String, name: String, due: Int, timing: Timing) {
            self.id = id
            self.name = name
            self.due = due
            self.timing = timing
        }
    }

    public var isCommunity: Bool { type == .community }
    /// 村民 or 居民.
    public var residents: String { isCommunity ? "居民" : "村民" }
    /// 某某村村民委员会 or 某某社区居民委员会.
    public var committee: String { isCommunity ? "\(village)居民委员会" : "\(village)村民委员会" }
    /// 村务 or 居务 (监督委员会).
    public var affairs: String { isCommunity ? "居务" : "村务" }
    /// The line that opens every sample page of `gongkai init`.
    public var sampleNote: String { Placeholder.sampleNote + "\n" }
}
