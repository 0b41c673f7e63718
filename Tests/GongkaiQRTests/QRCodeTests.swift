import Foundation
import XCTest
@testable import GongkaiQR

final class QRCodeTests: XCTestCase {
    func testMatrixIsSquareWithFinderPatterns() throws {
        let modules = try XCTUnwrap(QRCode.matrix("https://example.org/bailu/villages/xinghua/notices/宪法.html"))
        XCTAssertGreaterThanOrEqual(modules.count, 21)
        XCTAssertTrue(modules.allSatisfy { $0.count == modules.count })
        // Top-left finder pattern: a dark 7×7 ring.
        XCTAssertTrue((0..<7).allSatisfy { modules[0][$0] && modules[6][$0] && modules[$0][0] && modules[$0][6] })
        XCTAssertFalse(modules[1][1])
    }

    func testSVGDecodesToTheURL() throws {
        let url = "https://example.org/bailu/villages/xinghua/notices/2026-11-宪法宣传.html"
        let svg = try XCTUnwrap(QRCode.svg(url, title: "扫码查看"))
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        XCTAssertTrue(svg.contains("<title>扫码查看</title>"))
        // Decode with zbarimg (Debian's zbar-tools) after rasterising with chromium, when both exist.
        guard let zbar = which("zbarimg"), let chromium = which("chromium") else {
            throw XCTSkip("zbarimg or chromium not installed")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = folder.appendingPathComponent("qr.html")
        try Data(
            "<!DOCTYPE html><body style=\"margin:0;background:#fff\">\(svg.replacingOccurrences(of: "width=\"160\" height=\"160\"", with: "width=\"400\" height=\"400\""))</body>"
                .utf8
        ).write(to: html)
        let png = folder.appendingPathComponent("qr.png")
        try run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=420,420",
                "--screenshot=\(png.path)", html.absoluteString,
            ])
        let decoded = try run(zbar, ["--raw", "-q", png.path]).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(decoded, url)
    }

    func testTooLongTextIsNil() {
        XCTAssertNil(QRCode.svg(String(repeating: "长", count: 4000)))
        XCTAssertNil(QRCode.svg(""))
    }

    func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    @discardableResult
    func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
