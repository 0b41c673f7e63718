import GongkaiContent

/// What a village (or community) must publish, how often, by when, and on what legal basis.
public struct DisclosureRule: Sendable, Hashable {
    public var id: String
    /// 财务收支公开（月度）
    public var name: String
    /// The village types (`type:` of `_village.md`) the rule binds.
    public var appliesTo: [VillageType]
    public var cadence: Cadence
    /// Days after the period ends (or after the event, for on-event rules) by which it must be published.
    public var due: Int
    /// The law or regulation that requires it; empty when a site's rule names none.
    public var basis: String
    /// A finer rule whose pages for every sub-period also fulfil this rule's period.
    public var satisfiedBy: String?
    /// The basis by date (`basis:` written as a list of `{from, text}` / `{until, text}`); empty: `basis` always.
    public var bases: [BasisEntry] = []

    public init(
        id: String, name: String, appliesTo: [VillageType], cadence: Cadence, due: Int,
        basis: String = "", satisfiedBy: String? = nil
    ) {
        self.id = id
        self.name = name
        self.appliesTo = appliesTo
        self.cadence = cadence
        self.due = due
        self.basis = basis
        self.satisfiedBy = satisfiedBy
    }

    /// Whether the rule binds this kind of place (exemptions are the village's own business).
    public func applies(to type: VillageType) -> Bool { appliesTo.contains(type) }

    /// The built-in rule set, grounded in the law (`shared/design/disclosure-rules.md`, section (b)).
    /// The `due` days are defaults; the law fixes how often, not by which day.
    /// Those citing an organic law cite the 2018 text until 2025-12-31 and the amended law after (`DatedBasis`).
    public static let defaults: [DisclosureRule] = DatedBasis.dated([
        DisclosureRule(
            id: "finance-monthly", name: "财务收支公开（月度）", appliesTo: [.village],
            cadence: .monthly, due: 10,
            basis: "《中华人民共和国村民委员会组织法》第三十条；《农村集体经济组织财务公开规定》"),
        DisclosureRule(
            id: "finance-quarterly", name: "集体财务公开（季度）", appliesTo: [.village],
            cadence: .quarterly, due: 15,
            basis: "《农村集体经济组织财务公开规定》（农业部、监察部，2011年）",
            satisfiedBy: "finance-monthly"),
        DisclosureRule(
            id: "village-affairs-quarterly", name: "村务公开（一般事项）", appliesTo: [.village],
            cadence: .quarterly, due: 15,
            basis: "《中华人民共和国村民委员会组织法》第三十条"),
        DisclosureRule(
            id: "major-matters", name: "涉及村民利益的重大事项", appliesTo: [.village],
            cadence: .onEvent, due: 5,
            basis: "《中华人民共和国村民委员会组织法》第三十条"),
        DisclosureRule(
            id: "meeting-decisions", name: "村民会议、村民代表会议决定事项及实施情况", appliesTo: [.village],
            cadence: .onEvent, due: 5,
            basis: "《中华人民共和国村民委员会组织法》第三十条、第二十四条"),
        DisclosureRule(
            id: "regulations-filed", name: "村规民约、村民自治章程备案并公布", appliesTo: [.village],
            cadence: .onEvent, due: 10,
            basis: "《中华人民共和国村民委员会组织法》第二十七条；民政部等七部门《关于做好村规民约和居民公约工作的指导意见》"),
        DisclosureRule(
            id: "audit-results", name: "村委会成员任期和离任经济责任审计结果", appliesTo: [.village],
            cadence: .onEvent, due: 10,
            basis: "《中华人民共和国村民委员会组织法》第三十五条"),
        DisclosureRule(
            id: "covenant-filed", name: "居民公约备案并公布", appliesTo: [.community],
            cadence: .onEvent, due: 10,
            basis: "《中华人民共和国城市居民委员会组织法》第十五条"),
        DisclosureRule(
            id: "community-accounts", name: "公益事业筹集费用收支账目公布", appliesTo: [.community],
            cadence: .onEvent, due: 10,
            basis: "《中华人民共和国城市居民委员会组织法》第十六条"),
    ])
}

extension VillageType {
    /// Reads `village`/`community` or 村/社区, as in `_village.md`.
    init?(written: String) {
        switch written {
        case "village", "村": self = .village
        case "community", "社区": self = .community
        default: return nil
        }
    }
}
