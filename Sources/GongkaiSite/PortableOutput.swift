import Foundation
import GongkaiContent

/// `public/` is hosted on "any web server" — Windows and IIS too — carried on USB sticks (FAT32,
/// exFAT) and opened on Macs: file systems that ignore case, take names that look the same (NFC and
/// NFD) as one, forbid some characters and names, and limit a path's length. A name that works on the
/// Linux machine that builds would there silently replace another file, hide a generated page, fail to
/// copy or not be found. Each such name is reported, naming the input files involved.
///
/// Errors: two outputs that become one file (or a file and a folder of one name), a static file over
/// a generated page, a name Windows cannot hold. Warnings: a static file that takes the place of a
/// generated file that is not a page (`robots.txt`: usually meant), and a path too long for Windows
/// under a usual server folder (it works where that folder is short, or with long paths enabled).
struct PortableOutput {
    /// A generated file (`source` nil) or a copied one.
    struct Entry {
        var path: String
        var source: String?
    }

    /// Where a message goes and how it names an output: the input file behind it.
    struct Origin {
        var file: String
        var zh: String
        var en: String
        /// The output in words for a message on `file` itself.
        var shortZH = ""
        var shortEN = ""
    }

    /// Longest output path (in UTF-16 units, as Windows counts) that fits Windows' 260 under a
    /// server folder such as `C:\inetpub\wwwroot\bailu\`.
    static let longestPath = 200

    let content: SiteContent
    var diagnostics: [Diagnostic] = []
    /// A page and its print view make one message.
    private var reported = Set<String>()
    private var pageSources: [String: String]?
    private var tagFolders: [String: String]?

    init(content: SiteContent) {
        self.content = content
    }

    /// `made`: the generated files, sorted by path. `statics`: (source, target) of `static/`.
    /// `copies`: (source, target) of files the content links to (their landing on a generated file
    /// is reported by `SiteBuilder.clashes`).
    static func check(_ made: [OutputFile], statics: [(String, String)], copies: [(String, String)], content: SiteContent) -> [Diagnostic] {
        var check = PortableOutput(content: content)
        let paths = made.map(\.path)
        // Each copied file once (content may link to a file of static/). Swift compares strings by
        // canonical equivalence: names that differ only in NFC and NFD are kept apart by their bytes.
        var copied: [Entry] = []
        var seen = Set<[UInt8]>()
        for (source, target) in statics + copies where seen.insert(Array(target.utf8)).inserted {
            copied.append(Entry(path: target, source: source))
        }
        copied.sort { $0.path < $1.path || ($0.path == $1.path && Array($0.path.utf8).lexicographicallyPrecedes($1.path.utf8)) }
        // One pass over the generated paths: their names, and which ones are not their own key.
        var folded: [String] = []
        for path in paths where !check.names(Entry(path: path, source: nil)) { folded.append(path) }
        for entry in copied { check.names(entry) }
        check.overGenerated(paths, statics: statics)
        check.collisions(paths, folded: folded, copied: copied)
        return check.diagnostics.sorted()
    }

    // MARK: Names one host cannot hold

    /// Characters Windows forbids, reserved device names, trailing dots and spaces, and length.
    /// Returns whether the path is its own key (`key(_:)` is nil), found on the way.
    @discardableResult
    mutating func names(_ entry: Entry) -> Bool {
        let path = entry.path
        // Most paths are plain: no forbidden byte, no name ending in `.` or ` `, no name whose part
        // before the first dot (3 to 5 bytes) is a device name. Only the others are split into names:
        // this runs for every output of a 100k-page site.
        var plain = true
        var units = 0
        var last: UInt8 = 0
        var length = 0
        var stem: Int?
        /// The name's first 8 bytes, the first in the lowest.
        var head: UInt64 = 0
        var own = true
        var previous: (UInt8, UInt8) = (0, 0)
        func endName() {
            if last == 0x2E || last == 0x20 { plain = false }
            if (3...5).contains(stem ?? length), Self.mayBeDeviceName(head, length: stem ?? length) { plain = false }
            length = 0
            stem = nil
            head = 0
        }
        for byte in path.utf8 {
            if byte & 0xC0 != 0x80 { units += byte >= 0xF0 ? 2 : 1 }
            // Own key: ASCII without capitals, and U+3000–U+9FFF (lead bytes E3–E9) but the combining
            // kana marks U+3099 and U+309A (E3 82 99, E3 82 9A). As `key(_:)` decides by scalars.
            if (0x41...0x5A).contains(byte) || (byte >= 0xC0 && !(0xE3...0xE9).contains(byte))
                || (previous == (0xE3, 0x82) && (byte == 0x99 || byte == 0x9A))
            {
                own = false
            }
            previous = (previous.1, byte)
            switch byte {
            case 0..<0x20, 0x22, 0x2A, 0x3A, 0x3C, 0x3E, 0x3F, 0x5C, 0x7C: plain = false
            case 0x2F:
                endName()
                continue
            case 0x2E where stem == nil: stem = length
            default: break
            }
            if length < 8 { head |= UInt64(byte) << (8 * UInt64(length)) }
            last = byte
            length += 1
        }
        endName()
        if !plain {
            for name in path.split(separator: "/") {
                guard let problem = Self.problem(String(name)) else { continue }
                let origin = self.origin(entry)
                report(
                    origin, kind: "name",
                    zh: "\(origin.shortZH)里的名称“\(name)”\(problem.zh)",
                    en: "in \(origin.shortEN), the name \"\(name)\" \(problem.en)", error: true)
                break
            }
        }
        if units > Self.longestPath {
            let origin = self.origin(entry)
            report(
                origin, kind: "length",
                zh:
                    "\(origin.shortZH)的路径有 \(units) 个字符，放进 Windows 服务器的网站文件夹（如 C:\\inetpub\\wwwroot\\某镇\\）会超过 Windows 260 个字符的限制，复制时失败或打不开。请用短一些的文件名或文件夹名（网站里的路径最多约 \(Self.longestPath) 个字符）",
                en:
                    "the path of \(origin.shortEN) is \(units) characters long: in a Windows server's site folder (such as C:\\inetpub\\wwwroot\\town\\) it passes Windows' limit of 260 and fails to copy or open. Use shorter names (at most about \(Self.longestPath) characters in the site)",
                error: false)
        }
        return own
    }

    /// Whether a name's part before the first dot (`length` bytes of `head`, 3 to 5) may be one of
    /// `reservedNames`, in any case and with spaces after it: exactly for ASCII (`news`, `print` are
    /// not), and any part with other bytes goes to `problem(_:)`, which decides.
    static func mayBeDeviceName(_ head: UInt64, length: Int) -> Bool {
        func byte(_ i: Int) -> UInt8 { UInt8(truncatingIfNeeded: head >> (8 * UInt64(i))) }
        var count = length
        while count > 0, byte(count - 1) == 0x20 { count -= 1 }
        // Letters in lower case, packed as `packed` does.
        var word: UInt32 = 0
        for i in 0..<count {
            let b = byte(i)
            if b >= 0x80 { return true }
            if i < 4 { word |= UInt32((0x41...0x5A).contains(b) ? b | 0x20 : b) << (8 * UInt32(i)) }
        }
        switch count {
        case 3: return deviceNames.contains(word)
        case 4: return numberedDeviceNames.contains(word & 0xFF_FFFF) && (0x31...0x39).contains(byte(3))
        default: return false
        }
    }

    /// `con`, `prn`, `aux`, `nul`; `com` and `lpt` before a digit: packed as `mayBeDeviceName` packs them.
    static let deviceNames = packed(["con", "prn", "aux", "nul"])
    static let numberedDeviceNames = packed(["com", "lpt"])

    static func packed(_ names: [String]) -> Set<UInt32> {
        Set(names.map { name in name.utf8.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) } })
    }

    static let reservedNames = Set(
        ["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] }
            + ["COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"])

    /// Why Windows (and FAT32/exFAT) cannot hold a name, if it cannot.
    static func problem(_ name: String) -> (zh: String, en: String)? {
        if let bad = name.unicodeScalars.first(where: { $0.value < 0x20 || "<>:\"\\|?*".unicodeScalars.contains($0) }) {
            let shown =
                bad.value < 0x20 ? "U+" + String(repeating: "0", count: bad.value < 0x10 ? 3 : 2) + String(bad.value, radix: 16, uppercase: true) : String(bad)
            return (
                "含有 Windows 不允许的字符“\(shown)”（名称里不能有 < > : \" \\ | ? * 和控制字符），复制到 Windows 服务器或 U 盘时会失败。请改名，去掉这个字符",
                "holds \"\(shown)\", which Windows does not allow in names (< > : \" \\ | ? * and control characters): copying to a Windows server or a USB stick fails. Rename it without that character"
            )
        }
        if name.hasSuffix(".") || name.hasSuffix(" ") {
            return (
                "以点或空格结尾，Windows 会把结尾的点和空格去掉，于是文件找不到，或和别的文件重名。请改名，去掉结尾的点或空格",
                "ends in a dot or a space, which Windows drops: the file is then not found, or takes another's name. Rename it without them"
            )
        }
        var stem = Substring(name)
        if let dot = stem.firstIndex(of: ".") { stem = stem[..<dot] }
        while stem.hasSuffix(" ") { stem = stem.dropLast() }
        let upper = stem.uppercased()
        if reservedNames.contains(upper) {
            return (
                "是 Windows 保留的设备名 \(upper)（加上扩展名也一样），Windows 服务器和 U 盘上不能有这个名字的文件或文件夹。请改名，如“\(stem)-1\(name.dropFirst(stem.count))”",
                "is a device name Windows reserves (\(upper), with any extension): no file or folder on a Windows server or a USB stick can have it. Rename it, e.g. \"\(stem)-1\(name.dropFirst(stem.count))\""
            )
        }
        return nil
    }

    // MARK: A static file where the build writes

    /// `static/index.html` would replace the home page (static files are copied after the pages).
    mutating func overGenerated(_ made: [String], statics: [(String, String)]) {
        for (source, target) in statics {
            if Self.contains(made, target) {
                let page = target.hasSuffix(".html") || target.hasSuffix(".xml")
                let generated = origin(Entry(path: target, source: nil))
                report(
                    Origin(file: source, zh: "", en: ""), kind: "over",
                    zh: page
                        ? "会复制到 \(target)，把\(generated.zh) 换掉。请给文件改名，或放进别的文件夹"
                        : "会复制到 \(target)，代替\(generated.zh) 。如果不是有意代替，请给文件改名",
                    en: page
                        ? "is copied to \(target) and would replace \(generated.en). Rename the file or move it to another folder"
                        : "is copied to \(target) and takes the place of \(generated.en). Rename it unless that is meant",
                    error: page)
            } else if Self.containsFolder(made, target) {
                report(
                    Origin(file: source, zh: "", en: ""), kind: "over",
                    zh: "会复制到 \(target)，而网站在同名的文件夹 \(target)/ 里生成网页，文件和文件夹不能同名。请给文件改名",
                    en:
                        "is copied to \(target), but the site makes pages in a folder of that name (\(target)/): a file and a folder cannot share a name. Rename the file",
                    error: true)
            } else if let folder = Self.ancestors(target).first(where: { Self.contains(made, $0) }) {
                let generated = origin(Entry(path: folder, source: nil))
                report(
                    Origin(file: source, zh: "", en: ""), kind: "over",
                    zh: "会复制到文件夹 \(folder)/ 里，而 \(folder) 是\(generated.zh)，文件和文件夹不能同名。请换个文件夹",
                    en:
                        "is copied into a folder \(folder)/, but \(folder) is \(generated.en): a file and a folder cannot share a name. Move it to another folder",
                    error: true)
            }
        }
    }

    // MARK: Two outputs that become one

    /// The name as a case-insensitive, normalization-insensitive file system sees it (NFC, case
    /// folded); nil for a path that is its own key: ASCII without capitals and CJK (the usual case).
    static func key(_ path: String) -> String? {
        let own = path.unicodeScalars.allSatisfy { s in
            (s.value < 0x80 && !(0x41...0x5A).contains(s.value)) || ((0x3000...0x9FFF).contains(s.value) && s.value != 0x3099 && s.value != 0x309A)
        }
        return own ? nil : path.precomposedStringWithCanonicalMapping.folding(options: [.caseInsensitive], locale: nil)
    }

    /// Outputs whose names differ only in case or normalization — one file on Windows, macOS and USB
    /// sticks — and a file and a folder that become one name. Generated paths that are their own key
    /// are looked up by bisection in `made` (sorted); only the others, and the copies, are indexed.
    /// `folded`: the generated paths that are not their own key.
    mutating func collisions(_ made: [String], folded: [String], copied: [Entry]) {
        var files: [String: Entry] = [:]
        var folders: [String: (folder: String, entry: Entry)] = [:]
        func consider(_ entry: Entry) {
            let own = Self.key(entry.path)
            let key = own ?? entry.path
            if let other = files[key] {
                if !Self.same(other.path, entry.path) { pair(other, entry) }
            } else {
                files[key] = entry
            }
            // A generated path is its own key: found by bisection.
            if own != nil, Self.contains(made, key), !Self.same(key, entry.path) || entry.source != nil {
                pair(Entry(path: Self.find(made, key) ?? key, source: nil), entry)
            }
            if let other = folders[key] { pair(other.entry, entry, folder: true) }
            if own != nil, Self.containsFolder(made, key) { pair(Entry(path: key + "/", source: nil), entry, folder: true) }
            for folder in Self.ancestors(entry.path) {
                let folderKey = Self.key(folder) ?? folder
                if folders[folderKey] == nil { folders[folderKey] = (folder, entry) }
                if let other = files[folderKey] { pair(other, entry, folder: true) }
                if !Self.same(folderKey, folder), Self.contains(made, folderKey) {
                    pair(Entry(path: Self.find(made, folderKey) ?? folderKey, source: nil), entry, folder: true)
                }
            }
        }
        for path in folded { consider(Entry(path: path, source: nil)) }
        // Copies exactly on a generated file are `overGenerated`'s (static) or `SiteBuilder.clashes`' (content).
        for entry in copied where !Self.contains(made, entry.path) { consider(entry) }
    }

    /// The same bytes (Swift's `==` takes NFC and NFD as equal; file systems may not).
    static func same(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

    /// The generated path equal (canonically) to `path`, as it is written.
    static func find(_ sorted: [String], _ path: String) -> String? {
        let i = firstIndex(sorted, atLeast: path)
        return i < sorted.count && sorted[i] == path ? sorted[i] : nil
    }

    /// Two outputs that are one on such a host: reported on the copy (the file to rename), else on
    /// the input behind the first, naming both.
    mutating func pair(_ a: Entry, _ b: Entry, folder: Bool = false) {
        guard !Self.same(a.path, b.path) || a.source != b.source else { return }
        let (first, second) = a.path < b.path ? (a, b) : (b, a)
        let one = origin(first), other = origin(second)
        let on = second.source != nil ? other : first.source != nil ? one : other.file.hasPrefix("public/") ? one : other
        report(
            Origin(file: on.file, zh: "", en: ""), kind: "pair \(first.path) \(second.path)",
            zh: "\(one.zh) 和 \(other.zh) 只差大小写（或看起来一样），在 Windows、IIS、U 盘（FAT32/exFAT）和苹果电脑上是同一个\(folder ? "名字" : "文件")，一个会把另一个覆盖或挡住。请改其中一个的名字",
            en:
                "\(one.en) and \(other.en) differ only in case (or look the same): on Windows, IIS, USB sticks (FAT32/exFAT) and Macs they are one \(folder ? "name" : "file"), and one would replace or hide the other. Rename one of them",
            error: true)
    }

    // MARK: Naming outputs

    /// The input file behind an output, and the output in words.
    mutating func origin(_ entry: Entry) -> Origin {
        let path = entry.path
        if let source = entry.source {
            return Origin(
                file: source, zh: "\(source) 复制成的 \(path)", en: "\(path), copied from \(source)",
                shortZH: "复制到网站的 \(path) ", shortEN: "the copy \(path)")
        }
        if pageSources == nil {
            var sources: [String: String] = [:]
            for page in content.pages { sources[page.outputPath] = page.sourcePath }
            pageSources = sources
        }
        let page = path.hasPrefix("print/") ? String(path.dropFirst("print/".count)) : path
        if let source = pageSources?[page] {
            return Origin(
                file: source, zh: "\(source) 生成的网页 \(path)", en: "the page \(path) made from \(source)",
                shortZH: "这一篇生成的网页 \(path) ", shortEN: "the page \(path) made from it")
        }
        let parts = path.split(separator: "/")
        if parts.count >= 2, parts[0] == "tags" {
            if tagFolders == nil {
                tagFolders = [:]
                for (tag, folder) in TagPages.folders(content) { tagFolders?[folder] = tag }
            }
            if let tag = tagFolders?["tags/\(parts[1])"], let user = content.pages.first(where: { $0.tags.contains(tag) }) {
                return Origin(
                    file: user.sourcePath, zh: "标签“\(tag)”的网页 \(path)", en: "the page \(path) of the tag \"\(tag)\"",
                    shortZH: "这一篇的标签“\(tag)”生成的网页 \(path) ", shortEN: "the page \(path) of its tag \"\(tag)\"")
            }
        }
        if parts.count >= 2, parts[0] == "villages", let village = content.villages.first(where: { $0.id == parts[1] }) {
            return Origin(
                file: village.sourcePath, zh: "\(village.sourcePath) 生成的网页 \(path)", en: "the page \(path) made for \(village.sourcePath)",
                shortZH: "这个村（社区）的网页 \(path) ", shortEN: "the village's page \(path)")
        }
        let what = path == Paths.home ? "首页 " : " "
        return Origin(
            file: "public/" + path, zh: "网站生成的\(what)\(path)", en: "\(path), which the site makes itself",
            shortZH: "网站生成的\(what)\(path) ", shortEN: "\(path), which the site makes itself")
    }

    mutating func report(_ origin: Origin, kind: String, zh: String, en: String, error: Bool) {
        guard reported.insert("\(origin.file)|\(kind)").inserted else { return }
        diagnostics.append(error ? .error(origin.file, zh: zh, en: en) : .warning(origin.file, zh: zh, en: en))
    }

    // MARK: Paths

    /// `a/b/c.png` → `a`, `a/b`.
    static func ancestors(_ path: String) -> [String] {
        var result: [String] = []
        var index = path.startIndex
        while let slash = path[index...].firstIndex(of: "/") {
            result.append(String(path[..<slash]))
            index = path.index(after: slash)
        }
        return result
    }

    static func firstIndex(_ sorted: [String], atLeast path: String) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < path { low = middle + 1 } else { high = middle }
        }
        return low
    }

    static func contains(_ sorted: [String], _ path: String) -> Bool {
        let i = firstIndex(sorted, atLeast: path)
        return i < sorted.count && sorted[i] == path
    }

    static func containsFolder(_ sorted: [String], _ folder: String) -> Bool {
        let i = firstIndex(sorted, atLeast: folder + "/")
        return i < sorted.count && sorted[i].hasPrefix(folder + "/")
    }
}
