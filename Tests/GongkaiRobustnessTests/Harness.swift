import Foundation
import GongkaiTestSupport
import XCTest

/// Copies a folder tree (files, folders and symlinks as they are).
func copyTree(_ source: URL, to target: URL) throws {
    try? FileManager.default.removeItem(at: target)
    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: source, to: target)
}

/// Every entry under `root` (hidden ones too): files by content, symlinks by target, folders by name.
/// Two equal snapshots are byte-identical trees.
func snapshot(_ root: URL) -> [String: Data]? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
    var result: [String: Data] = [:]
    let paths = (try? FileManager.default.subpathsOfDirectory(atPath: root.path)) ?? []
    for path in paths {
        let full = root.path + "/" + path
        var info = stat()
        guard lstat(full, &info) == 0 else { continue }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: result[path] = Data(("link:" + ((try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "")).utf8)
        case S_IFDIR: result[path + "/"] = Data()
        default: result[path] = FileManager.default.contents(atPath: full) ?? Data("unreadable".utf8)
        }
    }
    return result
}

/// Names in `folder` that a build leaves only while it runs: staging and set-aside outputs.
func leftovers(in folder: URL, output: String = "public") -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasPrefix(".\(output).tmp-") || $0.hasPrefix(".\(output).old-") }.sorted()
}

/// Whether this process may ignore file permissions (root): then chmod alone cannot make a folder read-only.
var runningAsRoot: Bool { geteuid() == 0 }
