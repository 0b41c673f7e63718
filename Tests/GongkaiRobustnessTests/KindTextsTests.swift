import Foundation
import XCTest
import GongkaiTestSupport
import GongkaiContent

/// The texts that name every kind in words a spec cannot write (help, the new site's README, the
/// message for an unknown health section) name every kind: a new kind's spec is not the end of it.
final class KindTextsTests: XCTestCase {
    func testHelpNamesEveryKind() throws {
        for command in ["new", "import", "list"] {
            let help = try Gongkai.run([command, "--help"]).stdout
            for kind in Kind.allCases {
                XCTAssertTrue(help.contains(kind.rawValue), "gongkai \(command) --help does not name \(kind.rawValue)")
            }
        }
        let new = try Gongkai.run(["new", "--help"]).stdout
        for kind in Kind.allCases {
            XCTAssertTrue(new.contains("\(kind.rawValue) "), "gongkai new --help does not say what \(kind.rawValue) is")
        }
    }

    func testNewSitesReadmeAndHealthMessageNameEveryFolder() throws {
        let root = try temporaryDirectory(self)
        let made = try Gongkai.run(["init", root.path, "--name", "白鹭镇", "--villages", "杏花村"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let readme = try String(contentsOfFile: root.path + "/README.md", encoding: .utf8)
        for kind in Kind.allCases {
            XCTAssertTrue(readme.contains("`\(kind.spec.newPageFolder)/` "), "the new site's README does not name \(kind.spec.newPageFolder)/")
        }
        let rules = try String(contentsOfFile: root.path + "/disclosure.yaml", encoding: .utf8)
        try (rules + "\nhealth:\n  stale:\n    bogus: 30\n").write(toFile: root.path + "/disclosure.yaml", atomically: true, encoding: .utf8)
        let built = try Gongkai.run(["check"], in: root)
        XCTAssertNotEqual(built.status, 0)
        let output = built.stdout + built.stderr
        let message = try XCTUnwrap(output.split(separator: "\n").first { $0.contains("“bogus”不是栏目") }, output)
        for kind in Kind.allCases {
            XCTAssertTrue(message.contains(kind.spec.newPageFolder), "the unknown-section message does not name \(kind.spec.newPageFolder)")
        }
    }
}
