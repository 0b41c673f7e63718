import Foundation

/// The parse cache as the build state keeps it between `gongkai build` runs: each file's fingerprint
/// and what parsing it gave, except page bodies. A restored page reads its body from its file when the
/// body is first asked for (only when it must be rendered again).
extension ParseCache {
    /// Files kept.
    public var count: Int { lock.withLock { entries.count } }

    /// `drain`: called after each entry (to write what is done to a file).
    public func write(to out: inout BinaryWriter, drain: (inout BinaryWriter) -> Void = { _ in }) {
        let (kept, last) = lock.withLock { (entries, self.last) }
        out.unsigned(UInt64(kept.count))
        // In the site's order (each page's place, which the read gives back), then the rest by path.
        let inOrder = kept.sorted { a, b in
            let (x, y) = (a.value.place ?? .max, b.value.place ?? .max)
            return x != y ? x < y : a.key.bytesPrecede(b.key)
        }
        var keyLines = KeyLinesTable()
        // The last load first (it names the entries by their place), then the entries.
        var positions: [String: Int] = [:]
        if last != nil {
            positions.reserveCapacity(inOrder.count)
            for (position, (path, _)) in inOrder.enumerated() { positions[path] = position }
        }
        Self.writeLastLoad(last, positions: positions, to: &out, keyLines: &keyLines)
        for (path, entry) in inOrder {
            // (Shared: a page's source path, written next, is its key.)
            out.sharedString(path)
            entry.stamp.write(to: &out)
            Self.write(entry.result.0, to: &out, keyLines: &keyLines)
            out.array(entry.result.1) { $0.diagnostic($1) }
            drain(&out)
        }
    }

    /// `files`: the site the state belongs to (where restored pages read their bodies).
    public static func read(from reader: inout BinaryReader, files: SiteFiles) throws -> ParseCache {
        let cache = ParseCache(withoutBodiesOf: files)
        let count = try reader.count()
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(count)
        var keyLines = KeyLinesTable()
        var last = try readLastLoad(&reader, count: count, files: files, keyLines: &keyLines)
        for place in 0..<count {
            let path = try reader.sharedString()
            let stamp = try FileFingerprint(from: &reader)
            let parsed = try readParsed(&reader, path: path, files: files, keyLines: &keyLines)
            let diagnostics = try reader.array { try $0.diagnostic() }
            last.fill(place, path: path, stamp: stamp, result: (parsed, diagnostics))
            entries[path] = Entry(stamp: stamp, result: (parsed, diagnostics), load: 0, place: place)
        }
        cache.entries = entries
        let made = try last.made()
        cache.lock.withLock { cache.last = made }
        cache.readCount = count
        return cache
    }

    /// The body as parsing gives it (`ContentLoader.parse`), read again from the page's file without
    /// parsing the front matter again.
    static func bodyOfFile(_ path: String, files: SiteFiles) -> String {
        guard let bytes = files.read(path), case .success(let text) = SourceText.decode(bytes, file: path),
            case .success(let front) = FrontMatter.split(text, file: path)
        else { return "" }
        return front.body
    }

    /// The kinds, a page's by its number here (the state is the binary's own: its kinds are these).
    static let kinds = Kind.allCases

    /// A page's optional texts of its kind, in the order the state keeps them.
    static let fieldTexts: [WritableKeyPath<KindFields, String?> & Sendable] = [
        \.speaker, \.venue, \.audience, \.law, \.issuer, \.version, \.supersedes, \.person, \.category, \.photo, \.item, \.period,
    ]

    /// Sets the text `fieldTexts[number]` names (by a switch: a key path write costs a call into the runtime).
    static func setText(_ number: Int, of f: inout KindFields, to text: String) {
        switch number {
        case 0: f.speaker = text
        case 1: f.venue = text
        case 2: f.audience = text
        case 3: f.law = text
        case 4: f.issuer = text
        case 5: f.version = text
        case 6: f.supersedes = text
        case 7: f.person = text
        case 8: f.category = text
        case 9: f.photo = text
        case 10: f.item = text
        default: f.period = text
        }
    }

    static func write(_ parsed: ContentLoader.Parsed, to out: inout BinaryWriter, keyLines: inout KeyLinesTable) {
        switch parsed {
        case .nothing:
            out.byte(0)
        case .village(let village):
            out.byte(1)
            out.string(village.id)
            out.string(village.name)
            out.string(village.type.rawValue)
            out.string(village.township)
            out.string(village.county)
            out.int(village.population)
            out.int(village.households)
            out.string(village.partyBranch)
            out.optional(village.disclosureSince) { $0.day($1) }
            out.strings(village.disclosureExempt)
            out.string(village.body)
            out.int(village.bodyLine)
            out.sharedString(village.sourcePath)
            keyLines.write(village.keyLines, to: &out)
            out.fixed64(village.sourceHash)
        case .home(let home):
            out.byte(2)
            out.string(home.title)
            out.string(home.body)
            out.int(home.bodyLine)
            out.sharedString(home.sourcePath)
            out.fixed64(home.sourceHash)
        case .page(let page):
            out.byte(3)
            // What repeats from page to page (kinds, owners, sections, tags, most fields' values) shared.
            out.sharedString(page.sourcePath)
            out.unsigned(UInt64(kinds.firstIndex(of: page.kind)!))
            out.sharedString(page.owner.villageID)
            out.array(page.villages) { $0.sharedString($1) }
            out.sharedString(page.section)
            out.string(page.slug)
            out.string(page.title)
            out.day(page.date.day)
            out.int(page.date.instant)
            out.string(page.summary)
            out.array(page.tags) { $0.sharedString($1) }
            out.bool(page.draft)
            out.optional(page.expires) { $0.day($1) }
            out.strings(page.attachments)
            let f = page.fields
            // The texts a page has, one bit each (most pages have one or two of them), then those.
            let texts = fieldTexts.map { f[keyPath: $0] }
            out.unsigned(texts.enumerated().reduce(UInt64(0)) { $1.element == nil ? $0 : $0 | 1 << UInt64($1.offset) })
            for case let text? in texts { out.sharedString(text) }
            for day in [f.held, f.adopted, f.filed, f.event] { out.optional(day) { $0.day($1) } }
            out.array(f.honors) { $0.sharedString($1) }
            out.int(page.bodyLine)
            keyLines.write(page.keyLines, to: &out)
            out.fixed64(page.sourceHash)
            // What NoticeExpiry reads of the body (see `PendingText`): of the notices it checks only
            // (the kind and `expires:` are the file's, kept with it).
            let checked = page.kind == .notice && page.expires == nil
            out.array(checked ? page.bodyStatedEnds : []) { out, stated in
                out.int(stated.offset)
                out.day(stated.end)
            }
            // The key of its values but the body, when made (0: not made; the next build makes it).
            out.fixed64(page.valuesKey ?? 0)
        }
    }

    /// Key lines written once per state: the pages of a site mostly put their keys on the same lines
    /// (one set per kind and layout), and then share one dictionary, read once (not one per page). A
    /// set is written whole the first time (0, then the lines), after that as 1 + its number; a number
    /// past the sets read so far is damage.
    struct KeyLinesTable {
        /// Writing: the sets written, by the hash of their bytes.
        private var written: [UInt64: (number: Int, bytes: [UInt8])] = [:]
        private var writtenCount = 0
        /// Reading: the sets read, by number.
        private var read: [[String: Int]] = []

        mutating func write(_ lines: [String: Int], to out: inout BinaryWriter) {
            var encoded = BinaryWriter(capacity: 256)
            encoded.keyLines(lines)
            var hash = StableHash()
            hash.add(encoded.bytes)
            if let same = written[hash.value], same.bytes == encoded.bytes { return out.unsigned(UInt64(same.number) + 1) }
            if written[hash.value] == nil { written[hash.value] = (writtenCount, encoded.bytes) }
            writtenCount += 1
            out.byte(0)
            out.append(encoded.bytes)
        }

        mutating func read(_ reader: inout BinaryReader) throws -> [String: Int] {
            let number = try reader.unsigned()
            if number == 0 {
                let lines = try reader.keyLines()
                read.append(lines)
                return lines
            }
            guard number <= UInt64(read.count) else { throw BinaryReader.Damaged(at: reader.position) }
            return read[Int(number - 1)]
        }
    }

    static func readParsed(
        _ reader: inout BinaryReader, path: String, files: SiteFiles, keyLines: inout KeyLinesTable
    ) throws -> ContentLoader.Parsed {
        switch try reader.byte() {
        case 0:
            return .nothing
        case 1:
            let id = try reader.string(), name = try reader.string()
            guard let type = VillageType(rawValue: try reader.string()) else { throw BinaryReader.Damaged(at: reader.position) }
            var village = Village(
                id: id, name: name, type: type, township: try reader.optionalString(),
                county: try reader.optionalString(), population: try reader.optionalInt(),
                households: try reader.optionalInt(), partyBranch: try reader.optionalString(),
                disclosureSince: try reader.optional { try $0.day() }, disclosureExempt: try reader.strings(),
                body: try reader.string(), bodyLine: try reader.int(), sourcePath: try reader.sharedString(),
                keyLines: try keyLines.read(&reader))
            village.sourceHash = try reader.fixed64()
            return .village(village)
        case 2:
            var home = HomeText(
                title: try reader.optionalString(), body: try reader.string(), bodyLine: try reader.int(),
                sourcePath: try reader.sharedString())
            home.sourceHash = try reader.fixed64()
            return .home(home)
        case 3:
            let sourcePath = try reader.sharedString()
            let kindNumber = try reader.unsigned()
            guard kindNumber < kinds.count else { throw BinaryReader.Damaged(at: reader.position) }
            let kind = kinds[Int(kindNumber)]
            let owner: Owner = try reader.optionalSharedString().map { .village($0) } ?? .county
            let villages = try reader.array { try $0.sharedString() }, section = try reader.sharedString(), slug = try reader.string(),
                title = try reader.string()
            let date = PageDate(day: try reader.day(), instant: try reader.int())
            let summary = try reader.optionalString(), tags = try reader.array { try $0.sharedString() }, draft = try reader.bool()
            let expires = try reader.optional { try $0.day() }, attachments = try reader.strings()
            var f = KindFields()
            let present = try reader.unsigned()
            guard present < 1 << fieldTexts.count else { throw BinaryReader.Damaged(at: reader.position) }
            var bits = present
            while bits != 0 {
                setText(bits.trailingZeroBitCount, of: &f, to: try reader.sharedString())
                bits &= bits - 1
            }
            f.held = try reader.optional { try $0.day() }
            f.adopted = try reader.optional { try $0.day() }
            f.filed = try reader.optional { try $0.day() }
            f.event = try reader.optional { try $0.day() }
            f.honors = try reader.array { try $0.sharedString() }
            // (Made whole: each field set on its own copies and checks the page's box again.)
            var page = Page(
                sourcePath: sourcePath, kind: kind, owner: owner, villages: villages, section: section, slug: slug,
                title: title, date: date, summary: summary, tags: tags, draft: draft, expires: expires,
                attachments: attachments, fields: f, bodyLine: try reader.int(), keyLines: try keyLines.read(&reader))
            page.sourceHash = try reader.fixed64()
            let statedEnds = try reader.array { NoticeExpiry.StatedEnd(offset: try $0.int(), end: try $0.day()) }
            let valuesKey = try reader.fixed64()
            // The page without its body, which is read again from its file when first asked for (the file
            // was unchanged when the build looked). Set in place: the page was made here, and its box is
            // its own (no second box, no output path made again, for each of a large site's pages).
            let source = page.sourcePath
            page.box.pendingBody = PendingText(statedEnds: statedEnds) { bodyOfFile(source, files: files) }
            // Made by the build that wrote it from these very values (the state is the binary's own).
            if valuesKey != 0 { page.keepValuesKey(valuesKey) }
            return .page(page)
        default:
            throw BinaryReader.Damaged(at: reader.position)
        }
    }
}

extension BinaryWriter {
    public mutating func day(_ day: Day) {
        int(day.year)
        int(day.month)
        int(day.day)
    }

    mutating func keyLines(_ lines: [String: Int]) {
        unsigned(UInt64(lines.count))
        for (key, line) in lines.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            string(key)
            int(line)
        }
    }

    public mutating func diagnostic(_ diagnostic: Diagnostic) {
        bool(diagnostic.isError)
        string(diagnostic.file)
        int(diagnostic.line)
        int(diagnostic.column)
        string(diagnostic.zh)
        string(diagnostic.en)
    }
}

extension BinaryReader {
    public mutating func day() throws -> Day {
        guard let day = Day(year: try int(), month: try int(), day: try int()) else { throw Damaged(at: position) }
        return day
    }

    mutating func keyLines() throws -> [String: Int] {
        let count = try count()
        var lines: [String: Int] = [:]
        lines.reserveCapacity(count)
        for _ in 0..<count {
            let key = try string()
            lines[key] = try int()
        }
        return lines
    }

    public mutating func diagnostic() throws -> Diagnostic {
        let isError = try bool()
        return Diagnostic(
            isError ? .error : .warning, file: try string(), line: try optionalInt(), column: try optionalInt(),
            zh: try string(), en: try string())
    }
}
