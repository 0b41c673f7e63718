import Foundation

/// Turns a file's bytes into text, refusing what is not UTF-8 with a message that says how to convert it.
///
/// Accepts UTF-8 with or without a byte-order mark and CRLF or CR line ends (normalised to LF, so line
/// numbers stay those an editor shows).
public enum SourceText {
    public static func decode(_ bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            return .failure(
                .error(
                    file, line: 1,
                    zh: "文件是 UTF-16 编码，Gongkai 只读 UTF-8。请用编辑器另存为“UTF-8”，或运行：iconv -f UTF-16 -t UTF-8 原文件 > 新文件",
                    en: "the file is UTF-16; Gongkai reads UTF-8 only. Save it as UTF-8, or run: iconv -f UTF-16 -t UTF-8 old > new"))
        }
        if looksUTF16(body) {
            return .failure(
                .error(
                    file, line: 1,
                    zh: "文件是 UTF-16 编码（没有字节顺序标记），Gongkai 只读 UTF-8。请用编辑器另存为“UTF-8”，或运行：iconv -f UTF-16LE -t UTF-8 原文件 > 新文件",
                    en:
                        "the file is UTF-16 (without a byte-order mark); Gongkai reads UTF-8 only. Save it as UTF-8, or run: iconv -f UTF-16LE -t UTF-8 old > new"
                ))
        }
        if let nul = firstIndex(of: 0, in: body) {
            let line = 1 + body[..<nul].lazy.filter { $0 == 0x0A }.count
            return .failure(
                .error(
                    file, line: line,
                    zh: "文件含有空字节（NUL），像是二进制文件而不是文本。请只把 Markdown 文本放在 content/ 下，图片、PDF 等放到 static/",
                    en: "the file contains NUL bytes and looks binary, not text. Keep only Markdown in content/; put images and PDFs in static/"))
        }
        guard var text = String(validating: body, as: UTF8.self) else {
            let (line, looksGB) = firstInvalidUTF8(body)
            if looksGB {
                return .failure(
                    .error(
                        file, line: line,
                        zh: "文件不是 UTF-8 编码，看起来是 GBK/GB18030（旧版 Windows 记事本或 Word 的默认编码）。请用编辑器另存为“UTF-8”，或运行：iconv -f GB18030 -t UTF-8 原文件 > 新文件",
                        en:
                            "the file is not UTF-8; it looks like GBK/GB18030 (the default of older Windows editors). Save it as UTF-8, or run: iconv -f GB18030 -t UTF-8 old > new"
                    ))
            }
            return .failure(
                .error(
                    file, line: line,
                    zh: "文件不是有效的 UTF-8 文本。请用编辑器另存为“UTF-8”；若是图片或文档，请放到 static/",
                    en: "the file is not valid UTF-8 text. Save it as UTF-8; images and documents belong in static/"))
        }
        // `text` holds the bytes of `body`.
        if firstIndex(of: 0x0D, in: body) != nil {
            text = text.replacingCRLF()
        }
        return .success(text)
    }

    /// Where `byte` first occurs, found with `memchr`: files are read whole, and scanned twice.
    static func firstIndex(of byte: UInt8, in bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base, Int32(byte), buffer.count) else { return nil }
            return bytes.startIndex + (UnsafeRawPointer(found) - UnsafeRawPointer(base))
        }
    }

    /// UTF-16 without a byte-order mark: the ASCII of front matter (`---`, `title:`, line ends) puts a zero
    /// byte beside every character, always on the same side.
    static func looksUTF16(_ bytes: ArraySlice<UInt8>) -> Bool {
        // The test below on the first two bytes, before copying a sample.
        if bytes.count >= 8, (bytes[bytes.startIndex] == 0) == (bytes[bytes.startIndex + 1] == 0) { return false }
        let sample = Array(bytes.prefix(4096))
        // The first character is ASCII (`-` of the opening `---`): one zero byte and one that is not.
        guard sample.count >= 8, (sample[0] == 0) != (sample[1] == 0) else { return false }
        var zeros = [0, 0]
        for (offset, byte) in sample.enumerated() where byte == 0 { zeros[offset % 2] += 1 }
        let total = zeros[0] + zeros[1]
        // Binary files have zero bytes on both sides alike.
        return total >= 4 && max(zeros[0], zeros[1]) * 10 >= total * 9
    }

    /// The line of the first byte that is not UTF-8, and whether the bytes around it read as GBK/GB18030
    /// (lead byte 0x81–0xFE followed by 0x40–0xFE except 0x7F).
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> (line: Int, looksGB: Bool) {
        var line = 1
        var index = bytes.startIndex
        var firstBad: Int?
        var gbPairs = 0
        var badPairs = 0
        while index < bytes.endIndex {
            let b = bytes[index]
            if b == 0x0A { line += 1 }
            if b < 0x80 { index += 1; continue }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0
            var valid = length > 0 && index + length <= bytes.endIndex
            if valid {
                for k in 1..<length where bytes[index + k] & 0xC0 != 0x80 { valid = false }
            }
            if valid { index += length; continue }
            if firstBad == nil { firstBad = line }
            if index + 1 < bytes.endIndex, (0x81...0xFE).contains(b),
                (0x40...0xFE).contains(bytes[index + 1]), bytes[index + 1] != 0x7F
            {
                gbPairs += 1
                index += 2
            } else {
                badPairs += 1
                index += 1
            }
        }
        return (firstBad ?? 1, gbPairs > 0 && gbPairs >= badPairs * 4)
    }
}

extension String {
    /// CRLF and lone CR become LF.
    func replacingCRLF() -> String {
        var out = [UInt8]()
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for b in utf8 {
            if b == 0x0D {
                out.append(0x0A)
                previousCR = true
                continue
            }
            if b == 0x0A && previousCR { previousCR = false; continue }
            previousCR = false
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
