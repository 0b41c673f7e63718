import Foundation
import GongkaiContent

/// The kept tools `gongkai import` hands documents to, run as separate processes: pandoc reads .docx,
/// LibreOffice (headless) turns the other formats into .docx and spreadsheets into CSV. Neither is
/// needed to build a site, so they are looked for only when a file is imported.
enum Converter {
    case pandoc
    case libreOffice

    var programs: [String] { self == .pandoc ? ["pandoc"] : ["soffice", "libreoffice"] }

    /// The program on `PATH`, or a Chinese message naming the Debian package that provides it.
    func locate(for source: ImportSource, language: Language) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for program in programs {
            for folder in path.split(separator: ":") where !folder.isEmpty {
                let candidate = "\(folder)/\(program)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        switch (self, source.family) {
        case (.pandoc, _):
            throw UserError(
                language.pick(
                    "导入 Word 文档（\(source.name)）要用 pandoc，这台电脑上没有找到它。请安装：sudo apt-get install pandoc",
                    "importing Word documents (\(source.name)) needs pandoc, which is not installed. Install it: sudo apt-get install pandoc"), status: 1)
        case (.libreOffice, .word):
            throw UserError(
                language.pick(
                    "导入 .\(source.fileExtension) 文档（\(source.name)）要先用 LibreOffice 转成 .docx，这台电脑上没有找到它。"
                        + "请安装：sudo apt-get install --no-install-recommends libreoffice-writer-nogui；或在 Word（WPS）里另存为 .docx 后再导入",
                    "importing .\(source.fileExtension) documents (\(source.name)) needs LibreOffice, which is not installed. "
                        + "Install it: sudo apt-get install --no-install-recommends libreoffice-writer-nogui; or save the file as .docx in Word (WPS)"),
                status: 1)
        case (.libreOffice, .sheet):
            throw UserError(
                language.pick(
                    "导入表格（\(source.name)）要用 LibreOffice，这台电脑上没有找到它。"
                        + "请安装：sudo apt-get install --no-install-recommends libreoffice-calc-nogui",
                    "importing spreadsheets (\(source.name)) needs LibreOffice, which is not installed. "
                        + "Install it: sudo apt-get install --no-install-recommends libreoffice-calc-nogui"), status: 1)
        }
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool
    }

    /// Runs `program arguments…` and waits at most `timeout` seconds (a converter stuck on a strange
    /// file is stopped, not waited for forever).
    static func run(_ program: String, _ arguments: [String], timeout: TimeInterval = 180) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        // The converters run in C.UTF-8 (always present on Debian), whatever the user's locale: under a
        // locale that is not installed, LibreOffice cannot write file names in Chinese (收支 → ??).
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C.UTF-8"
        environment["LANG"] = "C.UTF-8"
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        // Both pipes are read while the converter runs, so a chatty one cannot block on a full pipe.
        let outData = Collected()
        let errData = Collected()
        let group = DispatchGroup()
        for (pipe, box) in [(out, outData), (err, errData)] {
            group.enter()
            DispatchQueue.global().async {
                box.data = pipe.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
        }
        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        // A killed converter's helpers may still hold the pipes: do not wait for them long.
        let patience: Double = timedOut ? 5 : 3600
        _ = group.wait(timeout: .now() + patience)
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData.data, as: UTF8.self),
            stderr: String(decoding: errData.data, as: UTF8.self), timedOut: timedOut)
    }
}

/// What one pipe gave; written by one reader thread, read after it has finished.
///
/// Sendable by hand: the reader thread writes `data` once before leaving the dispatch group, and the
/// caller reads it only after `group.wait`, which orders the write before the read.
final class Collected: @unchecked Sendable {
    var data = Data()
}

/// A private folder for one conversion, removed afterwards.
final class ScratchFolder {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    func sub(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
