import Foundation
import GongkaiContent

/// Puts the fixed English words of swift-argument-parser's help and usage errors into Chinese, so that
/// `gongkai --help` and a mistyped option read as plainly as everything else. English stays English
/// with `--lang en` or `LANG=en…`.
enum HelpText {
    /// The language asked for on the command line (`--lang en`, `--lang=en`), else by the environment.
    static func language(
        arguments: [String] = CommandLine.arguments,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Language {
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
        (#"\. Did you mean '([^']+)'\?"#, "。是不是 $1？"),
        (#"(?m)^Did you mean '([^']+)'\?"#, "是不是 $1？"),
        (#"[.。]? ?Did you mean '([^']+)'\?"#, "。是不是 $1？"),
    ]

    /// Chinese words a clerk may type for a command.
    static let chineseCommands = [
        "新建": "init", "建站": "init", "新增": "new", "新写": "new", "写": "new", "预览": "serve",
        "生成": "build", "构建": "build", "检查": "check", "核对": "check", "列出": "list", "列表": "list",
        "补全": "completions",
    ]

    /// A mistyped command (`gongkai biuld`): ArgumentParser calls it an unexpected argument and offers no
    /// command; this names the one meant, or lists them all. nil when the first argument is not a mistyped command.
    static func unknownCommand(arguments: [String], commands: [String], language: Language) -> String? {
        guard let first = arguments.dropFirst().first, !first.hasPrefix("-"), !commands.contains(first), first != "help" else { return nil }
        let meant = chineseCommands[first] ?? Suggest.closest(to: first, in: commands)
        let list = commands.joined(separator: language == .en ? ", " : "、")
        if language == .en {
            return "Error: there is no command '\(first)'." + (meant.map { " Did you mean '\($0)'?" } ?? "")
                + "\nCommands: \(list)\n  See 'gongkai --help'."
        }
        return "错误：没有“\(first)”这个命令。" + (meant.map { "是不是想用 \($0)？" } ?? "")
            + "\n可用的命令：\(list)\n  查看说明：gongkai --help"
    }

    /// ArgumentParser offers "did you mean" for options only: a mistyped value of a fixed list
    /// (`--format jsno`, `list vilages`, `new notise`) gets one too, in English before translation.
    static func suggestingValue(_ message: String) -> String {
        guard let match = message.firstMatch(of: #/The value '([^']*)' is invalid for '[^']+'/#) else { return message }
        let written = String(match.1)
        var choices: [String] = []
        if let list = message.firstMatch(of: #/Please provide one of ([^\n]+)\./#) {
            choices = list.1.matches(of: #/'([^']*)'/#).map { String($0.1) }
        } else if message.contains("Please provide one of the following:") {
            choices = message.split(separator: "\n").compactMap { line in
                let trimmed = line.drop { $0 == " " }
                return trimmed.hasPrefix("- ") ? String(trimmed.dropFirst(2)) : nil
            }
        }
        guard let meant = Suggest.closest(to: written, in: choices), meant != written else { return message }
        var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let lastItem = lines.lastIndex(where: { $0.drop { $0 == " " }.hasPrefix("- ") }) {
            // After the list of choices, on a line of its own.
            lines.insert("Did you mean '\(meant)'?", at: lastItem + 1)
        } else {
            lines[0] += " Did you mean '\(meant)'?"
        }
        return lines.joined(separator: "\n")
    }

    /// `'text', 'json' or 'junit'` → `text、json 或 junit`.
    static func chineseList(_ text: String) -> String {
        let items = text.matches(of: #/'([^']*)'/#).map { String($0.1) }
        guard items.count >= 2 else { return items.first ?? text }
        return items.dropLast().joined(separator: "、") + " 或 " + items.last!
    }

    /// The message in the user's language: unchanged for English.
    static func localized(_ message: String, _ language: Language) -> String {
        guard language == .zh else { return message }
        var text = message
        // "…is invalid for '--format <…>'. Please provide one of 'text', 'json' or 'junit'." in Chinese words.
        if let list = text.firstMatch(of: #/\. Please provide one of ('[^\n]+')\./#) {
            text.replaceSubrange(list.range, with: "。请写其中之一：\(chineseList(String(list.1)))。")
        }
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
