import ArgumentParser
import Foundation
import GongkaiContent

/// `--as-of` of the commands that count disclosures or expiry (`check`, `list`): the flag, else `as-of:`
/// in site.yaml, else today in Beijing time — the same day `gongkai build` puts on the portal.
enum AsOfArgument {
    static let help = ArgumentHelp("按哪一天统计，写成 YYYY-MM-DD。不写时用 site.yaml 的 as-of，没有则为今天（北京时间），与网站上写的“截至”相同。",
                                   valueName: "YYYY-MM-DD")

    static func validate(_ written: String?, language: Language) throws {
        if let written, Day(iso: written) == nil {
            throw ValidationError(language.pick("--as-of \(written) 不是有效日期：请写成 YYYY-MM-DD，如 --as-of 2026-11-23",
                                                "--as-of \(written) is not a date: write YYYY-MM-DD, e.g. --as-of 2026-11-23"))
        }
    }

    /// The day to count on, and where it came from.
    static func resolve(_ written: String?, config: SiteConfig) -> AsOf {
        AsOf.resolve(flag: written.flatMap { Day(iso: $0) }, config: config,
                     today: Day.todayInShanghai(secondsSince1970: Date().timeIntervalSince1970))
    }
}
