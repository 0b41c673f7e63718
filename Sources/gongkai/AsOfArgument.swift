import ArgumentParser
import Foundation
import GongkaiContent

/// `--as-of` of the commands that count disclosures or expiry (`check`, `list`): the flag, else `as-of:`
/// in site.yaml, else today in Beijing time — the same day `gongkai build` puts on the portal.
enum AsOfArgument {
    static let help = ArgumentHelp(
        "按哪一天统计，写成 YYYY-MM-DD。不写时用 site.yaml 的 as-of，没有则为今天（北京时间），与网站上写的“截至”相同。",
        valueName: "YYYY-MM-DD")

    static func validate(_ written: String?, language: Language) throws {
        if let written, Day(iso: written) == nil {
            throw ValidationError(DateOption.invalid("--as-of", written, language: language))
        }
    }

    /// The day to count on, and where it came from.
    static func resolve(_ written: String?, config: SiteConfig) -> AsOf {
        AsOf.resolve(
            flag: written.flatMap { Day(iso: $0) }, config: config,
            today: Day.todayInShanghai(secondsSince1970: Date().timeIntervalSince1970))
    }
}
