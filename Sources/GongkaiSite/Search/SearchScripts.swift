import Foundation
import GongkaiContent

extension SearchIndex {
    /// The chunk files `d<n>.js`: titles, paths, dates and snippet texts of `chunkSize` pages each.
    /// `keys`, `stored`: with a store, the chunks' keys (`chunkKeys`) and the stored index, whose
    /// chunks with the same key are the current output's.
    static func chunks(
        _ documents: Documents, blocks: [Block] = [], cache: BlockCache?, keys: [UInt64]? = nil, stored: Store.Saved? = nil,
        emit: @Sendable (OutputFile) -> OutputFile
    ) -> [OutputFile] {
        let chunkCount = (documents.count + chunkSize - 1) / chunkSize
        let stored = stored.flatMap { $0.chunkKeys.count == chunkCount && keys?.count == chunkCount ? $0 : nil }
        @Sendable func range(_ chunk: Int) -> Range<Int> { (chunk * chunkSize)..<min(documents.count, (chunk + 1) * chunkSize) }
        if let cache, keys == nil {
            // A session's: the last build's file of a chunk whose pages are the same files (known without
            // reading the pages when its block's key is the last build's: a key covers the same page
            // numbers and files), else one of an earlier build's with the same key, else made.
            let blockKeys = blocks.map(\.key)
            let byBlock =
                blockSize % chunkSize == 0 && blocks.count == (documents.count + blockSize - 1) / blockSize
                && blocks.indices.allSatisfy { blocks[$0].firstPage == $0 * blockSize && blocks[$0].key != 0 }
            let last = cache.lastChunks.flatMap { $0.keys.count == chunkCount && $0.blockKeys.count == blocks.count ? $0 : nil }
            var keys = [UInt64](repeating: 0, count: chunkCount)
            var files: [OutputFile?] = [OutputFile?](repeating: nil, count: chunkCount)
            for chunk in 0..<chunkCount {
                let block = chunk * chunkSize / blockSize
                if byBlock, let last, last.byBlock, last.blockKeys[block] == blockKeys[block] {
                    keys[chunk] = last.keys[chunk]
                    files[chunk] = last.files[chunk]
                    continue
                }
                var key = StableHash()
                for number in range(chunk) { BuildKeys.add(documents.pages[number], to: &key) }
                keys[chunk] = key.value
                if let last, last.keys[chunk] == keys[chunk] { files[chunk] = last.files[chunk] }
            }
            let madeKeys = keys
            let made = parallelMap((0..<chunkCount).filter { files[$0] == nil }) { chunk in
                let path = "\(dataFolder)/d\(chunk).js"
                return (
                    chunk, cache.file(path, key: madeKeys[chunk]) { OutputFile(path, bytes: chunkScript(chunk, range(chunk).map(documents.document)[...])) }
                )
            }
            for (chunk, file) in made { files[chunk] = file }
            let all = files.map { $0! }
            cache.lastChunks = .init(blockKeys: blockKeys, byBlock: byBlock, keys: keys, files: all)
            return all.map(emit)
        }
        return parallelMap(Array(0..<chunkCount)) { chunk in
            let path = "\(dataFolder)/d\(chunk).js"
            if let stored, let keys, stored.chunkKeys[chunk] == keys[chunk] {
                return emit(OutputFile(unchanged: path, stamp: stored.chunkStamps[chunk]))
            }
            return emit(OutputFile(path, bytes: chunkScript(chunk, range(chunk).map(documents.document)[...])))
        }
    }

    /// For each chunk, a key of what it shows: each page's file (its text and front matter, from which
    /// the snippet is made with the store's settings), title, path and date.
    static func chunkKeys(_ pages: [Page]) -> [UInt64] {
        stride(from: 0, to: pages.count, by: chunkSize).map { start in
            var key = StableHash()
            for number in start..<min(pages.count, start + chunkSize) {
                // The key of the page's values but its body (title, date, owner, section, slug: its output
                // path) when its parse kept one (`Page.valuesKey`, kept by the build state for every page
                // an edit build restores: no string is read here); else those read one by one.
                if let values = pages[number].valuesKey {
                    key.add(1)
                    key.add(pages[number].sourceHash)
                    key.add(values)
                    continue
                }
                key.add(2)
                BuildKeys.add(pages[number], to: &key)
                key.add(pages[number].title)
                key.add(pages[number].outputPath)
                // (The day shown: its three numbers, not a string made for the key.)
                let day = pages[number].date.day
                key.add(day.year * 10_000 + day.month * 100 + day.day)
            }
            return key.value
        }
    }

    /// `GongkaiSearch.docs(n,[[title, path, date, text], …]);`
    static func chunkScript(_ chunk: Int, _ documents: ArraySlice<Document>) -> [UInt8] {
        var out = Array("GongkaiSearch.docs(\(chunk),[".utf8)
        for (i, document) in documents.enumerated() {
            if i > 0 { out += [0x2C, 0x0A] }  // ,\n
            out.append(0x5B)  // [
            for field in [document.page.title, Paths.encode(document.page.outputPath), document.page.date.day.description] {
                JSONText.append(field, forScript: true, to: &out)
                out.append(0x2C)
            }
            JSONText.append(document.snippet ?? snippetText(document), forScript: true, to: &out)
            out.append(0x5D)  // ]
        }
        out += Array("]);\n".utf8)
        return out
    }

    /// `GongkaiSearch.meta({…});`: shard count, chunk size, owners, kinds, and each page's owner and kind.
    /// `table`: the page table (`metaTable`), when made already.
    static func metaScript(
        _ pages: [Page], shards: Int, owners: [(id: String, name: String)], table: [UInt8]? = nil, ownerIndex: (Int) -> Int
    ) -> [UInt8] {
        let width = metaWidth(owners)
        var out = Array(
            "GongkaiSearch.meta({\"version\":2,\"shards\":\(shards),\"chunk\":\(chunkSize),\"count\":\(pages.count),\"ownerWidth\":\(width),\"owners\":[".utf8)
        out.reserveCapacity(out.count + pages.count * (width + 1) + 4096)
        // `["a","b"],["c","d"]`: each pair a JSON array of two strings.
        func appendPairs(_ pairs: [(String, String)]) {
            for (n, pair) in pairs.enumerated() {
                if n > 0 { out.append(0x2C) }
                out.append(0x5B)
                JSONText.append(pair.0, forScript: true, to: &out)
                out.append(0x2C)
                JSONText.append(pair.1, forScript: true, to: &out)
                out.append(0x5D)
            }
        }
        appendPairs(owners.map { ($0.id, $0.name) })
        out += Array("],\"kinds\":[".utf8)
        appendPairs(Kind.allCases.map { ($0.rawValue, $0.chineseName) })
        // The table: for each page its owner in `width` base-36 digits, then its kind's number (digits
        // and lower-case letters only: nothing in it is escaped).
        out += Array("],\"pages\":\"".utf8)
        out += table ?? metaTable(pages, width: width, ownerIndex: ownerIndex)
        out += Array("\"});\n".utf8)
        return out
    }

    /// The page table of `meta.js` (see `metaScript`), for the pages `range` (all when nil).
    static func metaTable(_ pages: [Page], width: Int, ownerIndex: (Int) -> Int, range: Range<Int>? = nil) -> [UInt8] {
        let range = range ?? pages.indices
        var out: [UInt8] = []
        out.reserveCapacity(range.count * (width + 1))
        let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
        let kinds = Kind.allCases
        var owner = [UInt8](repeating: 0x30, count: max(width, 1))
        for n in range {
            var value = ownerIndex(n)
            for place in stride(from: width - 1, through: 0, by: -1) {
                owner[place] = digits[value % 36]
                value /= 36
            }
            // (A number wider than `width`, which `ownerIndex` never gives, as `String(radix:)` would write it.)
            if value > 0 { out += Array(String(ownerIndex(n), radix: 36).utf8) } else { out += owner[..<width] }
            let kind = kinds.firstIndex(of: pages[n].kind) ?? 0
            if kind < 10 { out.append(0x30 + UInt8(kind)) } else { out += Array(String(kind).utf8) }
        }
        return out
    }

    /// A session's page table of `meta.js`: the last build's, with the entries of the pages of changed
    /// blocks made again. A page's owner and kind follow from its file and path (what a block's key
    /// covers) and the owners; each entry is `width + 1` bytes. Nil when the last table cannot be used
    /// so (other owners or pages, blocks not of `blockSize` pages): then the whole table is made.
    static func sessionMetaTable(
        _ pages: [Page], blocks: [Block], owners: [(id: String, name: String)], width: Int, cache: BlockCache, ownerIndex: (Int) -> Int
    ) -> [UInt8] {
        let ownerKey = owners.flatMap { [$0.id, $0.name] }
        let blockKeys = blocks.map(\.key)
        let entry = width + 1
        let fits =
            Kind.allCases.count <= 10 && owners.count <= Int(pow(36, Double(width)))
            && blocks.count == (pages.count + blockSize - 1) / blockSize
            && blocks.indices.allSatisfy { blocks[$0].firstPage == $0 * blockSize && blocks[$0].key != 0 }
        var table: [UInt8]
        if fits, let last = cache.lastMeta, last.owners == ownerKey, last.blockKeys.count == blocks.count, last.table.count == pages.count * entry {
            table = last.table
            for b in blocks.indices where blockKeys[b] != last.blockKeys[b] {
                let range = (b * blockSize)..<min(pages.count, (b + 1) * blockSize)
                table.replaceSubrange(
                    (range.lowerBound * entry)..<(range.upperBound * entry), with: metaTable(pages, width: width, ownerIndex: ownerIndex, range: range))
            }
        } else {
            table = metaTable(pages, width: width, ownerIndex: ownerIndex)
        }
        cache.lastMeta = fits && table.count == pages.count * entry ? (ownerKey, blockKeys, table) : nil
        return table
    }

    /// Base-36 digits of an owner's number in the page table.
    static func metaWidth(_ owners: [(id: String, name: String)]) -> Int { String(max(0, owners.count - 1), radix: 36).count }

    /// `fold.js` (`HanFold.script`), made once.
    static let foldScript: [UInt8] = {
        var out = Array("GongkaiSearch.fold(".utf8)
        JSONText.append(String(decoding: HanFoldData.pairs.utf8.filter { $0 != 0x0A }, as: UTF8.self), forScript: true, to: &out)
        out += Array(");\n".utf8)
        return out
    }()
}
