import ArgumentParser
import GongkaiContent

// Placeholder: the disclosure check arrives with its own module.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "检查各村是否按法律要求按时公开。")
    @OptionGroup var siteOptions: SiteOptions
    func run() throws { throw ExitCode(2) }
}
