import ArgumentParser
import Foundation
import GongkaiContent
import GongkaiDisclosure
import GongkaiMarkdown

/// `gongkai import FILE… --village ID`: Word documents and spreadsheets as pages, converted by pandoc and
/// LibreOffice, with the front matter filled from what each document says.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "导入 Word 文档和表格：每个文件变成一篇内容，放进对应村的对应栏目，文件头按文档内容填好。",
        discussion: """
            Word 文档（.docx；.doc 和 WPS 的 .wps 先用 LibreOffice 转换）：标题取自文档的标题或第一行，
            日期取自文末落款的日期（如 2026年11月6日），没有就用今天（北京时间）；栏目从标题看出来：
            以“村规民约”“居民公约”结尾的是村规民约，以“公开”“公示”结尾的是公开，以“通知”“公告”“告…书”结尾的是普法公告，
            看不出来时请用 --kind 写明。标题、段落、编号、加粗、表格（写成 ```csv 表格，“合计”行会核对）和图片
            （复制到新文件旁边）都保留；批注、修订、脚注等没能原样保留的，会逐项说明。

            表格（.xlsx、.xls、WPS 的 .et）：第一个工作表（或 --sheet 指定的）变成 ```csv 表格，数字与表格里显示的一样；
            默认新建一篇公开（要写 --item），也可以用 --into 加到已有的一篇末尾。

            不会覆盖任何文件：同名文件已存在时，新文件名后面加 -2、-3。几个文件中有一个导入不了，就一个也不写。
            需要 pandoc（sudo apt-get install pandoc）；导入 .doc、.wps 和表格还需要 LibreOffice
            （sudo apt-get install --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui）。

            示例：
              gongkai import 关于开展冬季防火安全检查的通知.docx --village xinghuacun
              gongkai import 杏花村村规民约.doc --village 杏花村
              gongkai import 会议纪要.docx --village xinghuacun --kind article --draft
              gongkai import 10月收支.xlsx --village xinghuacun --item finance-monthly --period 2026-10
              gongkai import 10月收支.xlsx --sheet 支出明细 --into content/villages/xinghuacun/disclosures/2026-10-财务收支公开.md
            """
    )

    @Argument(
        help: ArgumentHelp("要导入的文件：.docx、.doc、.wps、.xlsx、.xls、.et。", valueName: "file"),
        completion: .file(extensions: ImportSource.wordExtensions + ImportSource.sheetExtensions))
    var files: [String] = []

    @Option(
        name: .long, help: ArgumentHelp("村编号（content/villages/ 下的文件夹名），也可以写村名。网站只有一个村时可不写。", valueName: "ID"),
        completion: .custom(VillageCompletion.ids))
    var village: String?

    @Option(name: .long, help: ArgumentHelp("栏目：\(KindArgument.idsListed)（也可写中文）。不写时从标题判断。", valueName: "kind"))
    var kind: KindArgument?

    @Option(
        name: .long, help: ArgumentHelp("公开文件：履行的公开规则编号，如 finance-monthly。", valueName: "rule"),
        completion: .list(DisclosureRule.defaults.map(\.id)))
    var item: String?

    @Option(name: .long, help: ArgumentHelp("公开文件：公开的期间，如 2026-10、2026-Q3；不写时为这个村该公开的下一期。", valueName: "period"))
    var period: String?

    @Option(name: .long, help: ArgumentHelp("发布日期，不写时用文末落款的日期，没有就用今天（北京时间）。", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("表格：导入哪个工作表，写名称或序号（1 是第一个），默认第一个。", valueName: "sheet"))
    var sheet: String?

    @Option(
        name: .long, help: ArgumentHelp("表格：不新建文件，把表格加到这篇已有内容的末尾。", valueName: "file.md"),
        completion: .file(extensions: ["md"]))
    var into: String?

    @Flag(name: .long, help: "存为草稿（draft: true），生成网站时不发布。")
    var draft = false

    @Flag(name: [.short, .long], help: "只输出新文件的路径。")
    var quiet = false

    @OptionGroup var siteOptions: SiteOptions

    func validate() throws {
        let language = siteOptions.language
        if files.isEmpty {
            throw ValidationError(
                language.pick(
                    "请写出要导入的文件，如 gongkai import 通知.docx --village xinghuacun",
                    "name the files to import, e.g. gongkai import notice.docx --village xinghuacun"))
        }
        if let date, Day(iso: date) == nil {
            throw ValidationError(
                language.pick(
                    "--date \(date) 不是有效日期：请写成 YYYY-MM-DD，如 --date 2026-11-23",
                    "--date \(date) is not a date: write YYYY-MM-DD, e.g. --date 2026-11-23"))
        }
        if let kind, kind.kind != .disclosure, item != nil || period != nil {
            throw ValidationError(
                language.pick(
                    "--item 和 --period 只用于公开文件（--kind disclosure）",
                    "--item and --period are for disclosures only (--kind disclosure)"))
        }
        if into != nil, files.count != 1 {
            throw ValidationError(language.pick("--into 一次只能加一个表格", "--into takes one spreadsheet at a time"))
        }
    }

    func run() throws {
        let language = siteOptions.language
        do {
            let sources = try files.map { try ImportSource.open($0, language: language) }
            if let into {
                try append(sources[0], into: into, language)
            } else {
                try importPages(sources, language)
            }
        } catch let error as UserError {
            throw error.exit()
        }
    }

    // MARK: New pages

    func importPages(_ sources: [ImportSource], _ language: Language) throws {
        let content = try NewCommand.loadSite(siteOptions.site, language)
        let owner = try NewCommand.chooseVillage(village, content, language)
        let today = Day.todayInShanghai(secondsSince1970: Date().timeIntervalSince1970)
        var pages: [ImportedPage] = []
        var scratches: [ScratchFolder] = []
        // Everything is converted before anything is written: one file that cannot be imported stops them all.
        for source in sources {
            let scratch = try ScratchFolder()
            scratches.append(scratch)
            let draft = ImportDraft(
                source: source, scratch: scratch, language: language, content: content, village: owner,
                today: today, options: self)
            pages.append(source.family == .word ? try draft.word() : try draft.sheet())
        }
        var written: [(ImportedPage, ImportedPage.Placed)] = []
        do {
            for page in pages {
                written.append((page, try page.write(site: siteOptions.site, language: language)))
            }
        } catch {
            for (_, placed) in written { placed.remove(site: siteOptions.site) }
            throw error
        }
        for (page, placed) in written {
            let shown = siteOptions.site == "." ? placed.page : (siteOptions.site as NSString).appendingPathComponent(placed.page)
            if quiet {
                Console.line(shown)
            } else {
                page.describe(placed, shown: shown, language: language)
            }
            page.printWarnings(shown: shown, language: language)
        }
        if !quiet {
            Console.line(
                language.pick(
                    "请打开新文件核对一遍；运行 gongkai serve 可以预览。",
                    "Check the new files; run gongkai serve to preview."))
        }
    }

    // MARK: --into

    func append(_ source: ImportSource, into: String, _ language: Language) throws {
        guard source.family == .sheet else {
            throw UserError(
                language.pick(
                    "--into 只用于表格（.xlsx、.xls、.et）；Word 文档请不写 --into，导入成新的一篇",
                    "--into is for spreadsheets (.xlsx, .xls, .et); import Word documents as new pages"))
        }
        guard into.hasSuffix(".md"), FileManager.default.fileExists(atPath: into),
            let existing = FileManager.default.contents(atPath: into)
        else {
            throw UserError(
                language.pick(
                    "--into \(into)：没有这篇内容（要写已有的 .md 文件的路径）",
                    "--into \(into): no such page (give the path of an existing .md file)"))
        }
        let scratch = try ScratchFolder()
        let content = try NewCommand.loadSite(siteOptions.site, language)
        let today = Day.todayInShanghai(secondsSince1970: Date().timeIntervalSince1970)
        let sheet = try ImportDraft(
            source: source, scratch: scratch, language: language, content: content, village: nil,
            today: today, options: self
        ).readSheet()
        var text = String(decoding: existing, as: UTF8.self)
        if !text.hasSuffix("\n") { text += "\n" }
        let firstLine = text.components(separatedBy: "\n").count + 1
        let addition = "\n" + sheet.markdown
        // Written beside and renamed over: the page is either as it was or complete, never half written.
        let temporary = into + ".gongkai-import-\(getpid())"
        do {
            try Data((text + addition).utf8).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, into) == 0 else { throw NewFile.Failure.system(errno) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw UserError(language.pick("无法写入 \(into)（\(error)）", "cannot write \(into) (\(error))"), status: 1)
        }
        Console.line(
            language.pick(
                "已把 \(source.name) 的工作表“\(sheet.name)”（\(sheet.rows) 行）加到 \(into) 末尾",
                "Appended sheet \(sheet.name) of \(source.name) (\(sheet.rows) rows) to \(into)"))
        for (zh, en) in sheet.lost { Console.line("  " + language.pick(zh, en)) }
        ImportedPage.printTableNotes(addition, firstLine: firstLine - 1, shown: into, language: language)
    }
}
