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
              gongkai list pages --village 杏花村
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

    @Option(name: .long, help: ArgumentHelp("只列出这个村（社区）的：写村名（杏花村）或村编号。", valueName: "村名"), completion: .custom(VillageCompletion.ids))
    var village: String?

    @Option(name: .long, help: ArgumentHelp("只列出这个栏目的：\(KindArgument.idsListed)。", valueName: "kind"))
    var kind: KindArgument?

    @Option(name: .customLong("as-of"), help: AsOfArgument.help)
    var asOf: String?

    @OptionGroup var siteOptions: SiteOptions

    func validate() throws {
        try AsOfArgument.validate(asOf, language: siteOptions.language)
    }

    func run() throws {
        let language = siteOptions.language
        let content = ContentLoader.load(site: siteOptions.site, options: .init(includeDrafts: true))
        // The same day as `gongkai check` and the portal: --as-of, else site.yaml's as-of, else today.
        let asOf = AsOfArgument.resolve(self.asOf, config: content.config)
        let day = asOf.day
        var villageID: String?
        if let village, !content.villages.isEmpty {
            do {
                villageID = try VillageArgument.resolve(village, in: content.villages, language: language).id
            } catch let error as UserError {
                throw error.exit()
            }
        }
        let table = ListTable(content: content, language: language, asOf: asOf, village: villageID)
        let lines: [String]
        switch what {
        case .villages:
            lines = table.villages()
        case .pages:
            lines = table.pages(selected(content.pages.filter { !$0.draft }, village: villageID), empty: language.pick("没有文章。", "No pages."))
        case .drafts:
            lines = table.pages(selected(content.pages.filter(\.draft), village: villageID), empty: language.pick("没有草稿。", "No drafts."))
        case .expired:
            let expired = content.pages.filter { page in page.expires.map { $0 < day } ?? false }
            lines = table.pages(
                selected(expired, village: villageID), empty: language.pick("截至 \(day.chinese) 没有过期的内容。", "Nothing has expired as of \(day)."),
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
            Report.stderr(
                language.pick(
                    "另有 \(diagnostics.warningCount) 个警告，运行 gongkai build 查看。",
                    "There are \(diagnostics.warningCount) warning(s); run gongkai build to see them."))
        }
    }

    func selected(_ pages: [Page], village: String?) -> [Page] {
        pages.filter { page in
            (village.map { page.shownInVillages.contains($0) } ?? true) && (kind.map { page.kind == $0.kind } ?? true)
        }
    }
}

/// The lines `gongkai list` prints: aligned columns, CJK-width aware.
struct ListTable {
    let content: SiteContent
    let language: Language
    let asOf: AsOf
    /// `--village`, resolved to an id.
    let village: String?

    /// One row per village with its disclosure headline, as `gongkai check` words it, and the as-of day with its source.
    func villages() -> [String] {
        guard !content.villages.isEmpty else { return [language.pick("网站里还没有村（社区）。", "The site has no village yet.")] }
        let (report, _) = DisclosureCheck.evaluate(content, asOf: asOf.day)
        var rows = [
            [
                language.pick("编号", "id"), language.pick("名称", "name"), language.pick("类型", "type"),
                language.pick("文章", "pages"), language.pick("草稿", "drafts"),
                language.pick("公开检查（截至\(asOf.day.chinese)）", "disclosures as of \(asOf.day)"),
            ]
        ]
        for village in content.villages where self.village == nil || village.id == self.village {
            let own = content.pages.filter { $0.shownInVillages.contains(village.id) }
            let summary = DisclosureSummary(report.results(of: village.id))
            rows.append([
                village.id, village.name, language == .en ? village.type.rawValue : village.type.chineseName,
                String(own.filter { !$0.draft }.count), String(own.filter(\.draft).count), summary.headline(language),
            ])
        }
        let shown = rows.count - 1
        return aligned(rows) + [
            language.pick(
                "共 \(shown) 个村（社区）；公开检查截至\(asOf.described(.zh))，详见 gongkai check",
                "\(shown) village(s); disclosures as of \(asOf.described(.en)); see gongkai check")
        ]
    }

    func pages(_ pages: [Page], empty: String, showExpiry: Bool = false) -> [String] {
        guard !pages.isEmpty else { return [empty] }
        var header = [
            language.pick("日期", "date"), language.pick("村（社区）", "village"), language.pick("栏目", "kind"),
            language.pick("标题", "title"),
        ]
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
