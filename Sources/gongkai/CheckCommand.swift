import ArgumentParser
import Foundation
import GongkaiContent
import GongkaiDisclosure
import GongkaiSite

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
            会前公开的事项（cadence: before-event，如成员大会前的年度财务报告）按页面的 event: 日期逐次检查。

            还检查检查人员会看的几项（都写明文件和行号）：
              栏目更新    disclosure.yaml 写了 health: 时，各栏目多少天没有新内容、有没有空白栏目
              链接失效    正文链接的页面不存在（或是草稿）
              附件缺失    正文链接的文件不在 static/ 或文章旁边
              页脚缺项    设置了 base-url 的网站，页脚缺主办单位、ICP备案号或公安备案号（政府网站还要标识码）
            不会访问网络：外部网址不检查。

            退出状态：0 没有未公开的事项；1 有未公开的事项（加 --strict 时逾期公开也算），或有上面几项问题；
            2 输入有错（如 item、period 写错，disclosure.yaml 格式错误），错误写明文件和行号。

            示例：
              gongkai check                               检查当前文件夹的网站（按 site.yaml 的 as-of，没有则按今天）
              gongkai check --as-of 2026-11-23            按指定日期检查
              gongkai check --village 杏花村               只看一个村（也可写村编号）
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

    @Option(name: .customLong("as-of"), help: AsOfArgument.help)
    var asOf: String?

    @Option(
        name: .long, help: ArgumentHelp("只检查这个村或社区：写村名（杏花村）或村编号（content/villages/ 下的文件夹名）。", valueName: "村名"),
        completion: .custom(VillageCompletion.ids))
    var village: String?

    @Option(name: .long, help: ArgumentHelp("输出格式：text（中文报告，默认）、json（供脚本使用）或 junit（供 CI 使用）。", valueName: "text|json|junit"))
    var format: Format = .text

    @Flag(name: .long, help: "逾期公开也算不合格（退出状态 1，JUnit 中记为失败）；输入有警告时也算错误（退出状态 2）。")
    var strict = false

    func validate() throws {
        try AsOfArgument.validate(asOf, language: siteOptions.language)
    }

    func run() throws {
        let language = siteOptions.language
        let content = ContentLoader.load(site: siteOptions.site)
        // A --village that names no village is a usage error, said before anything else.
        var villageID: String?
        if let village {
            do {
                villageID = try VillageArgument.resolve(village, in: content.villages, language: language).id
            } catch let error as UserError {
                throw error.exit()
            }
        }
        // The same day as `gongkai list` and the portal: --as-of, else site.yaml's as-of, else today.
        let asOf = AsOfArgument.resolve(self.asOf, config: content.config)
        var (report, found) = DisclosureCheck.evaluate(content, asOf: asOf.day)
        report.findings = SiteFindings.of(content)
        report.context = ReportContext(asOfSource: asOf.source, site: siteOptions.site)
        let diagnostics = content.diagnostics + found
        Report.printDiagnostics(diagnostics, language: language)
        // Broken input is 2, not 1, so CI can tell it from missing disclosures.
        if diagnostics.hasErrors { throw ExitCode(2) }
        // --strict: a warning about the input (an unknown key in disclosure.yaml, …) fails like an error.
        if strict && !diagnostics.isEmpty {
            Report.stderr(language.pick("--strict：警告也视为错误。", "--strict: warnings count as errors."))
            throw ExitCode(2)
        }

        let shown = villageID.map { report.only(village: $0) } ?? report
        switch format {
        case .text: print(shown.text(language), terminator: "")
        case .json: print(shown.json(), terminator: "")
        case .junit: print(shown.junit(strict: strict, language: language), terminator: "")
        }
        if shown.fails(strict: strict) { throw ExitCode(1) }
    }
}
