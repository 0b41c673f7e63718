import Foundation

/// Shell completion of `--village`: the village folders of the site named by `--site` (or of the
/// current folder), read when the user presses Tab.
enum VillageCompletion {
    @Sendable static func ids(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        var site = "."
        for (position, word) in words.enumerated() {
            if word == "--site", position + 1 < words.count { site = words[position + 1] }
            if word.hasPrefix("--site=") { site = String(word.dropFirst("--site=".count)) }
        }
        let folder = (site as NSString).appendingPathComponent("content/villages")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { name in
            !name.hasPrefix(".") && name.hasPrefix(prefix)
                && FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(name + "/_village.md"))
        }.sorted()
    }
}
