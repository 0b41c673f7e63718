import GongkaiContent

extension DisclosureReport {
    /// The report a village secretary reads: per village, what is missing first (with the due day and
    /// the basis of each rule), then what was late, what is not yet due, what is done, and the on-event items.
    public func text(_ language: Language = .zh) -> String {
        var out = TextReport(report: self, language: language)
        return out.render()
    }
}

/// Builds the text report line by line.
struct TextReport {
    let report: DisclosureReport
    let language: Language
    var lines: [String] = []

    init(report: DisclosureReport, language: Language) {
        self.report = report
        self.language = language
    }

    var zh: Bool { language == .zh }

    mutating func render() -> String {
        header()
        for village in report.villages {
            lines.append("")
            section(for: village)
        }
        lines += report.healthText(language)
        return lines.joined(separator: "\n") + "\n"
    }

    mutating func header() {
        let s = report.summary
        if zh {
            lines.append("公开情况检查报告")
            lines.append("截至：\(report.asOf.chinese)　检查起始：\(report.since.chinese)")
            lines.append("共 \(report.villages.count) 个村（社区）：未公开 \(s.missing) 期，逾期公开 \(s.late) 期，未到期 \(s.pending) 期，已按时公开 \(s.published) 期")
        } else {
            lines.append("Disclosure check")
            lines.append("As of \(report.asOf), checked from \(report.since)")
            let count = report.villages.count
            lines.append("\(count) \(count == 1 ? "village or community" : "villages and communities"): \(s.missing) missing, \(s.late) late, \(s.pending) not yet due, \(s.published) published on time")
        }
    }

    mutating func section(for village: DisclosureVillage) {
        let results = report.results(of: village.id)
        let s = DisclosureSummary(results)
        var title = zh ? "════ \(village.name)（\(village.id)，\(village.type.chineseName)）"
                       : "==== \(village.name) (\(village.id), \(village.type.rawValue))"
        if village.since > report.since {
            title += zh ? "，自\(village.since.chinese)起检查" : ", checked from \(village.since)"
        }
        var counts: [String] = []
        if s.missing > 0 { counts.append(zh ? "未公开 \(s.missing) 期" : "\(s.missing) missing") }
        if s.late > 0 { counts.append(zh ? "逾期公开 \(s.late) 期" : "\(s.late) late") }
        if s.pending > 0 { counts.append(zh ? "未到期 \(s.pending) 期" : "\(s.pending) not yet due") }
        if counts.isEmpty { counts.append(zh ? "均已按时公开" : "all published on time") }
        lines.append(title + (zh ? "：" : ": ") + counts.joined(separator: zh ? "，" : ", "))
        if village.rules.isEmpty {
            lines.append(zh ? "  没有需要检查的公开事项。" : "  No disclosure rule binds it.")
            return
        }
        let periodic = results.filter { !$0.isOnEvent }
        listing(periodic.filter { $0.status == .missing }, heading: zh ? "【未公开】请尽快公开：" : "Missing — publish now:")
        listing(periodic.filter { $0.status == .late }, heading: zh ? "【逾期公开】下次请按时：" : "Published late:")
        listing(periodic.filter { $0.status == .pending }, heading: zh ? "【未到期】请在期限前公开：" : "Not yet due — publish by the due day:")
        published(periodic.filter { $0.status == .published })
        events(results.filter(\.isOnEvent), since: village.since)
    }

    /// Problems, grouped by rule: the rule with its deadline and basis, then one line per period.
    mutating func listing(_ results: [DisclosureResult], heading: String) {
        guard !results.isEmpty else { return }
        lines.append(heading)
        for (ruleID, group) in grouped(results) {
            ruleLine(ruleID, results: group)
            for result in group {
                lines.append("    · \(Wording.period(result, language))\(zh ? "：" : ": ")\(Wording.outcome(result, asOf: report.asOf, language))")
            }
        }
    }

    mutating func ruleLine(_ ruleID: String, results: [DisclosureResult]) {
        guard let rule = report.rule(ruleID) else {
            lines.append("  ■ \(ruleID)")
            return
        }
        lines.append("  ■ \(rule.name)\(zh ? "（" : " (")\(Wording.deadline(rule, language))\(zh ? "）" : ")")")
        for (basis, days) in citedBases(rule, results: results) where !basis.isEmpty {
            lines.append("    \(zh ? "依据" : "Basis")\(days)\(zh ? "：" : ": ")\(basis)")
        }
    }

    /// Periods published on time, compactly: `财务收支公开（月度）：2026年 1月、2月、3月`.
    mutating func published(_ results: [DisclosureResult]) {
        guard !results.isEmpty else { return }
        lines.append(zh ? "【已按时公开】" : "Published on time:")
        for (ruleID, group) in grouped(results) {
            var byYear: [(Int, [String])] = []
            for result in group {
                guard let period = result.periodValue else {
                    // Before-event items: one per meeting, by its day.
                    byYear.append((result.event?.year ?? 0, [Wording.period(result, language)]))
                    continue
                }
                let label = zh ? period.chineseWithinYear : period.englishWithinYear
                if let last = byYear.last, last.0 == period.year {
                    byYear[byYear.count - 1].1.append(label)
                } else {
                    byYear.append((period.year, [label]))
                }
            }
            let periods = byYear.map { year, labels in
                year == 0 || labels.first?.hasPrefix("\(year)") == true ? labels.joined(separator: zh ? "、" : ", ") : zh ? "\(year)年 " + labels.joined(separator: "、") : "\(year): " + labels.joined(separator: ", ")
            }.joined(separator: zh ? "；" : "; ")
            lines.append("  ■ \(report.rule(ruleID)?.name ?? ruleID)\(zh ? "：" : ": ")\(periods)")
        }
    }

    mutating func events(_ results: [DisclosureResult], since: Day) {
        guard !results.isEmpty else { return }
        lines.append(zh ? "【随时公开事项】（\(since.chinese)以来）" : "On-event items (since \(since)):")
        for result in results {
            let rule = report.rule(result.rule)
            let name = rule?.name ?? result.rule
            lines.append("  ■ \(name)\(zh ? "：" : ": ")\(Wording.events(result, rule: rule, language))")
        }
    }

    /// Results grouped by rule id, keeping the order (the results are sorted by rule already).
    func grouped(_ results: [DisclosureResult]) -> [(String, [DisclosureResult])] {
        var groups: [(String, [DisclosureResult])] = []
        for result in results {
            if let last = groups.last, last.0 == result.rule {
                groups[groups.count - 1].1.append(result)
            } else {
                groups.append((result.rule, [result]))
            }
        }
        return groups
    }
}
