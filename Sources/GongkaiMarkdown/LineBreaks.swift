import CCmark

/// How a line typed with Enter (a "soft" line break inside a paragraph) is shown.
///
/// Editors work in Word, where Enter starts a new line: `1、…；` / `2、…；`, an address over a phone
/// number, a signature over its date. By default each such line stays a line (cmark's hard-breaks
/// rendering: `<br>`). Sites whose editors hard-wrap their text may join the lines of a paragraph
/// instead; then a break between two Chinese characters disappears (a browser would show it as a
/// space, which Chinese does not have) and only a break between Latin words stays a space.
public enum LineBreaks: String, Sendable, CaseIterable {
    /// A line typed with Enter stays a line; a blank line starts a new paragraph.
    case keep
    /// The lines of a paragraph are joined; only a blank line starts a new line (a paragraph).
    case join

    /// cmark's rendering options for the body.
    var renderOptions: Int32 {
        self == .keep ? CMARK_OPT_UNSAFE | CMARK_OPT_HARDBREAKS : CMARK_OPT_UNSAFE
    }

    /// Joining lines: removes each of `softBreaks` that sits between two characters of Chinese text,
    /// where a browser would otherwise show a space. The lines of `keeping` (a signature) stay lines.
    static func joinChineseLines(_ softBreaks: [OpaquePointer], keeping: OpaquePointer?) {
        for node in softBreaks {
            if let keeping, cmark_node_parent(node) == keeping { continue }
            guard let before = edgeScalar(cmark_node_previous(node), last: true),
                let after = edgeScalar(cmark_node_next(node), last: false),
                joinsWithoutSpace(before, after)
            else { continue }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    /// Whether two characters meet without a space in Chinese text: both are wide (Han, kana, Hangul,
    /// CJK and full-width punctuation), or one is wide and the other is punctuation Chinese text uses
    /// (quotes, dashes, ellipsis, middle dot) that fonts draw narrow.
    static func joinsWithoutSpace(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        let wideA = isWide(a), wideB = isWide(b)
        return (wideA && wideB) || (wideA && isChinesePunctuation(b)) || (wideB && isChinesePunctuation(a))
    }

    static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF01...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    static func isChinesePunctuation(_ s: Unicode.Scalar) -> Bool {
        "“”‘’—…·".unicodeScalars.contains(s)
    }

    /// The first or last character of the text a node shows (descending into emphasis, links…).
    static func edgeScalar(_ node: OpaquePointer?, last: Bool) -> Unicode.Scalar? {
        var current = node
        while let n = current {
            let type = cmark_node_get_type(n)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                guard let literal = cmark_node_get_literal(n) else { return nil }
                let scalars = String(cString: literal).unicodeScalars
                return last ? scalars.last : scalars.first
            }
            current = last ? cmark_node_last_child(n) : cmark_node_first_child(n)
        }
        return nil
    }
}
