import Foundation

extension ContentLoader {
    /// `gongkai build`'s load from the last load the build state kept (`ParseCache.read`), or nil when
    /// it must walk: no load kept, or one of another shape. The build stamp's walk just before saw every
    /// file (`ContentListing`); when the shape it saw is the kept load's — the same names and kinds under
    /// `content/` and `static/`, no symlink, every folder walked — the walk over `content/` would find the
    /// same files and the same problems, and each attachment is there or not as it was. Only the files
    /// whose `lstat` differs from the one the state keeps (or that it does not keep) are read again, and
    /// the content is patched as serve's load patches it (`patch`): after a body edit, the pages keep their
    /// order and the checks across files their findings; after any other edit they are made again.
    static func keptLoad(root: String, files: SiteFiles, options: Options, cache: ParseCache) -> SiteContent? {
        guard let listing = options.listing, let shape = listing.shape, shape.plain, cache.site != nil,
            // (Waits for the state read beside the build. Taken out: a load that walks remembers its own.)
            var last = cache.takeLastLoad(), last.shape == shape, last.kept.count == last.jobs.count,
            last.includeDrafts == options.includeDrafts, last.content.root == root, last.realRoot == files.realRoot,
            files.isDirectory("content")
        else { return nil }
        // site.yaml is the one the state was saved with (its bytes key the state), so it gives what it gave.
        let (config, configFound) = loadConfig(root: options.siteName ?? root, files: files)
        guard configFound == Array(last.found.prefix(last.configFound)) else { return nil }
        guard let (numbers, found) = changed(last, listing: listing) else { return nil }
        last.config = config
        last.content.config = config
        cache.startLoad()
        cache.noteKeptLoad(reading: numbers.count)
        return patch(&last, reading: numbers, found: found, files: files, options: options, cache: cache)
    }

    /// The jobs of `last` whose file's `lstat`, as the stamp's walk listed its folder, is not the one the
    /// state keeps (or that it does not keep), with those `lstat`s; nil when a file is not found there.
    static func changed(_ last: LastLoad, listing: ContentListing) -> ([Int], [stat])? {
        var numbers: [Int] = []
        var found: [stat] = []
        var folder = ""
        var entries: [ContentListing.Entry] = []
        var next = 0
        // (The paths apart: a job is large to copy out of its array.)
        let paths = last.jobPaths.count == last.jobs.count ? last.jobPaths : last.jobs.map(\.path)
        for (n, path) in paths.enumerated() {
            // The jobs of one folder come in the order of its names (the walk took them so).
            let same = path.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return false }
                return folder.utf8.withContiguousStorageIfAvailable {
                    $0.count == slash && slash > 0 && memcmp($0.baseAddress!, bytes.baseAddress!, slash) == 0
                } ?? false
            }
            if same != true {
                guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), let listed = listing.entries(of: String(path[..<slash])) else {
                    return nil
                }
                folder = String(path[..<slash])
                entries = listed
                next = 0
            }
            while next < entries.count && entries[next].path != path { next += 1 }
            guard next < entries.count, let info = entries[next].info, let now = FileFingerprint(info) else { return nil }
            if last.kept[n] != now {
                numbers.append(n)
                found.append(info)
            }
            next += 1
        }
        return (numbers, found)
    }
}

/// The last load as the build state keeps it, before the parsed files (`ParseCache.write`): what
/// `keptLoad` needs besides them. Each job's file is named by its entry's place among them (its path,
/// result and fingerprint are the entry's), or, for a file the cache did not keep, written out with its
/// result.
extension ParseCache {
    /// `positions`: each kept file's place among the entries, written next.
    static func writeLastLoad(_ last: LastLoad?, positions: [String: Int], to out: inout BinaryWriter, keyLines: inout KeyLinesTable) {
        guard let last, let shape = last.shape, shape.plain else { return out.byte(0) }
        var numbers: [String: Int] = [:]
        numbers.reserveCapacity(last.jobs.count)
        for (n, job) in last.jobs.enumerated() { numbers[job.path] = n }
        let pages = last.content.pages.map { numbers[$0.sourcePath] }
        guard numbers.count == last.jobs.count, !pages.contains(nil) else { return out.byte(0) }
        out.byte(1)
        out.fixed64(shape.layout)
        out.string(last.content.root)
        out.string(last.realRoot)
        out.bool(last.includeDrafts)
        out.unsigned(UInt64(last.configFound))
        out.array(last.found) { $0.diagnostic($1) }
        out.unsigned(UInt64(last.jobs.count))
        for (n, job) in last.jobs.enumerated() {
            if let position = positions[job.path] {
                out.unsigned(UInt64(position) + 1)
            } else {
                out.unsigned(0)
                out.sharedString(job.path)
                Self.write(last.results[n].0, to: &out, keyLines: &keyLines)
                out.array(last.results[n].1) { $0.diagnostic($1) }
            }
            switch job {
            case .village(_, let id):
                out.byte(0)
                out.sharedString(id)
            case .page(_, let owner, let section, _):
                out.byte(1)
                out.sharedString(owner.villageID)
                out.sharedString(section)
            case .home:
                out.byte(2)
            }
        }
        out.array(pages) { $0.unsigned(UInt64($1!)) }
        out.array(last.content.diagnostics) { $0.diagnostic($1) }
    }

    /// The last load as `writeLastLoad` wrote it, its jobs' files to be filled in from the entries read
    /// next (`fill`), then made whole (`made`); none when the state kept none.
    struct KeptLastLoad {
        /// Whether the state kept one.
        var present = false
        var last = LastLoad(
            includeDrafts: false, config: SiteConfig(), found: [], jobs: [], results: [],
            content: SiteContent(root: "", config: SiteConfig(), villages: [], pages: [], home: nil, diagnostics: []))
        /// Each job's kind: 0 village (with its id), 1 page (with its owner and section), 2 home.
        var kinds: [(kind: UInt8, id: String?, section: String)] = []
        var paths: [String] = []
        var pageNumbers: [Int] = []
        /// The job of each entry's place, when it is one's.
        var jobAt: [Int?] = []
        /// Each job's page, village, home text, as their results are read.
        var pages: [Page?] = []
        var villages: [Village] = []
        var home: HomeText?

        /// The entry at `position`: its path, fingerprint and result.
        mutating func fill(_ position: Int, path: String, stamp: FileFingerprint, result: (ContentLoader.Parsed, [Diagnostic])) {
            guard position < jobAt.count, let n = jobAt[position] else { return }
            paths[n] = path
            last.kept[n] = stamp
            note(result.0, of: n)
            last.results[n] = result
        }

        mutating func note(_ parsed: ContentLoader.Parsed, of n: Int) {
            switch parsed {
            case .page(let page): pages[n] = page
            case .village(let village): villages.append(village)
            case .home(let text): home = text
            case .nothing: break
            }
        }

        /// After every entry was read.
        consuming func made() throws -> LastLoad? {
            guard present else { return nil }
            var last = last
            last.jobPaths = paths
            last.jobs.reserveCapacity(kinds.count)
            for (n, (kind, id, section)) in kinds.enumerated() {
                let path = paths[n]
                switch kind {
                case 0: last.jobs.append(.village(path: path, id: id ?? ""))
                case 1: last.jobs.append(.page(path: path, owner: id.map { .village($0) } ?? .county, section: section))
                default: last.jobs.append(.home(path: path))
                }
            }
            var content: [Page] = []
            content.reserveCapacity(pageNumbers.count)
            for number in pageNumbers {
                guard let page = pages[number] else { throw BinaryReader.Damaged(at: 0) }
                content.append(page)
            }
            villages.sort { $0.id < $1.id }
            last.content.villages = villages
            last.content.home = home
            last.content.pages = content
            return last
        }
    }

    /// `count`: how many entries follow.
    static func readLastLoad(_ reader: inout BinaryReader, count: Int, files: SiteFiles, keyLines: inout KeyLinesTable) throws -> KeptLastLoad {
        guard try reader.bool() else { return KeptLastLoad() }
        let layout = try reader.fixed64()
        let root = try reader.string(), realRoot = try reader.string(), includeDrafts = try reader.bool()
        let configFound = try reader.unsigned()
        let found = try reader.array { try $0.diagnostic() }
        guard configFound <= UInt64(found.count) else { throw BinaryReader.Damaged(at: reader.position) }
        let jobCount = try reader.count()
        var kept = KeptLastLoad(
            present: true,
            last: LastLoad(
                includeDrafts: includeDrafts, config: SiteConfig(), found: found, jobs: [],
                results: Array(repeating: (.nothing, []), count: jobCount),
                content: SiteContent(root: root, config: SiteConfig(), villages: [], pages: [], home: nil, diagnostics: [])),
            paths: Array(repeating: "", count: jobCount), jobAt: Array(repeating: nil, count: count),
            pages: Array(repeating: nil, count: jobCount))
        kept.last.configFound = Int(configFound)
        kept.last.shape = ContentListing.Shape(layout: layout, plain: true)
        kept.last.realRoot = realRoot
        kept.last.kept = Array(repeating: nil, count: jobCount)
        kept.kinds.reserveCapacity(jobCount)
        for n in 0..<jobCount {
            let position = try reader.unsigned()
            if position == 0 {
                let path = try reader.sharedString()
                kept.paths[n] = path
                let result = (try readParsed(&reader, path: path, files: files, keyLines: &keyLines), try reader.array { try $0.diagnostic() })
                kept.note(result.0, of: n)
                kept.last.results[n] = result
            } else {
                guard position <= UInt64(count), kept.jobAt[Int(position - 1)] == nil else { throw BinaryReader.Damaged(at: reader.position) }
                kept.jobAt[Int(position - 1)] = n
            }
            switch try reader.byte() {
            case 0: kept.kinds.append((0, try reader.sharedString(), ""))
            case 1: kept.kinds.append((1, try reader.optionalSharedString(), try reader.sharedString()))
            case 2: kept.kinds.append((2, nil, ""))
            default: throw BinaryReader.Damaged(at: reader.position)
            }
        }
        // Each page of the content by its job; each job's page's place.
        let pageCount = try reader.count()
        kept.pageNumbers.reserveCapacity(pageCount)
        kept.last.pagePlaces = Array(repeating: nil, count: jobCount)
        for place in 0..<pageCount {
            let number = try reader.unsigned()
            guard number < UInt64(jobCount), kept.last.pagePlaces[Int(number)] == nil else { throw BinaryReader.Damaged(at: reader.position) }
            kept.last.pagePlaces[Int(number)] = place
            kept.pageNumbers.append(Int(number))
        }
        kept.last.content.diagnostics = try reader.array { try $0.diagnostic() }
        return kept
    }
}
