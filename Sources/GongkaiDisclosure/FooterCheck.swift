import GongkaiContent

/// Footer completeness of a published site (one with `base-url`): 主办单位, the ICP 备案 number
/// and the 公安机关备案 number; the 政府网站标识码 too where site.yaml says it is a government website
/// (《政府网站发展指引》; a village portal usually is not one). See `disclosure-rules.md`, "Footer conventions".
public enum FooterCheck {
    struct Item: Sendable {
        let key: String
        let zh: String
        let en: String
        let value: @Sendable (SiteConfig.Footer) -> String?
    }

    static let required: [Item] = [
        Item(key: "sponsor", zh: "主办单位（sponsor，如 白鹭镇人民政府）", en: "the sponsoring body (sponsor)", value: \.sponsor),
        Item(key: "icp", zh: "ICP备案编号（icp，如 蜀ICP备12345678号-1）", en: "the ICP filing number (icp)", value: \.icp),
        Item(key: "police", zh: "公安机关备案号（police，如 川公网安备51000000000000号）", en: "the public security filing number (police)", value: \.police),
    ]

    static let siteCode = Item(
        key: "site-code", zh: "政府网站标识码（site-code，10位，由上级政府网站主管单位分配）",
        en: "the government website code (site-code)", value: \.siteCode)

    public static func findings(_ config: SiteConfig, file: String = SiteConfig.fileName) -> [SiteFinding] {
        guard config.baseURL != nil else { return [] }
        let items = required + (config.governmentSite ? [siteCode] : [])
        let line = config.keyLines["footer"] ?? config.keyLines["base-url"]
        return items.compactMap { item -> SiteFinding? in
            let value = item.value(config.footer)?.trimmingBlanks ?? ""
            guard value.isEmpty else { return nil }
            let why = item.key == "site-code" ? "site.yaml 写明这是政府网站（government-site: true），" : "网站已上线（设置了 base-url），"
            let whyEN =
                item.key == "site-code"
                ? "site.yaml says this is a government website (government-site: true), so " : "the site is published (base-url is set), so "
            return SiteFinding(
                kind: .footer, rule: "footer-\(item.key)", file: file, line: config.footer.keyLines[item.key] ?? line, village: nil, subject: item.key,
                zh: "\(why)页脚应有\(item.zh)。请在 site.yaml 的 footer: 下写 \(item.key): …",
                en: "\(whyEN)the footer must carry \(item.en). Add `\(item.key): …` under footer: in site.yaml")
        }
    }
}
