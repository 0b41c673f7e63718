/// Mustache source to a tree of nodes, on UTF-8 bytes.
///
/// The whitespace rules are those of swift-mustache (which Gongkai used before), so that sites' own
/// templates render as they did: a tag alone on its line ("standalone": sections, comments, partials,
/// blocks, delimiter changes) takes its line's indentation and line end with it; the whitespace before a
/// standalone `{{>partial}}` indents every line of the partial; after a section, whether the next line
/// starts fresh follows the section's opening tag.
enum Node {
    case text([UInt8])
    case variable(Name, escaped: Bool)
    case section(Name, inverted: Bool, [Node])
    /// `{{>name}}` (blocks nil) or `{{<name}}…{{/name}}` (blocks: the `{{$block}}` definitions inside);
    /// `dynamic`: `{{>*key}}`, the template named by the context's `key`.
    case partial(String, dynamic: Bool, indent: [UInt8]?, blocks: [(String, [Node])]?)
    /// `{{$name}}default{{/name}}` in a template that a `{{<…}}` may fill in.
    case block(String, indent: [UInt8], [Node])
    /// `{{% CONTENT_TYPE: TEXT }}` (no escaping) or `HTML`, for the rest of the section or template.
    case escaping(Bool)
    /// `{{$name}}…{{/name}}` directly inside `{{<parent}}`.
    case blockDefinition(String, [Node])
}

/// A name as a tag gives it: `a.b.c`, `.` (the current item), `.a` (only in the current item), or
/// `first()` / `last()` (whether the current item is the first / last of its list).
struct Name: Sendable {
    enum Kind: Sendable { case current, anchored, stack, first, last }
    let kind: Kind
    let path: [String]

    init(kind: Kind, path: [String]) {
        self.kind = kind
        self.path = path
    }

    /// A name without functions: split on dots (empty parts dropped).
    init(_ raw: String) {
        let path = raw.split(separator: ".").map(String.init)
        if path.isEmpty {
            self.init(kind: .current, path: [])
        } else {
            self.init(kind: raw.first == "." ? .anchored : .stack, path: path)
        }
    }
}

struct Parser {
    let bytes: [UInt8]
    var pos = 0

    init(_ source: String) { bytes = Array(source.utf8) }

    /// What one level (the template, or the inside of a section) is parsed with.
    struct Level {
        /// The open section: its name and functions as written, and where its tag starts.
        var section: (name: String, transforms: [String], tagStart: Int)?
        var atLineStart = true
        /// Inside `{{<parent}}` (`topOfParent`: directly, where `{{$…}}` defines a block).
        var insideParent = false
        var topOfParent = false
        /// The indentation of the first line of a block definition, taken off every following line.
        var definitionIndent: Int?
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)
    }

    struct Failure: Error {
        let offset: Int
        let reason: TemplateError.Reason
    }

    /// `firstLineFollowsTag`: parse as if a tag that renders nothing stood before the first character
    /// (Gongkai put a pragma there for swift-mustache): a tag on line 1 is then not standalone unless
    /// the rest of line 1 is blank.
    mutating func parse(firstLineFollowsTag: Bool) throws(Failure) -> [Node] {
        var level = Level()
        if firstLineFollowsTag { level.atLineStart = lineFinished() }
        return try parseLevel(level)
    }

    // MARK: Levels

    mutating func parseLevel(_ start: Level) throws(Failure) -> [Node] {
        var level = start
        var nodes: [Node] = []
        var pending: [UInt8] = []
        func emitPending() {
            if !pending.isEmpty { nodes.append(.text(pending)); pending = [] }
        }
        while pos < bytes.count {
            if level.atLineStart {
                let from = pos
                while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x09 { pos += 1 }
                let whitespace = bytes[from..<pos]
                if level.insideParent && !level.topOfParent {
                    if let indent = level.definitionIndent {
                        pending = Array(whitespace.dropFirst(indent))
                    } else {
                        level.definitionIndent = whitespace.count
                    }
                } else {
                    pending = Array(whitespace)
                }
            }
            let (text, endsLine) = readText(level)
            if endsLine {
                nodes.append(.text(pending + text))
                level.atLineStart = true
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(pending + text))
                pending = []
                level.atLineStart = false
            }
            if pos >= bytes.count { break }
            // An opening delimiter right before a line end opens no tag: it is dropped (as swift-mustache did).
            if let length = newline(at: pos) {
                nodes.append(.text(pending + bytes[pos..<(pos + length)]))
                pos += length
                level.atLineStart = true
                continue
            }
            let tagStart = pos - level.open.count
            var standalone = false
            switch bytes[pos] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[pos] == UInt8(ascii: "^")
                pos += 1
                let (raw, transforms) = try readName(level, tagStart: tagStart)
                let name = try Self.name(raw, transforms, at: tagStart)
                standalone = isStandalone(level)
                if !standalone { emitPending() }
                let body = try parseLevel(level.entering(raw, transforms, at: tagStart, standalone: standalone))
                nodes.append(.section(name, inverted: inverted, body))

            case UInt8(ascii: "/"):
                pos += 1
                let (raw, transforms) = try readName(level, tagStart: tagStart)
                guard let open = level.section, open.name == raw, open.transforms == transforms else {
                    throw Failure(
                        offset: tagStart,
                        reason: .unexpectedClose(
                            found: Self.display(raw, transforms),
                            expected: level.section.map { Self.display($0.name, $0.transforms) }))
                }
                if !isStandalone(level) { emitPending() }
                return nodes

            case UInt8(ascii: "!"):
                pos += 1
                guard let end = find(level.close, from: pos) else { throw Failure(offset: tagStart, reason: .unclosedComment) }
                pos = end + level.close.count
                standalone = isStandalone(level)

            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                emitPending()
                let triple = bytes[pos] == UInt8(ascii: "{")
                pos += 1
                let (raw, transforms) = try readName(level, tagStart: tagStart)
                if triple {
                    guard pos < bytes.count, bytes[pos] == UInt8(ascii: "}") else { throw Failure(offset: tagStart, reason: .malformedTag) }
                    pos += 1
                }
                nodes.append(.variable(try Self.name(raw, transforms, at: tagStart), escaped: false))

            case UInt8(ascii: ">"):
                pos += 1
                skipWhitespace()
                let dynamic = pos < bytes.count && bytes[pos] == UInt8(ascii: "*")
                if dynamic { pos += 1 }
                let name = try readPartialName(level, tagStart: tagStart)
                let indent = pending
                emitPending()
                standalone = isStandalone(level)
                nodes.append(.partial(name, dynamic: dynamic, indent: standalone ? indent : nil, blocks: nil))

            case UInt8(ascii: "<"):
                pos += 1
                skipWhitespace()
                let raw = try readPartialName(level, tagStart: tagStart)
                let indent = pending
                emitPending()
                standalone = isStandalone(level)
                var inner = level
                inner.section = (raw, [], tagStart)
                inner.atLineStart = true
                inner.insideParent = true
                inner.topOfParent = true
                var blocks: [(String, [Node])] = []
                for node in try parseLevel(inner) {
                    switch node {
                    case .blockDefinition(let name, let body):
                        blocks.removeAll { $0.0 == name }
                        blocks.append((name, body))
                    case .text: break
                    default: throw Failure(offset: tagStart, reason: .notABlockInsideParent)
                    }
                }
                let dynamic = raw.first == "*"
                nodes.append(.partial(dynamic ? String(raw.dropFirst()) : raw, dynamic: dynamic, indent: indent, blocks: blocks))

            case UInt8(ascii: "$"):
                pos += 1
                let (raw, transforms) = try readName(level, tagStart: tagStart)
                guard transforms.isEmpty else { throw Failure(offset: tagStart, reason: .malformedTag) }
                if level.topOfParent {
                    standalone = isStandalone(level)
                    let body = try parseLevel(level.entering(raw, [], at: tagStart, standalone: standalone))
                    nodes.append(.blockDefinition(raw, body))
                } else {
                    let indent = pending
                    emitPending()
                    standalone = isStandalone(level)
                    let body = try parseLevel(level.entering(raw, [], at: tagStart, standalone: standalone))
                    nodes.append(.block(raw, indent: indent, body))
                }

            case UInt8(ascii: "="):
                pos += 1
                let (open, close) = try readDelimiters(level, tagStart: tagStart)
                level.open = open
                level.close = close
                level.topOfParent = false
                standalone = isStandalone(level)

            case UInt8(ascii: "%"):
                pos += 1
                nodes.append(try readPragma(level, tagStart: tagStart))
                standalone = isStandalone(level)

            default:
                emitPending()
                let (raw, transforms) = try readName(level, tagStart: tagStart)
                nodes.append(.variable(try Self.name(raw, transforms, at: tagStart), escaped: true))
            }
            level.atLineStart = standalone
        }
        if let open = level.section {
            throw Failure(offset: open.tagStart, reason: .unclosedSection(Self.display(open.name, open.transforms)))
        }
        return nodes
    }

    // MARK: Text and line ends

    /// Text up to the next tag (whose opening delimiter is consumed) or through the next line feed.
    mutating func readText(_ level: Level) -> (text: [UInt8], endsLine: Bool) {
        let from = pos
        let first = level.open[0]
        while pos < bytes.count {
            let byte = bytes[pos]
            if byte == 0x0A {
                pos += 1
                return (Array(bytes[from..<pos]), true)
            }
            if byte == first && matches(level.open, at: pos) {
                pos += level.open.count
                return (Array(bytes[from..<(pos - level.open.count)]), false)
            }
            pos += 1
        }
        return (Array(bytes[from..<pos]), false)
    }

    /// A tag that started its line and is followed by only spaces and tabs up to the line end (taken) or
    /// the end of the template.
    mutating func isStandalone(_ level: Level) -> Bool {
        level.atLineStart && lineFinished()
    }

    mutating func lineFinished() -> Bool {
        if pos >= bytes.count { return true }
        var i = pos
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        guard let length = newline(at: i) else { return false }
        pos = i + length
        return true
    }

    /// The length of the line break at `i`, if any: LF, CR, CR LF, VT, FF, NEL, LS or PS.
    func newline(at i: Int) -> Int? {
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case 0x0A, 0x0B, 0x0C: return 1
        case 0x0D: return i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
        case 0xC2: return i + 1 < bytes.count && bytes[i + 1] == 0x85 ? 2 : nil
        case 0xE2: return i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) ? 3 : nil
        default: return nil
        }
    }

    // MARK: Inside tags

    func matches(_ delimiter: [UInt8], at i: Int) -> Bool {
        guard i + delimiter.count <= bytes.count else { return false }
        for k in 0..<delimiter.count where bytes[i + k] != delimiter[k] { return false }
        return true
    }

    func find(_ delimiter: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + delimiter.count <= bytes.count {
            if matches(delimiter, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// The Unicode scalar at `i` and its length in bytes.
    func scalar(at i: Int) -> (Unicode.Scalar, Int)? {
        guard i < bytes.count else { return nil }
        var iterator = bytes[i...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        return (scalar, UTF8.width(scalar))
    }

    /// Skips whitespace as Unicode defines it (the ideographic space too).
    mutating func skipWhitespace() {
        while pos < bytes.count {
            if bytes[pos] < 0x80 {
                guard bytes[pos] == 0x20 || (0x09...0x0D).contains(bytes[pos]) else { return }
                pos += 1
            } else if let (scalar, width) = scalar(at: pos), scalar.properties.isWhitespace {
                pos += width
            } else {
                return
            }
        }
    }

    static func isNameByte(_ byte: UInt8, brackets: Bool, slash: Bool = false) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"):
            return true
        case UInt8(ascii: "("), UInt8(ascii: ")"): return brackets
        case UInt8(ascii: "/"): return slash
        default: return false
        }
    }

    mutating func readWord(brackets: Bool, slash: Bool = false) -> String {
        let from = pos
        while pos < bytes.count, Self.isNameByte(bytes[pos], brackets: brackets, slash: slash) { pos += 1 }
        return String(decoding: bytes[from..<pos], as: UTF8.self)
    }

    /// `name`, or `f(name)`, `f(g(name))`: the name and the functions, outermost first.
    mutating func readName(_ level: Level, tagStart: Int) throws(Failure) -> (String, [String]) {
        skipWhitespace()
        let text = readWord(brackets: true)
        skipWhitespace()
        guard matches(level.close, at: pos) else { throw Failure(offset: tagStart, reason: .malformedTag) }
        pos += level.close.count
        guard text.contains("(") || text.contains(")") else { return (text, []) }
        // f(g(x)): words separated by "(", then as many ")" as there were "(".
        let opened = text.split(separator: "(", omittingEmptySubsequences: false)
        let last = opened[opened.count - 1]
        let word = last.prefix { $0 != ")" }
        let closers = last.dropFirst(word.count)
        guard opened.count >= 2, closers.count == opened.count - 1, closers.allSatisfy({ $0 == ")" }),
            opened.dropLast().allSatisfy({ !$0.contains(")") })
        else {
            throw Failure(offset: tagStart, reason: .malformedTag)
        }
        return (String(word), opened.dropLast().map(String.init))
    }

    mutating func readPartialName(_ level: Level, tagStart: Int) throws(Failure) -> String {
        skipWhitespace()
        let name = readWord(brackets: true, slash: true)
        skipWhitespace()
        guard matches(level.close, at: pos) else { throw Failure(offset: tagStart, reason: .malformedTag) }
        pos += level.close.count
        return name
    }

    mutating func readDelimiters(_ level: Level, tagStart: Int) throws(Failure) -> ([UInt8], [UInt8]) {
        func isSpace(_ i: Int) -> Bool {
            if bytes[i] < 0x80 { return bytes[i] == 0x20 || (0x09...0x0D).contains(bytes[i]) }
            return scalar(at: i)?.0.properties.isWhitespace ?? false
        }
        let failure = Failure(offset: tagStart, reason: .malformedDelimiters)
        skipWhitespace()
        let openFrom = pos
        while pos < bytes.count, !isSpace(pos) { pos += 1 }
        guard pos < bytes.count else { throw failure }
        let open = Array(bytes[openFrom..<pos])
        skipWhitespace()
        let closeFrom = pos
        while pos < bytes.count, bytes[pos] != UInt8(ascii: "="), !isSpace(pos) { pos += 1 }
        guard pos < bytes.count else { throw failure }
        let close = Array(bytes[closeFrom..<pos])
        skipWhitespace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "=") else { throw failure }
        pos += 1
        guard matches(level.close, at: pos) else { throw failure }
        pos += level.close.count
        guard !open.isEmpty, !close.isEmpty else { throw failure }
        return (open, close)
    }

    mutating func readPragma(_ level: Level, tagStart: Int) throws(Failure) -> Node {
        let from = pos
        skipWhitespace()
        let key = readWord(brackets: false)
        skipWhitespace()
        var value = ""
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ":") {
            pos += 1
            skipWhitespace()
            value = readWord(brackets: false)
            skipWhitespace()
        }
        let text = String(decoding: bytes[from..<pos], as: UTF8.self)
        guard matches(level.close, at: pos) else { throw Failure(offset: tagStart, reason: .malformedTag) }
        pos += level.close.count
        switch (key, value) {
        case ("CONTENT_TYPE", "HTML"): return .escaping(true)
        case ("CONTENT_TYPE", "TEXT"): return .escaping(false)
        default: throw Failure(offset: tagStart, reason: .unknownPragma(text))
        }
    }

    // MARK: Names

    static func name(_ raw: String, _ transforms: [String], at tagStart: Int) throws(Failure) -> Name {
        if !transforms.isEmpty {
            switch (raw, transforms) {
            case ("", ["first"]): return Name(kind: .first, path: [])
            case ("", ["last"]): return Name(kind: .last, path: [])
            default: throw Failure(offset: tagStart, reason: .unknownTransform(display(raw, transforms)))
            }
        }
        return Name(raw)
    }

    static func display(_ name: String, _ transforms: [String]) -> String {
        transforms.map { $0 + "(" }.joined() + name + String(repeating: ")", count: transforms.count)
    }
}

extension Parser.Level {
    /// The level inside a section (or block) opened by a tag: a standalone opening tag starts the
    /// inside on a fresh line.
    func entering(_ name: String, _ transforms: [String], at tagStart: Int, standalone: Bool) -> Self {
        var inner = self
        inner.section = (name, transforms, tagStart)
        inner.topOfParent = false
        if !standalone { inner.atLineStart = false }
        return inner
    }
}
