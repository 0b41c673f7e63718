/// The one day every command counts disclosures and expiry on, and where it came from: the
/// command line's `--as-of`, else `as-of:` in site.yaml, else today in Beijing time. `gongkai check`,
/// `gongkai list` and the portal built by `gongkai build` resolve it the same way, so they agree.
public struct AsOf: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable, CaseIterable, Codable {
        /// `--as-of` on the command line.
        case flag
        /// `as-of:` in site.yaml.
        case siteConfig = "site.yaml"
        /// Nothing given: today in Asia/Shanghai.
        case today
    }

    public let day: Day
    public let source: Source

    public init(day: Day, source: Source) {
        self.day = day
        self.source = source
    }

    /// The flag when given, else the site's `as-of`, else today in Beijing time.
    public static func resolve(flag: Day?, config: SiteConfig, today: Day) -> AsOf {
        if let flag { return AsOf(day: flag, source: .flag) }
        if let pinned = config.asOf { return AsOf(day: pinned, source: .siteConfig) }
        return AsOf(day: today, source: .today)
    }

    /// `2027年4月20日（site.yaml 的 as-of）`: the day and where it came from, for reports.
    public func described(_ language: Language) -> String {
        language == .en ? "\(day) (\(sourceDescription(.en)))" : "\(day.chinese)（\(sourceDescription(.zh))）"
    }

    /// `命令行 --as-of` / `site.yaml 的 as-of` / `今天，北京时间`.
    public func sourceDescription(_ language: Language) -> String {
        switch (source, language) {
        case (.flag, .zh): "命令行 --as-of"
        case (.flag, .en): "--as-of on the command line"
        case (.siteConfig, .zh): "site.yaml 的 as-of"
        case (.siteConfig, .en): "as-of in site.yaml"
        case (.today, .zh): "今天，北京时间"
        case (.today, .en): "today in Beijing time"
        }
    }
}
