import ArgumentParser
import Foundation
import GongkaiContent
import GongkaiSite

/// `gongkai`: the command line. Exit status: 0 success, 1 content errors (or missing disclosures
/// for `check`), 2 wrong usage (and broken input for `check`).
struct Gongkai: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongkai",
        abstract: "公开（Gongkai）：为村和社区生成党建与普法宣传网站的静态网站生成器。",
        discussion: """
            示例：
              gongkai init 白鹭镇 --villages 杏花村,芦篙村,青石社区   新建一个网站
              gongkai new notice --village 杏花村 "防范电信诈骗告村民书"   写一篇新内容
              gongkai serve                    在浏览器里预览，改了文件自动刷新
              gongkai build                    在当前网站文件夹生成 public/
              gongkai build --site 我的网站     生成指定文件夹的网站
              gongkai check --as-of 2026-11-23 检查各村是否按时公开
              gongkai import 通知.docx --village xinghuacun   把 Word 文档导入成一篇内容
              gongkai list drafts              列出还没发布的草稿
              gongkai completions bash         输出 bash 的命令补全脚本
            """,
        version: BuildVersion.line(),
        subcommands: [
            InitCommand.self, NewCommand.self, ImportCommand.self, ServeCommand.self, BuildCommand.self, CheckCommand.self,
            ListCommand.self, CompletionsCommand.self,
        ]
    )
}

@main
enum Main {
    static func main() {
        do {
            var command = try Gongkai.parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = Gongkai.exitCode(for: error)
            let language = HelpText.language()
            let commands = Gongkai.configuration.subcommands.map { $0.configuration.commandName ?? "" }
            if code != .success, let message = HelpText.unknownCommand(arguments: CommandLine.arguments, commands: commands, language: language) {
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(2)
            }
            if code == .success {
                // --help in Chinese; --version and completion scripts as ArgumentParser prints them.
                let message = Gongkai.fullMessage(for: error)
                guard HelpText.isHelp(message) else { Gongkai.exit(withError: error) }
                Console.line(HelpText.localized(message, language))
                Foundation.exit(0)
            }
            let message = HelpText.suggestingValue(Gongkai.fullMessage(for: error))
            FileHandle.standardError.write(Data((HelpText.localized(message, language) + "\n").utf8))
            // Wrong usage is exit status 2, as the README promises (ArgumentParser's default is 64).
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}

/// Options every command that reads a site shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("网站文件夹（含 site.yaml），默认为当前文件夹。", valueName: "DIR"))
    var site: String = "."

    @Option(name: .long, help: ArgumentHelp("信息语言：zh（中文，默认）或 en。也可用环境变量 LANG=en_US.UTF-8。", valueName: "zh|en"))
    var lang: String?

    var language: Language {
        if let lang { return lang.lowercased().hasPrefix("en") ? .en : .zh }
        return Language.fromEnvironment(ProcessInfo.processInfo.environment)
    }
}

/// Writes diagnostics to stderr, sorted, with a one-line count.
enum Report {
    static func printDiagnostics(_ diagnostics: [Diagnostic], language: Language) {
        guard !diagnostics.isEmpty else { return }
        var text = ""
        for diagnostic in diagnostics.sorted() {
            text += Console.err.diagnostic(diagnostic.formatted(language)) + "\n"
        }
        let errors = diagnostics.errorCount
        let warnings = diagnostics.warningCount
        text += language == .en ? "\(errors) error(s), \(warnings) warning(s)\n" : "共 \(errors) 个错误，\(warnings) 个警告\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func stderr(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
