import ArgumentParser
import Foundation
import GongkaiContent
import GongkaiSite

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "生成网站：把 content/ 里的 Markdown 变成 public/ 里的网页。",
        discussion: """
        生成成功后，把 public/ 文件夹整个复制到任何网站服务器（或直接用浏览器打开 public/index.html）。
        内容有错误时不会改动原有的 public/，并列出每个错误所在的文件和行号。

        示例：
          gongkai build
          gongkai build --site ~/网站/白鹭镇 --output /var/www/bailu
          gongkai build --drafts          连草稿一起生成，用于预览
        """
    )

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: ArgumentHelp("输出文件夹，默认为网站文件夹下的 public/。", valueName: "DIR"))
    var output: String?

    @Flag(name: .long, help: "同时生成草稿（draft: true）页面。")
    var drafts = false

    @Flag(name: .long, help: "有警告也视为失败（退出状态 1）。")
    var strict = false

    @Flag(name: [.short, .long], help: "只输出错误。")
    var quiet = false

    func run() throws {
        let language = siteOptions.language
        let start = Date()
        let summary: SiteBuilder.Summary
        do {
            summary = try SiteBuilder.build(.init(site: siteOptions.site, output: output, includeDrafts: drafts))
        } catch let error as DiagnosticError {
            Report.printDiagnostics(error.diagnostics, language: language)
            Report.stderr(language == .en ? "Build failed; the previous output was left as it was." : "生成失败，原有的 public/ 未被改动。")
            throw ExitCode(1)
        }
        let warnings = summary.diagnostics.filter { !$0.isError }
        if !quiet || strict {
            Report.printDiagnostics(warnings, language: language)
        }
        let seconds = Date().timeIntervalSince(start)
        if !quiet {
            let kinds = Kind.allCases.compactMap { kind -> String? in
                guard let n = summary.pagesByKind[kind], n > 0 else { return nil }
                return language == .en ? "\(kind.englishName) \(n)" : "\(kind.chineseName) \(n)"
            }
            let total = summary.pagesByKind.values.reduce(0, +)
            let time = String(format: "%.2f", seconds)
            if language == .en {
                print("Built \(total) pages (\(kinds.joined(separator: ", "))) for \(summary.villages) villages into \(summary.output) in \(time) s; \(warnings.count) warning(s).")
            } else {
                print("已生成 \(total) 篇内容（\(kinds.joined(separator: "，"))），\(summary.villages) 个村（社区），输出到 \(summary.output)，用时 \(time) 秒，\(warnings.count) 个警告。")
            }
        }
        if strict && !warnings.isEmpty { throw ExitCode(1) }
    }
}
