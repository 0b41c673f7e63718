import ArgumentParser
import Foundation

/// `gongkai completions bash|zsh|fish`: the shell completion script, with how to install it.
struct CompletionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions",
        abstract: "输出命令补全脚本：装好后，按 Tab 键就能补全命令、选项和村编号。",
        discussion: """
            安装方法：
              bash：gongkai completions bash > ~/.local/share/bash-completion/completions/gongkai
              zsh： gongkai completions zsh > ~/.zfunc/_gongkai
                    （并在 ~/.zshrc 里写上 fpath=(~/.zfunc $fpath) 和 autoload -U compinit && compinit）
              fish：gongkai completions fish > ~/.config/fish/completions/gongkai.fish
            装好后重新打开终端即可。

            示例：
              gongkai completions bash
            """
    )

    enum Shell: String, ExpressibleByArgument, CaseIterable {
        case bash
        case zsh
        case fish

        var completionShell: CompletionShell {
            switch self {
            case .bash: .bash
            case .zsh: .zsh
            case .fish: .fish
            }
        }
    }

    @Argument(help: ArgumentHelp("哪种终端（shell）：bash、zsh 或 fish。", valueName: "shell"))
    var shell: Shell

    @OptionGroup var languageOption: LanguageOption

    func run() throws {
        var script = Gongkai.completionScript(for: shell.completionShell)
        if languageOption.language == .zh {
            script = script.replacingOccurrences(of: "Show help information.", with: "显示帮助信息。")
        }
        print(script, terminator: "")
    }
}
