import GongkaiContent

/// The village profile and the sample pages of a new site: one page of every kind, dated the day the
/// site is made, written the way a village office would really post them (the pages' text is in each
/// kind's spec).
struct ScaffoldContent {
    let township: String
    let village: ScaffoldVillage
    let today: Day

    private var name: String { village.name }
    private var isCommunity: Bool { village.type == .community }
    private var y: (String) -> String { ScaffoldText.yaml }
    private var c: (String, String, Int) -> String { ScaffoldText.commented }

    func profile() -> String {
        """
        ---
        \(c("name: \(y(name))", "村（社区）名称", 36))
        \(c("type: \(village.type.rawValue)", "村写 village，社区写 community", 36))
        \(c("township: \(y(township))", "所属乡镇（街道）", 36))
        \(c("# county: 某某县", "所属县（区）", 36))
        \(c("# population: 3000", "户籍人口（人）", 36))
        \(c("# households: 900", "户数", 36))
        \(c("party-branch: \(y("\(name)党支部"))", "党组织名称，如 某某村党总支", 36))
        \(c("# disclosure-since: \(today)", "本村从哪天开始检查按时公开（晚加入网站的村才需要写）", 36))
        \(c("# disclosure-exempt: [finance-monthly]", "本村不适用的公开规则，如集体经济往来少、不需每月公开财务", 36))
        ---
        \(Placeholder.instruction("介绍\(name)：地理位置、\(isCommunity ? "网格和居民小组" : "村民小组")、户数和人口、主要产业或服务设施，以及\(isCommunity ? "社区党组织书记、居委会主任" : "村党组织书记、村委会主任")和村务监督委员会的监督电话。"))

        \(name)隶属\(township)。

        """
    }

    /// (path under the village folder, text): one sample of every kind, as its spec writes it (`KindSpec.scaffold`).
    func samples() -> [(path: String, text: String)] {
        let context = ScaffoldContext(village: name, type: village.type, township: township, date: today)
        return Kind.allCases.map { kind in
            let sample = kind.spec.scaffold.sample(context)
            return ("\(kind.spec.newPageFolder)/\(sample.name)", sample.text)
        }
    }
}
