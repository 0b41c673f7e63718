import GongkaiContent

/// Search reads traditional characters as simplified ones (憲法 finds 宪法, and a site written in
/// 繁体 is found by a query in 简体): index and query fold each Han character with OpenCC's t2s
/// mapping (`HanFoldData`, made by scripts/make-han-fold). The browser gets the same pairs in
/// `search/data/fold.js`.
enum HanFold {
    /// For every code point below 0x10000, the one search reads it as (most are themselves).
    static let table: [UInt32] = {
        var table = (0..<UInt32(0x10000)).map { $0 }
        var source: UInt32? = nil
        for scalar in HanFoldData.pairs.unicodeScalars where scalar != "\n" {
            if let from = source {
                table[Int(from)] = scalar.value
                source = nil
            } else {
                source = scalar.value
            }
        }
        return table
    }()

    /// The pairs without line breaks, as the browser's script reads them.
    static var script: String {
        "GongkaiSearch.fold(" + JSONText.string(HanFoldData.pairs.replacingOccurrences(of: "\n", with: ""), forScript: true) + ");\n"
    }
}
