import Foundation
import XCTest
@testable import GongkaiSite

/// Every regular file under `root`, relative path → contents.
func snapshot(_ root: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let base = root.standardizedFileURL.path
    guard let enumerator = FileManager.default.enumerator(atPath: base) else { return files }
    for case let path as String in enumerator {
        var isDirectory: ObjCBool = false
        FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory)
        if !isDirectory.boolValue { files[path] = try Data(contentsOf: URL(fileURLWithPath: base + "/" + path)) }
    }
    return files
}

/// The values of every `href="…"` and `src="…"` in an HTML text.
func linkTargets(in html: String) -> [String] {
    var targets: [String] = []
    for attribute in ["href=\"", "src=\""] {
        var rest = Substring(html)
        while let start = rest.range(of: attribute) {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            targets.append(String(rest[..<end]))
            rest = rest[end...]
        }
    }
    return targets
}
