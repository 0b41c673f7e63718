import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signature block (落款) a notice ends with: the issuer on one line and the date on the next,
///
///     杏花村村民委员会
///     2026年11月6日
///
/// or on one line with a seal mark and a phone (`杏花村村务监督委员会（签章）　2026年6月4日　监督电话：0838-5550131`),
/// over at most four lines. Like a printed notice, it is shown right-aligned; a print view that finds
/// one does not sign the notice a second time.
///
/// Only the end of the body is looked at: the trailing lines of its last paragraph whose every part
/// (parts are set apart by spaces) is the name of an organisation, a date or a contact (`监督电话：…`),
/// with at least one organisation among them. When the clerk wrote the signature straight under the
/// last sentence (no blank line), the paragraph is split there.
enum Signature {
    static let maxLines = 4
    static let maxPartLength = 40

    /// The signature found at the end of a body: its own paragraph now.
    struct Found {
        var paragraph: OpaquePointer
        /// The line break that joined it to the sentence above (unlinked; freed by `replace`).
        var detachedBreak: OpaquePointer? = nil
        /// Whether it has a date (else it names the issuer only).
        var dated: Bool
    }

    /// Finds the signature at the end of `root` and, when it shares a paragraph with the text above,
    /// moves its lines into a paragraph of their own.
    static func find(in root: OpaquePointer) -> Found? {
        guard let paragraph = cmark_node_last_child(root), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH else {
            return nil
        }
        // The last lines, from the end, each while it is a signature line: at most `maxLines`.
        var parts: [Part] = []
        var first: Line? = nil
        for line in lastLines(of: paragraph, count: maxLines) {
            guard let lineParts = self.parts(of: line.text) else { break }
            parts += lineParts
            first = line
        }
        guard let first, parts.contains(.organisation) else { return nil }
        let dated = parts.contains(.date)
        // The paragraph's first line: the whole paragraph is the signature.
        guard let breakNode = first.breakBefore else { return Found(paragraph: paragraph, dated: dated) }
        guard let signature = cmark_node_new(CMARK_NODE_PARAGRAPH) else { return nil }
        var node = cmark_node_next(breakNode)
        while let current = node {
            node = cmark_node_next(current)
            cmark_node_append_child(signature, current)
        }
        cmark_node_unlink(breakNode)
        cmark_node_insert_after(paragraph, signature)
        return Found(paragraph: signature, detachedBreak: breakNode, dated: dated)
    }

    /// Replaces the signature's paragraph by HTML of its own, each line break kept, in a
    /// `<p class="signature">` (right-aligned by the theme).
    static func replace(_ found: Found) {
        if let node = found.detachedBreak { cmark_node_free(node) }
        let paragraph = found.paragraph
        guard let rendered = cmark_render_html(paragraph, CMARK_OPT_UNSAFE | CMARK_OPT_HARDBREAKS) else { return }
        defer { free(rendered) }
        var html = String(cString: rendered)
        guard html.hasPrefix("<p>"), let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { return }
        html = "<p class=\"signature\">" + html.dropFirst(3)
        cmark_node_set_literal(block, html)
        cmark_node_insert_before(paragraph, block)
        cmark_node_unlink(paragraph)
        cmark_node_free(paragraph)
    }

    struct Line {
        var text: String
        /// The line break node in front of the line (nil for the first).
        var breakBefore: OpaquePointer?
    }

    /// The last `count` lines of the paragraph, last first, each with the text it shows: only the
    /// end of a long paragraph is read.
    static func lastLines(of paragraph: OpaquePointer, count: Int) -> [Line] {
        var lines: [Line] = []
        var nodes: [OpaquePointer] = []
        func endLine(breakBefore: OpaquePointer?) {
            let text = nodes.reversed().map { self.text(of: $0) }.joined()
            lines.append(Line(text: trimmed(text), breakBefore: breakBefore))
            nodes.removeAll()
        }
        var child = cmark_node_last_child(paragraph)
        while let node = child, lines.count < count {
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                endLine(breakBefore: node)
            } else {
                nodes.append(node)
            }
            child = cmark_node_previous(node)
        }
        if lines.count < count { endLine(breakBefore: nil) }
        return lines
    }

    static func text(of node: OpaquePointer) -> String {
        let type = cmark_node_get_type(node)
        if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
            return cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        }
        var out = ""
        var child = cmark_node_first_child(node)
        while let c = child {
            out += text(of: c)
            child = cmark_node_next(c)
        }
        return out
    }

    static func trimmed(_ text: String) -> String {
        if endsPlainly(text) { return text }
        return trimmedByCharacters(text)
    }

    /// Whether `text` starts and ends with printable ASCII other than a space or a Han character (lead
    /// bytes E4–E9: U+4E00–U+9FFF), so that `trimmedByCharacters` keeps it as it is: no such code point is
    /// whitespace, and none joins the character before it (the last character is that code point alone,
    /// or after prepended marks, which are not whitespace either).
    static func endsPlainly(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return false }
        if !((0x21...0x7E).contains(first) || (0xE4...0xE9).contains(first)) { return false }
        if (0x21...0x7E).contains(last) { return true }
        // A Han character ends the text: its lead byte is the third from the end.
        guard utf8.count >= 3, (0x80...0xBF).contains(last) else { return false }
        let lead = utf8[utf8.index(utf8.endIndex, offsetBy: -3)]
        return (0xE4...0xE9).contains(lead)
    }

    /// `trimmed`, character by character (what `trimmed` must give).
    static func trimmedByCharacters(_ text: String) -> String {
        var s = Substring(text)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }

    enum Part { case organisation, date, contact }

    /// What each part of a signature line is; nil when the line is not one.
    static func parts(of line: String) -> [Part]? {
        plainlyNotASignature(line) ? nil : readParts(of: line)
    }

    /// `parts(of:)` by reading the line's characters.
    static func readParts(of line: String) -> [Part]? {
        guard let pieces = pieces(of: line), !pieces.isEmpty else { return nil }
        var parts: [Part] = []
        for piece in pieces {
            if dateStart(of: piece) == piece.startIndex {
                parts.append(.date)
            } else if isOrganisation(piece) {
                parts.append(.organisation)
            } else if contactWords.contains(where: { piece.contains($0) }), let last = piece.last, !"。！？；!?;".contains(last) {
                parts.append(.contact)
            } else {
                return nil
            }
        }
        return parts
    }

    /// The line's pieces between whitespace, as `split(whereSeparator: \.isWhitespace)` gives them; nil
    /// when one is longer than `maxPartLength` characters (no part of a signature is). Read by code
    /// points when each is a character of its own (`SimpleScalars`): by characters, splitting a long
    /// last line cost ~100k instructions.
    static func pieces(of line: String) -> [String]? {
        var line = line
        guard line.withUTF8({ SimpleScalars.containsAll($0) }) else {
            let pieces = line.split(whereSeparator: \.isWhitespace)
            return pieces.contains { $0.count > maxPartLength } ? nil : pieces.map(String.init)
        }
        return line.withUTF8 { bytes -> [String]? in
            var pieces: [String] = []
            var start = 0, length = 0, i = 0
            while i < bytes.count {
                let (v, n) = SimpleScalars.decode(bytes, at: i)
                if Unicode.Scalar(v)?.properties.isWhitespace == true {
                    if length > 0 { pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) }
                    length = 0
                    start = i + n
                } else {
                    length += 1
                    if length > maxPartLength { return nil }
                }
                i += n
            }
            if length > 0 { pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)) }
            return pieces
        }
    }

    /// A quick no for most last lines (a sentence or a link, not a signature), from code points
    /// alone: when each code point of the line is a character of its own and not a space (Han,
    /// printable ASCII, full-width forms, 、。《》【】…), its parts can be read in code points. A part
    /// longer than `maxPartLength`, one ending a sentence (。！？；), or one that neither ends as a
    /// date, an organisation or a seal mark can (`partEnds`, `sealMarkEnds`) nor holds the start of
    /// a contact word, is none of the three, so `readParts(of:)` would say nil. False when it cannot
    /// tell: the line is then read by characters.
    static func plainlyNotASignature(_ line: String) -> Bool {
        var run = 0
        var pieces = 0
        var last: UInt32 = 0
        var previous: UInt32 = 0
        var contact = false
        var no = false
        @inline(__always) func endPiece() {
            let mayEndAPart = partEnds.contains(last) || sealMarkEnds.contains(UInt64(previous) << 21 | UInt64(last))
            if run > maxPartLength || endsSentence(last) || (!contact && !mayEndAPart) { no = true }
            run = 0
            contact = false
        }
        for scalar in line.unicodeScalars {
            let v = scalar.value
            if v == 0x20 || v == 0x09 {
                if run > 0 { endPiece() }
                continue
            }
            let plain =
                (0x4E00...0x9FFF).contains(v) || (0x21...0x7E).contains(v) || (0x3001...0x3011).contains(v)
                || (0xFF01...0xFF5E).contains(v) || (0x3400...0x4DBF).contains(v)
            guard plain else { return false }
            if run == 0 { pieces += 1 }
            run += 1
            previous = run > 1 ? last : 0
            last = v
            if contactStarts.contains(v) { contact = true }
        }
        if run > 0 { endPiece() }
        return no || pieces == 0
    }

    /// 。！？； and !?;: no part of a signature ends with one (see `readParts(of:)`).
    @inline(__always) static func endsSentence(_ v: UInt32) -> Bool {
        v == 0x3002 || v == 0xFF01 || v == 0xFF1F || v == 0xFF1B || v == 0x21 || v == 0x3F || v == 0x3B
    }

    /// The last code point of every date (日, 号, a digit) and organisation name.
    static let partEnds: Set<UInt32> = Set(
        ("日号" + String(digits)).unicodeScalars.map(\.value)
            + organisationSuffixes.compactMap { $0.unicodeScalars.last?.value })

    /// The last two code points of each seal mark (章）), as `previous << 21 | last`.
    static let sealMarkEnds: Set<UInt64> = Set(
        sealMarks.map { mark in
            let scalars = mark.unicodeScalars.map { UInt64($0.value) }
            return scalars[scalars.count - 2] << 21 | scalars[scalars.count - 1]
        })

    /// The first code point of each contact word (电话, 联系人…).
    static let contactStarts: [UInt32] = contactWords.compactMap { $0.unicodeScalars.first?.value }

    /// The name of a body that signs notices, with or without its seal mark: 杏花村村民委员会（签章）.
    static func isOrganisation(_ piece: String) -> Bool {
        var name = Substring(piece)
        for mark in sealMarks where name.hasSuffix(mark) { name = name.dropLast(mark.count) }
        return organisationSuffixes.contains { name.hasSuffix($0) } && !name.contains(where: { "。！？；，、：:".contains($0) })
    }

    static let sealMarks = ["（签章）", "（盖章）", "（章）", "(签章)", "(盖章)", "(章)"]
    static let organisationSuffixes = [
        "委员会", "村委会", "居委会", "党支部", "党总支", "党委", "两委", "纪委", "政府", "办事处",
        "办公室", "工作站", "服务中心", "理事会", "合作社", "派出所", "司法所", "人民法庭",
    ]
    static let contactWords = ["电话", "联系人", "手机", "热线"]

    static let digits = Set("0123456789０１２３４５６７８９〇零一二三四五六七八九十")

    /// Where the date a text ends with starts: `2026年11月6日`, `二〇二六年十一月六日`, `2026-11-06`,
    /// `2026/11/6`, `2026.11.6`; nil when the text does not end with a date.
    static func dateStart(of line: String) -> String.Index? {
        let chars = Array(line)
        var i = chars.count
        func digitRun(_ range: ClosedRange<Int>) -> Bool {
            var n = 0
            while i > 0, digits.contains(chars[i - 1]) { i -= 1; n += 1 }
            return range.contains(n)
        }
        func take(_ set: String) -> Bool {
            guard i > 0, set.contains(chars[i - 1]) else { return false }
            i -= 1
            return true
        }
        if take("日号") {
            guard digitRun(1...3), take("月"), digitRun(1...3), take("年"), digitRun(2...4) else { return nil }
        } else {
            guard digitRun(1...2), take("-/."), digitRun(1...2), take("-/."), digitRun(4...4) else { return nil }
        }
        return line.index(line.startIndex, offsetBy: i)
    }
}
