import GongkaiEscape

/// Runs compiled templates, appending UTF-8 to one buffer.
struct Renderer {
    let library: TemplateLibrary
    /// `library.memory.codes`: read without retaining anything (see `ProgramMemory`).
    let codes: UnsafeBufferPointer<ProgramMemory.Code>
    var out: [UInt8] = []
    /// The context stack: the data given, then the value of each section entered.
    var frames: [Frame]
    /// Indentations and sets of filled-in blocks met so far; a scope refers to them by number, so that
    /// it stays plain data (entering a section retains nothing). Number 0: none.
    var indents: [[UInt8]] = [[]]
    var blockSets: [[String: TemplateLibrary.BlockRef]] = [[:]]

    init(library: TemplateLibrary, root: Any) {
        self.library = library
        codes = library.memory.codes
        frames = [Frame(root)]
    }

    /// What one run of operations (a template, a section's body for one item, a block) renders with.
    struct Scope {
        /// Inside a list: the item's place, for `first()` / `last()`.
        var first: Bool?
        var last = false
        /// Put before each line (after the first) of what this run renders (a standalone partial's
        /// indentation): `indents[indent]`.
        var indent = 0
        /// Blocks that the parent calls on the way here fill in (the outermost wins): `blockSets[blocks]`.
        var blocks = 0
        var escape = true
        var depth = 0
    }

    /// The scope of a partial, a parent or a block: no list item; more indentation.
    mutating func entering(_ scope: Scope, indent more: [UInt8]?) -> Scope {
        var inner = scope
        inner.first = nil
        inner.last = false
        if let more, !more.isEmpty {
            indents.append(indents[scope.indent] + more)
            inner.indent = indents.count - 1
        }
        inner.depth += 1
        return inner
    }

    /// A partial that includes itself is cut off here instead of exhausting the stack.
    static let maxDepth = 100

    // MARK: Running

    mutating func run(_ number: Int, _ range: Range<Int>, _ scope: Scope) {
        let code = codes[number]
        let ops = code.ops
        var escape = scope.escape
        let start = out.count
        var i = range.lowerBound
        while i < range.upperBound {
            let before = out.count
            var next = i + 1
            switch ops[i] {
            case .text(let bytes):
                let text = UnsafeBufferPointer(rebasing: code.text[bytes])
                if scope.indent == 0 {
                    out.append(contentsOf: text)
                } else {
                    appendIndented(text, since: start, indent: indents[scope.indent])
                }
                i = next
                continue
            case .variable(let name, let escaped):
                if let value = lookup(code.names.baseAddress! + name, scope) { write(value, escape: escaped && escape) }
            case .section(let name, let end):
                next = end
                var inner = scope
                inner.escape = escape
                section(lookup(code.names.baseAddress! + name, scope), body: number, (i + 1)..<end, inner)
            case .inverted(let name, let end):
                next = end
                var inner = scope
                inner.escape = escape
                inverted(lookup(code.names.baseAddress! + name, scope), body: number, (i + 1)..<end, inner)
            case .partial(let partial, let indent, let blocks, let end):
                next = end
                include(code.links[partial], from: number, indent: indent, blocks: blocks, scope)
            case .dynamicPartial(let name, let indent, let blocks, let end):
                next = end
                if let target = lookup(code.names.baseAddress! + name, scope) as? String, let found = library.index[target] {
                    include(found, from: number, indent: indent, blocks: blocks, scope)
                }
            case .block(let name, let indent, let end):
                next = end
                guard scope.depth < Self.maxDepth else { break }
                let template = library.templates[number]
                var inner = entering(scope, indent: template.indents[indent])
                inner.escape = escape
                if let filled = blockSets[scope.blocks][template.blockNames[name]] {
                    run(filled.template, filled.range, inner)
                } else {
                    run(number, (i + 1)..<end, inner)
                }
            case .escaping(let on):
                escape = on
            }
            // Indentation goes before whatever a tag renders at the start of a line.
            if scope.indent != 0, out.count > before, endsLine(at: before, since: start) {
                out.insert(contentsOf: indents[scope.indent], at: before)
            }
            i = next
        }
    }

    /// A partial or parent: `target` (-1: none), with the blocks that the call at `from` defines.
    mutating func include(_ target: Int, from number: Int, indent: Int, blocks: Int, _ scope: Scope) {
        guard target >= 0, scope.depth < Self.maxDepth else { return }
        var inner = entering(scope, indent: indent >= 0 ? library.templates[number].indents[indent] : nil)
        inner.escape = true
        if blocks >= 0 {
            let defined = library.blockTables[number][blocks]
            blockSets.append(scope.blocks == 0 ? defined : blockSets[scope.blocks].merging(defined) { outer, _ in outer })
            inner.blocks = blockSets.count - 1
        }
        run(target, 0..<codes[target].ops.count, inner)
    }

    /// Whether what this run rendered before `end` ends with a line feed (not CR LF, which counts as
    /// one character that is not a line feed).
    func endsLine(at end: Int, since start: Int) -> Bool {
        end > start && out[end - 1] == 0x0A && !(end - 2 >= start && out[end - 2] == 0x0D)
    }

    mutating func appendIndented(_ text: UnsafeBufferPointer<UInt8>, since start: Int, indent: [UInt8]) {
        var from = text.startIndex
        while from < text.endIndex {
            var to = from
            while to < text.endIndex && text[to] != 0x0A { to += 1 }
            if to < text.endIndex { to += 1 }
            if endsLine(at: out.count, since: start) { out += indent }
            out.append(contentsOf: text[from..<to])
            from = to
        }
    }

    // MARK: Sections

    mutating func section(_ value: Any?, body number: Int, _ range: Range<Int>, _ scope: Scope) {
        guard let value else { return }
        var inner = scope
        inner.first = nil
        inner.last = false
        // The commonest values by their exact type first (see `ExactValue`); then every cast, as before.
        switch ExactValue(value) {
        case .flag(let flag):
            if flag { run(number, range, scope) }
            return
        case .text(let text): return with(.text(text), number, range, inner)
        case .records(let records): return each(records.count, number, range, inner) { Frame.record(records[$0]) }
        case .record(let record): return with(.record(record), number, range, inner)
        case .other: break
        }
        if let flag = value as? Bool {
            if flag { run(number, range, scope) }
            return
        }
        // Text is the commonest value a section is opened on after flags and lists (`{{#summary}}`):
        // pushed as it is, without trying it as a record, a list and an optional first.
        if let text = value as? String { return with(.text(text), number, range, inner) }
        if let records = value as? [TemplateRecord] {
            each(records.count, number, range, inner) { Frame.record(records[$0]) }
        } else if let record = value as? TemplateRecord {
            with(.record(record), number, range, inner)
        } else if value is Int {
            // Numbers and plain dictionaries before the casts to a protocol below, which cost far more
            // (the runtime looks the conformance up); neither is a list or an optional.
            with(.other(value), number, range, inner)
        } else if let dictionary = value as? [String: Any] {
            with(.dictionary(dictionary), number, range, inner)
        } else if let list = value as? any TemplateList {
            let items = list.templateItems
            each(items.count, number, range, inner) { Frame(items[$0]) }
        } else if let optional = value as? any AnyOptional {
            // A nil stored as a value is null: falsey.
            section(optional.wrapped, body: number, range, scope)
        } else {
            with(Frame(value), number, range, inner)
        }
    }

    mutating func inverted(_ value: Any?, body number: Int, _ range: Range<Int>, _ scope: Scope) {
        guard let value else { return run(number, range, scope) }
        switch ExactValue(value) {
        case .flag(let flag):
            if !flag { run(number, range, scope) }
            return
        case .text, .record:
            return
        case .records, .other:
            break
        }
        if value is String { return }
        // Flags and records (the commonest values here) before the cast to a protocol, which costs far
        // more; neither is a list or an optional.
        if let flag = value as? Bool {
            if !flag { run(number, range, scope) }
            return
        }
        if value is TemplateRecord { return }
        if let list = value as? any TemplateList {
            guard list.templateItems.isEmpty else { return }
            var inner = scope
            inner.first = nil
            inner.last = false
            with(.other(value), number, range, inner)
        } else if let flag = value as? Bool {
            if !flag { run(number, range, scope) }
        } else if let optional = value as? any AnyOptional {
            inverted(optional.wrapped, body: number, range, scope)
        }
    }

    mutating func each(_ count: Int, _ number: Int, _ range: Range<Int>, _ scope: Scope, _ item: (Int) -> Frame) {
        var inner = scope
        for position in 0..<count {
            inner.first = position == 0
            inner.last = position == count - 1
            with(item(position), number, range, inner)
        }
    }

    mutating func with(_ frame: Frame, _ number: Int, _ range: Range<Int>, _ scope: Scope) {
        frames.append(frame)
        run(number, range, scope)
        frames.removeLast()
    }

    // MARK: Names

    /// The value of the name at `name` (in a program's memory: read in place, its path not retained).
    func lookup(_ name: UnsafePointer<Name>, _ scope: Scope) -> Any? {
        switch name.pointee.kind {
        case .current:
            return frames[frames.count - 1].value
        case .first:
            return scope.first
        case .last:
            return scope.first == nil ? nil : scope.last
        case .anchored:
            return descend(frames[frames.count - 1].value, name, from: 0)
        case .stack:
            let key = name.pointee.path[0]
            // Each frame read in place: copying it out of the array would retain what it holds — the
            // site-wide values every page's stack starts with, on every core at once.
            return frames.withUnsafeBufferPointer { frames -> Any? in
                var level = frames.count - 1
                while level >= 0 {
                    if let found = Frame.child(of: frames.baseAddress! + level, key) {
                        return name.pointee.path.count == 1 ? found : descend(found, name, from: 1)
                    }
                    level -= 1
                }
                return nil
            }
        }
    }

    /// `value`'s child by the parts of `name`'s path from `from` on.
    func descend(_ value: Any, _ name: UnsafePointer<Name>, from: Int) -> Any? {
        var current = value
        for part in from..<name.pointee.path.count {
            guard let found = Frame(current).child(name.pointee.path[part]) else { return nil }
            current = found
        }
        return current
    }

    // MARK: Writing values

    mutating func write(_ value: Any, escape: Bool) {
        if case .text(let text) = ExactValue(value) {
            append(text, escape: escape)
        } else if let text = value as? String {
            append(text, escape: escape)
        } else if let number = value as? Int {
            append(String(number), escape: false)
        } else if let flag = value as? Bool {
            append(flag ? "true" : "false", escape: false)
        } else if let optional = value as? any AnyOptional {
            // A nil stored as a value is null: it renders nothing.
            if let wrapped = optional.wrapped { write(wrapped, escape: escape) }
        } else {
            append(String(describing: value), escape: escape)
        }
    }

    mutating func append(_ text: String, escape: Bool) {
        var text = text
        text.withUTF8 { bytes in
            if escape { appendEscaped(bytes) } else { out.append(contentsOf: bytes) }
        }
    }

    /// Escapes `& < > " '` as `&amp; &lt; &gt; &quot; &#39;` (the project's one escaper, in GongkaiEscape).
    mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        Markup.append(escaping: bytes, .html, to: &out)
    }
}

/// One entry of the context stack, sorted once when pushed so that lookups need no casts.
///
/// A struct of one field per kind, not an enum with payloads: a lookup reads the field of its kind in
/// place (`child(of:_:)`), where matching an enum case copies its payload out — a retain and a release
/// of what it holds, for every frame a name is looked up in. The frames at the bottom of every page's
/// stack hold the site-wide values, which all cores then retained at once.
struct Frame {
    enum Kind: UInt8 {
        case record, dictionary, text, other
    }

    let kind: Kind
    let record: TemplateRecord
    let dictionary: [String: Any]
    /// A string: it has no children.
    let text: String
    let other: Any

    private init(
        kind: Kind, record: TemplateRecord = TemplateRecord(), dictionary: [String: Any] = [:], text: String = "", other: Any = false
    ) {
        self.kind = kind
        self.record = record
        self.dictionary = dictionary
        self.text = text
        self.other = other
    }

    static func record(_ record: TemplateRecord) -> Frame { Frame(kind: .record, record: record) }
    static func dictionary(_ dictionary: [String: Any]) -> Frame { Frame(kind: .dictionary, dictionary: dictionary) }
    static func text(_ text: String) -> Frame { Frame(kind: .text, text: text) }
    static func other(_ value: Any) -> Frame { Frame(kind: .other, other: value) }

    init(_ value: Any) {
        switch ExactValue(value) {
        case .record(let record):
            self = .record(record)
            return
        case .text(let text):
            self = .text(text)
            return
        case .flag, .records, .other:
            break
        }
        if let record = value as? TemplateRecord {
            self = .record(record)
        } else if let text = value as? String {
            self = .text(text)
        } else if let dictionary = value as? [String: Any] {
            self = .dictionary(dictionary)
        } else {
            self = .other(value)
        }
    }

    var value: Any {
        switch kind {
        case .record: return record
        case .dictionary: return dictionary
        case .text: return text
        case .other: return other
        }
    }

    /// The value named `key`, or nil to look further down the stack. A record ends lookups: it answers
    /// `false` for a key it lacks. Other values answer with their stored properties.
    func child(_ key: String) -> Any? {
        withUnsafePointer(to: self) { Frame.child(of: $0, key) }
    }

    /// `child(_:)` of the frame at `frame`, read in place.
    static func child(of frame: UnsafePointer<Frame>, _ key: String) -> Any? {
        switch frame.pointee.kind {
        case .record:
            // A template's names are ASCII (see `Parser.isNameByte`).
            return frame.pointee.record.value(key, asciiLength: key.utf8.count) ?? false
        case .dictionary: return frame.pointee.dictionary[key]
        case .text: return nil
        case .other:
            guard let found = Mirror(reflecting: frame.pointee.other).children.first(where: { $0.label == key })?.value else { return nil }
            if let optional = found as? any AnyOptional { return optional.wrapped }
            return found
        }
    }
}

/// Lists a section repeats for: arrays, sets and reversed collections.
protocol TemplateList {
    var templateItems: [Any] { get }
}

extension Array: TemplateList {
    var templateItems: [Any] { map { $0 } }
}

extension Set: TemplateList {
    var templateItems: [Any] { map { $0 } }
}

extension ReversedCollection: TemplateList {
    var templateItems: [Any] { map { $0 } }
}

protocol AnyOptional {
    var wrapped: Any? { get }
}

extension Optional: AnyOptional {
    var wrapped: Any? { map { $0 } }
}
