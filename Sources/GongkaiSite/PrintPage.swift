import GongkaiContent
import GongkaiQR

/// 打印公告: notices, disclosures and regulations laid out for the village notice board — title, body,
/// issuer and date, and a QR code linking to the page online when site.yaml sets `base-url`.
/// Print views live under `print/`, mirroring the pages' paths, so they never clash with a page.
enum PrintPage {
    static let kinds = Set(Kind.allCases.filter { $0.spec.printView })

    static func path(for page: Page) -> String { "print/" + page.outputPath }

    static func render(_ page: Page, body: RenderedBody, contexts: PageContexts, theme: Theme) -> OutputFile {
        let path = path(for: page)
        var context = contexts.base(path: path, title: page.title, current: nil)
        var item = contexts.entry(page, from: path)
        item["content"] = body.html
        item["owner"] = contexts.index.ownerName(page.owner)
        item["backHref"] = Paths.relative(from: path, to: page.outputPath)
        let fields = contexts.fields(page, from: path).filter { ($0["label"] as? String) != "发布单位" }
        if !fields.isEmpty { item["fields"] = fields }
        // A body that ends with its own signature (落款) is not signed a second time; under one that
        // names the issuer without a date, the date is added.
        switch body.signatureDated {
        case nil: item["signature"] = signature(page, contexts: contexts)
        case false?: item["dateOnly"] = true
        case true?: break
        }
        if let base = contexts.config.baseURL {
            let url = base + absoluteURLPath(page.outputPath)
            if let svg = QRCode.svg(url, size: 160, title: "扫码查看：\(page.title)") {
                item["qr"] = Record(["svg": svg, "url": url])
            }
        }
        context["item"] = item
        return OutputFile(path, theme.render("print", context))
    }

    /// Who signs the notice: its issuer, else the village committee (or the township for county pages).
    static func signature(_ page: Page, contexts: PageContexts) -> String {
        if let issuer = page.fields.issuer { return issuer }
        switch page.owner {
        case .village(let id):
            let village = contexts.index.villagesByID[id]
            let name = village?.name ?? id
            switch page.kind.spec.signedBy {
            case .supervisors: return "\(name)\(village?.type == .community ? "居务" : "村务")监督委员会"
            case .committee: return "\(name)\(village?.type == .community ? "居民委员会" : "村民委员会")"
            }
        case .county:
            return contexts.index.ownerName(page.owner)
        }
    }

    /// A site path as it goes into an absolute URL: each segment percent-encoded (QR readers and
    /// older phones do not all accept raw Chinese in URLs).
    static func absoluteURLPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            var out = ""
            for byte in segment.utf8 {
                let c = Character(Unicode.Scalar(byte))
                if byte < 0x80, c.isLetter || c.isNumber || "-._~".contains(c) {
                    out.append(c)
                } else {
                    out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
                }
            }
            return out
        }.joined(separator: "/")
    }
}
