import GongkaiContent

/// 站内搜索 without a server: an index built with the site, read by `assets/gongkai-search.js`.
///
/// Text is cut into tokens the same way here and in the script: runs of Han characters become
/// overlapping character pairs (宪法宣传 → 宪法 法宣 宣传), runs of Latin letters and digits become
/// lower-case words. A query's tokens must all occur in a page (its title, summary or body).
///
/// The index is split into shards by a hash of the token, so a query loads only the shards of its
/// own tokens; page titles and texts are in chunks of `chunkSize` pages, loaded only for the results
/// shown. Every file is a script calling `GongkaiSearch.…(…)`: scripts load from `file://` (where
/// `fetch` of JSON is refused) and from any sub-path, as every other link of the portal does.
///
/// Files, all under `search/data/`:
/// - `meta.js`: shard count, chunk size, owners and kinds, and for each page its owner and kind
///   (for the filters, before any chunk is loaded);
/// - `t<n>.js`: shard n, `{token: postings}`; postings are the page numbers in increasing order,
///   delta-encoded with a flag saying whether the token is in the title (see `encodePostings`);
/// - `d<n>.js`: chunk n, `[[title, path, date, text], …]`.
/// Page numbers follow the site's order, newest first, so ascending numbers are newest first.
struct SearchIndex {
    static let page = "search/index.html"
    static let dataFolder = "search/data"
    static let chunkSize = 8
    /// Characters of a page's text kept for result snippets; a match further on is still found
    /// (the index covers the whole text), the snippet then shows the beginning.
    static let textLimit = 300
    /// About this many postings per shard (≈ 20–40 KB of script).
    static let postingsPerShard = 12_000
    static let maxShards = 4096

    struct Document {
        var page: Page
        var summary: String
        var plainText: String

        /// What the front matter says about the page that a reader may search for: the law a notice
        /// explains, the speaker, the person honoured, honours, venue, issuer, tags.
        var fields: [String] {
            let f = page.fields
            return [f.law, f.issuer, f.speaker, f.venue, f.audience, f.person, f.category].compactMap { $0 } + f.honors + page.tags
        }

        /// The fields shown before the text in a result: the law, speaker or person, with a label.
        var lead: String {
            let f = page.fields
            var parts: [String] = []
            if let law = f.law { parts.append("依据：\(law)") }
            if let speaker = f.speaker { parts.append("主讲：\(speaker)") }
            if let person = f.person { parts.append("人物：\(person)") }
            return parts.joined(separator: " ")
        }
    }

    // MARK: Tokens

    /// A token as a number: a Han pair is `a << 21 | b` (code points < 2^21); a word is `wordFlag | id`.
    typealias TokenKey = UInt64
    static let wordFlag: UInt64 = 1 << 42

    @inline(__always) static func isHan(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x20000...0x3FFFF).contains(v)
    }

    /// Full-width ASCII becomes ASCII, A–Z lower case: one code point for one, as in the script.
    @inline(__always) static func fold(_ v: UInt32) -> UInt32 {
        var c = v
        if c >= 0xFF01 && c <= 0xFF5E { c -= 0xFEE0 }
        if c >= 0x41 && c <= 0x5A { c += 32 }
        return c
    }

    @inline(__always) static func isWordCharacter(_ c: UInt32) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7)
    }

    /// Calls `pair` for every Han pair and `word` for every word of `text`, in order.
    @inline(__always)
    static func tokenize(_ text: String, pair: (UInt32, UInt32) -> Void, word: (String) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var previousHan: UInt32 = 0
            var current: [UInt8] = []
            var i = 0
            let n = bytes.count
            while i < n {
                // Decode one code point (Swift strings hold valid UTF-8).
                let b0 = UInt32(bytes[i])
                var v: UInt32
                if b0 < 0x80 {
                    v = b0
                    i += 1
                } else if b0 < 0xE0 {
                    v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                } else if b0 < 0xF0 {
                    v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    i += 3
                } else {
                    v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                    i += 4
                }
                let c = fold(v)
                if isHan(c) {
                    if previousHan != 0 { pair(previousHan, c) }
                    previousHan = c
                    if !current.isEmpty { word(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
                } else if isWordCharacter(c) {
                    previousHan = 0
                    if c < 0x80 {
                        current.append(UInt8(c))
                    } else {
                        current += [UInt8(0xC0 | c >> 6), UInt8(0x80 | c & 0x3F)]   // U+00C0–U+024F: two bytes
                    }
                } else {
                    previousHan = 0
                    if !current.isEmpty { word(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
                }
            }
            if !current.isEmpty { word(String(decoding: current, as: UTF8.self)) }
        }
    }

    /// The tokens of a text as strings (for tests and for the query side).
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        tokenize(text, pair: { a, b in
            var s = String.UnicodeScalarView()
            if let x = Unicode.Scalar(a), let y = Unicode.Scalar(b) { s.append(x); s.append(y) }
            out.append(String(s))
        }, word: { out.append($0) })
        return out
    }

    /// FNV-1a over code points; the script computes the same.
    static func hash<S: Sequence>(_ codePoints: S) -> UInt32 where S.Element == UInt32 {
        var h: UInt32 = 2_166_136_261
        for c in codePoints {
            h ^= c
            h = h &* 16_777_619
        }
        return h
    }

    static func hash(token: String) -> UInt32 { hash(token.unicodeScalars.map(\.value)) }

    /// `hash([a, b])` without building an array: called for every pair of every page.
    @inline(__always) static func hash(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        h ^= a
        h = h &* 16_777_619
        h ^= b
        return h &* 16_777_619
    }

    // MARK: Building

    struct DocumentTokens {
        /// Han pairs, `key << 1 | inTitle`, one entry per key.
        var pairs: [UInt64]
        /// Hash of each pair's token, in the same order.
        var hashes: [UInt32]
        /// Words and whether each is in the title, sorted.
        var words: [(String, Bool)]
    }

    static func documentTokens(title: String, rest: [String]) -> DocumentTokens {
        // One entry per pair, its title flag set when the title has it. Order does not matter here:
        // each shard sorts its own entries.
        var table = KeyTable(capacity: rest.reduce(title.utf8.count) { $0 + $1.utf8.count } / 3)
        var words: [String: Bool] = [:]
        tokenize(title, pair: { a, b in table.insert(UInt64(a) << 21 | UInt64(b), flag: 1) }, word: { words[$0] = true })
        for text in rest {
            tokenize(text, pair: { a, b in table.insert(UInt64(a) << 21 | UInt64(b), flag: 0) },
                     word: { if words[$0] == nil { words[$0] = false } })
        }
        var unique: [UInt64] = []
        unique.reserveCapacity(table.count)
        var hashes: [UInt32] = []
        hashes.reserveCapacity(table.count)
        for (key, flag) in zip(table.keys, table.flags) where key != 0 {
            unique.append(key << 1 | UInt64(flag))
            hashes.append(hash(UInt32(truncatingIfNeeded: key >> 21), UInt32(truncatingIfNeeded: key & 0x1FFFFF)))
        }
        return DocumentTokens(pairs: unique, hashes: hashes, words: words.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 })
    }

    /// Non-zero keys in an open-addressing table: with a flag each (the pairs of one page, found
    /// and deduplicated without sorting them), or with a group number each (a shard's tokens).
    struct KeyTable {
        var keys: [UInt64]
        var flags: [UInt8]
        var count = 0
        var mask: Int

        /// Group numbers, for `group(of:next:)`; empty unless used.
        var groups: [Int32] = []

        init(capacity: Int, grouping: Bool = false) {
            var size = 64
            while size < capacity * 2 { size *= 2 }
            keys = [UInt64](repeating: 0, count: size)
            flags = [UInt8](repeating: 0, count: size)
            if grouping { groups = [Int32](repeating: 0, count: size) }
            mask = size - 1
        }

        mutating func insert(_ key: UInt64, flag: UInt8) {
            if (count + 1) * 2 > keys.count { grow() }
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while true {
                let found = keys[slot]
                if found == key { flags[slot] |= flag; return }
                if found == 0 {
                    keys[slot] = key
                    flags[slot] = flag
                    count += 1
                    return
                }
                slot = (slot + 1) & mask
            }
        }

        /// The group number of `key`: the one it was given, else `next`, now given to it.
        mutating func group(of key: UInt64, next: Int32) -> Int32 {
            if (count + 1) * 2 > keys.count { grow() }
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while true {
                let found = keys[slot]
                if found == key { return groups[slot] }
                if found == 0 {
                    keys[slot] = key
                    groups[slot] = next
                    count += 1
                    return next
                }
                slot = (slot + 1) & mask
            }
        }

        mutating func grow() {
            let grouping = !groups.isEmpty
            let old = (0..<keys.count).filter { keys[$0] != 0 }.map { (keys[$0], flags[$0], grouping ? groups[$0] : 0) }
            keys = [UInt64](repeating: 0, count: keys.count * 2)
            flags = [UInt8](repeating: 0, count: keys.count)
            if grouping { groups = [Int32](repeating: 0, count: keys.count) }
            mask = keys.count - 1
            count = 0
            for (key, flag, group) in old {
                if grouping { _ = self.group(of: key, next: group) } else { insert(key, flag: flag) }
            }
        }
    }

    /// The index of `documents` (newest first) as `[OutputFile]` under `search/data/`.
    static func build(_ documents: [Document], owners: [(id: String, name: String)], ownerIndex: (Page) -> Int) -> [OutputFile] {
        var perDocument = parallelMap(documents) { document in
            documentTokens(title: document.page.title, rest: document.fields + [document.summary, document.plainText])
        }
        // Words get numbers in order of first appearance (deterministic: documents are in site order).
        var wordIDs: [String: UInt64] = [:]
        var wordNames: [String] = []
        var wordHashes: [UInt32] = []
        var total = 0
        for tokens in perDocument {
            total += tokens.pairs.count + tokens.words.count
            for (word, _) in tokens.words where wordIDs[word] == nil {
                wordIDs[word] = UInt64(wordNames.count)
                wordNames.append(word)
                wordHashes.append(hash(token: word))
            }
        }
        var shardCount = 1
        while shardCount < maxShards && shardCount * postingsPerShard < total { shardCount *= 2 }
        let mask = UInt32(shardCount - 1)
        // Postings into their shards, (token, page number << 1 | in title), in page order: counted
        // first so that each shard's entries are laid out once, without growing arrays.
        var counts = [Int](repeating: 0, count: shardCount + 1)
        for tokens in perDocument {
            for h in tokens.hashes { counts[Int(h & mask) + 1] += 1 }
            for (word, _) in tokens.words { if let id = wordIDs[word] { counts[Int(wordHashes[Int(id)] & mask) + 1] += 1 } }
        }
        for shard in 0..<shardCount { counts[shard + 1] += counts[shard] }
        var fill = Array(counts.dropLast())
        var keys = [TokenKey](repeating: 0, count: counts[shardCount])
        var values = [UInt32](repeating: 0, count: counts[shardCount])
        // Each page's tokens are let go once copied, so they and the shards' arrays are not all in
        // memory at once.
        for number in perDocument.indices {
            let tokens = perDocument[number]
            perDocument[number] = DocumentTokens(pairs: [], hashes: [], words: [])
            let n = UInt32(number) << 1
            for (packed, h) in zip(tokens.pairs, tokens.hashes) {
                let shard = Int(h & mask)
                keys[fill[shard]] = packed >> 1
                values[fill[shard]] = n | UInt32(packed & 1)
                fill[shard] += 1
            }
            for (word, inTitle) in tokens.words {
                guard let id = wordIDs[word] else { continue }
                let shard = Int(wordHashes[Int(id)] & mask)
                keys[fill[shard]] = wordFlag | id
                values[fill[shard]] = n | (inTitle ? 1 : 0)
                fill[shard] += 1
            }
        }
        var outputs = keys.withUnsafeBufferPointer { keys in
            values.withUnsafeBufferPointer { values in
                parallelMap(Array(0..<shardCount)) { shard in
                    let range = counts[shard]..<counts[shard + 1]
                    return OutputFile("\(dataFolder)/t\(shard).js",
                                      bytes: shardScript(shard, keys: keys[range], values: values[range], wordNames: wordNames))
                }
            }
        }
        // Chunks of titles and texts.
        let chunkCount = (documents.count + chunkSize - 1) / chunkSize
        outputs += parallelMap(Array(0..<chunkCount)) { chunk in
            let range = (chunk * chunkSize)..<min(documents.count, (chunk + 1) * chunkSize)
            return OutputFile("\(dataFolder)/d\(chunk).js", chunkScript(chunk, Array(documents[range])))
        }
        outputs.append(OutputFile("\(dataFolder)/meta.js",
                                  metaScript(documents, shards: shardCount, owners: owners, ownerIndex: ownerIndex)))
        return outputs
    }

    /// `GongkaiSearch.shard(n,{"宪法":"…",…});`, tokens in the order of their keys.
    static func shardScript(_ shard: Int, keys: Slice<UnsafeBufferPointer<TokenKey>>, values: Slice<UnsafeBufferPointer<UInt32>>,
                            wordNames: [String]) -> [UInt8] {
        // Entries come in page order. Each token's entries are gathered in that order (a counting
        // sort by token, the tokens themselves sorted): linear in the entries.
        var groups = KeyTable(capacity: keys.count / 4, grouping: true)
        var groupOf = [Int32](repeating: 0, count: keys.count)
        var groupKeys: [UInt64] = []
        var groupCounts: [Int32] = []
        for (n, i) in keys.indices.enumerated() {
            let group = groups.group(of: keys[i], next: Int32(groupKeys.count))
            if group == groupKeys.count {
                groupKeys.append(keys[i])
                groupCounts.append(0)
            }
            groupCounts[Int(group)] += 1
            groupOf[n] = group
        }
        let order = groupKeys.indices.sorted { groupKeys[$0] < groupKeys[$1] }
        var next = [Int32](repeating: 0, count: groupKeys.count)
        var offset: Int32 = 0
        for group in order {
            next[group] = offset
            offset += groupCounts[group]
        }
        var placed = [UInt32](repeating: 0, count: keys.count)
        for (n, i) in keys.indices.enumerated() {
            let group = Int(groupOf[n])
            placed[Int(next[group])] = values[i]
            next[group] += 1
        }
        var out = Array("GongkaiSearch.shard(\(shard),{".utf8)
        out.reserveCapacity(keys.count * 2 + groupKeys.count * 12 + 64)
        var start = 0
        for group in order {
            let key = groupKeys[group]
            let end = start + Int(groupCounts[group])
            if out.last != 0x7B { out.append(0x2C) }
            if key & wordFlag != 0 {
                let id = Int(key & ~wordFlag)
                out += Array(JSONText.string(id < wordNames.count ? wordNames[id] : "", forScript: true).utf8)
            } else {
                out.append(0x22)
                appendUTF8(UInt32(key >> 21), to: &out)
                appendUTF8(UInt32(key & 0x1FFFFF), to: &out)
                out.append(0x22)
            }
            out += [0x3A, 0x22]
            encodePostings(placed[start..<end], into: &out)
            out.append(0x22)
            start = end
        }
        out += Array("});\n".utf8)
        return out
    }

    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800: out += [UInt8(0xC0 | v >> 6), UInt8(0x80 | v & 0x3F)]
        case 0x800..<0x10000: out += [UInt8(0xE0 | v >> 12), UInt8(0x80 | v >> 6 & 0x3F), UInt8(0x80 | v & 0x3F)]
        default: out += [UInt8(0xF0 | v >> 18), UInt8(0x80 | v >> 12 & 0x3F), UInt8(0x80 | v >> 6 & 0x3F), UInt8(0x80 | v & 0x3F)]
        }
    }

    /// Digits of the posting code: the last digit of a number is one of `terminal`, the ones before it
    /// of `continuation`, five bits each, most significant first. None needs escaping in a JS string.
    static let terminal = Array("0123456789abcdefghijklmnopqrstuv".unicodeScalars)
    static let continuation = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ@#$%&*".unicodeScalars)

    /// Each posting `number << 1 | inTitle`, written as `(number - previous - 1) << 1 | inTitle`.
    static func encodePostings(_ list: ArraySlice<UInt32>, into out: inout [UInt8]) {
        let terminal = terminalBytes, continuation = continuationBytes
        var previous: Int64 = -1
        for value in list {
            let number = Int64(value >> 1)
            let v = UInt64(number - previous - 1) << 1 | UInt64(value & 1)
            previous = number
            var shift: UInt64 = 0
            var rest = v >> 5
            while rest > 0 {
                shift += 5
                rest >>= 5
            }
            while shift > 0 {
                out.append(continuation[Int((v >> shift) & 31)])
                shift -= 5
            }
            out.append(terminal[Int(v & 31)])
        }
    }

    static func encodePostings(_ list: [UInt32]) -> String {
        var out: [UInt8] = []
        encodePostings(list[...], into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static let terminalBytes = terminal.map { UInt8($0.value) }
    static let continuationBytes = continuation.map { UInt8($0.value) }

    static func decodePostings(_ text: String) -> [(page: Int, inTitle: Bool)] {
        var out: [(Int, Bool)] = []
        var value = 0
        var previous = -1
        for scalar in text.unicodeScalars {
            if let d = terminal.firstIndex(of: scalar) {
                value = value * 32 + d
                let number = previous + 1 + (value >> 1)
                out.append((number, value & 1 == 1))
                previous = number
                value = 0
            } else if let d = continuation.firstIndex(of: scalar) {
                value = value * 32 + d
            }
        }
        return out
    }

    static func chunkScript(_ chunk: Int, _ documents: [Document]) -> String {
        var out = "GongkaiSearch.docs(\(chunk),["
        for (i, document) in documents.enumerated() {
            if i > 0 { out += ",\n" }
            out += "["
            out += JSONText.string(document.page.title, forScript: true) + ","
            out += JSONText.string(Paths.encode(document.page.outputPath), forScript: true) + ","
            out += JSONText.string(document.page.date.day.description, forScript: true) + ","
            out += JSONText.string(snippetText(document), forScript: true)
            out += "]"
        }
        out += "]);\n"
        return out
    }

    /// The text kept for snippets: the lead fields, the summary (when written) and the body, on one line, cut at
    /// `textLimit` characters (never inside one: combining marks stay with their base).
    static func snippetText(_ document: Document) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        var lastWasSpace = true
        for text in [document.lead, document.page.summary ?? "", document.plainText] where !text.isEmpty {
            if count > 0 && !lastWasSpace { out.append(" "); count += 1; lastWasSpace = true }
            for scalar in text.unicodeScalars {
                let v = scalar.value
                let joins = joinsPrevious(v)
                if count >= textLimit && !joins { return trimmedEnd(out) }
                if v == 0x20 || v == 0x0A || v == 0x09 || v == 0x0D || v == 0x3000 || v == 0xA0 {
                    if !lastWasSpace { out.append(" "); count += 1 }
                    lastWasSpace = true
                } else {
                    out.append(scalar)
                    if !joins { count += 1 }
                    lastWasSpace = false
                }
            }
        }
        return trimmedEnd(out)
    }

    /// Code points that belong to the character before them: combining marks, variation selectors,
    /// the zero-width joiner and emoji skin tones (enough not to cut a character in two).
    @inline(__always) static func joinsPrevious(_ v: UInt32) -> Bool {
        guard v >= 0x300 else { return false }
        return (0x300...0x36F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
            || (0x20D0...0x20FF).contains(v) || v == 0x200D || (0xFE00...0xFE0F).contains(v) || (0xFE20...0xFE2F).contains(v)
            || (0x1F3FB...0x1F3FF).contains(v) || (0xE0020...0xE007F).contains(v) || (0xE0100...0xE01EF).contains(v)
    }

    static func trimmedEnd(_ text: String.UnicodeScalarView) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return String(text)
    }

    static func metaScript(_ documents: [Document], shards: Int, owners: [(id: String, name: String)], ownerIndex: (Page) -> Int) -> String {
        let width = String(max(0, owners.count - 1), radix: 36).count
        var table = ""
        table.reserveCapacity(documents.count * (width + 1))
        for document in documents {
            let owner = String(ownerIndex(document.page), radix: 36)
            table += String(repeating: "0", count: width - owner.count) + owner
            table += String(Kind.allCases.firstIndex(of: document.page.kind) ?? 0)
        }
        var out = "GongkaiSearch.meta({\"version\":1,\"shards\":\(shards),\"chunk\":\(chunkSize),\"count\":\(documents.count),"
        out += "\"ownerWidth\":\(width),\"owners\":["
        out += owners.map { "[" + JSONText.string($0.id, forScript: true) + "," + JSONText.string($0.name, forScript: true) + "]" }.joined(separator: ",")
        out += "],\"kinds\":["
        out += Kind.allCases.map { "[" + JSONText.string($0.rawValue, forScript: true) + "," + JSONText.string($0.chineseName, forScript: true) + "]" }.joined(separator: ",")
        out += "],\"pages\":" + JSONText.string(table, forScript: true) + "});\n"
        return out
    }

    // MARK: Measuring

    /// Bytes of the index (everything under `search/data/`) and of the site's HTML.
    static func measure(_ outputs: [OutputFile]) -> (index: Int, html: Int) {
        var index = 0
        var html = 0
        for file in outputs {
            if file.path.hasPrefix(dataFolder + "/") { index += file.size }
            if file.path.hasSuffix(".html") { html += file.size }
        }
        return (index, html)
    }
}

