import GongkaiContent
import GongkaiDisclosure

/// What `gongkai check` reports besides the disclosures: link health and footer completeness.
public enum SiteFindings {
    public static func of(_ content: SiteContent) -> [SiteFinding] {
        SiteFinding.byLocation(LinkHealth.findings(content) + FooterCheck.findings(content.config))
    }
}
