import ArgumentParser
import Foundation
import GongkaiContent
import GongkaiDisclosure

/// `gongkai check`: does every village publish what the law requires, on time?
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "检查各村、社区是否按法律要求按时公开（党务、村务、财务公开）。",
        discussion: """
        按内置的默认规则（《村民委员会组织法》第三十条等）和网站的 disclosure.yaml，逐村、逐项、逐期检查：
          已公开    在期限内公开
          逾期公开  公开了，但晚于期限
          未公开    期限已过，仍未公开
          未到期    期间已结束，但还没到期限（期限当天也算未到期）
        随时公开的事项（如重大事项）只统计公开了几项、其中几项逾期，不算未公开。

        退出状态：0 没有未公开的事项；1 有未公开的事项（加 --strict 时逾期公开也算）；
        2 输入有错（如 item、period 写错，disclosure.yaml 格式错误），错误写明文件和行号。

        示例：
          gongkai check                               按今天（北京时间）检查当前文件夹的网站
          gongkai check --as-of 2026-11-23            按指定日期检查
          gongkai check --village xinghua             只看一个村
          gongkai check --format json > 公开情况.json  输出 JSON，供脚本使用
          gongkai check --format junit --strict       在 CI 中运行，逾期公开也算失败
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
        case junit
    }

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("按哪一天检查，写成 YYYY-MM-DD；默认为今天（北京时间）。", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp("只检查这个村或社区（村编号，即 content/villages/ 下的文件夹名）。", valueName: "ID"))
    var village: String?

    @Option(name: .long, help: ArgumentHelp("输出格式：text（中文报告，默认）、json（供脚本使用）或 junit（供 CI 使用）。", valueName: "text|json|junit"))
    var format: Format = .text

    @Flag(name: .long, help: "逾期公开也算不合格（退出状态 1，JUnit 中记为失败）；输入有警告时也算错误（退出状态 2）。")
    var strict = false

    func validate() throws {
        if let asOf, Day(iso: asOf) == nil {
            throw ValidationError(DateOption.invalid("--as-of", asOf, language: siteOptions.language))
        }
    }

    func run() throws {
        let language = siteOptions.language
        let day = asOf.flatMap { Day(iso: $0) }
            ?? Day.todayInShanghai(secondsSince1970: Date().timeIntervalSince1970)
        let content = ContentLoader.load(site: siteOptions.site)
        let (report, found) = DisclosureCheck.evaluate(content, asOf: day)
        let diagnostics = content.diagnostics + found
        Report.printDiagnostics(diagnostics, language: language)
        // Broken input is 2, not 1, so CI can tell it from missing disclosures.
        if diagnostics.hasErrors { throw ExitCode(2) }
        // --strict: a warning about the input (an unknown key in disclosure.yaml, …) fails like an error.
        if strict && !diagnostics.isEmpty {
            Report.stderr(language.pick("--strict：警告也视为错误。", "--strict: warnings count as errors."))
            throw ExitCode(2)
        }

        var shown = report
        if let village {
            guard report.village(village) != nil else {
                Report.stderr(unknownVillage(village, known: report.villages.map(\.id), language: language))
                throw ExitCode(2)
            }
            shown = report.only(village: village)
        }
        switch format {
        case .text: print(shown.text(language), terminator: "")
        case .json: print(shown.json(), terminator: "")
        case .junit: print(shown.junit(strict: strict, language: language), terminator: "")
        }
        let summary = shown.summary
        if summary.missing > 0 || (strict && summary.late > 0) { throw ExitCode(1) }
    }

    func unknownVillage(_ id: String, known: [String], language: Language) -> String {
        let hint = Suggest.closest(to: id, in: known)
        if language == .en {
            return "--village \(id): no such village or community"
                + (hint.map { "; did you mean \($0)?" } ?? ". Known: \(known.joined(separator: ", "))")
        }
        return "--village \(id)：没有这个村或社区"
            + (hint.map { "，是不是 \($0)？" } ?? "。已有的村：\(known.joined(separator: "、"))")
    }
}
