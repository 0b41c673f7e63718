import ArgumentParser
import Foundation
import GongkaiContent
import GongkaiDisclosure

/// `gongkai new <kind> --village ID "标题"`: a new page in the right folder, ready to fill in.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "新建一篇内容：放进对应村的对应栏目文件夹，文件头写好该栏目的各项设置和说明。",
        discussion: """
            栏目（kind）：lecture 党课与宣讲、notice 法治宣传、regulation 村规民约、model 道德模范、
            disclosure 党务村务财务公开、article 新闻动态（也可以直接写中文：党课、普法、村规民约、模范、公开、新闻）。
            日期为今天（北京时间）。新文件的位置会打印出来；已有同名文件时不会覆盖。

            公开文件（disclosure）要用 --item 写明履行哪条公开规则；--period 不写时，自动选这个村该公开的下一期：
            最早一期已经结束、还没有公开的；都公开了就是当前这一期。随时公开的事项，period 默认为今天。

            示例：
              gongkai new notice --village 杏花村 "防范电信网络诈骗告村民书"
              gongkai new lecture --village xinghuacun "七一专题党课"
              gongkai new disclosure --village 杏花村 --item finance-monthly
              gongkai new disclosure --village lugao --item village-affairs-quarterly --period 2026-Q3
              gongkai new 模范 --village xinghuacun "何秀芝：照顾瘫痪婆婆二十年" --draft
            """
    )

    @Argument(help: ArgumentHelp("栏目：\(KindArgument.idsListed)（也可写中文）。", valueName: "kind"))
    var kind: KindArgument

    @Argument(help: ArgumentHelp("标题。公开文件可以不写，默认为“村名+期间+公开事项”。", valueName: "title"))
    var title: String?

    @Option(
        name: .long, help: ArgumentHelp("写哪个村（社区）：村名（杏花村）或村编号（content/villages/ 下的文件夹名）。网站只有一个村时可不写。", valueName: "村名"),
        completion: .custom(VillageCompletion.ids))
    var village: String?

    @Option(
        name: .long, help: ArgumentHelp("公开文件：履行的公开规则编号，如 finance-monthly。", valueName: "rule"),
        completion: .list(DisclosureRule.defaults.map(\.id)))
    var item: String?

    @Option(name: .long, help: ArgumentHelp("公开文件：公开的期间，如 2026-10（月）、2026-Q3（季度）、2026-H2（半年）、2026（年），随时公开的写事情发生的日期。", valueName: "period"))
    var period: String?

    @Option(name: .long, help: ArgumentHelp("发布日期，默认今天（北京时间）。", valueName: "YYYY-MM-DD"))
    var date: String?

    @Flag(name: .long, help: "存为草稿（draft: true），生成网站时不发布。")
    var draft = false

    @Flag(name: [.short, .long], help: "只输出新文件的路径。")
    var quiet = false

    @OptionGroup var siteOptions: SiteOptions

    func validate() throws {
        if let date, Day(iso: date) == nil {
            throw ValidationError(DateOption.invalid("--date", date, language: siteOptions.language))
        }
        if kind.kind != .disclosure && (item != nil || period != nil) {
            throw ValidationError(
                siteOptions.language.pick(
                    "--item 和 --period 只用于公开文件（gongkai new disclosure …）",
                    "--item and --period are for disclosures only (gongkai new disclosure …)"))
        }
    }

    func run() throws {
        let language = siteOptions.language
        do {
            try create(language)
        } catch let error as UserError {
            throw error.exit()
        }
    }

    func create(_ language: Language) throws {
        let today = date.flatMap { Day(iso: $0) } ?? Day.todayInShanghai(secondsSince1970: Date().timeIntervalSince1970)
        let content = try NewCommand.loadSite(siteOptions.site, language)
        let owner = try NewCommand.chooseVillage(village, content, language)
        var template = PageTemplate(kind: kind.kind, title: title ?? "", date: today, village: owner, draft: draft)
        var stem = "\(today)-\(title ?? "")"
        if kind.kind == .disclosure {
            // The period due next as `gongkai check` counts it: on site.yaml's as-of when it pins one.
            let asOf = AsOf.resolve(flag: date.flatMap { Day(iso: $0) }, config: content.config, today: today)
            let choice = try DisclosureChoice.make(
                item: item, period: period, village: owner, content: content,
                today: today, asOf: asOf.day, language: language)
            template.rule = choice.rule
            template.period = choice.period
            template.title = title ?? choice.defaultTitle(village: owner)
            stem = "\(choice.period)-\(title ?? choice.shortName)"
        } else if title?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            throw UserError(
                language.pick(
                    "请写上标题，如 gongkai new \(kind.kind.rawValue) --village \(owner.id) \"标题\"",
                    "give a title, e.g. gongkai new \(kind.kind.rawValue) --village \(owner.id) \"Title\""))
        }
        let name = ContentLoader.deriveSlug(fromFileName: stem + ".md")
        let relative = "content/villages/\(owner.id)/\(kind.folder)/\(name).md"
        let shown = siteOptions.site == "." ? relative : (siteOptions.site as NSString).appendingPathComponent(relative)
        do {
            try NewFile.create(SiteFiles(root: siteOptions.site).absolute(relative), text: template.text())
        } catch NewFile.Failure.exists {
            throw UserError(
                language.pick(
                    "\(shown) 已经存在，没有覆盖它。请换一个标题，或直接编辑这个文件",
                    "\(shown) already exists and was not overwritten. Choose another title or edit that file"))
        } catch {
            throw UserError(language.pick("无法写入 \(shown)（\(error)）", "cannot write \(shown) (\(error))"), status: 1)
        }
        if quiet {
            Console.line(shown)
            return
        }
        Console.line(language.pick("已新建 ", "Created ") + Console.out.path(shown))
        if let rule = template.rule, let period = template.period {
            Console.line(
                language.pick(
                    "  公开规则：\(rule.id)，\(rule.name)；期间：\(period)",
                    "  rule: \(rule.id) (\(rule.name)), period: \(period)"))
        }
        Console.line(
            language.pick(
                "用文本编辑器打开它，把“\(Placeholder.opening)……\(Placeholder.closing)”提示换成实际内容，填好空着的项，保存；运行 gongkai serve 可以边写边预览。",
                "Open it in a text editor, replace the “\(Placeholder.opening)……\(Placeholder.closing)” instructions with the content and fill in the empty keys, then save; run gongkai serve to preview as you write."
            ))
    }

    /// The site with drafts. Without site.yaml or content/ this is no site; other errors do not stop an
    /// editor adding a page.
    static func loadSite(_ site: String, _ language: Language) throws -> SiteContent {
        let content = ContentLoader.load(site: site, options: .init(includeDrafts: true))
        let fatal = content.diagnostics.filter { $0.isError && ($0.file == SiteConfig.fileName || $0.file == "content") }
        if let missing = fatal.first(where: { $0.file == SiteConfig.fileName }) ?? fatal.first {
            throw UserError(missing.formatted(language), status: 1)
        }
        return content
    }

    /// `--village` by id or name; the only village when there is one.
    static func chooseVillage(_ village: String?, _ content: SiteContent, _ language: Language) throws -> Village {
        let known = VillageArgument.listing(content.villages, language)
        guard let wanted = village?.trimmingCharacters(in: .whitespaces), !wanted.isEmpty else {
            if content.villages.count == 1, let only = content.villages.first { return only }
            if content.villages.isEmpty {
                throw UserError(
                    language.pick(
                        "网站里还没有村（社区）。请先新建 content/villages/<村编号>/_village.md",
                        "the site has no village yet. Create content/villages/<id>/_village.md first"))
            }
            throw UserError(
                language.pick(
                    "请用 --village 指定写哪个村，已有的村：\(known)",
                    "say which village with --village; the villages are: \(known)"))
        }
        return try VillageArgument.resolve(wanted, in: content.villages, language: language)
    }
}
