import Foundation
import GongkaiContent
import GongkaiMarkdown
import Synchronization

/// A page body rendered to HTML, with what the build must also do because of it.
struct RenderedBody {
    /// The HTML and the text: kept, or for a body restored from the build state made again from the
    /// page's file when first asked for (`remade`; see `BodyCache`).
    /// (Set to "" when the build lets it go: a remade one goes too.)
    var html: String {
        get { keptHTML ?? remade?.value.html ?? "" }
        set {
            keptHTML = newValue
            if newValue.isEmpty { remade?.forget(html: true) }
        }
    }
    var plainText: String {
        get { keptText ?? remade?.value.plainText ?? "" }
        set {
            keptText = newValue
            if newValue.isEmpty { remade?.forget(text: true) }
        }
    }
    var keptHTML: String?
    /// The text kept with the body: its own, or for a body restored from the build state the one it
    /// stored (a regulation's, decoded when first asked for).
    var keptText: String? {
        get { stored == nil || textKept ? ownText : stored!.text }
        set {
            ownText = newValue
            textKept = true
        }
    }
    /// Whether there is a kept text (without decoding a stored one).
    var hasKeptText: Bool { stored == nil || textKept ? ownText != nil : stored!.hasText }
    /// The text as a regulation's 版本沿革 reads it: one the build state kept is not decoded for it.
    var regulationText: RegulationText {
        if let stored, !textKept, stored.hasText { return RegulationText(stored: stored) }
        return RegulationText(plainText)
    }
    private var ownText: String?
    private var textKept = false
    var remade: RemadeBody? = nil
    /// The headings, links and snippet of a body restored from the build state, decoded from it
    /// when first asked for (most bodies of an edit build never are).
    private(set) var stored: StoredBodyParts? = nil
    var headings: [Markdown.Heading] {
        get { keptHeadings ?? stored?.parts.headings ?? [] }
        set { keptHeadings = newValue }
    }
    private var keptHeadings: [Markdown.Heading]?
    /// Files under `content/` the body links to, to be copied next to the page.
    var copies: [String]
    var diagnostics: [Diagnostic]
    /// Each link and image URL of the body with what it became, so a cached body can be checked.
    var links: [(url: String, signature: String)] {
        get { keptLinks ?? stored?.parts.links ?? [] }
        set { keptLinks = newValue }
    }
    private var keptLinks: [(url: String, signature: String)]?
    /// The summary made from the text, when a session keeps it with the body.
    var summary: String? = nil
    /// `StableHash` of `html`: part of the key of the page's output.
    var htmlHash: UInt64 = 0
    /// What the build needs of `plainText` once that is let go (see `PageGenerator.generate`): the
    /// reading time and the search result snippet.
    var readingMinutes: Int? = nil
    var snippet: String? {
        get { stored == nil || snippetKept ? keptSnippet : stored!.parts.snippet }
        set {
            keptSnippet = newValue
            snippetKept = true
        }
    }
    /// Whether there is a snippet (without decoding a stored one).
    var hasSnippet: Bool { stored == nil || snippetKept ? keptSnippet != nil : stored!.hasSnippet }
    private var keptSnippet: String? = nil
    private var snippetKept = false
    /// The body ends with its own signature: nil when not, else whether it has a date. A print view
    /// does not sign such a body again.
    var signatureDated: Bool? = nil

    init(
        html: String, headings: [Markdown.Heading], plainText: String, copies: [String], diagnostics: [Diagnostic],
        links: [(url: String, signature: String)] = [], htmlHash: UInt64 = 0, signatureDated: Bool? = nil
    ) {
        keptHTML = html
        ownText = plainText
        keptHeadings = headings
        self.copies = copies
        self.diagnostics = diagnostics
        keptLinks = links
        self.htmlHash = htmlHash
        self.signatureDated = signatureDated
    }

    /// From now on the headings, links and snippet are `parts`' (a body restored from the build state).
    mutating func keepStored(_ parts: StoredBodyParts) {
        stored = parts
        keptHeadings = nil
        keptLinks = nil
        keptSnippet = nil
        snippetKept = false
        ownText = nil
        textKept = false
    }

    /// The HTML as an output's input: its hash for the key, the HTML itself made only to render.
    var htmlInput: HTMLInput {
        if let keptHTML { return HTMLInput(html: keptHTML, hash: htmlHash) }
        return HTMLInput(remade: remade, hash: htmlHash)
    }
}

/// A body's HTML and text rendered again when first asked for (a body the build state kept without
/// them, of a page that must be shown again). Each is kept until the build lets it go (`forget`), and
/// rendered again if asked for after that. (One for each of an edit build's 10k bodies: a `Mutex` in
/// place, not an `NSLock` object made for each, and the page and renderer held, not a closure made for each.)
// Safe to share because: the texts are read and written only inside `made.withLock`; `page` and `shared` never change.
final class RemadeBody: @unchecked Sendable {
    private let made = Mutex<(html: String?, text: String?)>((nil, nil))
    private let page: Page
    private let shared: SharedRenderer

    /// `page`'s body, rendered by `shared`'s renderer when asked for.
    init(_ page: Page, renderer shared: SharedRenderer) {
        self.page = page
        self.shared = shared
    }

    var value: (html: String, plainText: String) {
        made.withLock { made in
            if made.html == nil || made.text == nil {
                let body = shared.renderer.render(
                    page.body, firstLine: page.bodyLine, source: page.sourcePath, output: page.outputPath, isDisclosure: page.kind == .disclosure)
                made = (body.html, body.plainText)
            }
            return (made.html!, made.text!)
        }
    }

    func forget(html forgetsHTML: Bool = false, text forgetsText: Bool = false) {
        made.withLock { made in
            if forgetsHTML { made.html = nil }
            if forgetsText { made.text = nil }
        }
    }
}

/// The headings, links and snippet of a body in the bytes of the build state (`BodyCache.read`),
/// decoded together when first asked for, and its kept text (a regulation's), decoded alone when asked
/// for. The bytes were checked (checksum, and every length when the entry was read), so decoding them
/// cannot fail.
// Safe to share because: what is decoded is kept in mutexes; the bytes never change.
final class StoredBodyParts: @unchecked Sendable {
    private let bytes: StateBytes
    /// Where the headings, the links, the snippet and the kept text (nil: none) start in `bytes`' content.
    private let headingsAt: Int, linksAt: Int, snippetAt: Int, textAt: Int?
    let hasSnippet: Bool
    /// (A mutex each, held in place: no lock object of its own for each of a large site's bodies.)
    private let decoded = Mutex<(headings: [Markdown.Heading], links: [(url: String, signature: String)], snippet: String?)?>(nil)
    private let decodedText = Mutex<String?>(nil)

    init(_ bytes: StateBytes, headingsAt: Int, linksAt: Int, snippetAt: Int, hasSnippet: Bool, textAt: Int?) {
        self.bytes = bytes
        self.headingsAt = headingsAt
        self.linksAt = linksAt
        self.snippetAt = snippetAt
        self.hasSnippet = hasSnippet
        self.textAt = textAt
    }

    var hasText: Bool { textAt != nil }

    /// The kept text (nil: none).
    var text: String? {
        guard let textAt else { return nil }
        return decodedText.withLock { decodedText in
            if let decodedText { return decodedText }
            let text = bytes.read { content in
                var reader = BinaryReader(content, at: textAt)
                return try! reader.string()
            }
            decodedText = text
            return text
        }
    }

    /// The kept text's bytes in the build state, read in place (nil: none kept).
    func withTextBytes<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T? {
        guard let textAt else { return nil }
        return bytes.read { content in
            var reader = BinaryReader(content, at: textAt)
            return body(UnsafeRawBufferPointer(try! reader.stringBytes()))
        }
    }

    /// A body's headings as the build state holds them (read whole by `BodyCache.read`, or here when asked for).
    static func headings(_ reader: inout BinaryReader) throws -> [Markdown.Heading] {
        try reader.array { reader in Markdown.Heading(level: try reader.int(), text: try reader.string(), id: try reader.string()) }
    }

    /// A body's links as the build state holds them.
    static func links(_ reader: inout BinaryReader) throws -> [(url: String, signature: String)] {
        try reader.array { reader in (url: try reader.string(), signature: try reader.string()) }
    }

    var parts: (headings: [Markdown.Heading], links: [(url: String, signature: String)], snippet: String?) {
        decoded.withLock { decoded in
            if let decoded { return decoded }
            let parts = bytes.read { content in
                var reader = BinaryReader(content, at: headingsAt)
                let headings = try! Self.headings(&reader)
                reader = BinaryReader(content, at: linksAt)
                let links = try! Self.links(&reader)
                reader = BinaryReader(content, at: snippetAt)
                return (headings, links, try! reader.optionalString())
            }
            decoded = parts
            return parts
        }
    }
}

/// The content of a build state file (after its header), kept while bodies read from it may be asked for.
final class StateBytes: Sendable {
    /// The file, mapped (see `MappedFile`: the build state is replaced by renaming, never written in place).
    let bytes: MappedFile
    let start: Int

    init(_ bytes: MappedFile, start: Int) {
        self.bytes = bytes
        self.start = start
    }

    func read<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
        bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start...])) }
    }
}

/// A renderer shared by the bodies a build may render again (`RemadeBody`): one reference each, not a
/// copy of the site's index each.
// Safe to share because: its one property is a `let` of a value that is never changed.
final class SharedRenderer: @unchecked Sendable {
    let renderer: BodyRenderer
    init(_ renderer: BodyRenderer) { self.renderer = renderer }
}

/// Renders Markdown bodies and turns their links into links between built pages.
struct BodyRenderer {
    let index: SiteIndex
    let files: SiteFiles
    let allowRawHTML: Bool
    /// `markdown: {line-breaks: join}` in site.yaml.
    var joinLines = false

    /// `isDisclosure`: the body of a 三务公开 page, where a figure that does not add up is an error.
    func render(_ markdown: String, firstLine: Int, source: String, output: String, isDisclosure: Bool = false) -> RenderedBody {
        var copies: [String] = []
        var diagnostics: [Diagnostic] = []
        var links: [(url: String, signature: String)] = []
        let rendered = Markdown.render(
            markdown,
            options: .init(
                allowRawHTML: allowRawHTML, firstLine: firstLine,
                lineBreaks: joinLines ? .join : .keep)
        ) { url, isImage, line in
            let result = rewrite(url, source: source, output: output)
            links.append((url, result.signature))
            if let copy = result.copy { copies.append(copy) }
            if let problem = result.problem {
                diagnostics.append(.warning(source, line: line, zh: problem.zh, en: problem.en))
            }
            return result.url
        }
        for note in rendered.notes {
            switch note.level {
            case .warning:
                diagnostics.append(.warning(source, line: note.line, zh: note.zh, en: note.en))
            case .error:
                diagnostics.append(.error(source, line: note.line, zh: note.zh, en: note.en))
            case .disclosureError where isDisclosure:
                diagnostics.append(
                    .error(
                        source, line: note.line,
                        zh: note.zh + "。三务公开的数字是公开的记录，改正前本次不生成网站（原有 public/ 不变）",
                        en: note.en + ". Figures of a disclosure are a public record: nothing is published until this is corrected (public/ is unchanged)"))
            case .disclosureError:
                diagnostics.append(.warning(source, line: note.line, zh: note.zh, en: note.en))
            }
        }
        return RenderedBody(
            html: rendered.html, headings: rendered.headings, plainText: rendered.plainText,
            copies: copies, diagnostics: diagnostics, links: links, htmlHash: StableHash.of(rendered.html),
            signatureDated: rendered.signatureDated)
    }

    struct Rewrite {
        var url: String?
        var copy: String?
        var problem: (zh: String, en: String)?

        /// Everything the rewrite decided, as one comparable string.
        var signature: String { "\(url ?? "\u{0}")\u{1}\(copy ?? "")\u{1}\(problem?.zh ?? "")" }
    }

    /// Where a link or image URL written in `source` points in the built site.
    func rewrite(_ url: String, source: String, output: String) -> Rewrite {
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") || hasScheme(url) {
            return Rewrite(url: nil)
        }
        var path = Substring(url)
        var suffix = ""
        // (By bytes: both are ASCII, and reading a long URL character by character costs tens of thousands
        // of instructions.)
        if let hash = path.utf8.firstIndex(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") }) {
            suffix = String(path[hash...])
            path = path[..<hash]
        }
        let written = BodyRenderer.removingPercentEncoding(path)
        if written.hasPrefix("/") {
            // Site-absolute: `static/` is published at the root, so `/images/a.png` is output `images/a.png`.
            guard let target = RelativePath.normalize(String(written.dropFirst())) else {
                return Rewrite(url: "", problem: outside(url))
            }
            if target.isEmpty { return Rewrite(url: Paths.relative(from: output, to: Paths.home) + suffix) }
            return Rewrite(url: Paths.relative(from: output, to: target) + suffix)
        }
        guard let resolved = RelativePath.resolve(written, from: RelativePath.directory(of: source)) else {
            return Rewrite(url: "", problem: outside(url))
        }
        if resolved.hasSuffix(".md") {
            guard let target = index.outputPath(forSource: resolved) else {
                return Rewrite(
                    url: nil,
                    problem: (
                        "链接的页面“\(written)”不存在（或是草稿）。请检查文件名和相对路径，如 ../notices/2026-11-宪法宣传.md",
                        "the linked page \"\(written)\" does not exist (or is a draft). Check the file name and relative path, e.g. ../notices/x.md"
                    ))
            }
            return Rewrite(url: Paths.relative(from: output, to: target) + suffix)
        }
        guard resolved.hasPrefix("content/") || resolved.hasPrefix("static/"), let target = index.outputPath(forSource: resolved) else {
            return Rewrite(url: "", problem: outside(url))
        }
        if !files.exists(resolved) {
            return Rewrite(
                url: nil,
                problem: (
                    "链接的文件“\(written)”不存在（找的是 \(resolved)）", "the linked file \"\(written)\" does not exist (looked for \(resolved))"
                ))
        }
        if !files.staysInside(resolved) {
            return Rewrite(url: "", problem: outside(url))
        }
        return Rewrite(
            url: Paths.relative(from: output, to: target) + suffix,
            copy: resolved.hasPrefix("content/") ? resolved : nil)
    }

    /// The path with `%XX` decoded, as written if it does not decode. Without a `%` there is nothing to
    /// decode (and Foundation's decoding is slow); Foundation also drops a leading U+FEFF, so a path
    /// with one goes through it too.
    static func removingPercentEncoding(_ path: Substring) -> String {
        if !path.utf8.contains(0x25) && !UTF8Search.contains(path.utf8, [0xEF, 0xBB, 0xBF]) { return String(path) }
        return String(path).removingPercentEncoding ?? String(path)
    }

    /// `url.firstIndex(of: ":")`, found on the bytes: the first `:` byte is that character when it starts
    /// a character that is `:` alone (else, as for a colon joined to a mark, the characters are searched).
    static func firstColon(_ url: String) -> String.Index? {
        guard let byte = url.utf8.firstIndex(of: 0x3A) else { return nil }
        if byte.samePosition(in: url) != nil, url[byte] == ":" { return byte }
        return url.firstIndex(of: ":")
    }

    func hasScheme(_ url: String) -> Bool {
        guard let colon = Self.firstColon(url) else { return false }
        let scheme = url[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    func outside(_ url: String) -> (zh: String, en: String) {
        (
            "链接“\(url)”指向网站文件夹之外，已去掉。只能链接网站内的页面和 static/ 中的文件",
            "the link \"\(url)\" points outside the site folder and was removed. Link only to pages of the site and files in static/"
        )
    }
}
