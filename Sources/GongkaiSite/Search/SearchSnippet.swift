import Foundation
import GongkaiContent

extension SearchIndex {
    /// The text kept for snippets: the lead fields, the summary (when written) and the body, on one line, cut at
    /// `textLimit` characters (never inside one: combining marks stay with their base).
    static func snippetText(_ document: Document) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(textLimit * 3 + 16)
        var count = 0
        var lastWasSpace = true
        func trimmedEnd() -> String {
            while out.last == 0x20 { out.removeLast() }
            return String(decoding: out, as: UTF8.self)
        }
        for var text in [document.lead, document.page.summary ?? "", document.plainText] where !text.isEmpty {
            if count > 0 && !lastWasSpace { out.append(0x20); count += 1; lastWasSpace = true }
            let full = text.withUTF8 { bytes -> Bool in
                // Characters other than spaces are copied as they are, a run at a time.
                var run = 0
                func copyRun(to end: Int) {
                    if end > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<end])) }
                }
                var i = 0
                while i < bytes.count {
                    // One code point: its value and its bytes.
                    let b0 = UInt32(bytes[i])
                    let length: Int
                    let v: UInt32
                    if b0 < 0x80 {
                        length = 1
                        v = b0
                    } else if b0 < 0xE0 {
                        length = 2
                        v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    } else if b0 < 0xF0 {
                        length = 3
                        v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    } else {
                        length = 4
                        v =
                            (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                            | UInt32(bytes[i + 3] & 0x3F)
                    }
                    let joins = joinsPrevious(v)
                    if count >= textLimit && !joins {
                        copyRun(to: i)
                        return true
                    }
                    if v == 0x20 || v == 0x0A || v == 0x09 || v == 0x0D || v == 0x3000 || v == 0xA0 {
                        copyRun(to: i)
                        run = i + length
                        if !lastWasSpace { out.append(0x20); count += 1 }
                        lastWasSpace = true
                    } else {
                        if !joins { count += 1 }
                        lastWasSpace = false
                    }
                    i += length
                }
                copyRun(to: bytes.count)
                return false
            }
            if full { return trimmedEnd() }
        }
        return trimmedEnd()
    }

    /// Code points that belong to the character before them: combining marks, variation selectors,
    /// the zero-width joiner and emoji skin tones (enough not to cut a character in two).
    @inline(__always) static func joinsPrevious(_ v: UInt32) -> Bool {
        // (Han characters and CJK punctuation, most of the text, are below U+FE00 and above all of these below it.)
        guard v >= 0x300, v < 0x2100 || v >= 0xFE00 else { return false }
        return (0x300...0x36F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
            || (0x20D0...0x20FF).contains(v) || v == 0x200D || (0xFE00...0xFE0F).contains(v) || (0xFE20...0xFE2F).contains(v)
            || (0x1F3FB...0x1F3FF).contains(v) || (0xE0020...0xE007F).contains(v) || (0xE0100...0xE01EF).contains(v)
    }
}
