import GongkaiContent

/// The village profile and the sample pages of a new site: one page of every kind, dated the day the
/// site is made, written the way a village office would really post them.
struct ScaffoldContent {
    let township: String
    let village: ScaffoldVillage
    let today: Day

    private var name: String { village.name }
    private var isCommunity: Bool { village.type == .community }
    /// 村民委员会 or 居民委员会.
    private var committee: String { isCommunity ? "\(name)居民委员会" : "\(name)村民委员会" }
    private var residents: String { isCommunity ? "居民" : "村民" }
    private var y: (String) -> String { ScaffoldText.yaml }
    private var c: (String, String, Int) -> String { ScaffoldText.commented }
    private let note = Placeholder.sampleNote + "\n"

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

    /// (path under the village folder, text)
    func samples() -> [(path: String, text: String)] {
        let date = today.description
        return [
            ("lectures/\(date)-学习宪法专题党课.md", lecture()),
            ("notices/\(date)-防范电信网络诈骗告\(residents)书.md", notice()),
            ("regulations/\(today.year)版\(isCommunity ? "居民公约" : "村规民约").md", regulation()),
            ("models/\(date)-身边好人示例.md", model()),
            ("disclosures/\(date)-\(isCommunity ? "公益事业筹款收支公布" : "村民代表会议决定事项公开").md", disclosure()),
            ("news/\(date)-志愿服务队开展环境整治.md", article()),
        ]
    }

    func lecture() -> String {
        """
        ---
        title: \(y("\(name)党支部开展“学习宪法、遵守宪法”专题党课"))
        date: \(today)
        \(c("speaker: 党支部书记", "主讲人及职务", 34))
        \(c("venue: \(y("\(name)党群服务中心会议室"))", "地点", 34))
        \(c("held: \(today)", "党课举行的日期", 34))
        \(c("audience: 全体党员、\(residents)代表", "参加对象", 34))
        summary: 围绕宪法的基本原则和公民的基本权利义务讲专题党课。
        tags: [党建, 宪法宣传]
        ---
        \(note)
        \(today.chinese)，\(name)党支部书记在党群服务中心为全体党员和\(residents)代表讲了一堂“学习宪法、遵守宪法”专题党课。

        党课从“宪法是国家的根本法”讲起，结合\(residents)身边的事，讲了公民的基本权利和义务，以及\(isCommunity ? "居民委员会" : "村民委员会")依法开展自治、接受\(residents)监督的规定。党课结束后，大家围绕如何把宪法精神落实到\(isCommunity ? "居民公约" : "村规民约")中展开了讨论。

        """
    }

    func notice() -> String {
        """
        ---
        title: \(y("防范电信网络诈骗告\(residents)书"))
        date: \(today)
        \(c("law: 《中华人民共和国反电信网络诈骗法》", "宣传的法律法规", 44))
        \(c("issuer: \(y(committee))", "发布单位", 44))
        \(c("expires: \(today.adding(days: 365))", "过了这一天显示为“已过期”", 44))
        summary: 公检法机关不会电话办案，凡是让您转账到“安全账户”的都是诈骗。
        tags: [普法, 反诈]
        ---
        \(note)
        各位\(residents)：

        近来，冒充公检法、冒充客服退款、刷单返利等电信网络诈骗时有发生，受骗的多是老人和在家带孩子的家长。请大家记住：

        1. 公安、检察院、法院不会通过电话、微信办案，更不会要求转账到“安全账户”。
        2. 网上刷单、刷信誉都是诈骗，“先返小利、再骗大钱”。
        3. 不要把银行卡、手机卡借给或卖给别人，这是违法行为。
        4. 接到可疑电话，先挂断，再打 110 或全国反诈专线 96110 核实。

        家里有老人的，请子女多提醒。

        \(committee)
        \(today.chinese)

        """
    }

    func regulation() -> String {
        let kind = isCommunity ? "居民公约" : "村规民约"
        let meeting = isCommunity ? "居民会议" : "村民代表会议"
        return """
        ---
        title: \(y("\(name)\(kind)（\(today.year)版）"))
        date: \(today)
        \(c("adopted: \(today)", "\(meeting)通过的日期", 28))
        \(c("filed: \(today)", "报乡镇（街道）备案的日期", 28))
        \(c("version: \(today.year)版", "版本", 28))
        \(c("# supersedes: 旧版文件名", "取代的旧版：写旧版的文件名（不含 .md）", 28))
        summary: \(y("经\(meeting)讨论通过，共五条。"))
        tags: [\(kind), 移风易俗]
        ---
        \(note)
        **第一条** 为推进\(isCommunity ? "居民" : "村民")自治，建设文明和谐的\(name)，经\(today.chinese)\(meeting)表决通过，制定本\(kind)。

        **第二条** 婚事新办、丧事简办，不大操大办，不办无事酒，由红白理事会登记备案。

        **第三条** 落实门前三包，垃圾分类投放，不乱倒垃圾、不乱搭乱建。

        **第四条** 子女要赡养父母，邻里纠纷先找调解委员会调解，依法理性维权。

        **第五条** 本\(kind)自通过之日起施行，由\(committee)负责解释。

        """
    }

    func model() -> String {
        """
        ---
        title: 王秀兰：悉心照料患病婆婆十五年
        date: \(today)
        \(c("person: 王秀兰", "姓名（或家庭名称）；本篇人物为虚构示例", 40))
        \(c("category: 孝老爱亲", "类别：助人为乐、见义勇为、诚实守信、敬业奉献、孝老爱亲", 40))
        \(c("honors: [\(y("\(today.year)年\(township)“身边好人”"))]", "获得的荣誉", 40))
        \(c("# photo: 王秀兰.jpg", "照片：放在本文件旁边的图片文件名", 40))
        tags: [道德模范, 孝老爱亲]
        ---
        \(note)
        王秀兰是\(name)\(residents)。婆婆患病卧床十五年，丈夫常年在外务工，照顾老人的担子落在她一个人身上。

        十五年来，她每天给婆婆擦身、翻身、喂饭喂药，老人身上从没长过褥疮。邻居们说：“有这样的儿媳，是老人的福气。”

        """
    }

    func disclosure() -> String {
        if isCommunity {
            return """
            ---
            title: \(y("\(name)公益事业筹集费用收支情况公布"))
            date: \(today)
            \(c("item: community-accounts", "履行的公开规则：公益事业筹集费用收支账目公布", 34))
            \(c("period: \(today)", "随时公开的事项写事情发生的日期", 34))
            tags: [居务公开, 财务公开]
            ---
            \(note)
            现将本社区为楼道照明和健身器材维护筹集费用的收支情况公布如下，欢迎居民监督。

            ```csv 收支明细
            项目,金额（元）,备注
            收入：居民自愿捐款,12600,共86户
            支出：楼道照明维修,-5800,
            支出：健身器材维护,-3200,
            合计,3600,结余留作下次维修
            ```

            监督电话：\(Placeholder.instruction("写居务监督委员会的电话"))

            \(committee)
            \(today.chinese)

            """
        }
        return """
        ---
        title: \(y("\(name)村民代表会议决定事项公开"))
        date: \(today)
        \(c("item: meeting-decisions", "履行的公开规则：村民会议、村民代表会议决定事项及实施情况", 34))
        \(c("period: \(today)", "随时公开的事项写事情发生（会议召开）的日期", 34))
        tags: [村务公开, 民主管理]
        ---
        \(note)
        \(today.chinese)，\(name)召开村民代表会议，应到代表 25 人，实到 23 人，经表决作出以下决定：

        1. 同意硬化三组至五组之间的村道 1.2 公里，按程序公开招标，工程情况另行公示。
        2. 同意修订村规民约，增加垃圾分类和门前三包的内容。

        以上决定的实施情况将在下一期村务公开中公布。如有异议，请联系村务监督委员会。

        \(committee)
        \(today.chinese)

        """
    }

    func article() -> String {
        """
        ---
        title: \(y("\(name)志愿服务队开展人居环境整治"))
        date: \(today)
        summary: 党员和志愿者清理沟渠、整治房前屋后，共清运垃圾三车。
        tags: [志愿服务, 环境整治]
        ---
        \(note)
        \(today.chinese)，\(name)党员志愿服务队和\(residents)志愿者一起开展人居环境整治，清理沟渠、拆除乱搭的棚子、整治房前屋后的柴草堆，共清运垃圾三车。

        \(isCommunity ? "社区" : "村")党支部书记说，环境整治贵在坚持，下一步将把门前三包写进\(isCommunity ? "居民公约" : "村规民约")，定期评比。

        """
    }
}
