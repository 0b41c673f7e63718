import Foundation
import GongkaiContent

/// Which output (or group of outputs) of the portal a memo entry is: one case per page type.
///
/// The manifest stores an id as its `text` (`list:2:villages/xinghua/notices`); `init?(text:)` reads it
/// back, and an id it does not know makes the manifest unreadable (the next build renders everything).
enum OutputID: Hashable, Sendable, CustomStringConvertible {
    /// An item page, by its output path.
    case item(String)
    /// The 打印公告 view of the item at this output path.
    case print(String)
    /// The 扫码在手机上看 code of the page at this output path.
    case phoneQR(String)
    /// One page of a list (a kind's, an owner's kind, a tag's, an 往期 list).
    case list(folder: String, number: Int)
    case village(String)
    case villages
    case county
    case home
    case disclosure
    /// 404, stylesheet and script.
    case theme
    case tagIndex
    /// The yearly archive of an owner (`villages/<id>` or `county`).
    case archive(ownerFolder: String)
    /// 道德模范风采: the site's (nil) or an owner's.
    case gallery(ownerFolder: String?)
    case search
    /// Atom feeds and the sitemap.
    case feeds
    /// Files made outside any group (the search index), recorded so the spare is known.
    case ungrouped

    var text: String {
        if let (kind, path) = pagePath { return kind + path }
        return switch self {
        case .list(let folder, let number): "list:\(number):" + folder
        case .village(let id): "village:" + id
        case .villages: "villages"
        case .county: "county"
        case .home: "home"
        case .disclosure: "disclosure"
        case .theme: "theme"
        case .tagIndex: "tags"
        case .archive(let folder): "archive:" + folder
        case .gallery(let folder): folder.map { "gallery:" + $0 } ?? "gallery"
        case .search: "search"
        case .feeds: "feeds"
        case .ungrouped: "ungrouped"
        case .item, .print, .phoneQR: ""  // (`pagePath`)
        }
    }

    /// The text's start and the page's output path, for the ids of one page's output.
    private var pagePath: (kind: String, path: String)? {
        switch self {
        case .item(let path): ("item:", path)
        case .print(let path): ("print:", path)
        case .phoneQR(let path): ("qr:", path)
        default: nil
        }
    }

    var description: String { text }

    /// `text`'s bytes appended to `out`, without making the text first for the ids that name a path
    /// (most of a manifest's: one item page and print view for each page).
    func appendText(to out: inout [UInt8]) {
        guard let (kind, path) = pagePath else {
            out += text.utf8
            return
        }
        out += kind.utf8
        out += path.utf8
    }

    /// `init(text:)` of the text in `utf8` (a manifest's line), read on the bytes without making the
    /// whole text: when the first colon is followed by an ASCII byte, it is a character alone (no mark
    /// joins it), as `init(text:)` finds it; else that is asked.
    init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        guard let colon = bytes.firstIndex(of: 0x3A), colon + 1 < bytes.count, bytes[colon + 1] < 0x80 else {
            self.init(text: text(0..<bytes.count))
            return
        }
        guard let id = Self.named(bytes[..<colon], rest: text(colon + 1..<bytes.count)) else { return nil }
        self = id
    }

    /// Read on the text's bytes (a manifest has an id a line, the plan's state one an output: tens of
    /// thousands each build), with what the characters would give: the first colon is found as
    /// `firstIndex(of: ":")` finds it (`BodyRenderer.firstColon`), and the names before it are ASCII,
    /// which no other characters are equal to.
    init?(text: String) {
        guard let colon = BodyRenderer.firstColon(text) else {
            switch text {
            case "villages": self = .villages
            case "county": self = .county
            case "home": self = .home
            case "disclosure": self = .disclosure
            case "theme": self = .theme
            case "tags": self = .tagIndex
            case "gallery": self = .gallery(ownerFolder: nil)
            case "search": self = .search
            case "feeds": self = .feeds
            case "ungrouped": self = .ungrouped
            default: return nil
            }
            return
        }
        // The colon is one byte, and a character alone: the rest starts right after it.
        guard let id = Self.named(text.utf8[..<colon], rest: String(text[text.utf8.index(after: colon)...])) else { return nil }
        self = id
    }

    /// The id whose text is `name` (the ASCII bytes before the first colon), the colon, and `rest`; nil
    /// for a name no id has (both readers above share it).
    private static func named(_ name: some Collection<UInt8>, rest: String) -> OutputID? {
        if let make = withAnyRest(name) { return make(rest) }
        guard isNamed(name, "list"), let second = BodyRenderer.firstColon(rest), let number = Int(rest[..<second]) else { return nil }
        return .list(folder: String(rest[rest.utf8.index(after: second)...]), number: number)
    }

    /// The ids named `name` whatever follows the colon (a path or folder), as made from that text.
    private static func withAnyRest(_ name: some Collection<UInt8>) -> ((String) -> OutputID)? {
        if isNamed(name, "item") { return { .item($0) } }
        if isNamed(name, "print") { return { .print($0) } }
        if isNamed(name, "qr") { return { .phoneQR($0) } }
        if isNamed(name, "village") { return { .village($0) } }
        if isNamed(name, "archive") { return { .archive(ownerFolder: $0) } }
        if isNamed(name, "gallery") { return { .gallery(ownerFolder: $0) } }
        return nil
    }

    private static func isNamed(_ name: some Collection<UInt8>, _ ascii: StaticString) -> Bool {
        name.count == ascii.utf8CodeUnitCount && name.elementsEqual(UnsafeBufferPointer(start: ascii.utf8Start, count: ascii.utf8CodeUnitCount))
    }

    /// Whether `init(utf8:)` gives an id, without making its texts for the ids that take any text after
    /// their name (the spare's manifest is read for its files only: its groups are only checked).
    static func isValid(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let colon = bytes.firstIndex(of: 0x3A), colon + 1 < bytes.count, bytes[colon + 1] < 0x80, withAnyRest(bytes[..<colon]) != nil {
            return true
        }
        return OutputID(utf8: bytes) != nil
    }
}

extension OutputID {
    /// Ids are compared and hashed by their cases and their texts' bytes, as the file system compares
    /// names (not as Swift compares text: composed and decomposed accents are two names on Linux).
    /// Hashing a `String` (SipHash over its normalised bytes) cost ~700 instructions for an output path,
    /// and an edit build looks up ~90k ids at 10k pages; a `StableHash` of the bytes, eight at a time,
    /// is a fraction of that.
    static func == (a: OutputID, b: OutputID) -> Bool {
        switch (a, b) {
        case (.item(let x), .item(let y)), (.print(let x), .print(let y)), (.phoneQR(let x), .phoneQR(let y)),
            (.village(let x), .village(let y)), (.archive(let x), .archive(let y)):
            return x.sameBytes(as: y)
        case (.list(let x, let n), .list(let y, let m)): return n == m && x.sameBytes(as: y)
        case (.gallery(let x), .gallery(let y)): return x == nil || y == nil ? x == nil && y == nil : x!.sameBytes(as: y!)
        case (.villages, .villages), (.county, .county), (.home, .home), (.disclosure, .disclosure), (.theme, .theme),
            (.tagIndex, .tagIndex), (.search, .search), (.feeds, .feeds), (.ungrouped, .ungrouped):
            return true
        default: return false
        }
    }

    func hash(into hasher: inout Hasher) {
        var hash = StableHash()
        switch self {
        case .item(let path): hash.add(path)
        case .print(let path): hash.add(1); hash.add(path)
        case .phoneQR(let path): hash.add(2); hash.add(path)
        case .list(let folder, let number): hash.add(3 &+ number); hash.add(folder)
        case .village(let id): hash.add(4); hash.add(id)
        case .archive(let folder): hash.add(5); hash.add(folder)
        case .gallery(let folder): hash.add(6); hash.add(folder)
        case .villages: hash.add(7)
        case .county: hash.add(8)
        case .home: hash.add(9)
        case .disclosure: hash.add(10)
        case .theme: hash.add(11)
        case .tagIndex: hash.add(12)
        case .search: hash.add(13)
        case .feeds: hash.add(14)
        case .ungrouped: hash.add(15)
        }
        hasher.combine(hash.value)
    }
}
