import Foundation
import GongkaiContent

/// LibreOffice in headless mode: old and WPS documents to .docx, spreadsheets to CSV. Each run gets its
/// own profile folder, so imports running side by side (or an open LibreOffice window) do not collide.
struct OfficeConversion {
    let program: String
    let scratch: ScratchFolder
    let language: Language

    private func convert(_ input: String, to filter: String, into folder: String) throws -> Converter.Run {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let profile = URL(fileURLWithPath: scratch.sub("profile")).absoluteString
        return try Converter.run(
            program,
            [
                "--headless", "--norestore", "--nologo", "--nolockcheck",
                "-env:UserInstallation=\(profile)", "--convert-to", filter,
                "--outdir", folder, input,
            ])
    }

    /// The file copied into the scratch folder under a plain name (`source.doc`), so that the name
    /// LibreOffice gives its output is known.
    func staged(_ source: ImportSource) throws -> String {
        let copy = scratch.sub("source.\(source.fileExtension)")
        if !FileManager.default.fileExists(atPath: copy) {
            try FileManager.default.copyItem(atPath: source.path, toPath: copy)
        }
        return copy
    }

    /// A .doc, .wps, .rtf or .odt file as .docx.
    func docx(_ source: ImportSource) throws -> String {
        let folder = scratch.sub("docx")
        let run = try convert(try staged(source), to: "docx:MS Word 2007 XML", into: folder)
        let output = (folder as NSString).appendingPathComponent("source.docx")
        guard FileManager.default.fileExists(atPath: output) else {
            throw failure(source, run)
        }
        return output
    }

    /// One sheet as CSV in UTF-8, cells as shown in the spreadsheet (45,000.00, not 45000.000000001);
    /// `sheet` is 1-based. Returns the sheet's name and its text.
    func csv(_ source: ImportSource, sheet: Int) throws -> (name: String, text: String)? {
        let folder = scratch.sub("csv-\(sheet)")
        // Separator ',', quote '"', UTF-8 (76), from line 1, …, save cell contents as shown, the sheet.
        let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,\(sheet)"
        let run = try convert(try staged(source), to: filter, into: folder)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        guard let file = files.first(where: { $0.hasSuffix(".csv") }) else {
            if run.stdout.contains("No sheet number") { return nil }
            throw failure(source, run)
        }
        let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(file)) ?? Data()
        var name = String(file.dropLast(4))
        if name.hasPrefix("source-") { name.removeFirst("source-".count) }
        return (name, String(decoding: data, as: UTF8.self))
    }

    /// Every sheet, in order (for `--sheet 名称` and for saying which sheets there are): one run exporting
    /// them all, which names each as it writes it (`Writing sheet 收支 -> …/source-收支.csv`).
    func allSheets(_ source: ImportSource) throws -> [(name: String, text: String)] {
        let folder = scratch.sub("csv-all")
        let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
        let run = try convert(try staged(source), to: filter, into: folder)
        var sheets: [(name: String, text: String)] = []
        for line in run.stdout.split(separator: "\n") where line.hasPrefix("Writing sheet ") {
            guard let arrow = line.range(of: " -> ") else { continue }
            let name = String(line[line.index(line.startIndex, offsetBy: "Writing sheet ".count)..<arrow.lowerBound])
            let data = FileManager.default.contents(atPath: String(line[arrow.upperBound...])) ?? Data()
            sheets.append((name, String(decoding: data, as: UTF8.self)))
        }
        if sheets.isEmpty { throw failure(source, run) }
        return sheets
    }

    private func failure(_ source: ImportSource, _ run: Converter.Run) -> UserError {
        if run.timedOut {
            return UserError(
                language.pick(
                    "LibreOffice 转换 \(source.path) 超过 3 分钟还没完成，已停止，没有导入。请在 Word（WPS）里打开它，另存为 .docx 或 .xlsx 后再导入",
                    "LibreOffice did not finish converting \(source.path) within 3 minutes and was stopped; nothing was imported. Save it as .docx or .xlsx in Word (WPS) and import that"
                ), status: 1)
        }
        let said = (run.stderr + run.stdout).split(separator: "\n").filter { $0.contains("Error") }.joined(separator: "；")
        return UserError(
            language.pick(
                "LibreOffice 无法打开 \(source.path)：文件已损坏或设有密码，没有导入。请在 Word（WPS）里打开它（有密码的先去掉密码），另存后再导入"
                    + (said.isEmpty ? "" : "（LibreOffice：\(said)）"),
                "LibreOffice cannot open \(source.path): the file is damaged or protected by a password; nothing was imported. "
                    + "Open it in Word (WPS), remove any password, save and import again" + (said.isEmpty ? "" : " (LibreOffice: \(said))")), status: 1)
    }
}
