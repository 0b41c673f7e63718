import Foundation
import GongkaiContent
import Synchronization

extension SearchIndex {
    /// What `gongkai build` keeps of the index between runs, under `.gongkai-cache/search-<output>/` (one store for each output folder), so that an
    /// edit build tokenises only the blocks whose pages changed and encodes only the shards whose
    /// entries changed. The shard files themselves are the store of the entries: a shard to be made
    /// again is read back from the current output (checked against the hash recorded here, and decoded
    /// and encoded again to the same bytes before it is trusted), the changed blocks' pages taken out
    /// and their new entries put in.
    ///
    /// - `index`: for each block its key, entry count and the words it numbers first (the whole index's
    ///   word numbers follow from them), the shard count and each shard file's hash and size;
    /// - `r<key>`: one per block, the hash of its entries in each shard (read only for a block that
    ///   changed, to find the shards it changed);
    /// - `p<key>`: one per block, its pages' tokens (`PageTokenWriter`), written as the block is
    ///   tokenised: a changed block is made again of them and of its changed pages' (read only for a
    ///   block that changed). A block's key names its pages and their files, so a build writes the same
    ///   file for the same key: written at once, before the build is done, they are right whatever the
    ///   build then does.
    ///
    /// Every file carries a version, the binary's identity and what tokenising depends on (`context`),
    /// and ends with a checksum; files are written whole, then renamed. Anything that does not match
    /// means a full index.
    final class Store: @unchecked Sendable {
        // Safe to share because: `previous` is set before the build and only read after; `pending*`
        // are written only inside `lock.withLock`.
        static let version: UInt64 = 2
        static let magic: UInt64 = 0x4753_5853_4B47_0001  // "GKSXS" + format

        let folder: String
        /// The current output folder, whose shard files the index was made into.
        let output: String
        /// The binary and the settings tokenising depends on.
        let context: UInt64
        /// The index the last build saved, when it can be used.
        private(set) var previous: Saved?
        /// What the last index build did (for the timer and tests): "full (reason)" or "n of m shards".
        var note = "" {
            didSet { Self.lastNote.withLock { $0 = note } }
        }
        /// `note` of the last store of the process (for tests).
        static let lastNote = Mutex("")

        private let lock = NSLock()
        private var folderMade = false
        /// Pages tokenised by this build (the others' tokens were the store's).
        private(set) var tokenisedPages = 0
        /// `tokenisedPages` of the last store of the process (for tests).
        static let lastTokenisedPages = Mutex(0)
        private var pendingIndex: Saved?
        private var pendingRuns: @Sendable () -> [UInt64: [UInt64]] = { [:] }

        struct Saved: Equatable {
            var pageCount = 0
            var blockKeys: [UInt64] = []
            var blockCounts: [Int] = []
            /// For each block, the words it numbers first, in that order.
            var blockWords: [[String]] = []
            var shardCount = 0
            var shardStamps: [FileStamp] = []
            var chunkKeys: [UInt64] = []
            var chunkStamps: [FileStamp] = []
            /// `metaKey` of `meta.js` and its stamp.
            var metaKey: UInt64 = 0
            var metaStamp: FileStamp? = nil
        }

        /// The store of a site's `gongkai build` into `output`.
        static func of(_ content: SiteContent, files: SiteFiles, output: String) -> Store {
            var context = StableHash()
            context.add("gongkai-search-store|\(BuildStamp.executableIdentity)|")
            context.add(blockSize)
            context.add(content.config.allowRawHTML)
            context.add(content.config.joinLines)
            // Another output folder has its own shard files: the store describes one.
            context.add(output)
            let folder = files.absolute("\(BuildStamp.folder)/search-\(String(StableHash.of(output), radix: 16))")
            return Store(folder: folder, output: output, context: context.value)
        }

        init(folder: String, output: String, context: UInt64) {
            self.folder = folder
            self.output = output
            self.context = context
        }

        /// Reads the index of the last build (`incremental`: else nothing is read, and the build saves a new one).
        func load(incremental: Bool) {
            Self.lastTokenisedPages.withLock { $0 = 0 }
            previous = incremental ? readIndex() : nil
        }

        // MARK: Saving

        /// `runs`: the run hashes of the blocks this build made (asked for when saved).
        func record(_ saved: Saved, runs: @escaping @Sendable () -> [UInt64: [UInt64]]) {
            lock.withLock {
                pendingIndex = saved
                pendingRuns = runs
            }
        }

        /// The key and stamp of this build's `meta.js` (made after the index was recorded).
        func recordMeta(key: UInt64, stamp: FileStamp) {
            lock.withLock {
                pendingIndex?.metaKey = key
                pendingIndex?.metaStamp = stamp
            }
        }

        /// Waits until the run hashes of the blocks this build made are made (they are made on another
        /// thread, which holds the blocks until then).
        func waitForRuns() { _ = lock.withLock { pendingRuns }() }

        /// After the output was swapped in: the index of this build, and the run hashes of the blocks
        /// it made. Failures to write are not build failures (the next build is then a full one).
        func save() {
            guard let saved = lock.withLock({ pendingIndex }) else { return }
            let runs = lock.withLock { pendingRuns }()
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // The old index goes first: until the new one is complete, there is none.
            unlink(folder + "/index")
            let keys = Set(saved.blockKeys)
            for (key, hashes) in runs where keys.contains(key) {
                var out = header()
                out.add(key)
                out.add(UInt64(hashes.count))
                for hash in hashes { out.add(hash) }
                _ = OutputWriter.writeAtomically(out.finished(), to: runPath(key))
            }
            // Run files of blocks no longer in the index.
            if let names = try? FileManager.default.contentsOfDirectory(atPath: folder) {
                // (And what a build killed while saving left.)
                for name in names where name.contains(".tmp") { unlink(folder + "/" + name) }
                for name in names where (name.hasPrefix("r") || name.hasPrefix("p")) && !name.contains(".tmp") {
                    if let key = UInt64(name.dropFirst(), radix: 16), keys.contains(key) { continue }
                    unlink(folder + "/" + name)
                }
            }
            var out = header()
            out.add(UInt64(saved.pageCount))
            out.add(UInt64(saved.blockKeys.count))
            for n in saved.blockKeys.indices {
                out.add(saved.blockKeys[n])
                out.add(UInt64(saved.blockCounts[n]))
                out.add(UInt64(saved.blockWords[n].count))
                for word in saved.blockWords[n] { out.add(word) }
            }
            out.add(UInt64(saved.shardCount))
            for stamp in saved.shardStamps {
                out.add(stamp.hash)
                out.add(UInt64(stamp.size))
            }
            out.add(UInt64(saved.chunkKeys.count))
            for (key, stamp) in zip(saved.chunkKeys, saved.chunkStamps) {
                out.add(key)
                out.add(stamp.hash)
                out.add(UInt64(stamp.size))
            }
            out.add(saved.metaKey)
            out.add(saved.metaStamp?.hash ?? 0)
            out.add(UInt64(saved.metaStamp?.size ?? 0))
            _ = OutputWriter.writeAtomically(out.finished(), to: folder + "/index")
        }

        /// Forgets the stored index (a build that fails after the search phase).
        static func remove(folder: String) { unlink(folder + "/index") }

        // MARK: Reading

        func runHashes(of key: UInt64, shardCount: Int) -> [UInt64]? {
            guard var reader = open(runPath(key)), reader.u64() == key, reader.u64() == UInt64(shardCount) else { return nil }
            var hashes: [UInt64] = []
            hashes.reserveCapacity(shardCount)
            for _ in 0..<shardCount { guard let hash = reader.u64() else { return nil }; hashes.append(hash) }
            return reader.atEnd ? hashes : nil
        }

        private func readIndex() -> Saved? {
            guard var reader = open(folder + "/index") else { return nil }
            var saved = Saved()
            guard let pages = reader.u64(), let blocks = reader.u64(), blocks <= 1 << 24 else { return nil }
            saved.pageCount = Int(pages)
            for _ in 0..<blocks {
                guard let key = reader.u64(), let count = reader.u64(), let wordCount = reader.u64(), wordCount <= 1 << 24 else { return nil }
                var words: [String] = []
                for _ in 0..<wordCount { guard let word = reader.string() else { return nil }; words.append(word) }
                saved.blockKeys.append(key)
                saved.blockCounts.append(Int(count))
                saved.blockWords.append(words)
            }
            guard let shards = reader.u64(), shards >= 1, shards <= UInt64(maxShards) else { return nil }
            saved.shardCount = Int(shards)
            for _ in 0..<shards {
                guard let hash = reader.u64(), let size = reader.u64() else { return nil }
                saved.shardStamps.append(FileStamp(hash: hash, size: Int(size)))
            }
            guard let chunks = reader.u64(), chunks <= 1 << 24 else { return nil }
            for _ in 0..<chunks {
                guard let key = reader.u64(), let hash = reader.u64(), let size = reader.u64() else { return nil }
                saved.chunkKeys.append(key)
                saved.chunkStamps.append(FileStamp(hash: hash, size: Int(size)))
            }
            guard let metaKey = reader.u64(), let metaHash = reader.u64(), let metaSize = reader.u64() else { return nil }
            saved.metaKey = metaKey
            saved.metaStamp = metaKey == 0 ? nil : FileStamp(hash: metaHash, size: Int(metaSize))
            return reader.atEnd ? saved : nil
        }

        private func runPath(_ key: UInt64) -> String { folder + "/r" + String(key, radix: 16) }

        // MARK: Page tokens

        private func pageTokensPath(_ key: UInt64) -> String { folder + "/p" + String(key, radix: 16) }

        /// Counts pages tokenised by this build.
        func tokenised(_ pages: Int) {
            lock.withLock {
                tokenisedPages += pages
                Self.lastTokenisedPages.withLock { $0 = tokenisedPages }
            }
        }

        /// The page tokens of block `key` as a build saved them; nil when there are none, or they are
        /// damaged, of another version, binary or settings, or of another block.
        func pageTokens(ofBlock key: UInt64) -> StoredPageTokens? {
            guard let file = MappedFile(pageTokensPath(key)) else { return nil }
            let content = file.withUnsafeBytes { all -> Range<Int>? in
                guard all.count >= 40 else { return nil }
                let sum = all.loadUnaligned(fromByteOffset: all.count - 8, as: UInt64.self).littleEndian
                // (The header and the pages hashed apart, as they were written.)
                var hash = StableHash()
                hash.add(UnsafeRawBufferPointer(rebasing: all[..<32]))
                hash.add(UnsafeRawBufferPointer(rebasing: all[32..<(all.count - 8)]))
                guard sum == hash.value else { return nil }
                for (n, expected) in [Self.magic, Self.version, context, key].enumerated() {
                    guard all.loadUnaligned(fromByteOffset: 8 * n, as: UInt64.self).littleEndian == expected else { return nil }
                }
                return 32..<(all.count - 8)
            }
            return content.flatMap { StoredPageTokens(file, content: $0) }
        }

        /// Saves the page tokens of block `key` (failures to write are not build failures: the next
        /// build tokenises that block's pages).
        func savePageTokens(_ tokens: PageTokenWriter, ofBlock key: UInt64) {
            // The folder is made before any block's file is written to it: under the lock, so that a
            // block saved on the other core waits for it rather than failing to write its file.
            lock.withLock {
                if !folderMade { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                folderMade = true
            }
            var out = header()
            out.add(key)
            var hash = StableHash()
            out.bytes.withUnsafeBytes { hash.add($0) }
            tokens.bytes.withUnsafeBytes { hash.add($0) }
            var sum: [UInt8] = []
            withUnsafeBytes(of: hash.value.littleEndian) { sum += $0 }
            _ = OutputWriter.writeAtomically([out.bytes, tokens.bytes, sum], to: pageTokensPath(key))
        }

        private func header() -> Writer {
            var out = Writer()
            out.add(Self.magic)
            out.add(Self.version)
            out.add(context)
            return out
        }

        /// The file's body after its header, when the header and the checksum match.
        private func open(_ path: String) -> Reader? {
            guard let bytes = SiteFiles.readBytes(path), bytes.count >= 32 else { return nil }
            let body = Array(bytes[..<(bytes.count - 8)])
            var sum = Reader(bytes: bytes, at: bytes.count - 8)
            guard sum.u64() == StableHash.of(body) else { return nil }
            var reader = Reader(bytes: body, at: 0)
            guard reader.u64() == Self.magic, reader.u64() == Self.version, reader.u64() == context else { return nil }
            return reader
        }

        struct Writer {
            var bytes: [UInt8] = []
            mutating func add(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
            mutating func add(_ text: String) {
                add(UInt64(text.utf8.count))
                bytes += text.utf8
            }
            func finished() -> [UInt8] {
                var out = self
                out.add(StableHash.of(bytes))
                return out.bytes
            }
        }

        struct Reader {
            let bytes: [UInt8]
            var at: Int
            var atEnd: Bool { at == bytes.count }
            mutating func u64() -> UInt64? {
                guard at + 8 <= bytes.count else { return nil }
                var value: UInt64 = 0
                for i in 0..<8 { value |= UInt64(bytes[at + i]) << UInt64(8 * i) }
                at += 8
                return value
            }
            mutating func string() -> String? {
                guard let count = u64(), count <= UInt64(bytes.count - at) else { return nil }
                let text = String(decoding: bytes[at..<(at + Int(count))], as: UTF8.self)
                at += Int(count)
                return text
            }
        }
    }
}
