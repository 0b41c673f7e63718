/// The kinds of page a portal publishes. A page's kind comes from its folder unless `kind:` says otherwise.
public enum Kind: String, CaseIterable, Sendable, Hashable, Comparable, Codable {
    case lecture
    case notice
    case regulation
    case model
    case disclosure
    case article

    /// Everything about the kind: its folder, names, keys, views, search fields and scaffolds. Each
    /// kind's spec is in its own file in `Kinds/`; this switch names them all (no `default:`: a new
    /// case does not compile until it has a spec).
    public var spec: KindSpec {
        switch self {
        case .lecture: .lecture
        case .notice: .notice
        case .regulation: .regulation
        case .model: .model
        case .disclosure: .disclosure
        case .article: .article
        }
    }

    /// The folder a village keeps pages of this kind in; also the URL segment of the kind's list pages.
    /// Articles may live in any other folder (`news/`, `activities/`); their list is `articles/`.
    public var folder: String { spec.folder }

    /// The kind of the pages in a section folder: a folder no kind claims holds articles.
    public static func forFolder(_ folder: String) -> Kind {
        byFolder[folder] ?? otherFolders
    }

    private static let byFolder: [String: Kind] = {
        var kinds: [String: Kind] = [:]
        for kind in allCases where !kind.spec.takesOtherFolders { kinds[kind.spec.folder] = kind }
        return kinds
    }()

    /// The kind of pages in folders no kind claims (articles).
    public static let otherFolders: Kind = allCases.first { $0.spec.takesOtherFolders } ?? .article

    /// What the portal calls the kind.
    public var chineseName: String { spec.chineseName }

    public var englishName: String { spec.englishName }

    /// Front matter keys only this kind has (the content model's "Keys by kind").
    public var specificKeys: [String] { spec.keyNames }

    /// Something of every kind, in order, as a sentence lists it: `a、b 或 c` (`zh`) or `a, b or c`.
    public static func listed(zh: Bool, _ word: (KindSpec) -> String) -> String {
        let words = allCases.map { word($0.spec) }
        guard let last = words.last, words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: zh ? "、" : ", ") + (zh ? " 或 " : " or ") + last
    }

    public static func < (a: Kind, b: Kind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Whether a place is a rural village (村) or an urban community (社区).
public enum VillageType: String, Sendable, Hashable, CaseIterable, Encodable {
    case village
    case community

    public var chineseName: String { self == .village ? "村" : "社区" }
}
