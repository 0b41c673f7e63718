import Foundation
import GongkaiContent

extension SearchIndex {
    /// One page's search tokens, each once with its highest place, as a block is made of them
    /// (`Block.init(lists:pages:)`): kept by serve's session (`BlockCache`), so that an edit tokenises
    /// the changed page of its block, not all `blockSize` of them.
    struct PageTokenList: Sendable {
        /// Han tokens `key << 2 | place`, in the order `PageTokens.forEachHan` gives them.
        var han: [UInt64] = []
        /// The page's words as UTF-8, in the order they are first met on it, with their `hash(token:)`
        /// and highest place.
        var words: [[UInt8]] = []
        var hashes: [UInt32] = []
        var places: [UInt8] = []

        /// The tokens of `document`.
        init(_ document: Document) {
            var page = PageTokens(capacity: document.textBytes)
            defer { page.release() }
            page.startPage(0)
            page.add(document.page.title, place: Place.title)
            for text in document.fields { page.add(text, place: Place.summary) }
            page.add(document.summary, place: Place.summary)
            page.add(document.plainText, place: Place.body)
            var han: [UInt64] = []
            han.reserveCapacity(page.han.pagePairs.count + page.han.pageCharacters.count)
            let keys = page.han.keys
            page.forEachHan { n, place in han.append(keys[Int(n)] << 2 | UInt64(place)) }
            self.han = han
            let table = page.words
            for word in page.pageWords {
                words.append(Array(table.bytes(of: word)))
                hashes.append(table.hashes[Int(word)])
                places.append(table.place[Int(word)])
            }
        }
    }
}

extension SearchIndex.Block {
    /// The block of `documents` at `pages`, each page's tokens taken from `cache` by the page's key
    /// (`BuildKeys.add(_:to:)`: its source path and hash) when an earlier build kept them, else made
    /// and kept. The same block `init(_:pages:)` makes.
    init<C: RandomAccessCollection>(_ documents: C, pages: Range<Int>, tokens cache: SearchIndex.BlockCache)
    where C.Element == SearchIndex.Document, C.Index == Int {
        let lists = pages.map { number -> SearchIndex.PageTokenList in
            var hash = StableHash()
            BuildKeys.add(documents[number].page, to: &hash)
            let key = hash.value
            if let kept = cache.pageTokens(key) {
                cache.keepPageTokens(key, kept)
                return kept
            }
            let list = SearchIndex.PageTokenList(documents[number])
            cache.keepPageTokens(key, list)
            return list
        }
        self.init(lists: lists, pages: pages)
    }
}
