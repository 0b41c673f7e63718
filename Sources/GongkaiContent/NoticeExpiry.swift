/// Finds notices that have run out by their own words but do not say so in `expires:`.
///
/// Campaign notices (防溺水、秸秆禁烧、防汛) usually state how long they hold: “有效期至2025年9月1日”,
/// “有效期：2025年6月1日至9月1日”, “截止日期：2025-09-01”. When that day has passed and the front matter
/// has no `expires:`, the portal still shows the notice as current. That is a warning (the editor may
/// mean something else), naming the line and the `expires:` line to add.
public enum NoticeExpiry {
    /// Words after which a notice states the last day it holds.
    static let keywords = ["有效期", "截止日期", "截止时间", "截止到", "截止至"]

    /// The keywords as UTF-8, for a quick look before the slower search by characters.
    static let keywordBytes = keywords.map { Array($0.utf8) }

    public static func diagnostics(for pages: [Page], asOf: Day) -> [Diagnostic] {
        found(in: pages, asOf: asOf).map(\.diagnostic)
    }

    /// `diagnostics(for:asOf:)` with the number of each warning's page (in the pages' order).
    public static func found(in pages: [Page], asOf: Day) -> [(page: Int, diagnostic: Diagnostic)] {
        // Only notices whose title or body has a keyword can say when they end (most have none: told
        // by the title's bytes and what parsing found of the body, without copying a page).
        let notices = pages.indices.filter { mayHaveRunOut(pages[$0]) }
        let made = parallelMap(notices) { diagnostic(for: pages[$0], asOf: asOf) }
        return zip(notices, made).compactMap { page, diagnostic in diagnostic.map { (page, $0) } }
    }

    /// Whether the page is a notice without `expires:` whose title or body may state its end (only
    /// those can have run out; `diagnostic` tells whether that day has passed).
    public static func mayHaveRunOut(_ page: Page) -> Bool {
        page.kind == .notice && page.expires == nil && (!page.bodyStatesNoEnd || mentionsKeyword(page.title.utf8))
    }

    /// A line of a body that states the last day it holds (`statedEnd(in:)`): its offset from the
    /// body's first line, and the day.
    public struct StatedEnd: Sendable, Equatable {
        public var offset: Int
        public var end: Day

        public init(offset: Int, end: Day) {
            self.offset = offset
            self.end = end
        }
    }

    /// Each line of `body` that states the last day it holds, in order (a restored page keeps them in
    /// the build state, so that the check does not read its body again).
    public static func statedEnds(inBody body: String) -> [StatedEnd] {
        // Every match by characters is also a match of the UTF-8 bytes (no other character is
        // canonically equivalent to one of the keywords), so text without the bytes is passed by at once.
        guard mentionsKeyword(body.utf8), keywords.contains(where: body.contains) else { return [] }
        var ends: [StatedEnd] = []
        for (offset, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let end = statedEnd(in: line) { ends.append(StatedEnd(offset: offset, end: end)) }
        }
        return ends
    }

    /// The warning for one page (see `mayHaveRunOut`), a function of the page's values and `asOf` alone.
    public static func diagnostic(for page: Page, asOf: Day) -> Diagnostic? {
        var places: [(line: Int, end: Day)] = []
        if let end = statedEnd(in: Substring(page.title)) { places.append((page.keyLines["title"] ?? 1, end)) }
        for stated in page.bodyStatedEnds { places.append((page.bodyLine + stated.offset, stated.end)) }
        for (line, end) in places {
            guard end < asOf, end >= page.date.day else { continue }
            return .warning(
                page.sourcePath, line: line,
                zh: "这则公告写明有效期到 \(end.chinese)，已经过期，但文件头没有 expires:，网站仍把它当作有效公告。请在文件头加一行 expires: \(end)",
                en:
                    "this notice says it holds until \(end), which has passed, but its front matter has no expires:, so the portal still shows it as current. Add a line expires: \(end)"
            )
        }
        return nil
    }

    /// Whether the UTF-8 of `text` contains one of the keywords' bytes.
    static func mentionsKeyword<Text: Collection>(_ text: Text) -> Bool where Text.Element == UInt8 {
        keywordBytes.contains { UTF8Search.contains(text, $0) }
    }

    /// The last day a line says something holds until: the last date after one of the keywords, up to
    /// the end of the sentence. A date without a year (`9月1日`) takes the year of the one before it.
    static func statedEnd(in line: Substring) -> Day? {
        guard mentionsKeyword(line.utf8) else { return nil }
        var best: Day?
        var rest = line[...]
        while let keyword = keywords.compactMap({ word in rest.firstRange(of: word).map { (word, $0) } })
            .min(by: { $0.1.lowerBound < $1.1.lowerBound })
        {
            var segment = rest[keyword.1.upperBound...]
            if let stop = segment.firstIndex(where: { "。；;！!？?\n".contains($0) }) { segment = segment[..<stop] }
            if let day = dates(in: segment).last { best = day }
            rest = rest[keyword.1.upperBound...]
        }
        return best
    }

    /// Dates written `2025年9月1日`, `2025-09-01`, `2025.9.1`, `2025/9/1`, or `9月1日` after a full one.
    public static func dates(in text: Substring) -> [Day] {
        let characters = Array(text)
        var index = 0
        var year: Int?
        var found: [Day] = []

        func number() -> (value: Int, digits: Int)? {
            var value = 0
            var digits = 0
            while index < characters.count, let digit = characters[index].wholeNumberValue, characters[index].isASCII, digits < 5 {
                value = value * 10 + digit
                digits += 1
                index += 1
            }
            return digits == 0 ? nil : (value, digits)
        }
        func skip(_ separators: String) -> Bool {
            while index < characters.count, characters[index] == " " { index += 1 }
            guard index < characters.count, separators.contains(characters[index]) else { return false }
            index += 1
            while index < characters.count, characters[index] == " " { index += 1 }
            return true
        }

        while index < characters.count {
            guard characters[index].isASCII, characters[index].isNumber else { index += 1; continue }
            guard let first = number() else { index += 1; continue }
            let start = index
            if first.digits == 4, skip("年-./"), let month = number(), skip("月-./"), let day = number() {
                _ = skip("日号")
                if let date = Day(year: first.value, month: month.value, day: day.value) {
                    found.append(date)
                    year = first.value
                }
            } else if first.digits <= 2, let y = year {
                index = start
                if skip("月"), let day = number() {
                    _ = skip("日号")
                    if let date = Day(year: y, month: first.value, day: day.value) { found.append(date) }
                }
            }
        }
        return found
    }
}
