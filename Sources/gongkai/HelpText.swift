import Foundation
import GongkaiContent

/// Puts the fixed English words of swift-argument-parser's help and usage errors into Chinese, so that
/// `gongkai --help` and a mistyped option read as plainly as everything else. English stays English
/// with `--lang en` or `LANG=en…`.
enum HelpText {
    /// The language asked for on the command line (`--lang en`, `--lang=en`), else by the environment.
    static func language(arguments: [String] = CommandLine.arguments,
                         environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        for (index, argument) in arguments.enumerated() {
            var value: String?
            if argument == "--lang", index + 1 < arguments.count { value = arguments[index + 1] }
            if argument.hasPrefix("--lang=") { value = String(argument.dropFirst("--lang=".count)) }
            if let value { return value.lowercased().hasPrefix("en") ? .en : .zh }
        }
        return Language.fromEnvironment(environment)
    }

    /// Whether a message is help text (and not, say, a completion script, which must stay as it is).
    static func isHelp(_ message: String) -> Bool {
        message.hasPrefix("OVERVIEW:") || message.hasPrefix("USAGE:") || message.contains("\nUSAGE: ")
    }

    /// Plain replacements, in order.
    static let phrases: [(String, String)] = [
        ("OVERVIEW: ", "简介："),
        ("USAGE: ", "用法："),
        ("ARGUMENTS:\n", "参数：\n"),
        ("OPTIONS:\n", "选项：\n"),
        ("SUBCOMMANDS:\n", "子命令：\n"),
        ("Show help information.", "显示帮助信息。"),
        ("Show the version.", "显示版本号。"),
        ("<subcommand>", "<子命令>"),
        ("Error: ", "错误："),
        ("Help:  ", "说明："),
        (". Please provide one of the following:", "。可以写："),
        ("Usage: ", "用法："),
    ]

    /// Patterns with the parts kept (`$1`, `$2`).
    static let patterns: [(String, String)] = [
        (#"See '([^']+) help <子命令>' for detailed help\."#, "查看某个子命令的详细说明：$1 help <子命令>"),
        (#"See '([^']+)' for more information\."#, "查看说明：$1"),
        (#" ?\(default: ([^)]*)\)"#, "（默认：$1）"),
        (#" ?\(values: ([^;)]*); default: ([^)]*)\)"#, "（可选：$1；默认：$2）"),
        (#" ?\(values: ([^)]*)\)"#, "（可选：$1）"),
        (#"Missing expected argument '([^']+)'"#, "缺少参数 $1"),
        (#"Missing value for '([^']+)'"#, "选项 $1 后面缺少值"),
        (#"Unknown option '([^']+)'"#, "没有 $1 这个选项"),
        (#"Unexpected arguments? (.+)"#, "多余的参数：$1"),
        (#"The value '([^']*)' is invalid for '([^']+)'"#, "“$1”不是 $2 的有效值"),
        (#"Unknown subcommand or plugin name '([^']+)'"#, "没有 $1 这个命令"),
        (#"Please provide one of (.+)\."#, "请写其中之一：$1。"),
        (#"\. Did you mean '([^']+)'\?"#, "。是不是 $1？"),
    ]

    /// The message in the user's language: unchanged for English.
    static func localized(_ message: String, _ language: Language) -> String {
        guard language == .zh else { return message }
        var text = message
        for (english, chinese) in phrases {
            text = text.replacingOccurrences(of: english, with: chinese)
        }
        for (pattern, template) in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            let range = NSRange(text.startIndex..., in: text)
            text = regex.stringByReplacingMatches(in: text, range: range, withTemplate: template)
        }
        return text
    }
}
