import Foundation
import GongkaiTestSupport
import XCTest

/// `gongkai serve` after a series of seeded edits — body text at the end and at the start, titles,
/// dates — equals a clean `gongkai build` of the same files byte for byte (the real binary, real files,
/// the output folder on disk), and serves each edited page over real HTTP. Between structural edits
/// the server keeps most outputs without planning them (`PlanCutoff`); this is where that is checked
/// end to end.
final class ServeEditTests: XCTestCase {
    func files(under folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        for path in FileManager.default.subpaths(atPath: base) ?? [] {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files[path] = FileManager.default.contents(atPath: base + "/" + path) }
        }
        return files
    }

    func testServeOutputEqualsACleanBuildAfterEdits() throws {
        let root = try temporaryDirectory(self)
        let site = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        for item in ["content", "site.yaml", "disclosure.yaml"] {
            try FileManager.default.copyItem(at: CLI.repositoryRoot.appendingPathComponent(item), to: site.appendingPathComponent(item))
        }
        let preview = root.appendingPathComponent("preview")
        let server = try ServeProcess(self, site: site, arguments: ["--output", preview.path])
        let port = try server.port()
        let tab = try EventStreamClient(port: port)
        defer { tab.close() }
        XCTAssertTrue(tab.waitFor("event: hello"), tab.received)

        let pages = (FileManager.default.subpaths(atPath: site.appendingPathComponent("content").path) ?? [])
            .filter { $0.hasSuffix(".md") && !$0.hasSuffix("_village.md") && !$0.hasSuffix("_index.md") }.sorted()
        var generator = SeededGenerator(seed: 18_0518)
        var deleted: Set<String> = []
        for step in 0..<11 {
            var page = "content/" + pages[Int.random(in: 0..<pages.count, using: &generator)]
            while deleted.contains(page) { page = "content/" + pages[Int.random(in: 0..<pages.count, using: &generator)] }
            var url = site.appendingPathComponent(page)
            var text = try String(contentsOf: url, encoding: .utf8)
            let added = "第\(step)次修改的一句话"
            let edit: String
            switch step < 8 ? step % 4 : step {
            case 8:
                // A new page (the watcher sees a file it did not know: the load walks).
                text += "\n\(added)。\n"
                page = page.replacingOccurrences(of: ".md", with: "-新增.md")
                url = site.appendingPathComponent(page)
                edit = "new page"
            case 9:
                // A page deleted: pages that linked to it show the link as broken.
                try FileManager.default.removeItem(at: url)
                deleted.insert(page)
                edit = "deleted page"
            case 10:
                // The rule file: the disclosure check is made again.
                url = site.appendingPathComponent("disclosure.yaml")
                text = try String(contentsOf: url, encoding: .utf8) + "\n# \(added)\n"
                edit = "disclosure.yaml"
            case 0, 2:
                text += "\n\(added)。\n"
                edit = "end of the body"
            case 1:
                guard let end = text.range(of: "\n---\n", range: text.index(after: text.startIndex)..<text.endIndex) else { continue }
                text.replaceSubrange(end, with: "\n---\n\(added)。\n\n")
                edit = "start of the body"
            default:
                var lines = text.components(separatedBy: "\n")
                guard let n = lines.firstIndex(where: { $0.hasPrefix("title:") }) else { continue }
                lines[n] = "title: \(added)"
                text = lines.joined(separator: "\n")
                edit = "title"
            }
            let mark = tab.received.count
            if edit != "deleted page" { try text.write(to: url, atomically: false, encoding: .utf8) }
            XCTAssertTrue(tab.waitFor("event: reload", after: mark, timeout: 60), "step \(step): no reload\n\(server.stdout)\(server.stderr)")

            let clean = root.appendingPathComponent("clean-\(step)")
            let build = try CLI.run(["build", "--site", site.path, "--output", clean.path], timeout: 120)
            XCTAssertEqual(build.status, 0, build.stderr)
            let (served, built) = (files(under: preview), files(under: clean))
            XCTAssertEqual(served.keys.sorted(), built.keys.sorted(), "step \(step): \(edit) of \(page)")
            for (path, data) in built where served[path] != data {
                XCTFail("step \(step): \(path) differs from a clean build after an edit of the \(edit) of \(page)")
            }
            if edit == "deleted page" || edit == "disclosure.yaml" {
                try? FileManager.default.removeItem(at: clean)
                continue
            }
            // The edited page as a browser gets it.
            let output = built.keys.first { path in
                path.hasSuffix(".html") && !path.hasPrefix("print/") && !path.hasPrefix("search/")
                    && String(decoding: built[path] ?? Data(), as: UTF8.self).contains(added)
            }
            let target = try XCTUnwrap(output, "step \(step): no page shows the edit")
            let encoded = "/" + (target.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? target)
            XCTAssertTrue(try RawHTTP.request(encoded, port: port).text.contains(added), "step \(step): \(encoded)")
            try? FileManager.default.removeItem(at: clean)
        }
    }
}
