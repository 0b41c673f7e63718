import GongkaiTestSupport
import XCTest

@testable import GongkaiSite

/// A manifest saved after a few of its groups changed, with the others' lines copied from the file it
/// was read from (`OutputManifest.Source`): the same bytes as one written whole.
final class OutputManifestSourceTests: XCTestCase {
    private func group(_ n: Int, key: UInt64, files: Int = 1) -> OutputMemo.Group {
        OutputMemo.Group(
            key: key, files: (0..<files).map { OutputMemo.Entry(path: "p/\(n)-\($0).html", stamp: FileStamp(hash: key &+ UInt64($0), size: n)) })
    }

    private func ids(_ count: Int) -> [OutputID] {
        (0..<count).map { n in
            switch n % 4 {
            case 0: .item("villages/v\(n % 9)/news/\(n).html")
            case 1: .print("villages/v\(n % 9)/news/\(n - 1).html")
            case 2: .list(folder: "tags/普法\(n % 5)", number: n)
            default: .village("v\(n)")
            }
        } + [.ungrouped, .home, .search, .gallery(ownerFolder: nil)]
    }

    func testPatchedIsWrittenAsWhole() throws {
        let folder = try temporaryDirectory(self)
        let path = folder.appendingPathComponent("m").path
        var random = SystemRandomNumberGenerator()
        let all = ids(400)
        for round in 0..<30 {
            // The previous manifest: most ids, as the last build saved them.
            var groups: [OutputID: OutputMemo.Group] = [:]
            for (n, id) in all.enumerated() where n % 7 != round % 7 { groups[id] = group(n, key: UInt64(n), files: n % 3) }
            let copies = [OutputMemo.Entry(path: "files/说明.txt", stamp: FileStamp(hash: 5, size: 3))]
            OutputManifest(identity: "1:2:3", groups: groups, copies: copies).write(to: path)
            let read = try XCTUnwrap(OutputManifest.read(path))
            let source = try XCTUnwrap(read.source, "a manifest as written keeps its lines")
            XCTAssertEqual(source.count, read.order.ids.count, "(else the save writes every group)")
            // This build: some groups changed, made anew or gone (none, one, or many).
            var next = read.groups
            var changed: [OutputID] = []
            for _ in 0..<[0, 1, 3, 60][round % 4] {
                let n = Int.random(in: 0..<all.count, using: &random)
                let id = all[n]
                switch Int.random(in: 0..<3, using: &random) {
                case 0: next[id] = group(n, key: UInt64(1000 + round), files: 2)
                case 1: next[id] = nil
                default: next[id] = group(n, key: UInt64(n), files: n % 3)  // as it was, or made anew
                }
                changed.append(id)
            }
            var whole = OutputManifest(identity: "4:5:6", groups: next, copies: copies, order: read.order)
            let wholePath = folder.appendingPathComponent("whole").path
            whole.write(to: wholePath)
            whole.source = source
            whole.changed = changed
            XCTAssertTrue(whole.write(to: path))
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), try Data(contentsOf: URL(fileURLWithPath: wholePath)), "round \(round)")
        }
    }

    func testAFileNotAsWrittenKeepsNoLines() throws {
        let folder = try temporaryDirectory(self)
        let path = folder.appendingPathComponent("m").path
        let groups = Dictionary(uniqueKeysWithValues: ids(20).enumerated().map { ($1, group($0, key: 1)) })
        OutputManifest(identity: "1", groups: groups, copies: [OutputMemo.Entry(path: "a.txt", stamp: FileStamp(hash: 1, size: 1))]).write(to: path)
        let good = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertNotNil(OutputManifest.read(path)?.source)
        for other in [
            good.replacingOccurrences(of: "\nG\t", with: "\n\nG\t"),  // an empty line
            String(good.dropLast()),  // no line break at the end
            good + "F\tq.html\t1\t1\n",  // a file after the copies
        ] {
            try other.write(toFile: path, atomically: true, encoding: .utf8)
            let read = try XCTUnwrap(OutputManifest.read(path))
            XCTAssertNil(read.source, other.suffix(40) + "…")
        }
    }
}
