import GongkaiContent
import GongkaiQR

/// 打印公告: notices, disclosures and regulations laid out for the village notice board — title, body,
/// issuer and date, and a QR code linking to the page online when site.yaml sets `base-url`.
/// Print views live under `print/`, mirroring the pages' paths, so they never clash with a page.
enum PrintPage: PageType {
    static let kinds = Set(Kind.allCases.filter { $0.spec.printView })

    static func path(for page: Page) -> String { "print/" + page.outputPath }

    /// What a print view shows: the page's entry, body, owner and fields, how it is signed, and the
    /// address its QR code links to.
    struct Inputs: Codable {
        var path: String
        var entry: ListEntry
        var body: HTMLInput
        var owner: String
        var fields: [FieldRow]
        /// Who signs it, when the body does not end with its own signature.
        var signature: String?
        /// The body names the issuer without a date: the date is added.
        var dateOnly: Bool
        var qrURL: String?
    }

    static func inputs(_ page: Page, entry: ListEntry, body: RenderedBody, contexts: PageContexts) -> Inputs {
        let path = path(for: page)
        var inputs = Inputs(
            path: path, entry: entry, body: body.htmlInput,
            owner: contexts.index.ownerName(page.owner),
            fields: contexts.fieldRows(page, from: path).filter { $0.label != "发布单位" },
            signature: nil, dateOnly: false)
        // A body that ends with its own signature (落款) is not signed a second time; under one that
        // names the issuer without a date, the date is added.
        switch body.signatureDated {
        case nil: inputs.signature = signature(page, contexts: contexts)
        case false?: inputs.dateOnly = true
        case true?: break
        }
        if let base = contexts.config.baseURL { inputs.qrURL = base + absoluteURLPath(page.outputPath) }
        return inputs
    }

    static func planned(_ page: Page, entry: ListEntry, body: RenderedBody, contexts: PageContexts) -> PlannedOutput<PrintPage> {
        PlannedOutput(.print(page.outputPath), PrintPage.self, inputs(page, entry: entry, body: body, contexts: contexts))
    }

    static func render(_ inputs: Inputs, in env: RenderEnvironment) -> [OutputFile] {
        let path = inputs.path
        var context = env.base(path: path, title: inputs.entry.title, current: nil)
        var item = inputs.entry.record(from: path)
        item["content"] = inputs.body.html
        item["owner"] = inputs.owner
        item["backHref"] = Paths.relative(from: path, to: inputs.entry.target)
        if !inputs.fields.isEmpty { item["fields"] = inputs.fields.map(\.record) }
        if let signature = inputs.signature { item["signature"] = signature }
        if inputs.dateOnly { item["dateOnly"] = true }
        if let url = inputs.qrURL, let svg = QRCode.svg(url, size: 160, title: "扫码查看：\(inputs.entry.title)") {
            item["qr"] = Record(["svg": svg, "url": url])
        }
        context["item"] = item
        return [OutputFile(path, bytes: env.renderBytes("print", context))]
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
