import ArgumentParser
import GongkaiContent

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "生成网站到 public/。")
    @OptionGroup var siteOptions: SiteOptions
    func run() throws {
        let content = ContentLoader.load(site: siteOptions.site)
        Report.printDiagnostics(content.diagnostics, language: siteOptions.language)
        print("\(content.villages.count) villages, \(content.pages.count) pages")
        if content.diagnostics.hasErrors { throw ExitCode(1) }
    }
}
