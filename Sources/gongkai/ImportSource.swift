import Foundation
import GongkaiContent

/// A file given to `gongkai import`, checked before any converter sees it: it exists, is not empty or
/// too large, and its first bytes say what it really is (a password-protected Office file is a
/// compound file holding an `EncryptedPackage`, whatever its name says).
struct ImportSource {
    enum Family { case word, sheet }

    /// How the bytes are packed: Office Open XML (a ZIP), the old binary formats (.doc, .xls, WPS's
    /// .wps and .et: an OLE compound file), or text formats LibreOffice also reads (RTF, HTML).
    enum Container { case zip, compound, text }

    let path: String
    let family: Family
    let container: Container
    let bytes: Int

    /// Larger files are refused: a document of this size is almost always one of uncompressed photos.
    static let maximumBytes = 20 * 1024 * 1024

    static let wordExtensions = ["docx", "doc", "wps", "docm", "dotx", "rtf", "odt"]
    static let sheetExtensions = ["xlsx", "xls", "et", "xlsm", "ods"]

    var name: String { (path as NSString).lastPathComponent }
    var fileExtension: String { (path as NSString).pathExtension.lowercased() }
    /// Whether pandoc can read the file as it is; everything else goes through LibreOffice first.
    var isDocx: Bool { family == .word && container == .zip && fileExtension != "odt" }

    static func open(_ path: String, language: Language) throws -> ImportSource {
        let ext = (path as NSString).pathExtension.lowercased()
        let family: Family
        if wordExtensions.contains(ext) {
            family = .word
        } else if sheetExtensions.contains(ext) {
            family = .sheet
        } else {
            throw UserError(
                language.pick(
                    "\(path)：不能导入“\(ext.isEmpty ? "没有扩展名" : "." + ext)”的文件。可以导入 Word 文档（.docx、.doc、.wps）和表格（.xlsx、.xls、.et）",
                    "\(path): cannot import \(ext.isEmpty ? "a file without an extension" : "." + ext + " files"). Word documents (.docx, .doc, .wps) and spreadsheets (.xlsx, .xls, .et) can be imported"
                ))
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw UserError(language.pick("\(path)：没有这个文件", "\(path): no such file"))
        }
        if isFolder.boolValue {
            throw UserError(language.pick("\(path) 是文件夹，请写出其中的文件名", "\(path) is a folder; name the files in it"))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size == 0 {
            throw UserError(
                language.pick(
                    "\(path) 是空文件（0 字节），没有可导入的内容。请在 Word（WPS）里打开原文件，重新保存后再导入",
                    "\(path) is empty (0 bytes): nothing to import. Open the original in Word (WPS), save it again and import that"), status: 1)
        }
        if size > maximumBytes {
            let mb = String(format: "%.1f", Double(size) / 1_048_576)
            throw UserError(
                language.pick(
                    "\(path) 有 \(mb) MB，超过导入上限 \(maximumBytes / 1_048_576) MB，没有导入。多半是文中的照片太大："
                        + "请在 Word 里选中图片，用“图片格式 → 压缩图片”压小后另存再导入；表格请只留下要公开的工作表",
                    "\(path) is \(mb) MB, more than the import limit of \(maximumBytes / 1_048_576) MB; nothing was imported. "
                        + "Usually its photos are too large: compress them in Word (Picture Format → Compress Pictures), save and import again"), status: 1)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw UserError(language.pick("无法读取 \(path)：请检查文件权限", "cannot read \(path): check its permissions"), status: 1)
        }
        let data = handle.readDataToEndOfFile()
        try? handle.close()
        let container: Container
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            container = .zip
        } else if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            if isEncrypted(data) {
                throw UserError(
                    language.pick(
                        "\(path) 设有打开密码（已加密），无法读取，没有导入。请在 Word（WPS）里用密码打开它，"
                            + "在“文件 → 信息 → 保护文档 → 用密码进行加密”里清空密码，另存后再导入",
                        "\(path) is protected by a password (encrypted) and cannot be read; nothing was imported. "
                            + "Open it in Word (WPS), remove the password (File → Info → Protect Document → Encrypt with Password), save and import again"),
                    status: 1)
            }
            container = .compound
        } else if family == .word, data.starts(with: Array("{\\rtf".utf8)) || looksLikeHTML(data) {
            container = .text  // WPS and Word save "Word documents" that are really RTF or web pages
        } else {
            let what = family == .word ? language.pick("Word 文档", "Word document") : language.pick("表格", "spreadsheet")
            throw UserError(
                language.pick(
                    "\(path) 已损坏，或不是真正的\(what)（文件开头不是 Office 文件的格式），没有导入。请在 Word（WPS）里打开它，"
                        + "另存为 \(family == .word ? ".docx" : ".xlsx") 后再导入",
                    "\(path) is damaged or not really a \(what) (it does not start like an Office file); nothing was imported. "
                        + "Open it in Word (WPS), save it as \(family == .word ? ".docx" : ".xlsx") and import that"), status: 1)
        }
        return ImportSource(path: path, family: family, container: container, bytes: size)
    }

    /// Office's encryption stores the real file as the stream `EncryptedPackage` (names are UTF-16LE).
    static func isEncrypted(_ data: Data) -> Bool {
        var name = Data()
        for unit: UInt16 in "EncryptedPackage".utf16 {
            name.append(UInt8(truncatingIfNeeded: unit))
            name.append(UInt8(truncatingIfNeeded: unit >> 8))
        }
        return data.range(of: name) != nil
    }

    static func looksLikeHTML(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(512), as: UTF8.self).lowercased()
        return head.contains("<html") || head.contains("mime-version:")
    }
}
