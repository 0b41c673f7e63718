import Foundation
import GongkaiContent
import GongkaiMarkdown

/// 版本沿革 of 村规民约: the `supersedes` chain of each regulation as a version history (the newest
/// version 现行有效, the older ones 已废止), and on each version what changed since the one it
/// supersedes — article by article when the text is numbered 第X条, else paragraph by paragraph.
///
/// Changed text is marked with `<ins>`/`<del>` and labelled in words (新增, 删除, 修改, and hidden
/// text for screen readers), never by colour alone.
struct RegulationHistory {
    /// Each regulation in a chain of two or more versions: its chain, newest first, and its place in it.
    /// Records are made on demand: an incremental build renders few regulation pages, and comparing
    /// versions is the costly part.
    var chains: [String: (chain: [Page], position: Int)] = [:]
    let plainText: [String: RegulationText]
    var diagnostics: [Diagnostic] = []

    /// Each chained regulation's `stamp`, made with the history (`stamps` keeps those of an earlier
    /// build that read the same).
    private var stamps: [String: UInt64] = [:]

    /// `plainText` gives a regulation's text (its rendered body without markup) by source path; `stamps`,
    /// the stamps of the session's last build with what they read.
    init(index: SiteIndex, plainText: [String: RegulationText], stamps memo: StampMemo? = nil) {
        self.plainText = plainText
        let regulations = index.pagesByKind[.regulation] ?? []
        func previous(_ page: Page) -> Page? {
            page.fields.supersedes.flatMap { index.regulations[page.owner]?[$0] }
        }
        var visited = Set<String>()
        var chains: [[Page]] = []
        // Chains from their newest version back.
        for head in regulations where index.supersededBy[head.sourcePath] == nil {
            var chain = [head]
            var seen: Set<String> = [head.sourcePath]
            while let older = previous(chain[chain.count - 1]) {
                if !seen.insert(older.sourcePath).inserted { break }
                chain.append(older)
            }
            visited.formUnion(seen)
            if chain.count >= 2 { chains.append(chain) }
        }
        for chain in chains {
            for (position, page) in chain.enumerated() { self.chains[page.sourcePath] = (chain, position) }
        }
        makeStamps(memo)
        // Versions that supersede each other in a circle have no newest version.
        for page in regulations where !visited.contains(page.sourcePath) && page.fields.supersedes != nil {
            diagnostics.append(
                .warning(
                    page.sourcePath, line: page.keyLines["supersedes"],
                    zh: "supersedes 形成循环（几个版本互相取代），无法确定现行版本。请检查各版本的 supersedes:",
                    en: "supersedes forms a circle (versions superseding each other), so no version is current. Check the supersedes: of each version"))
        }
    }

    /// This history again, for serve's next build of the same pages but those numbered `changed` (of
    /// `pages`; `lastPages` the pages it was made for), when none of those is a regulation and every
    /// regulation's text (`plainText`) is the same bytes: its chains read regulations alone, and
    /// their texts. Nil otherwise (then it is made again).
    func kept(for plainText: [String: RegulationText], changed: [Int], pages: [Page], lastPages: [Page]) -> RegulationHistory? {
        guard pages.count == lastPages.count,
            changed.allSatisfy({ pages[$0].kind != .regulation && lastPages[$0].kind != .regulation }),
            plainText.count == self.plainText.count,
            plainText.allSatisfy({ source, text in self.plainText[source].map { $0.sameBytes(as: text) } == true })
        else { return nil }
        return self
    }

    /// A stamp of what `shown(for:)` gives the page, for the early cutoff (`PlanCutoff`), which
    /// compares stamps only while the structure is unchanged: the chain's pages, titles, versions and
    /// paths are in the structure; the texts compared are not. Nil when the page has no other version.
    /// (Hashing the `Shown` itself, for every regulation of every build, cost ~15–25 ms at 10k pages.)
    func stamp(for source: String) -> UInt64? { stamps[source] }

    /// What a regulation's `stamp` reads: its chain's paths, its place in it, its text and the text of
    /// the version it supersedes.
    struct StampInputs {
        var chain: [String]
        var position: Int
        var text: RegulationText?
        var older: RegulationText?

        var stamp: UInt64 {
            var hash = StableHash()
            hash.add(chain.count)
            hash.add(position)
            for path in chain { hash.add(path) }
            hash.add(text)
            hash.add(older)
            return hash.value
        }

        /// Whether both read the same bytes (then their stamps are equal; not equal as text, which
        /// counts canonically equivalent texts the same although their bytes, and pages, differ).
        func same(as other: StampInputs) -> Bool {
            position == other.position && chain.count == other.chain.count
                && zip(chain, other.chain).allSatisfy { $0.sameBytes(as: $1) } && Self.same(text, other.text)
                && Self.same(older, other.older)
        }

        private static func same(_ a: RegulationText?, _ b: RegulationText?) -> Bool {
            guard let a, let b else { return a == nil && b == nil }
            return a.sameBytes(as: b)
        }
    }

    /// The stamps of a session's last build with what each read: a regulation whose inputs are the same
    /// bytes keeps its stamp without its texts (~2 KB each, ~730 chained at 10k pages) being hashed.
    // Safe to share because: `known` is read and written only inside `lock.withLock`.
    final class StampMemo: @unchecked Sendable {
        private let lock = NSLock()
        private var known: [String: (inputs: StampInputs, stamp: UInt64)] = [:]

        /// The stamps known, taken out (each build puts back what it read, `put`).
        func take() -> [String: (inputs: StampInputs, stamp: UInt64)] {
            lock.withLock {
                defer { known = [:] }
                return known
            }
        }

        func put(_ stamps: [String: (inputs: StampInputs, stamp: UInt64)]) { lock.withLock { known = stamps } }
    }

    /// Every chained regulation's stamp: the memo's when it read the same bytes, else hashed.
    private mutating func makeStamps(_ memo: StampMemo?) {
        var known = memo?.take() ?? [:]
        if known.count > chains.count { known = known.filter { chains[$0.key] != nil } }
        stamps.reserveCapacity(chains.count)
        for (source, (chain, position)) in chains {
            let inputs = StampInputs(
                chain: chain.map(\.sourcePath), position: position, text: plainText[source],
                older: position + 1 < chain.count ? plainText[chain[position + 1].sourcePath] : nil)
            if let last = known[source], last.inputs.same(as: inputs) {
                stamps[source] = last.stamp
                if let verify = PlanCutoff.verifier, inputs.stamp != last.stamp { verify("history " + source) }
                continue
            }
            let stamp = inputs.stamp
            stamps[source] = stamp
            if memo != nil { known[source] = (inputs, stamp) }
        }
        memo?.put(known)
    }

    /// What a regulation's page shows of its history (nil when it has no other version): the versions
    /// and the newer one, and what to compare — the comparison itself, the costly part, is made only
    /// when the page is rendered (`Shown.record`).
    func shown(for source: String) -> Shown? {
        guard let (chain, position) = chains[source] else { return nil }
        let page = chain[position]
        var shown = Shown(versions: .of(Record(["versions": Self.versions(chain, current: position, from: page.outputPath)])))
        if position + 1 < chain.count {
            let older = chain[position + 1]
            shown.comparison = Shown.Comparison(
                againstTitle: older.title, againstTarget: older.outputPath,
                against: older.fields.version ?? older.title,
                oldText: plainText[older.sourcePath]?.value ?? "", newText: plainText[page.sourcePath]?.value ?? "")
        }
        if position > 0 {
            let newer = chain[position - 1]
            shown.newer = Link(newer.title, Paths.relative(from: page.outputPath, to: newer.outputPath) + "#changes")
        }
        return shown
    }

    /// A regulation page's 版本沿革 as its inputs hold it.
    struct Shown: Codable {
        /// `versions`: every version (or the newest, oldest and nearest), as shown.
        var versions: TemplateValue
        var comparison: Comparison?
        var newer: Link?

        /// The version this one supersedes, and both texts.
        struct Comparison: Codable {
            var againstTitle: String
            var againstTarget: String
            var against: String
            var oldText: String
            var newText: String
        }

        /// The record the item template shows, the comparison made now.
        func record(at path: String) -> Record {
            var record = versions.data as? Record ?? Record()
            if let c = comparison {
                record["changes"] = RegulationHistory.changes(
                    againstTitle: c.againstTitle, againstTarget: c.againstTarget, against: c.against,
                    c.oldText, c.newText, at: path)
            }
            if let newer { record["newer"] = Record(["title": newer.title, "href": newer.target]) }
            return record
        }
    }

    /// Versions shown in full up to this many; beyond, the pages of older versions show the newest,
    /// the oldest and those around them (the current version's page lists them all), so a long chain
    /// does not make every one of its pages list every other.
    static let fullHistory = 7

    static func versions(_ chain: [Page], current position: Int, from path: String) -> [Record] {
        let shown: Set<Int>
        if position == 0 || chain.count <= fullHistory {
            shown = Set(chain.indices)
        } else {
            shown = Set([0, chain.count - 1] + Array(max(0, position - 2)...min(chain.count - 1, position + 2)))
        }
        var records: [Record] = []
        for (n, page) in chain.enumerated() {
            guard shown.contains(n) else {
                if records.last?["gap"] == nil { records.append(Record(["gap": true, "href": Paths.relative(from: path, to: chain[0].outputPath)])) }
                continue
            }
            var record = Record(["title": page.title, "isCurrent": n == 0, "number": n + 1])
            if let version = page.fields.version { record["version"] = version }
            if let adopted = page.fields.adopted { record["adopted"] = adopted.chinese }
            if n != position { record["href"] = Paths.relative(from: path, to: page.outputPath) }
            records.append(record)
        }
        return records
    }

    // MARK: Comparing versions

    struct Unit: Equatable {
        /// `第三条`, or empty for paragraphs.
        var label: String
        var text: String
    }

    enum Change: Equatable {
        case same(Unit, Unit)
        case added(Unit)
        case removed(Unit)
        case changed(Unit, Unit)
    }

    static func changes(
        againstTitle: String, againstTarget: String, against: String, _ oldText: String, _ newText: String,
        at path: String
    ) -> Record {
        let oldLines = RegulationHistory.textLines(oldText), newLines = RegulationHistory.textLines(newText)
        var oldUnits = RegulationHistory.articles(oldLines)
        var newUnits = RegulationHistory.articles(newLines)
        let byArticle = !oldUnits.isEmpty && !newUnits.isEmpty
        if !byArticle {
            oldUnits = RegulationHistory.paragraphs(oldLines)
            newUnits = RegulationHistory.paragraphs(newLines)
        }
        let list = RegulationHistory.compare(oldUnits, newUnits)
        var counts = (added: 0, removed: 0, changed: 0, same: 0)
        for change in list {
            switch change {
            case .same: counts.same += 1
            case .added: counts.added += 1
            case .removed: counts.removed += 1
            case .changed: counts.changed += 1
            }
        }
        // Two texts without numbered articles that share little are a rewrite: listing every
        // paragraph as removed and added would only repeat both versions.
        let alike = counts.same + counts.changed
        let rewritten = !byArticle && alike * 2 < max(oldUnits.count, newUnits.count)
        var items: [Record] = []
        var diffCells = maxDiffCells
        let unit = byArticle ? "条" : "段"
        for change in list where !rewritten {
            switch change {
            case .same:
                break
            case .added(let new):
                var record = Record([
                    "status": "新增", "css": "added",
                    "new": [Record(["text": new.text, "mark": true])], "newLabel": byArticle ? "新增条文" : "新增段落",
                ])
                if !new.label.isEmpty { record["label"] = new.label }
                items.append(record)
            case .removed(let old):
                var record = Record([
                    "status": "删除", "css": "removed",
                    "old": [Record(["text": old.text, "mark": true])], "oldLabel": byArticle ? "删除条文" : "删除段落",
                ])
                if !old.label.isEmpty { record["label"] = "原\(old.label)" }
                items.append(record)
            case .changed(let old, let new):
                diffCells -= old.text.count * new.text.count
                let (oldParts, newParts) =
                    diffCells >= 0
                    ? RegulationHistory.characterDiff(old.text, new.text)
                    : ([Part(text: old.text, marked: true)], [Part(text: new.text, marked: true)])
                var record = Record([
                    "status": "修改", "css": "changed",
                    "old": oldParts.map { Record(["text": $0.text, "mark": $0.marked]) },
                    "new": newParts.map { Record(["text": $0.text, "mark": $0.marked]) },
                    "oldLabel": "原文", "newLabel": "修改后",
                ])
                if !new.label.isEmpty { record["label"] = new.label }
                if !old.label.isEmpty && old.label != new.label { record["was"] = old.label }
                items.append(record)
            }
        }
        var summary: [String] = []
        if counts.changed > 0 { summary.append("修改 \(counts.changed) \(unit)") }
        if counts.added > 0 { summary.append("新增 \(counts.added) \(unit)") }
        if counts.removed > 0 { summary.append("删除 \(counts.removed) \(unit)") }
        if counts.same > 0 { summary.append("未改动 \(counts.same) \(unit)") }
        var record = Record([
            "againstTitle": againstTitle, "againstHref": Paths.relative(from: path, to: againstTarget),
            "against": against,
            "summary": summary.isEmpty ? "两版内容相同" : summary.joined(separator: "，"),
            "byArticle": byArticle,
        ])
        if rewritten {
            record["summary"] = "两版差别较大（\(max(oldUnits.count, newUnits.count)) 段中仅 \(alike) 段相同或相近），不逐段列出，请对照阅读两版全文"
        } else if !items.isEmpty {
            record["items"] = items
        }
        return record
    }

    /// Digits of article numbers: Chinese numerals, ASCII and full-width digits.
    static func isNumeral(_ v: UInt32) -> Bool {
        switch v {
        case 0x96F6, 0x3007, 0x4E00, 0x4E8C, 0x4E24, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, 0x767E, 0x5343,
            0x30...0x39, 0xFF10...0xFF19:
            return true  // 零〇一二两三四五六七八九十百千, 0-9, ０-９
        default:
            return false
        }
    }

    /// `第` + numerals + `mark` at the start of `line`: the end of that label.
    static func label(_ line: Substring, endingWith mark: Set<Unicode.Scalar>) -> Substring.UnicodeScalarView.Index? {
        let scalars = line.unicodeScalars
        guard scalars.first == "第" else { return nil }
        var index = scalars.index(after: scalars.startIndex)
        var digits = 0
        while index < scalars.endIndex, isNumeral(scalars[index].value) {
            index = scalars.index(after: index)
            digits += 1
        }
        guard digits > 0, index < scalars.endIndex, mark.contains(scalars[index]) else { return nil }
        return scalars.index(after: index)
    }

    /// `第…条` at the start of `line`: the label and the rest of the line.
    static func articleStart(_ line: Substring) -> (label: String, rest: Substring)? {
        guard let end = label(line, endingWith: articleMark) else { return nil }
        var rest = line[end...]
        while let c = rest.first, c == " " || c == "\u{3000}" || c == "：" || c == ":" { rest = rest.dropFirst() }
        return (String(line[..<end]), rest)
    }

    /// Whether `line` is a chapter or section heading (第一章 总则, 第二节 …).
    static func isHeading(_ line: Substring) -> Bool {
        label(line, endingWith: headingMarks) != nil
    }

    /// What ends an article's label and a heading's: made once, not for every line.
    static let articleMark: Set<Unicode.Scalar> = ["条"]
    static let headingMarks: Set<Unicode.Scalar> = ["章", "节", "编"]

    /// The articles of a text (`第一条 …`, its `textLines`), each with the paragraphs that follow it up to
    /// the next article or heading. Empty when the text has fewer than two articles.
    static func articles(_ lines: [Substring]) -> [Unit] {
        var units: [Unit] = []
        var inArticle = false
        for line in lines {
            if let start = articleStart(line) {
                units.append(Unit(label: start.label, text: String(start.rest)))
                inArticle = true
            } else if isHeading(line) {
                inArticle = false
            } else if inArticle, !units.isEmpty {
                units[units.count - 1].text += "\n" + line
            }
        }
        return units.count >= 2 ? units : []
    }

    /// The paragraphs of a text (its `textLines`).
    static func paragraphs(_ lines: [Substring]) -> [Unit] {
        lines.map { Unit(label: "", text: String($0)) }
    }

    /// The lines of a text with the spaces around them trimmed, blank ones left out: what `articles` and
    /// `paragraphs` read (split once for both, when a text without articles is read by paragraph).
    static func textLines(_ text: String) -> [Substring] {
        lines(text).map(trim).filter { !$0.isEmpty }
    }

    /// The lines of a text, split on its bytes (a newline is never part of a longer character).
    static func lines(_ text: String) -> [Substring] {
        // What `text.utf8.split(separator: 0x0A).map { Substring($0) }` gives, with the line feeds found
        // on the bytes themselves (splitting the view steps through its indices one by one), by `memchr`
        // (a regulation's lines are a hundred bytes and more).
        var text = text
        var bounds: [(Int, Int)] = []
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count {
                let end = memchr(base + start, 0x0A, bytes.count - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
                if end > start { bounds.append((start, end)) }
                start = end + 1
            }
        }
        let utf8 = text.utf8
        return bounds.map { Substring(utf8[utf8.index(utf8.startIndex, offsetBy: $0.0)..<utf8.index(utf8.startIndex, offsetBy: $0.1)]) }
    }

    static func trim(_ s: Substring) -> Substring {
        var s = s
        // A character equal to a space, an ideographic space or a tab starts with 20, E3 (80 80) or 09 and
        // ends with 20, 80 or 09: any other byte there ends the trimming without the character being read.
        while let b = s.utf8.first, b == 0x20 || b == 0xE3 || b == 0x09, let c = s.first, c == " " || c == "\u{3000}" || c == "\t" {
            s = s.dropFirst()
        }
        while let b = s.utf8.last, b == 0x20 || b == 0x80 || b == 0x09, let c = s.last, c == " " || c == "\u{3000}" || c == "\t" {
            s = s.dropLast()
        }
        return s
    }

    static let maxUnits = 2000

    /// Pairs the units of two versions: equal texts (even renumbered) by the standard library's
    /// `difference(from:)` (a shortest edit script, so a longest common subsequence); between those,
    /// an old and a new unit that are alike count as changed, the others as removed and added.
    static func compare(_ old: [Unit], _ new: [Unit]) -> [Change] {
        if old.count > maxUnits || new.count > maxUnits {
            return old.map { .removed($0) } + new.map { .added($0) }
        }
        let (removed, inserted) = unitEdits(from: old.map(\.text), to: new.map(\.text))
        var result: [Change] = []
        var gapOld: [Unit] = [], gapNew: [Unit] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count && removed[i] {
                gapOld.append(old[i])
                i += 1
            } else if j < new.count && inserted[j] {
                gapNew.append(new[j])
                j += 1
            } else {
                result += pairGap(gapOld, gapNew)
                gapOld = []
                gapNew = []
                result.append(.same(old[i], new[j]))
                i += 1
                j += 1
            }
        }
        return result + pairGap(gapOld, gapNew)
    }

    /// Which elements of `old` the shortest edit script to `new` removes, and which of `new` it inserts;
    /// the others are equal, pairwise in order.
    ///
    /// The elements both start and end with are equal without asking `difference(from:)` (whose script
    /// keeps them too, see FastPathTests); it runs on what lies between, which for a new version of a
    /// regulation is a few articles or characters, not the whole text.
    ///
    /// When the elements between them that are on both sides come in the same order on both (none, for
    /// two unrelated versions; the untouched articles between edited ones), they are the longest common
    /// subsequence, and the only one: every shortest script keeps them and removes and inserts the
    /// others, so `difference(from:)` is not asked either (it costs ~0.7 M instructions for two
    /// unrelated versions of a dozen paragraphs, not being specialized for the elements).
    static func edits<Element: Hashable>(from old: [Element], to new: [Element]) -> (removed: [Bool], inserted: [Bool]) {
        var removed = [Bool](repeating: false, count: old.count)
        var inserted = [Bool](repeating: false, count: new.count)
        var head = 0
        while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
        var tail = 0
        while tail < old.count - head, tail < new.count - head, old[old.count - 1 - tail] == new[new.count - 1 - tail] { tail += 1 }
        let oldMiddle = head..<(old.count - tail), newMiddle = head..<(new.count - tail)
        let inOld = Set(old[oldMiddle]), inNew = Set(new[newMiddle])
        let oldShared = oldMiddle.filter { inNew.contains(old[$0]) }, newShared = newMiddle.filter { inOld.contains(new[$0]) }
        if oldShared.lazy.map({ old[$0] }).elementsEqual(newShared.lazy.map { new[$0] }) {
            for k in oldMiddle { removed[k] = true }
            for k in newMiddle { inserted[k] = true }
            for k in oldShared { removed[k] = false }
            for k in newShared { inserted[k] = false }
            return (removed, inserted)
        }
        for change in Array(new[newMiddle]).difference(from: Array(old[oldMiddle])) {
            switch change {
            case .remove(let offset, _, _): removed[head + offset] = true
            case .insert(let offset, _, _): inserted[head + offset] = true
            }
        }
        return (removed, inserted)
    }

    /// `edits` of two versions' articles or paragraphs. Texts made only of code points that are each a
    /// character of their own (`SimpleScalars`: Chinese, ASCII, common punctuation) are in normal form, so
    /// two of them are equal exactly when their bytes are: they are numbered by their bytes (hashing a
    /// long Chinese string as a `String` normalizes it first, several thousand instructions each) and the
    /// numbers diffed. Any other text is numbered as a string (equal as text, the same number).
    static func unitEdits(from old: [String], to new: [String]) -> (removed: [Bool], inserted: [Bool]) {
        func isSimple(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { SimpleScalars.containsAll($0) }
        }
        guard old.allSatisfy(isSimple) && new.allSatisfy(isSimple) else { return numberedEdits(from: old, to: new) }
        return numberedEdits(from: old.map(TextBytes.init), to: new.map(TextBytes.init))
    }

    /// A text compared and hashed by its UTF-8 bytes.
    struct TextBytes: Hashable {
        var text: String

        static func == (a: TextBytes, b: TextBytes) -> Bool {
            var (a, b) = (a.text, b.text)
            return a.withUTF8 { a in b.withUTF8 { b in a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) } }
        }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// `edits` of two texts' characters (see `numberedEdits`).
    static func characterEdits(from old: [Character], to new: [Character]) -> (removed: [Bool], inserted: [Bool]) {
        numberedEdits(from: old, to: new)
    }

    /// `edits` with the elements compared as numbers: equal elements get the same number (through
    /// `Hashable`, which agrees with `==`), so the edit script is the same, and the diff compares numbers
    /// again and again instead of the elements (characters or articles: strings, compared by canonical
    /// equivalence, slowly for long Chinese texts), each of which is hashed once.
    static func numberedEdits<Element: Hashable>(from old: [Element], to new: [Element]) -> (removed: [Bool], inserted: [Bool]) {
        var numbers: [Element: Int] = [:]
        numbers.reserveCapacity(old.count + new.count)
        // One look-up per element: the subscript with a default, accessed `inout`, puts the next number in
        // for an element not seen before.
        func read(_ number: inout Int) -> Int { number }
        func number(_ element: Element) -> Int {
            let next = numbers.count
            return read(&numbers[element, default: next])
        }
        return edits(from: old.map(number), to: new.map(number))
    }

    /// Within a stretch without equal units: each new unit is paired with the most similar old one
    /// still available after the last pair (similar: half or more of their character pairs shared).
    static func pairGap(_ old: [Unit], _ new: [Unit]) -> [Change] {
        // Every new unit is compared with the old ones: for gaps the size of a book that is minutes of
        // work (issue 5: no input may hang the build), so they are listed as removed and added.
        let oldLength = old.reduce(0) { $0 + $1.text.utf8.count }, newLength = new.reduce(0) { $0 + $1.text.utf8.count }
        if new.count * oldLength + old.count * newLength > maxGapWork {
            return old.map { .removed($0) } + new.map { .added($0) }
        }
        var result: [Change] = []
        var next = 0
        let oldKeys = new.isEmpty ? [] : old.map { pairKeys($0.text) }
        for unit in new {
            var best: (index: Int, score: Double)?
            if next < old.count {
                let keys = pairKeys(unit.text)
                for k in next..<old.count {
                    let score = similarity(oldKeys[k], keys)
                    if score >= 0.5, best.map({ score > $0.score }) ?? true { best = (k, score) }
                }
            }
            if let best {
                for k in next..<best.index { result.append(.removed(old[k])) }
                result.append(.changed(old[best.index], unit))
                next = best.index + 1
            } else {
                result.append(.added(unit))
            }
        }
        for k in next..<max(next, old.count) { result.append(.removed(old[k])) }
        return result
    }

    /// The text's pairs of neighbouring code points, sorted: what `similarity` compares.
    static func pairKeys(_ text: String) -> [UInt64] {
        // The code points decoded off the bytes (a String's are valid UTF-8): stepping through
        // `unicodeScalars` cost twice as much.
        var text = text
        var out = text.withUTF8 { bytes in
            [UInt64](unsafeUninitializedCapacity: bytes.count) { keys, count in
                guard !bytes.isEmpty else { return }
                var (previous, i) = SimpleScalars.decode(bytes, at: 0)
                while i < bytes.count {
                    let (scalar, length) = SimpleScalars.decode(bytes, at: i)
                    keys[count] = UInt64(previous) << 32 | UInt64(scalar)
                    count += 1
                    previous = scalar
                    i += length
                }
            }
        }
        sortKeys(&out)
        return out
    }

    /// Keys in ascending order (equal keys are the same number, so any order of them is the sorted one).
    /// `sort()` orders runs of up to ~64 elements by insertion, moving each past the larger ones before
    /// it: for keys in no order, a quarter of their number squared, most of the cost of a paragraph's 50
    /// to 200 keys. Here the keys are first placed by counting on the highest byte they differ in (of
    /// Chinese text, the high byte of a pair's first code point: a handful of keys share each value), so
    /// that each then moves past the few of its own group only — unless a group is large, when `sort()`
    /// orders them.
    static func sortKeys(_ keys: inout [UInt64]) {
        guard keys.count > 64 else { return keys.sort() }
        let first = keys[0]
        let differing = keys.reduce(0) { $0 | ($1 ^ first) }
        if differing == 0 { return }
        let shift = UInt64(56 - differing.leadingZeroBitCount / 8 * 8)
        var largestGroup = 0
        var grouped = [UInt64](unsafeUninitializedCapacity: keys.count) { grouped, count in
            keys.withUnsafeBufferPointer { keys in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { starts in
                    // How many keys have each value of the byte, then where the first of them goes.
                    starts.initialize(repeating: 0)
                    for key in keys { starts[Int(key &>> shift & 0xFF)] += 1 }
                    largestGroup = starts.max() ?? 0
                    var start = 0
                    for byte in 0..<256 { (starts[byte], start) = (start, start + starts[byte]) }
                    for key in keys {
                        let byte = Int(key &>> shift & 0xFF)
                        grouped.initializeElement(at: starts[byte], to: key)
                        starts[byte] += 1
                    }
                }
                count = keys.count
            }
        }
        if largestGroup > 64 {
            grouped.sort()
        } else {
            grouped.withUnsafeMutableBufferPointer { grouped in
                for i in 1..<grouped.count {
                    let key = grouped[i]
                    var j = i
                    while j > 0 && grouped[j - 1] > key {
                        grouped[j] = grouped[j - 1]
                        j -= 1
                    }
                    grouped[j] = key
                }
            }
        }
        keys = grouped
    }

    /// Dice coefficient of two texts' character pairs (from `pairKeys`) when it is one half or more, the
    /// least that pairs two units; 0 when less.
    static func similarity(_ a: [UInt64], _ b: [UInt64]) -> Double {
        if a.isEmpty || b.isEmpty { return 0 }
        // One half is `needed` pairs shared. A pair skipped on one side is one fewer that side can share:
        // past `a.count - needed` skips on `a` (or `b.count - needed` on `b`), one half is out of reach, and
        // the rest is not compared. (Texts of very different length are out of reach before the first.)
        let total = a.count + b.count, needed = (total + 3) / 4
        let shared = a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b -> Int? in
                var i = 0, j = 0, shared = 0
                var skipsLeftA = a.count - needed, skipsLeftB = b.count - needed
                if skipsLeftA < 0 || skipsLeftB < 0 { return nil }
                while i < a.count && j < b.count {
                    if a[i] == b[j] {
                        shared += 1; i += 1; j += 1
                    } else if a[i] < b[j] {
                        i += 1; skipsLeftA -= 1
                        if skipsLeftA < 0 { return nil }
                    } else {
                        j += 1; skipsLeftB -= 1
                        if skipsLeftB < 0 { return nil }
                    }
                }
                return shared
            }
        }
        guard let shared, 4 * shared >= total else { return 0 }
        return Double(2 * shared) / Double(total)
    }

    struct Part: Equatable {
        var text: String
        var marked: Bool
    }

    static let maxDiffCharacters = 3000
    /// Bytes compared while pairing a gap, and characters compared by all character diffs of one version
    /// (`characterDiff` is quadratic): bounds that keep a huge regulation to a second or two.
    static let maxGapWork = 50_000_000
    static let maxDiffCells = 5_000_000

    /// An inserted or deleted run between unchanged text can often sit one or more characters earlier or
    /// later (`施行<ins>，2023版同时废止</ins>，由` or `施行，<ins>2023版同时废止，</ins>由`): where one of
    /// those places ends the run at a punctuation mark, it moves there, so that it reads as a clause.
    static func slideToPunctuation(_ ops: inout [(Int, Character)]) {
        var start = 0
        while start < ops.count {
            var end = start
            while end < ops.count && ops[end].0 == ops[start].0 { end += 1 }
            if ops[start].0 != 0 && (start == 0 || ops[start - 1].0 == 0) && (end == ops.count || ops[end].0 == 0) {
                // Places the run can take: shifting right by k moves the k equal characters after it in front.
                var shift = 0
                while shift < 8 && end + shift < ops.count && ops[end + shift].0 == 0
                    && ops[end + shift].1 == ops[start + shift].1
                {
                    shift += 1
                    if isClauseEnd(ops[end + shift - 1].1) && !isClauseEnd(ops[end - 1].1) {
                        // The characters stay in place; which of them are unchanged moves.
                        let kind = ops[start].0
                        for k in start..<(end + shift) { ops[k].0 = k < start + shift ? 0 : kind }
                        break
                    }
                }
            }
            start = end
        }
    }

    static func isClauseEnd(_ c: Character) -> Bool {
        "，。；：、！？,.;:!?".contains(c)
    }

    /// The old text with what was taken out marked, and the new text with what was put in marked.
    /// Runs of one or two unchanged characters between changes count as changed, so a rewritten
    /// sentence reads as one change rather than a scatter of single characters.
    static func characterDiff(_ oldText: String, _ newText: String) -> ([Part], [Part]) {
        let a = Array(oldText), b = Array(newText)
        if a.count > maxDiffCharacters || b.count > maxDiffCharacters {
            return ([Part(text: oldText, marked: true)], [Part(text: newText, marked: true)])
        }
        // Operations: 0 same, 1 deleted, 2 inserted.
        let (removed, inserted) = characterEdits(from: a, to: b)
        var ops: [(Int, Character)] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count && removed[i] {
                ops.append((1, a[i])); i += 1
            } else if j < b.count && inserted[j] {
                ops.append((2, b[j])); j += 1
            } else {
                ops.append((0, a[i])); i += 1; j += 1
            }
        }
        slideToPunctuation(&ops)
        // Short equal runs between changes become changes on both sides.
        var start = 0
        var cleaned: [(Int, Character)] = []
        while start < ops.count {
            var end = start
            while end < ops.count && (ops[end].0 == 0) == (ops[start].0 == 0) { end += 1 }
            let run = ops[start..<end]
            if ops[start].0 == 0 && start > 0 && end < ops.count && run.count <= 2 {
                for op in run { cleaned.append((1, op.1)) }
                for op in run { cleaned.append((2, op.1)) }
            } else {
                cleaned += run
            }
            start = end
        }
        func parts(keeping kind: Int) -> [Part] {
            var out: [Part] = []
            for (op, ch) in cleaned where op == 0 || op == kind {
                let marked = op != 0
                if let last = out.last, last.marked == marked {
                    out[out.count - 1].text.append(ch)
                } else {
                    out.append(Part(text: String(ch), marked: marked))
                }
            }
            return out
        }
        return (parts(keeping: 1), parts(keeping: 2))
    }
}
