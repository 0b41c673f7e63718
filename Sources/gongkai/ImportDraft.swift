import Foundation
import GongkaiContent
import GongkaiDisclosure
import GongkaiMarkdown

/// One file being imported: converted, its title, date and kind worked out, its page text made; nothing
/// is written yet.
struct ImportDraft {
    let source: ImportSource
    let scratch: ScratchFolder
    let language: Language
    let content: SiteContent
    let village: Village?
    let today: Day
    let options: ImportCommand

    typealias Said = (zh: String, en: String)

    // MARK: Word

    func word() throws -> ImportedPage {
        let pandoc = try Converter.pandoc.locate(for: source, language: language)
        var docx = source.path
        if !source.isDocx {
            let office = try Converter.libreOffice.locate(for: source, language: language)
            docx = try OfficeConversion(program: office, scratch: scratch, language: language).docx(source)
        }
        let converted = try WordConversion(program: pandoc, scratch: scratch, language: language).convert(docx, source: source)
        guard !converted.body.trimmed.isEmpty || converted.title != nil || !converted.images.isEmpty else {
            throw UserError(
                language.pick(
                    "\(source.path) 里没有文字，没有导入。请在 Word（WPS）里打开确认内容",
                    "\(source.path) has no text; nothing was imported"), status: 1)
        }
        let (title, body) = ImportGuess.title(body: converted.body, documentTitle: converted.title, fileName: source.name)
        let signed = ImportGuess.signedDate(body: body)
        return try page(title: title, signed: signed, body: body, images: converted.images, lost: converted.lost)
    }

    // MARK: Spreadsheets

    struct Sheet {
        var name: String
        /// The ```csv block, and the lines under the table as paragraphs.
        var markdown: String
        var rows: Int
        /// Single-cell lines above the table (the sheet's title).
        var heading: String?
        var signed: ImportGuess.Guess<Day>?
        var lost: [Said]
    }

    func sheet() throws -> ImportedPage {
        let sheet = try readSheet()
        let title: ImportGuess.Guess<String>? = sheet.heading.map { ImportGuess.Guess(value: $0, source: "表格第一行") }
        return try page(
            title: title, signed: sheet.signed, body: sheet.markdown, images: [], lost: sheet.lost,
            defaultKind: .disclosure)
    }

    func readSheet() throws -> Sheet {
        let program = try Converter.libreOffice.locate(for: source, language: language)
        let office = OfficeConversion(program: program, scratch: scratch, language: language)
        var chosen: (name: String, text: String)?
        var number = 1
        if let wanted = options.sheet?.trimmed, Int(wanted) == nil {
            let sheets = try office.allSheets(source)
            guard let sheet = sheets.first(where: { $0.name == wanted }) else {
                let names = sheets.map(\.name)
                throw UserError(
                    language.pick(
                        "--sheet \(wanted)：\(source.name) 里没有这个工作表。有：\(names.joined(separator: "、"))",
                        "--sheet \(wanted): \(source.name) has no such sheet. It has: \(names.joined(separator: ", "))"))
            }
            chosen = sheet
        } else if let wanted = options.sheet?.trimmed, let n = Int(wanted) {
            number = max(1, n)
        }
        if chosen == nil { chosen = try office.csv(source, sheet: number) }
        guard let found = chosen else {
            let names = try office.allSheets(source).map(\.name)
            throw UserError(
                language.pick(
                    "--sheet \(number)：\(source.name) 只有 \(names.count) 个工作表：\(names.joined(separator: "、"))",
                    "--sheet \(number): \(source.name) has only \(names.count) sheet(s): \(names.joined(separator: ", "))"))
        }
        let name = found.name
        var rows = ImportTable.tidy(ImportTable.records(found.text))
        func filled(_ row: [String]) -> Int { row.filter { !$0.isEmpty }.count }
        var above: [String] = []
        while let first = rows.first, filled(first) == 1, rows.count > 1 {
            above.append(first.first { !$0.isEmpty }!)
            rows.removeFirst()
        }
        var below: [String] = []
        while let last = rows.last, filled(last) == 1, rows.count > 1, !CSVTable.isTotalLabel(last[0]) {
            below.insert(last.first { !$0.isEmpty }!, at: 0)
            rows.removeLast()
        }
        rows = ImportTable.tidy(rows)
        guard !rows.isEmpty else {
            throw UserError(
                language.pick(
                    "\(source.path) 的工作表“\(name)”是空的，没有导入。请用 --sheet 选有内容的工作表",
                    "sheet \(name) of \(source.path) is empty; nothing was imported. Choose another with --sheet"), status: 1)
        }
        var lost: [Said] = []
        let errors: [String] = ["Err:", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "###"]
        for (index, row) in rows.enumerated() {
            if let bad = row.first(where: { cell in errors.contains { cell.hasPrefix($0) } }) {
                lost.append(
                    (
                        "表格第 \(index + 1 + above.count) 行有公式错误（\(bad)），请在表格里改正后重新导入",
                        "row \(index + 1 + above.count) has a formula error (\(bad)); correct it in the spreadsheet"
                    ))
            }
        }
        let caption = above.count > 1 ? above[1] : (isDefaultSheetName(name) ? "" : name)
        var markdown = ImportTable.block(rows, caption: caption)
        for line in below { markdown += "\n" + line.replacingOccurrences(of: "*", with: "\\*") + "\n" }
        return Sheet(
            name: name, markdown: markdown, rows: rows.count, heading: above.first,
            signed: ImportGuess.signedDate(body: below.joined(separator: "\n")), lost: lost)
    }

    func isDefaultSheetName(_ name: String) -> Bool {
        for prefix in ["Sheet", "工作表", "表"] where name.hasPrefix(prefix) {
            if Int(name.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)) != nil { return true }
        }
        return false
    }

    // MARK: The page

    func page(
        title found: ImportGuess.Guess<String>?, signed: ImportGuess.Guess<Day>?, body: String,
        images: [(path: String, alt: String)], lost: [Said], defaultKind: Kind? = nil
    ) throws -> ImportedPage {
        guard let village else { throw UserError("no village") }
        var said: [Said] = []
        let date: Day
        if let written = options.date.flatMap({ Day(iso: $0) }) {
            date = written
            said.append(("日期：\(date)（--date）", "date: \(date) (--date)"))
        } else if let signed {
            date = signed.value
            said.append(("日期：\(date)（取自\(signed.source)）", "date: \(date) (from the date it is signed with)"))
        } else {
            date = today
            said.append(("日期：\(date)（文中没有落款日期，用今天）", "date: \(date) (no date stated; today)"))
        }
        var title = found ?? ImportGuess.Guess(value: ((source.name as NSString).deletingPathExtension), source: "文件名")
        let kind: Kind
        if let chosen = options.kind?.kind {
            kind = chosen
            said.append(("栏目：\(kind.rawValue) \(kind.chineseName)（--kind）", "kind: \(kind.rawValue) (--kind)"))
        } else if let guess = KindGuess.guess(title: title.value) {
            kind = guess.kind
            said.append(
                (
                    "栏目：\(kind.rawValue) \(kind.chineseName)（标题以“\(guess.words)”结尾）",
                    "kind: \(kind.rawValue) (the title ends with \(guess.words))"
                ))
        } else if let defaultKind {
            kind = defaultKind
            said.append(("栏目：\(kind.rawValue) \(kind.chineseName)（表格默认为公开）", "kind: \(kind.rawValue) (spreadsheets are disclosures)"))
        } else {
            let choices = Kind.allCases.map { "\($0.rawValue) \($0.chineseName)" }.joined(separator: "、")
            throw UserError(
                language.pick(
                    "\(source.path)：从标题“\(title.value)”看不出是哪个栏目，没有导入。请用 --kind 写明：\(choices)",
                    "\(source.path): the title “\(title.value)” does not say which kind of page it is; nothing was imported. Say it with --kind: "
                        + Kind.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        var template = PageTemplate(kind: kind, title: title.value, date: date, village: village, draft: options.draft)
        var stem = "\(date)-\(title.value)"
        if kind == .disclosure {
            let choice = try DisclosureChoice.make(
                item: options.item, period: options.period, village: village, content: content,
                today: date, language: language)
            template.rule = choice.rule
            template.period = choice.period
            if found == nil {
                title = ImportGuess.Guess(value: choice.defaultTitle(village: village), source: "公开规则和期间")
                template.title = title.value
            }
            stem = "\(choice.period)-\(title.value)"
            said.append(
                (
                    "公开规则：\(choice.rule.id)，\(choice.rule.name)；期间：\(choice.period)",
                    "rule: \(choice.rule.id) (\(choice.rule.name)), period: \(choice.period)"
                ))
        }
        said.insert(("标题：\(title.value)（取自\(title.source)）", "title: \(title.value) (from the \(title.source == "文件名" ? "file name" : "document"))"), at: 0)
        let folder = "content/villages/\(village.id)/\(KindArgument(kind: kind).folder)"
        return ImportedPage(
            source: source, folder: folder, stem: ContentLoader.deriveSlug(fromFileName: stem + ".md"),
            frontMatter: template.frontMatter(), body: body, images: images, guessed: said, lost: lost)
    }
}
