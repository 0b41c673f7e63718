import GongkaiContent
import GongkaiDisclosure

/// The text of a new page: front matter with every key of its kind, each explained in a comment, and
/// a body that says what to write.
struct PageTemplate {
    let kind: Kind
    var title: String
    let date: Day
    let village: Village
    let draft: Bool
    /// Disclosures only.
    var rule: DisclosureRule?
    var period: String?

    private var residents: String { village.type == .community ? "居民" : "村民" }

    func text() -> String { frontMatter() + body() }

    /// The front matter alone, ending with its closing `---` line (`gongkai import` puts the document after it).
    func frontMatter() -> String {
        let c = { (code: String, comment: String) in ScaffoldText.commented(code, comment, column: 34) }
        var lines = [
            "---",
            c("title: \(ScaffoldText.yaml(title))", "标题"),
            c("date: \(date)", "发布日期（北京时间），写成 YYYY-MM-DD"),
        ]
        lines += kindLines(c)
        lines += [
            c("summary:", "摘要：一两句话，显示在列表里（可不写）"),
            c("tags: []", "标签，如 [普法, 反诈]（可不写）"),
            c("draft: \(draft)", draft ? "草稿，不会发布；写好后改为 false" : "改为 true 则暂不发布（草稿）"),
        ]
        if kind == .notice || kind == .article {
            lines.append(c("# expires: \(date.adding(days: 90))", "过期日期：过了这天显示为“已过期”（可不写）"))
        }
        lines.append(c("# attachments: [附件.pdf]", "附件：放在本文件旁边的文件名，或以 / 开头、static/ 里的文件"))
        lines.append("---")
        return lines.joined(separator: "\n") + "\n"
    }

    private func kindLines(_ c: (String, String) -> String) -> [String] {
        switch kind {
        case .lecture:
            return [c("speaker:", "主讲人及职务，如 周明远（镇党委书记）"),
                    c("venue:", "地点，如 \(village.name)党群服务中心会议室"),
                    c("held: \(date)", "党课（讲座）举行的日期"),
                    c("audience:", "参加对象，如 全体党员、\(residents)代表")]
        case .notice:
            return [c("law:", "宣传的法律法规，如 《中华人民共和国民法典》"),
                    c("issuer: \(ScaffoldText.yaml(village.name + (village.type == .community ? "居民委员会" : "村民委员会")))", "发布单位")]
        case .regulation:
            return [c("adopted:", "\(village.type == .community ? "居民会议" : "村民会议或村民代表会议")通过的日期，如 \(date)"),
                    c("filed:", "报乡镇（街道）备案的日期"),
                    c("version: \(date.year)版", "版本"),
                    c("supersedes:", "取代的旧版：写旧版的文件名（不含 .md），没有旧版就不写")]
        case .model:
            return [c("person:", "姓名（或家庭名称）"),
                    c("category:", "类别：助人为乐、见义勇为、诚实守信、敬业奉献、孝老爱亲"),
                    c("honors: []", "获得的荣誉，如 [\(date.year)年“身边好人”]"),
                    c("# photo: 照片.jpg", "照片：放在本文件旁边的图片文件名")]
        case .disclosure:
            guard let rule else { return [] }
            if rule.cadence == .beforeEvent {
                return [c("item: \(rule.id)", "公开规则：\(rule.name)；会议（事项）召开 \(rule.due) 天前公布"),
                        // Without --period: the earliest meeting day a page published today is on time for.
                        c("event: \(period.flatMap { $0 == date.description ? nil : $0 } ?? date.adding(days: rule.due).description)",
                          "会议（如成员大会）召开的日期：本文应在这一天的 \(rule.due) 天前发布，请改成实际日期")]
            }
            let when = rule.cadence.isPeriodic ? "\(rule.cadence.chineseLabel)公开，期末后 \(rule.due) 天内公布"
                                               : "随时公开，事后 \(rule.due) 天内公布"
            var periodComment = rule.cadence.isPeriodic ? "公开的期间" : "事情发生的日期"
            if let period, case .success(.period(let value)) = PeriodValue.parse(period) {
                periodComment += "：\(value.chinese)，应于 \(value.dueDay(afterDays: rule.due).chinese) 前公布"
            }
            return [c("item: \(rule.id)", "公开规则：\(rule.name)；\(when)"),
                    c("period: \(period ?? date.description)", periodComment)]
        case .article:
            return []
        }
    }

    private func body() -> String {
        switch kind {
        case .lecture:
            return Placeholder.instruction("写党课或讲座的内容：讲了什么、多少人参加、大家有什么收获和建议。") + "\n"
        case .notice:
            return "各位\(residents)：\n\n" + Placeholder.instruction("用大白话写清楚要注意什么、怎么做、不能做什么，最后写上咨询或举报电话。") + "\n"
        case .regulation:
            return "**第一条** " + Placeholder.instruction("写明第一条。") + "\n\n**第二条** " + Placeholder.instruction("写明第二条；条款多的照这样往下写，每条之间空一行。") + "\n"
        case .model:
            return Placeholder.instruction("写人物的真实事迹：做了什么、坚持了多久、邻里怎么评价。") + "\n"
        case .article:
            return Placeholder.instruction("写正文。") + "\n"
        case .disclosure:
            let sign = "\n\(village.name)\(village.type == .community ? "居务" : "村务")监督委员会\n\(date.chinese)\n"
            if let rule, rule.id.contains("finance") || rule.id.contains("accounts") {
                return """
                现将\(village.name)\(periodText)收支情况公布如下，欢迎\(residents)监督。

                ```csv 收支明细
                项目,金额（元）,备注
                收入：\(Placeholder.instruction("写收入项目")),0,
                支出：\(Placeholder.instruction("写支出项目")),0,
                合计,0,
                ```

                \(Placeholder.instruction("逐行写明收支：一项一行，收入写正数，支出写负数，金额不加逗号，如 45000 或 -7200.50；“合计”一行写收支结余，生成网站时会自动核对。写好后删掉这段提示"))

                监督电话：\(Placeholder.instruction("写\(village.type == .community ? "居务" : "村务")监督委员会的电话"))
                \(sign)
                """
            }
            return "现将\(village.name)\(periodText)有关情况公布如下，欢迎\(residents)监督。\n\n" + Placeholder.instruction("逐项写明公开的内容。") + "\n\(sign)"
        }
    }

    private var periodText: String {
        guard let period, case .success(.period(let value)) = PeriodValue.parse(period) else { return "" }
        return value.chinese
    }
}
