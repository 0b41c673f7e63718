import GongkaiContent
import GongkaiEscape

/// Column health and site findings in the three report formats, and what they do to the exit status.
extension DisclosureReport {
    public var healthFindings: [HealthResult] { health.filter(\.isFinding) }

    /// Whether the check fails (exit 1): a missing disclosure, a late one when `strict`, a stale or
    /// empty section, a broken link, a missing attachment or footer item.
    public func fails(strict: Bool) -> Bool {
        let s = summary
        return s.missing > 0 || (strict && s.late > 0) || !healthFindings.isEmpty || !findings.isEmpty
    }

    /// 全站, 镇（县）级页面, 杏花村.
    func ownerName(_ owner: HealthOwner, _ language: Language) -> String {
        switch owner {
        case .site: language == .zh ? "全站" : "site"
        case .county: language == .zh ? "镇（县）级页面" : "county pages"
        case .village(let id): language == .zh ? (village(id)?.name ?? id) : id
        }
    }

    /// One health result in words, e.g. `杏花村“新闻动态”栏目：最近一篇2026年8月22日，已93天未更新（标准14天）`.
    public func healthLine(_ result: HealthResult, _ language: Language) -> String {
        let zh = language == .zh
        let owner = ownerName(result.owner, language)
        let place =
            zh
            ? (result.section == .home ? owner : owner + result.section.chineseName)
            : (result.section == .home ? owner : "\(owner): \(result.section.englishName)")
        let newest = result.newest.map { zh ? $0.chinese : $0.description }
        switch (result.status, zh) {
        case (.empty, true) where result.later > 0:
            return "\(place)：只有 \(result.later) 篇日期在\(asOf.chinese)之后的内容，在这一天还不算发布，是空白栏目"
        case (.empty, false) where result.later > 0:
            return "\(place): only \(result.later) page\(result.later == 1 ? "" : "s") dated after \(asOf), which do not count yet: an empty section"
        case (.empty, true): return "\(place)：没有一篇内容（空白栏目）"
        case (.empty, false): return "\(place): no page at all (empty section)"
        case (.stale, true):
            guard let newest, let days = result.days else { return "\(place)：统计日之前没有一篇内容（标准\(result.limit ?? 0)天）" }
            return "\(place)：最近一篇\(newest)，已\(days)天未更新（标准\(result.limit ?? 0)天）"
        case (.stale, false):
            guard let newest, let days = result.days else { return "\(place): nothing dated on or before the as-of day (limit \(result.limit ?? 0) days)" }
            return "\(place): newest page \(newest), \(days) days ago (limit \(result.limit ?? 0) days)"
        case (.fresh, true): return "\(place)：最近一篇\(newest ?? "")（\(result.days ?? 0)天前，标准\(result.limit ?? 0)天）"
        case (.fresh, false): return "\(place): newest page \(newest ?? "") (\(result.days ?? 0) days ago, limit \(result.limit ?? 0))"
        }
    }

    /// The text report's closing blocks: column health (when on) and the site findings.
    func healthText(_ language: Language) -> [String] {
        let zh = language == .zh
        var lines: [String] = []
        if let settings = healthSettings {
            let stale = health.filter { $0.status == .stale }, empty = health.filter { $0.status == .empty }
            let standard = settings.profile.map { zh ? "；标准：\($0)" : "; profile \($0)" } ?? ""
            lines.append("")
            lines.append(
                zh
                    ? "════ 栏目更新情况（截至\(asOf.chinese)\(standard)）：长期未更新 \(stale.count) 个，空白栏目 \(empty.count) 个"
                    : "==== Column health (as of \(asOf)\(standard)): \(stale.count) stale, \(empty.count) empty")
            for (status, heading) in [
                (HealthStatus.stale, zh ? "【长期未更新】请发布新内容：" : "Stale — publish something new:"),
                (.empty, zh ? "【空白栏目】请补充内容，或不再显示这个栏目：" : "Empty sections:"),
                (.fresh, zh ? "【按时更新】" : "Fresh:"),
            ] {
                let group = health.filter { $0.status == status }
                guard !group.isEmpty else { continue }
                lines.append(heading)
                for result in group {
                    let page = status == .stale ? result.newestPage.map { zh ? "（\($0)）" : " (\($0))" } ?? "" : ""
                    lines.append("  · \(healthLine(result, language))\(page)")
                }
            }
        }
        if !findings.isEmpty {
            lines.append("")
            lines.append(
                zh ? "════ 链接、附件和页脚：\(findings.count) 处问题" : "==== Links, attachments and footer: \(findings.count) problem\(findings.count == 1 ? "" : "s")")
            for finding in findings {
                let label = zh ? finding.kind.chineseLabel : finding.kind.englishLabel
                lines.append("  \(finding.location): \(label)\(zh ? "：" : ": ")\(finding.message(language))")
            }
        }
        return lines
    }

    /// JSON results for the health and the findings, one object per line (as the disclosure results).
    func healthJSON() -> [String] {
        var out: [String] = []
        for result in health {
            let fields: [(String, String)] = [
                ("village", result.owner.villageID.map(JSON.string) ?? "null"),
                ("owner", JSON.string(result.owner.kindName)),
                ("rule", JSON.string(result.rule)),
                ("section", JSON.string(result.section.key)),
                ("status", JSON.string(result.status.rawValue)),
                ("newest", result.newest.map { JSON.string($0.description) } ?? "null"),
                ("days", result.days.map(String.init) ?? "null"),
                ("limit", result.limit.map(String.init) ?? "null"),
                ("pages", "[" + (result.newestPage.map(JSON.string) ?? "") + "]"),
            ]
            out.append("{" + fields.map { "\(JSON.string($0.0)): \($0.1)" }.joined(separator: ", ") + "}")
        }
        for finding in findings {
            let fields: [(String, String)] = [
                ("village", finding.village.map(JSON.string) ?? "null"),
                ("rule", JSON.string(finding.rule)),
                ("status", JSON.string(finding.kind.status)),
                ("file", JSON.string(finding.file)),
                ("line", finding.line.map(String.init) ?? "null"),
                ("target", JSON.string(finding.subject)),
                ("message", JSON.string(finding.zh)),
            ]
            out.append("{" + fields.map { "\(JSON.string($0.0)): \($0.1)" }.joined(separator: ", ") + "}")
        }
        return out
    }

    /// Summary keys added after the disclosure counts: `stale`, `empty` when health is on, `findings` when any.
    func healthSummaryJSON() -> String {
        var out = ""
        if healthSettings != nil {
            out += ", \"stale\": \(health.filter { $0.status == .stale }.count), \"empty\": \(health.filter { $0.status == .empty }.count)"
        }
        if !findings.isEmpty { out += ", \"findings\": \(findings.count)" }
        return out
    }

    /// JUnit suites `health` (one case per checked section; stale and empty fail) and `links`
    /// (one failing case per finding). Returns the suites and their test and failure counts.
    func healthJUnit(_ language: Language) -> (String, tests: Int, failures: Int) {
        var out = ""
        var tests = 0, failures = 0
        let colon = Wording.colon(language)
        if healthSettings != nil {
            var cases = "", failed = 0
            for result in health {
                let owner = result.owner.villageID ?? result.owner.kindName
                cases += "    <testcase classname=\(XML.attribute("\(owner).health")) name=\(XML.attribute(result.rule))>\n"
                let line = healthLine(result, language)
                if result.isFinding {
                    let label = language == .zh ? result.status.chineseLabel : result.status.englishLabel
                    cases += "      <failure type=\"\(result.status.rawValue)\" message=\(XML.attribute(label + colon + line))>\(XML.escape(line))</failure>\n"
                    failed += 1
                } else {
                    cases += "      <system-out>\(XML.escape(line))</system-out>\n"
                }
                cases += "    </testcase>\n"
            }
            out += "  <testsuite name=\"health\" tests=\"\(health.count)\" failures=\"\(failed)\" errors=\"0\" skipped=\"0\">\n" + cases + "  </testsuite>\n"
            tests += health.count
            failures += failed
        }
        if !findings.isEmpty {
            out += "  <testsuite name=\"links\" tests=\"\(findings.count)\" failures=\"\(findings.count)\" errors=\"0\" skipped=\"0\">\n"
            for finding in findings {
                let label = language == .zh ? finding.kind.chineseLabel : finding.kind.englishLabel
                out += "    <testcase classname=\(XML.attribute(finding.rule)) name=\(XML.attribute(finding.location))>\n"
                out +=
                    "      <failure type=\"\(finding.kind.status)\" message=\(XML.attribute(label + colon + finding.message(language)))>\(XML.escape(finding.location + ": " + finding.message(language)))</failure>\n"
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
            tests += findings.count
            failures += findings.count
        }
        return (out, tests, failures)
    }
}
