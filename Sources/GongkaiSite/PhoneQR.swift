import GongkaiContent
import GongkaiQR

/// 扫码在手机上看: item, village and county pages show, on wide screens, a QR code of their public
/// address (`base-url` + path), so a villager at the village committee's computer can carry the page
/// to a phone. The code is drawn at build time by libqrencode, as the 打印公告 view's is, into its own
/// file under `qr/` (mirroring the page's path): the page loads it lazily and hides it on phones and in
/// print, so phones never download it. Without `base-url` there is no public address and no code.
enum PhoneQR {
    static let folder = "qr"

    /// `qr/villages/xinghua/notices/宪法.svg` for `villages/xinghua/notices/宪法.html`.
    static func path(for page: String) -> String {
        let stem = page.hasSuffix(".html") ? String(page.dropLast(5)) : page
        return "\(folder)/\(stem).svg"
    }

    /// The public address of the page at `page` (each byte outside ASCII letters, digits and `-._~/`
    /// percent-encoded, as the sitemap and the printed notices have it), or nil when there is no code
    /// to make: no `base-url`, or an address too long for a QR code.
    static func address(for page: String, config: SiteConfig) -> String? {
        guard let base = config.baseURL else { return nil }
        let url = base + Feeds.urlPath(page)
        return url.utf8.count <= QRCode.capacity ? url : nil
    }

    /// The code's file for the page at `page`, whose address is `address`.
    static func file(for page: String, address: String) -> OutputFile {
        OutputFile(path(for: page), QRCode.svg(address, size: 160) ?? "")
    }

    /// What the page's template shows as `qr` (the image's address relative to the page), or nil.
    static func figure(for page: String, config: SiteConfig) -> Record? {
        guard address(for: page, config: config) != nil else { return nil }
        return Record(["src": Paths.relative(from: page, to: path(for: page))])
    }
}

extension PhoneQR: PageType {
    /// A code shows its page's address, nothing else.
    struct Inputs: Codable {
        var page: String
        var address: String
    }

    static func render(_ inputs: Inputs, in env: RenderEnvironment) -> [OutputFile] {
        [file(for: inputs.page, address: inputs.address)]
    }

    /// The code of the page at `page`, or nil when it has none.
    static func planned(for page: String, config: SiteConfig) -> PlannedOutput<PhoneQR>? {
        address(for: page, config: config).map { PlannedOutput(.phoneQR(page), PhoneQR.self, Inputs(page: page, address: $0)) }
    }
}
