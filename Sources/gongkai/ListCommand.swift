import ArgumentParser
import Foundation
import GongkaiContent
import GongkaiDisclosure

/// `gongkai list`: what is in the site, for an editor checking their work.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "列出网站里的内容：村（社区）、文章、草稿或已过期的公告。",
        discussion: """
          villages  每个村（社区）的编号、名称、文章数、草稿数和公开检查情况（默认）
          pages     所有已发布的文章，新的在前
          drafts    草稿（draft: true），还没有发布
          expired   已过期的公告（expires 日期已过）
        内容有错误时照样列出能读到的部分，错误写在最后，退出状态为 1。

        示例：
          gongkai list
          gongkai list pages --village xinghuacun
          gongkai list pages --kind disclosure
          gongkai list drafts
          gongkai list expired --as-of 2026-12-31
        """
    )

    enum What: String, ExpressibleByArgument, CaseIterable {
        case villages
        case pages
        case drafts
        case expired
    }

    @Argument(help: ArgumentHelp("列出什么：villages、pages、drafts 或 expired。", valueName: "villages|pages|drafts|expired"))
    var what: What = .villages

    @Option(name: .long, help: ArgumentHelp("只列出这个村（社区）的。", valueName: "ID"), completion: .custom(VillageCompletion.ids))
    var village: String?

    @Option(name: .long, help: ArgumentHelp("只列出这个栏目的：lecture、notice、regulation、model、disclosure 或 article。", valueName: "kind"))
    var kind: KindArgument?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("按哪一天判断是否过期、是否按时公开；默认为 site.yaml 的 as-of，没有则为今天。", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @OptionGroup var siteOptions: SiteOptions

    func validate() throws {
        if let asOf, Day(iso: asOf) == nil {
            throw ValidationError(DateOption.invalid("--as-of", asOf, language: siteOptions.language))
        }
    }

    func run() throws {
        let language = siteOptions.language
        let content = ContentLoader.load(site: siteOptions.site, options: .init(includeDrafts: true))
        let day = asOf.flatMap { Day(iso: $0) } ?? content.config.asOf
            ?? Day.todayInShanghai(secondsSince1970: Date().timeIntervalSince1970)
        if let village, content.village(village) == nil, !content.villages.isEmpty {
            let hint = Suggest.closest(to: village, in: content.villages.map(\.id))
            let known = content.villages.map(\.id).joined(separator: language.pick("、", ", "))
            throw UserError(language.pick("--village \(village)：没有这个村或社区" + (hint.map { "，是不是 \($0)？" } ?? "。已有的村：\(known)"),
                                          "--village \(village): no such village" + (hint.map { "; did you mean \($0)?" } ?? ". Known: \(known)"))).exit()
        }
        let table = ListTable(content: content, language: language, asOf: day)
        let lines: [String]
        switch what {
        case .villages:
            lines = table.villages(only: village)
        case .pages:
            lines = table.pages(selected(content.pages.filter { !$0.draft }), empty: language.pick("没有文章。", "No pages."))
        case .drafts:
            lines = table.pages(selected(content.pages.filter(\.draft)), empty: language.pick("没有草稿。", "No drafts."))
        case .expired:
            let expired = content.pages.filter { page in page.expires.map { $0 < day } ?? false }
            lines = table.pages(selected(expired), empty: language.pick("截至 \(day.chinese) 没有过期的内容。", "Nothing has expired as of \(day)."),
                                showExpiry: true)
        }
        for line in lines { Console.line(line) }

        let (_, disclosureDiagnostics) = what == .villages ? DisclosureCheck.evaluate(content, asOf: day) : (nil, [])
        let diagnostics = content.diagnostics + disclosureDiagnostics
        if diagnostics.hasErrors {
            Report.printDiagnostics(diagnostics, language: language)
            throw ExitCode(1)
        }
        if diagnostics.warningCount > 0 {
            Report.stderr(language.pick("另有 \(diagnostics.warningCount) 个警告，运行 gongkai build 查看。",
                                        "There are \(diagnostics.warningCount) warning(s); run gongkai build to see them."))
        }
    }

    func selected(_ pages: [Page]) -> [Page] {
        pages.filter { page in
            (village.map { page.shownInVillages.contains($0) } ?? true) && (kind.map { page.kind == $0.kind } ?? true)
        }
    }
}

/// The lines `gongkai list` prints: aligned columns, CJK-width aware.
struct ListTable {
    let content: SiteContent
    let language: Language
    let asOf: Day

    func villages(only id: String?) -> [String] {
        guard !content.villages.isEmpty else { return [language.pick("网站里还没有村（社区）。", "The site has no village yet.")] }
        let (report, _) = DisclosureCheck.evaluate(content, asOf: asOf)
        var rows = [[language.pick("编号", "id"), language.pick("名称", "name"), language.pick("类型", "type"),
                     language.pick("文章", "pages"), language.pick("草稿", "drafts"),
                     language.pick("公开检查（截至\(asOf.chinese)）", "disclosures as of \(asOf)")]]
        for village in content.villages where id == nil || village.id == id {
            let own = content.pages.filter { $0.shownInVillages.contains(village.id) }
            let summary = DisclosureSummary(report.results(of: village.id))
            rows.append([village.id, village.name, language == .en ? village.type.rawValue : village.type.chineseName,
                         String(own.filter { !$0.draft }.count), String(own.filter(\.draft).count), describe(summary)])
        }
        let shown = rows.count - 1
        return aligned(rows) + [language.pick("共 \(shown) 个村（社区）", "\(shown) village(s)")]
    }

    func describe(_ summary: DisclosureSummary) -> String {
        var parts: [String] = []
        if summary.missing > 0 { parts.append(language.pick("未公开 \(summary.missing) 期", "\(summary.missing) missing")) }
        if summary.late > 0 { parts.append(language.pick("逾期公开 \(summary.late) 期", "\(summary.late) late")) }
        if summary.pending > 0 { parts.append(language.pick("未到期 \(summary.pending) 期", "\(summary.pending) not yet due")) }
        if parts.isEmpty { return language.pick("没有缺漏", "nothing missing") }
        return parts.joined(separator: language.pick("，", ", "))
    }

    func pages(_ pages: [Page], empty: String, showExpiry: Bool = false) -> [String] {
        guard !pages.isEmpty else { return [empty] }
        var header = [language.pick("日期", "date"), language.pick("村（社区）", "village"), language.pick("栏目", "kind"),
                      language.pick("标题", "title")]
        if showExpiry { header.insert(language.pick("到期", "expires"), at: 1) }
        header.append(language.pick("文件", "file"))
        var rows = [header]
        for page in pages {
            let owner = page.owner.villageID.flatMap { content.village($0)?.name } ?? language.pick("镇（县）", "county")
            var row = [page.date.day.description, owner, language == .en ? page.kind.englishName : page.kind.chineseName, page.title]
            if showExpiry { row.insert(page.expires?.description ?? "", at: 1) }
            row.append(page.sourcePath)
            rows.append(row)
        }
        return aligned(rows) + [language.pick("共 \(pages.count) 篇", "\(pages.count) page(s)")]
    }

    /// Columns padded to the widest cell; the last column is not padded.
    func aligned(_ rows: [[String]]) -> [String] {
        guard let columns = rows.map(\.count).max() else { return [] }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() where index < columns - 1 {
                widths[index] = max(widths[index], ScaffoldText.width(cell))
            }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : ScaffoldText.padded(cell, to: widths[index])
            }.joined(separator: "  ")
        }
    }
}
