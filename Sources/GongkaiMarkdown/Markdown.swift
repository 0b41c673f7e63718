import CCmark
import GongkaiEscape
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Markdown → HTML through libcmark, made safe for content written by many hands.
///
/// cmark's own safe mode would drop raw HTML and dangerous links but also every HTML we add
/// (heading ids, tables), so the renderer runs cmark unsafe and does the neutralising itself on
/// the syntax tree: raw HTML is removed unless the site trusts its authors, and `javascript:`,
/// `vbscript:`, `file:` and (except for images) `data:` URLs are emptied.
public enum Markdown {
    public struct Options: Sendable {
        /// Trusted sites only: keep raw HTML from the Markdown.
        public var allowRawHTML: Bool
        /// Line of the file the Markdown starts on, so messages name the file's own lines.
        public var firstLine: Int
        /// A line typed with Enter: kept as a line (the default) or joined to the next.
        public var lineBreaks: LineBreaks
        public init(allowRawHTML: Bool = false, firstLine: Int = 1, lineBreaks: LineBreaks = .keep) {
            self.allowRawHTML = allowRawHTML
            self.firstLine = firstLine
            self.lineBreaks = lineBreaks
        }
    }

    public struct Heading: Sendable, Hashable {
        public var level: Int
        public var text: String
        public var id: String

        public init(level: Int, text: String, id: String) {
            self.level = level
            self.text = text
            self.id = id
        }
    }

    /// A note for the editor about something in the Markdown (omitted HTML, a sum that does not add up…).
    public struct Note: Sendable, Hashable {
        public var line: Int
        public var zh: String
        public var en: String
        public var level: Level = .warning

        public enum Level: Sendable, Hashable {
            case warning
            /// The page must not be published as it is.
            case error
            /// An error on a 三务公开 (disclosure) page, where a figure is a public record; a warning elsewhere.
            case disclosureError
        }
    }

    public struct Rendered: Sendable {
        public var html: String
        public var headings: [Heading]
        /// The text without markup, blocks separated by newlines: for summaries and search.
        public var plainText: String
        public var notes: [Note]
        /// The signature block the body ends with (see `Signature`): nil when there is none, else
        /// whether it has a date (an undated one names the issuer only).
        public var signatureDated: Bool? = nil
    }

    /// Renders `markdown`. `rewriteURL` sees every link and image URL (with its line) and may return
    /// a replacement, e.g. a link to `../notices/x.md` becomes the built page's relative URL.
    public static func render(
        _ markdown: String, options: Options = Options(),
        rewriteURL: (_ url: String, _ isImage: Bool, _ line: Int) -> String? = { _, _, _ in nil }
    ) -> Rendered {
        let source = PipeTable.rewrite(markdown) ?? markdown
        let root: OpaquePointer? = source.withCString { cmark_parse_document($0, strlen($0), CMARK_OPT_UNSAFE) }
        guard let root else {
            return Rendered(html: "", headings: [], plainText: "", notes: [])
        }
        defer { cmark_node_free(root) }
        var state = WalkState(options: options)
        state.walk(root, rewriteURL: rewriteURL)
        PhoneNumbers.wrap(state.phoneTexts)
        let signature = Signature.find(in: root)
        if options.lineBreaks == .join { LineBreaks.joinChineseLines(state.softBreaks, keeping: signature?.paragraph) }
        if let signature { Signature.replace(signature) }
        guard let rendered = cmark_render_html(root, options.lineBreaks.renderOptions) else {
            return Rendered(html: "", headings: [], plainText: "", notes: state.notes)
        }
        defer { free(rendered) }
        // cmark writes valid UTF-8 (it replaces invalid input itself, and ours is a String), so its bytes
        // are read as they are, without first making a String of them.
        let html = state.finish(
            UnsafeBufferPointer(
                start: UnsafeRawPointer(rendered).assumingMemoryBound(to: UInt8.self),
                count: strlen(rendered)))
        return Rendered(
            html: html, headings: state.headings, plainText: state.plain.string, notes: state.notes,
            signatureDated: signature?.dated)
    }
}

/// The plain text of a body, gathered as UTF-8: appending to a String piece by piece costs more.
struct PlainText {
    var bytes: [UInt8] = []

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: text)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// `hasSuffix("\n")` of the text: a line feed is a character of its own unless a CR comes before it.
    var endsWithNewline: Bool {
        bytes.last == 0x0A && (bytes.count < 2 || bytes[bytes.count - 2] != 0x0D)
    }

    /// Empty, or its last code point is CJK (U+2E80 and up) or a line feed: no space is needed at a line break.
    var endsWithCJKOrNewline: Bool {
        guard var i = bytes.indices.last else { return true }
        while i > 0 && bytes[i] & 0xC0 == 0x80 { i -= 1 }
        let lead = UInt32(bytes[i])
        if lead < 0x80 { return lead == 0x0A }
        var value = lead < 0xE0 ? lead & 0x1F : lead < 0xF0 ? lead & 0x0F : lead & 0x07
        for k in (i + 1)..<bytes.count { value = value << 6 | UInt32(bytes[k] & 0x3F) }
        return value >= 0x2E80
    }
}

/// Marks where a heading starts in cmark's output so its id can be put on the tag itself.
/// U+0001 cannot come from content: control characters are stripped from text nodes.
let headingMarker = "\u{1}"

struct WalkState {
    let options: Markdown.Options
    var headings: [Markdown.Heading] = []
    var usedIDs: [String: Int] = [:]
    var notes: [Markdown.Note] = []
    var plain = PlainText()
    var tables: [OpaquePointer] = []
    /// Line breaks typed with Enter inside paragraphs.
    var softBreaks: [OpaquePointer] = []
    /// Text nodes that may hold a phone number, and whether they are inside a link or image.
    var phoneTexts: [(node: OpaquePointer, linked: Bool)] = []
    /// How many links and images the walk is inside.
    var linkDepth = 0

    init(options: Markdown.Options) { self.options = options }

    func fileLine(_ node: OpaquePointer) -> Int { options.firstLine + Int(cmark_node_get_start_line(node)) - 1 }

    mutating func walk(_ root: OpaquePointer, rewriteURL: (String, Bool, Int) -> String?) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        var headingText: String?
        var rawHTMLReported = false
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                guard let raw = cmark_node_get_literal(node) else { break }
                // Valid UTF-8 (see `render`): the bytes go to the plain text as they are; a String is made
                // only for a heading or to drop control characters.
                let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
                plain.append(bytes)
                // One pass over the bytes: control characters to drop, and enough digits for a phone number.
                let (hasControl, digits) = scan(bytes)
                if type == CMARK_NODE_TEXT && digits >= PhoneNumbers.minimumDigits { phoneTexts.append((node, linkDepth > 0)) }
                guard hasControl || headingText != nil else { break }
                let text = String(cString: raw)
                if hasControl {
                    cmark_node_set_literal(node, String(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" }.map(Character.init)))
                }
                headingText?.append(text)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                if type == CMARK_NODE_SOFTBREAK { softBreaks.append(node) }
                if !plain.endsWithCJKOrNewline { plain.append(" ") }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                if !options.allowRawHTML {
                    cmark_node_set_literal(node, "")
                    if !rawHTMLReported {
                        rawHTMLReported = true
                        notes.append(
                            .init(
                                line: fileLine(node),
                                zh: "正文里的 HTML 代码已省略（出于安全考虑）。请改用 Markdown 写法；如确需 HTML，可在 site.yaml 设置 markdown: {unsafe: true}",
                                en: "raw HTML in the text was omitted for safety. Use Markdown instead, or allow it with markdown: {unsafe: true} in site.yaml")
                        )
                    }
                }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                guard entering else {
                    linkDepth -= 1
                    if type == CMARK_NODE_IMAGE && cmark_node_first_child(node) == nil {
                        notes.append(
                            .init(
                                line: fileLine(node),
                                zh: "图片缺少替代文字，读屏软件无法朗读。请写成 ![图片内容说明](地址)",
                                en: "image without alt text; screen readers cannot describe it. Write ![what the picture shows](url)"))
                    }
                    continue
                }
                linkDepth += 1
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let isImage = type == CMARK_NODE_IMAGE
                if URLSafety.isDangerous(url, isImage: isImage) {
                    cmark_node_set_url(node, "")
                    notes.append(
                        .init(
                            line: fileLine(node),
                            zh: "链接“\(url.prefix(40))”使用了不安全的协议，已去掉。链接请用 https:// 网址或站内 .md 文件",
                            en: "link \"\(url.prefix(40))\" uses an unsafe scheme and was removed. Link to https:// addresses or .md files of the site"))
                } else if let replacement = rewriteURL(url, isImage, fileLine(node)) {
                    cmark_node_set_url(node, replacement)
                }
            case CMARK_NODE_HEADING:
                if entering {
                    headingText = ""
                } else {
                    let text = (headingText ?? "").trimmingCharacters(in: " ")
                    headingText = nil
                    let id = uniqueID(for: text)
                    headings.append(.init(level: Int(cmark_node_get_heading_level(node)), text: text, id: id))
                    if let marker = cmark_node_new(CMARK_NODE_HTML_INLINE) {
                        cmark_node_set_literal(marker, headingMarker)
                        cmark_node_prepend_child(node, marker)
                    }
                    plain.append("\n")
                }
            case CMARK_NODE_CODE_BLOCK:
                let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                let body = literal(node)
                let isPipeTable = info == PipeTable.info
                if isPipeTable || CSVTable.isCSV(info: info) {
                    let table =
                        isPipeTable
                        ? CSVTable.render(
                            rows: PipeTable.rows(body, firstLine: fileLine(node)), caption: "",
                            extraCells: PipeTable.extraCells)
                        : CSVTable.render(body, info: info, firstLine: fileLine(node) + 1)
                    notes += table.notes
                    if let replacement = cmark_node_new(CMARK_NODE_HTML_BLOCK) {
                        cmark_node_set_literal(replacement, table.html)
                        cmark_node_insert_before(node, replacement)
                        tables.append(node)
                    }
                    plain.append(table.plainText)
                    plain.append("\n")
                } else {
                    plain.append(body)
                    plain.append("\n")
                }
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_ITEM, CMARK_NODE_BLOCK_QUOTE:
                if !entering && !plain.endsWithNewline { plain.append("\n") }
            default:
                break
            }
        }
        // The code blocks a table replaced are unlinked only now: the iterator must not see them vanish.
        for node in tables {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// Whether text has a control character other than newline and tab, and how many ASCII digits
    /// (up to `PhoneNumbers.minimumDigits`). Control characters are single bytes below 0x20, and no
    /// byte of another character is below 0x80, so the bytes tell.
    ///
    /// Eight bytes at a time, as one number: those with no byte below 0x20 (nearly all) only have their
    /// digits counted, by bit operations on the number; the others are looked at byte by byte.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (hasControl: Bool, digits: Int) {
        var control = false
        var digits = 0
        var i = 0
        let n = bytes.count
        if let base = bytes.baseAddress {
            let high: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= n {
                let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                // Some byte below 0x20 (the high bit of a byte of the difference, where x's is clear).
                if (x &- 0x2020_2020_2020_2020) & ~x & high != 0 {
                    for b in UnsafeBufferPointer(rebasing: bytes[i..<(i + 8)]) { tally(b, &control, &digits) }
                } else {
                    // Per byte, on its low seven bits (no carry or borrow crosses a byte): high bit of
                    // low + 0x50 when low ≥ 0x30, of 0xB9 - low when low ≤ 0x39; a digit has its own clear.
                    let low = x & ~high
                    let atLeast30 = low &+ 0x5050_5050_5050_5050
                    let atMost39 = 0xB9B9_B9B9_B9B9_B9B9 &- low
                    digits += (atLeast30 & atMost39 & ~x & high).nonzeroBitCount
                }
                i += 8
            }
        }
        while i < n {
            tally(bytes[i], &control, &digits)
            i += 1
        }
        return (control, min(digits, PhoneNumbers.minimumDigits))
    }

    @inline(__always) func tally(_ b: UInt8, _ control: inout Bool, _ digits: inout Int) {
        if b < 0x20 {
            if b != 0x0A && b != 0x09 { control = true }
        } else if b &- 0x30 < 10 {
            digits += 1
        }
    }

    /// A heading id that keeps Chinese: letters, digits, CJK, `-` and `_`; spaces become `-`.
    mutating func uniqueID(for text: String) -> String {
        var id = ""
        for scalar in text.lowercased().unicodeScalars {
            // ASCII letters and digits and the unified ideographs without looking their properties up (all
            // are alphabetic or numeric; no other ASCII is).
            let v = scalar.value
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0x4E00 && v <= 0x9FFF) {
                id.unicodeScalars.append(scalar)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "-" || scalar == "_" {
                id.unicodeScalars.append(scalar)
            } else if scalar == " " || scalar == "\u{3000}" {
                if !id.isEmpty && !id.hasSuffix("-") { id += "-" }
            }
        }
        while id.hasSuffix("-") { id.removeLast() }
        if id.isEmpty { id = "section" }
        if let count = usedIDs[id] {
            usedIDs[id] = count + 1
            let unique = "\(id)-\(count + 1)"
            usedIDs[unique] = 0
            return unique
        }
        usedIDs[id] = 0
        return id
    }

    /// Puts the ids on the heading tags and lazy-loads images; the bytes between the places changed are
    /// copied in runs. The places are found with `memchr` (heading markers, and `<` for `<img `), which
    /// is several times faster than looking at every byte.
    func finish(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return "" }
        let count = bytes.count
        func next(_ byte: UInt8, from i: Int) -> Int {
            guard i < count, let found = memchr(base + i, Int32(byte), count - i) else { return count }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
        var out = [UInt8]()
        out.reserveCapacity(count + headings.count * 24)
        var headingIndex = 0
        let lazy = Array(" loading=\"lazy\"".utf8)
        var runStart = 0
        var marker = next(0x01, from: 0)
        var tag = next(0x3C, from: 0)
        while marker < count || tag < count {
            if marker < tag {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<marker]))
                // cmark wrote `<hN>` + marker; turn it into `<hN id="…">`.
                if out.last == 0x3E, headingIndex < headings.count {
                    out.removeLast()
                    out += Array(" id=\"".utf8)
                    out += Array(HTML.escape(headings[headingIndex].id).utf8)
                    out += Array("\">".utf8)
                }
                headingIndex += 1
                runStart = marker + 1
                marker = next(0x01, from: runStart)
                continue
            }
            // `<img ` → `<img loading="lazy" `
            if tag + 4 < count, bytes[tag + 1] == 0x69, bytes[tag + 2] == 0x6D, bytes[tag + 3] == 0x67, bytes[tag + 4] == 0x20 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...(tag + 3)]))
                out += lazy
                runStart = tag + 4
            }
            tag = next(0x3C, from: tag + 1)
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        return String(decoding: out, as: UTF8.self)
    }

    /// `finish` looking at every byte (what `finish` must give).
    func finishByBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + headings.count * 24)
        var headingIndex = 0
        let lazy = Array(" loading=\"lazy\"".utf8)
        var runStart = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x01 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                // cmark wrote `<hN>` + marker; turn it into `<hN id="…">`.
                if out.last == 0x3E, headingIndex < headings.count {
                    out.removeLast()
                    out += Array(" id=\"".utf8)
                    out += Array(HTML.escape(headings[headingIndex].id).utf8)
                    out += Array("\">".utf8)
                }
                headingIndex += 1
                i += 1
                runStart = i
                continue
            }
            // `<img ` → `<img loading="lazy" `
            if b == 0x67, i >= 3, bytes[i - 3] == 0x3C, bytes[i - 2] == 0x69, bytes[i - 1] == 0x6D,
                i + 1 < bytes.count, bytes[i + 1] == 0x20
            {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...i]))
                out += lazy
                runStart = i + 1
            }
            i += 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }

    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        out += rest
        return out
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        let t = Array(target.utf8)
        let u = self.utf8
        var i = u.startIndex
        while i != u.endIndex {
            if u[i] == t[0] {
                var j = i
                var k = 0
                while k < t.count, j != u.endIndex, u[j] == t[k] {
                    j = u.index(after: j)
                    k += 1
                }
                if k == t.count { return i..<j }
            }
            i = u.index(after: i)
        }
        return nil
    }
}
