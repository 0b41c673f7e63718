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
        let asOf = report.context.asOfSource.map { AsOf(day: report.asOf, source: $0).described(language) }
        if zh {
            lines.append("公开情况检查报告")
            lines.append("截至：\(asOf ?? report.asOf.chinese)　检查起始：\(report.since.chinese)")
            lines.append("共 \(report.villages.count) 个村（社区）：\(s.totals(language))")
        } else {
            lines.append("Disclosure check")
            lines.append("As of \(asOf ?? report.asOf.description), checked from \(report.since)")
            let count = report.villages.count
            lines.append("\(count) \(count == 1 ? "village or community" : "villages and communities"): \(s.totals(language))")
        }
    }

    mutating func section(for village: DisclosureVillage) {
        let results = report.results(of: village.id)
        let s = DisclosureSummary(results)
        var title =
            zh
            ? "════ \(village.name)（\(village.id)，\(village.type.chineseName)）"
            : "==== \(village.name) (\(village.id), \(village.type.rawValue))"
        if village.since > report.since {
            title += zh ? "，自\(village.since.chinese)起检查" : ", checked from \(village.since)"
        }
        if village.rules.isEmpty {
            lines.append(title)
            lines.append(zh ? "  没有需要检查的公开事项。" : "  No disclosure rule binds it.")
            return
        }
        lines.append(title + (zh ? "：" : ": ") + s.headline(language))
        let periodic = results.filter { !$0.isOnEvent }
        listing(periodic.filter { $0.status == .missing }, heading: zh ? "【未公开】请尽快公开：" : "Missing — publish now:")
        listing(periodic.filter { $0.status == .late }, heading: zh ? "【逾期公开】下次请按时：" : "Published late:")
        listing(periodic.filter { $0.status == .pending }, heading: zh ? "【未到期】请在期限前公开：" : "Not yet due — publish by the due day:")
        published(periodic.filter { $0.status == .published })
        events(results.filter(\.isOnEvent), since: village.since)
        uncounted(report.uncounted(of: village.id), village: village)
    }

    /// Problems, grouped by rule: the rule with its deadline and basis, then one line per period.
    mutating func listing(_ results: [DisclosureResult], heading: String) {
        guard !results.isEmpty else { return }
        lines.append(heading)
        for (ruleID, group) in grouped(results) {
            ruleLine(ruleID, results: group)
            for result in group {
                var line = "    · \(Wording.period(result, language))\(zh ? "：" : ": ")\(Wording.outcome(result, asOf: report.asOf, language))"
                // What to do next, at the end of the line: the command that starts the page, or the late page.
                if let command = report.newPageCommand(for: result) {
                    line += (zh ? "　新建：" : "  start it: ") + command
                } else if result.status == .late, !result.pages.isEmpty {
                    // The pages that made it (a quarter through its months: all three).
                    line += (zh ? "　见 " : "  see ") + result.pages.joined(separator: zh ? "、" : ", ")
                }
                lines.append(line)
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
                year == 0 || labels.first?.hasPrefix("\(year)") == true
                    ? labels.joined(separator: zh ? "、" : ", ")
                    : zh ? "\(year)年 " + labels.joined(separator: "、") : "\(year): " + labels.joined(separator: ", ")
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

    /// Pages for a time before the check start: listed once, with how to have them counted.
    mutating func uncounted(_ pages: [UncountedPage], village: DisclosureVillage) {
        guard !pages.isEmpty else { return }
        lines.append(
            zh
                ? "【未计入】以下公开早于检查起始日（\(village.since.chinese)），不计入检查："
                : "Not counted — before the check start (\(village.since)):")
        for page in pages {
            let name = report.rule(page.rule)?.name ?? page.rule
            let period = page.periodValue.map { zh ? $0.chinese : $0.english } ?? page.period
            lines.append(
                zh
                    ? "  · \(name) \(period)：\(page.page)（\(page.published.chinese)公开）"
                    : "  · \(name) \(period): \(page.page) (published \(page.published))")
        }
        let earliest = pages.map { $0.periodValue?.start ?? $0.published }.min() ?? village.since
        if village.since > report.since {
            lines.append(
                zh
                    ? "  要检查这些期间，请把 _village.md 的 disclosure-since 改早，如 disclosure-since: \(earliest)"
                    : "  To check them, move disclosure-since in _village.md earlier, e.g. disclosure-since: \(earliest)")
        } else {
            lines.append(
                zh
                    ? "  要检查这些期间，请把 disclosure.yaml 的 since 改早，如 since: \(earliest)"
                    : "  To check them, move since in disclosure.yaml earlier, e.g. since: \(earliest)")
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
