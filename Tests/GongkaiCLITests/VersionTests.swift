import Foundation
import GongkaiTestSupport
import XCTest

/// `gongkai --version` (issue 15): the version from the VERSION file and the commit it was built from.
final class VersionTests: XCTestCase {
    func testVersionNamesTheVersionFileAndTheCommit() throws {
        let version = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try CLI.run(["--version"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let line = result.stdout.trimmingCharacters(in: .newlines)
        XCTAssertTrue(line.hasPrefix("gongkai \(version)（提交 "), line)
        // Built from this git checkout: the commit is HEAD's (the manifest asked git when it was read).
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        git.arguments = ["-C", CLI.repositoryRoot.path, "rev-parse", "HEAD"]
        let out = Pipe()
        git.standardOutput = out
        try git.run()
        git.waitUntilExit()
        let head = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if git.terminationStatus == 0, head.count == 40 {
            XCTAssertTrue(line.contains("提交 \(head.prefix(12))"), "\(line) should name HEAD \(head)")
        }
        let english = try CLI.run(["--version"], environment: ["LANG": "en_US.UTF-8"]).stdout
        XCTAssertTrue(english.hasPrefix("gongkai \(version) (commit \(head.prefix(12))"), english)
    }
}
