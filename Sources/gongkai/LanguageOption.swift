import ArgumentParser
import Foundation
import GongkaiContent

/// `--lang` alone, for commands that do not read an existing site (`init`, `completions`).
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("信息语言：zh（中文，默认）或 en。也可用环境变量 LANG=en_US.UTF-8。", valueName: "zh|en"))
    var lang: String?

    var language: Language {
        if let lang { return lang.lowercased().hasPrefix("en") ? .en : .zh }
        return Language.fromEnvironment(ProcessInfo.processInfo.environment)
    }
}

extension Language {
    /// The Chinese or the English text, whichever the user reads.
    func pick(_ zh: String, _ en: String) -> String { self == .en ? en : zh }
}

/// A failure already explained to the user: print the message to stderr and end with `status`.
struct UserError: Error {
    var message: String
    var status: Int32

    init(_ message: String, status: Int32 = 2) {
        self.message = message
        self.status = status
    }

    /// Prints the message and turns into the exit status.
    func exit() -> ExitCode {
        Report.stderr(message)
        return ExitCode(status)
    }
}
