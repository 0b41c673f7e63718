import GongkaiContent
import GongkaiDisclosure

/// The text of a new page: front matter with every key of its kind, each explained in a comment, and
/// a body that says what to write. The kind's lines and body come from its spec (`KindSpec.scaffold`).
struct PageTemplate {
    let kind: Kind
    var title: String
    let date: Day
    let village: Village
    let draft: Bool
    /// Disclosures only.
    var rule: DisclosureRule?
    var period: String?

    func text() -> String { frontMatter() + body() }

    /// The front matter alone, ending with its closing `---` line (`gongkai import` puts the document after it).
    func frontMatter() -> String {
        let c = { (code: String, comment: String) in ScaffoldText.commented(code, comment, column: 34) }
        var lines = [
            "---",
            c("title: \(ScaffoldText.yaml(title))", "标题"),
            c("date: \(date)", "发布日期（北京时间），写成 YYYY-MM-DD"),
        ]
        lines += kind.spec.scaffold.keyLines(context).map { c($0.code, $0.comment) }
        lines += [
            c("summary:", "摘要：一两句话，显示在列表里（可不写）"),
            c("tags: []", "标签，如 [普法, 反诈]（可不写）"),
            c("draft: \(draft)", draft ? "草稿，不会发布；写好后改为 false" : "改为 true 则暂不发布（草稿）"),
        ]
        if kind.spec.scaffold.offersExpires {
            lines.append(c("# expires: \(date.adding(days: 90))", "过期日期：过了这天显示为“已过期”（可不写）"))
        }
        lines.append(c("# attachments: [附件.pdf]", "附件：放在本文件旁边的文件名，或以 / 开头、static/ 里的文件"))
        lines.append("---")
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the kind's scaffold (`KindSpec.scaffold`) is written for.
    var context: ScaffoldContext {
        var context = ScaffoldContext(village: village.name, type: village.type, township: village.township ?? "", date: date, period: period)
        if let rule {
            let timing: ScaffoldContext.Rule.Timing =
                rule.cadence == .beforeEvent
                ? .beforeEvent
                : rule.cadence.isPeriodic ? .periodic(rule.cadence.chineseLabel) : .onEvent
            context.rule = ScaffoldContext.Rule(id: rule.id, name: rule.name, due: rule.due, timing: timing)
        }
        if let period, case .success(.period(let value)) = PeriodValue.parse(period) {
            context.periodChinese = value.chinese
            if let rule { context.periodDueDay = value.dueDay(afterDays: rule.due).chinese }
        }
        return context
    }

    private func body() -> String { kind.spec.scaffold.body(context) }
}
