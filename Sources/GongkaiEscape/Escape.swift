/// The project's one escaper for markup: which characters HTML and XML reserve and how they are written.
///
/// Pages, templates (`{{…}}`), Markdown extensions, QR code titles, feeds, sitemaps and the JUnit reports of
/// `gongkai check` all escape through `Markup.append(escaping:dialect:to:)`, on UTF-8 bytes.
public enum Markup {
    public enum Dialect: Sendable {
        /// `& < > " '` as `&amp; &lt; &gt; &quot; &#39;`; every other character kept.
        case html
        /// For XML 1.0 documents: `& < > " '` as `&amp; &lt; &gt; &quot; &apos;`, and the characters XML 1.0
        /// cannot hold (control characters other than tab, line feed and carriage return; U+FFFE, U+FFFF) dropped.
        case xml
    }

    /// Whether `bytes` (UTF-8) holds anything `dialect` escapes or drops.
    @inlinable
    public static func needsEscaping<Bytes: Sequence<UInt8>>(_ bytes: Bytes, _ dialect: Dialect) -> Bool {
        switch dialect {
        case .html:
            return bytes.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        case .xml:
            // 0xEF leads U+FFFE and U+FFFF (and other characters: the escaping loop looks closer).
            return bytes.contains { b in
                b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27
                    || (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || b == 0xEF
            }
        }
    }

    /// Appends `bytes` (UTF-8) to `out`, escaped for `dialect`. Unchanged runs are copied whole: templates
    /// call this for every `{{…}}`, so it must be cheap.
    @inlinable
    public static func append(escaping bytes: UnsafeBufferPointer<UInt8>, _ dialect: Dialect, to out: inout [UInt8]) {
        var run = 0
        var i = 0
        while i < bytes.count {
            // HTML: eight bytes at a time while none of them is one of the five (Chinese text has none).
            if dialect == .html, i + 8 <= bytes.count,
                !holdsHTMLReserved(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
            {
                i += 8
                continue
            }
            let byte = bytes[i]
            let entity: StaticString
            var skip = 1
            switch byte {
            case 0x26: entity = "&amp;"
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x22: entity = "&quot;"
            case 0x27: entity = dialect == .html ? "&#39;" : "&apos;"
            case 0x09, 0x0A, 0x0D:
                i += 1
                continue
            case 0x00..<0x20 where dialect == .xml:
                entity = ""
            case 0xEF where dialect == .xml && i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                // U+FFFE, U+FFFF.
                entity = ""
                skip = 3
            default:
                i += 1
                continue
            }
            if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
            out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            i += skip
            run = i
        }
        if run < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...])) }
    }

    /// Whether any of the eight bytes of `word` is `& < > " '`: a byte of the word xor the reserved byte
    /// is zero exactly where they are equal, and `(x - 0x01…) & ~x & 0x80…` is non-zero exactly when some
    /// byte of `x` is zero.
    @inlinable @inline(__always)
    static func holdsHTMLReserved(_ word: UInt64) -> Bool {
        @inline(__always) func zeroByte(_ x: UInt64) -> UInt64 { (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 }
        return zeroByte(word ^ 0x2626_2626_2626_2626) | zeroByte(word ^ 0x3C3C_3C3C_3C3C_3C3C) | zeroByte(word ^ 0x3E3E_3E3E_3E3E_3E3E)
            | zeroByte(word ^ 0x2222_2222_2222_2222) | zeroByte(word ^ 0x2727_2727_2727_2727) != 0
    }

    /// `text` escaped for `dialect`.
    @inlinable
    public static func escape(_ text: String, _ dialect: Dialect) -> String {
        guard needsEscaping(text.utf8, dialect) else { return text }
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count + 16)
        var text = text
        text.withUTF8 { append(escaping: $0, dialect, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// HTML text and attribute values.
public enum HTML {
    /// Escapes `& < > " '` as `&amp; &lt; &gt; &quot; &#39;`: safe in element content and in quoted attribute values.
    @inlinable
    public static func escape(_ text: String) -> String { Markup.escape(text, .html) }
}

/// XML 1.0 documents: Atom feeds, the sitemap, JUnit reports.
public enum XML {
    /// Text for element content or a quoted attribute value, with the characters XML 1.0 cannot hold dropped.
    @inlinable
    public static func escape(_ text: String) -> String { Markup.escape(text, .xml) }

    /// A double-quoted attribute value; line feeds written `&#10;` so that they survive attribute normalisation.
    public static func attribute(_ value: String) -> String {
        "\"" + escape(value).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "&#10;") + "\""
    }
}
