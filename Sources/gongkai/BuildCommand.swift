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
              gongkai build --quiet           只在出错时输出
              gongkai build --verbose         另外列出各栏目篇数、输出文件数和大小
            """
    )

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: ArgumentHelp("输出文件夹，默认为网站文件夹下的 public/。", valueName: "DIR"))
    var output: String?

    @Flag(name: .long, help: "同时生成草稿（draft: true）页面。")
    var drafts = false

    @Flag(name: .long, help: "即使输入没有任何改动也完整地重新生成（默认会跳过没有改动的生成）。")
    var force = false

    @Flag(name: .long, help: "有警告也视为失败（退出状态 1），此时不生成，原有的 public/ 不变。")
    var strict = false

    @Flag(name: [.short, .long], help: "只输出错误。")
    var quiet = false

    @Flag(name: [.short, .long], help: "输出更多细节：网站和输出文件夹、统计日期、各栏目篇数、写入的文件数和大小。")
    var verbose = false

    func validate() throws {
        if quiet && verbose {
            throw ValidationError(siteOptions.language.pick("--quiet 和 --verbose 只能选一个", "use either --quiet or --verbose, not both"))
        }
    }

    func run() throws {
        let language = siteOptions.language
        let start = Date()
        let summary: SiteBuilder.Summary
        // On a terminal, builds that take over a second show that they are still going.
        let progress = ProgressLine(
            label: language.pick("正在生成", "Building"),
            enabled: !quiet && Console.isTerminal(STDERR_FILENO))
        progress.start()
        defer { progress.finish() }
        do {
            var options = SiteBuilder.Options(site: siteOptions.site, output: output, includeDrafts: drafts, incremental: !force, strict: strict)
            options.endsProcess = true
            summary = try SiteBuilder.build(options)
            progress.finish()
        } catch let error as DiagnosticError {
            progress.finish()
            Report.printDiagnostics(error.diagnostics, language: language)
            if strict && !error.diagnostics.hasErrors {
                Report.stderr(language == .en ? "--strict: warnings count as errors." : "--strict：警告也视为错误。")
            }
            Report.stderr(language == .en ? "Build failed; the previous output was left as it was." : "生成失败，原有的 public/ 未被改动。")
            throw ExitCode(1)
        }
        let warnings = summary.diagnostics.filter { !$0.isError }
        // Nothing changed since a build that had warnings: with --strict that is a failure too, said as one.
        if strict && !warnings.isEmpty {
            Report.printDiagnostics(warnings, language: language)
            Report.stderr(language == .en ? "--strict: warnings count as errors." : "--strict：警告也视为错误。")
            Report.stderr(language == .en ? "Build failed; the previous output was left as it was." : "生成失败，原有的 public/ 未被改动。")
            throw ExitCode(1)
        }
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
            // The 站内搜索 index and its share of the pages' HTML (it should stay under a quarter).
            let index =
                summary.searchIndexBytes < 1_048_576
                ? String(format: "%.0f KB", Double(summary.searchIndexBytes) / 1024)
                : String(format: "%.1f MB", Double(summary.searchIndexBytes) / 1_048_576)
            let share = summary.htmlBytes > 0 ? summary.searchIndexBytes * 100 / summary.htmlBytes : 0
            let line =
                language == .en
                ? "Built \(total) pages (\(kinds.joined(separator: ", "))) for \(summary.villages) villages into \(summary.output) (search index \(index), \(share)% of the HTML) in \(time) s; \(warnings.count) warning(s)."
                : "已生成 \(total) 篇内容（\(kinds.joined(separator: "，"))），\(summary.villages) 个村（社区），输出到 \(summary.output)，搜索索引 \(index)（网页的 \(share)%），用时 \(time) 秒，\(warnings.count) 个警告。"
            Console.line(warnings.isEmpty ? Console.out.success(line) : Console.out.warning(line))
        }
        if verbose { printDetails(summary, language: language) }
        if strict && !warnings.isEmpty { throw ExitCode(1) }
    }

    /// `--verbose`: where things went and how much was written.
    func printDetails(_ summary: SiteBuilder.Summary, language: Language) {
        let site = URL(fileURLWithPath: siteOptions.site).standardizedFileURL.path
        var lines = [
            language.pick("  网站文件夹：\(site)", "  site: \(site)"),
            language.pick("  输出文件夹：\(summary.output)", "  output: \(summary.output)"),
            language.pick("  公开情况统计到：", "  disclosures as of: ") + AsOf(day: summary.asOf, source: summary.asOfSource).described(language),
            language.pick("  草稿：\(drafts ? "已包含" : "未包含（加 --drafts 可包含）")", "  drafts: \(drafts ? "included" : "left out (--drafts includes them)")"),
        ]
        for kind in Kind.allCases {
            let count = summary.pagesByKind[kind] ?? 0
            lines.append(language.pick("  \(kind.chineseName)：\(count) 篇", "  \(kind.englishName): \(count)"))
        }
        let megabytes = String(format: "%.1f", Double(summary.bytesWritten) / 1_048_576)
        lines.append(
            language.pick(
                "  输出共 \(summary.filesWritten) 个文件，网页共 \(megabytes) MB；本次重新生成 \(summary.groupsRendered) 组页面，写入 \(summary.filesChanged) 个有变化的文件",
                "  output: \(summary.filesWritten) files, \(megabytes) MB of pages; this build rendered \(summary.groupsRendered) groups of pages and wrote \(summary.filesChanged) changed files"
            ))
        let w = summary.pageWeights
        func kb(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1024) }
        lines.append(
            language.pick(
                "  页面大小（HTML+CSS+JS，未压缩）：首页 \(kb(w.home)) KB，内容页（中位数）\(kb(w.medianItem)) KB，村页面（最大）\(kb(w.largestVillage)) KB",
                "  page weight (HTML+CSS+JS, uncompressed): home \(kb(w.home)) KB, item (median) \(kb(w.medianItem)) KB, village (largest) \(kb(w.largestVillage)) KB"
            ))
        for line in lines { Console.line(line) }
    }
}
