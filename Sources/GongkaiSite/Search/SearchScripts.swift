import Foundation
import GongkaiContent

extension SearchIndex {
    /// The chunk files `d<n>.js`: titles, paths, dates and snippet texts of `chunkSize` pages each.
    /// `keys`, `stored`: with a store, the chunks' keys (`chunkKeys`) and the stored index, whose
    /// chunks with the same key are the current output's.
    static func chunks(
        _ documents: [Document], cache: BlockCache?, keys: [UInt64]? = nil, stored: Store.Saved? = nil,
        emit: @Sendable (OutputFile) -> OutputFile
    ) -> [OutputFile] {
        let chunkCount = (documents.count + chunkSize - 1) / chunkSize
        let stored = stored.flatMap { $0.chunkKeys.count == chunkCount && keys?.count == chunkCount ? $0 : nil }
        return parallelMap(Array(0..<chunkCount)) { chunk in
            let range = (chunk * chunkSize)..<min(documents.count, (chunk + 1) * chunkSize)
            let path = "\(dataFolder)/d\(chunk).js"
            if let stored, let keys, stored.chunkKeys[chunk] == keys[chunk] {
                return emit(OutputFile(unchanged: path, stamp: stored.chunkStamps[chunk]))
            }
            guard let cache else { return emit(OutputFile(path, bytes: chunkScript(chunk, documents[range]))) }
            var key = StableHash()
            for number in range { BuildKeys.add(documents[number].page, to: &key) }
            return emit(cache.file(path, key: key.value) { OutputFile(path, bytes: chunkScript(chunk, documents[range])) })
        }
    }

    /// For each chunk, a key of what it shows: each page's file (its text and front matter, from which
    /// the snippet is made with the store's settings), title, path and date.
    static func chunkKeys(_ documents: [Document]) -> [UInt64] {
        stride(from: 0, to: documents.count, by: chunkSize).map { start in
            var key = StableHash()
            for number in start..<min(documents.count, start + chunkSize) {
                let page = documents[number].page
                BuildKeys.add(page, to: &key)
                key.add(page.title)
                key.add(page.outputPath)
                key.add(page.date.day.description)
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
    static func metaScript(_ documents: [Document], shards: Int, owners: [(id: String, name: String)], ownerIndex: (Page) -> Int) -> String {
        let width = String(max(0, owners.count - 1), radix: 36).count
        var table = ""
        table.reserveCapacity(documents.count * (width + 1))
        for index in documents.indices {
            let owner = String(ownerIndex(documents[index].page), radix: 36)
            table += String(repeating: "0", count: width - owner.count) + owner
            table += String(Kind.allCases.firstIndex(of: documents[index].page.kind) ?? 0)
        }
        var out = "GongkaiSearch.meta({\"version\":2,\"shards\":\(shards),\"chunk\":\(chunkSize),\"count\":\(documents.count),"
        out += "\"ownerWidth\":\(width),\"owners\":["
        out += owners.map { "[" + JSONText.string($0.id, forScript: true) + "," + JSONText.string($0.name, forScript: true) + "]" }.joined(separator: ",")
        out += "],\"kinds\":["
        out += Kind.allCases.map { "[" + JSONText.string($0.rawValue, forScript: true) + "," + JSONText.string($0.chineseName, forScript: true) + "]" }.joined(
            separator: ",")
        out += "],\"pages\":" + JSONText.string(table, forScript: true) + "});\n"
        return out
    }
}
