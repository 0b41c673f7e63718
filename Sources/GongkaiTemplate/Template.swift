/// One compiled template: a flat program of operations. Text is kept as UTF-8 bytes, names are split
/// on dots, and a section's operation holds the index just past its body.
public struct Template: Sendable {
    enum Op: Sendable {
        /// Bytes `range` of `text`.
        case text(Range<Int>)
        case variable(Int, escaped: Bool)
        /// Body: the operations up to `end`.
        case section(Int, end: Int)
        case inverted(Int, end: Int)
        /// `{{>…}}` (`blocks` -1) or `{{<…}}`: template `partials[partial]`, rendered with `indents[indent]`
        /// (-1: none) and, for a parent, the blocks `blocks[blocks]` defined here. Block bodies follow the
        /// operation, up to `end`.
        case partial(Int, indent: Int, blocks: Int, end: Int)
        /// `{{>*key}}` / `{{<*key}}`: the template named by the value of `names[name]`.
        case dynamicPartial(name: Int, indent: Int, blocks: Int, end: Int)
        /// `{{$name}}default{{/name}}`: `blockNames[name]`, default body up to `end`.
        case block(Int, indent: Int, end: Int)
        case escaping(Bool)
    }

    /// The compiled program, shared by every copy of the template.
    final class Program: Sendable {
        let ops: [Op]
        let text: [UInt8]
        let names: [Name]
        let indents: [[UInt8]]
        /// Partial and parent names as written; `TemplateLibrary` resolves them to templates.
        let partials: [String]
        let blockNames: [String]
        /// Per parent call: block name → the operations of its body here.
        let blocks: [[String: Range<Int>]]

        init(_ builder: Builder) {
            (ops, text, names, indents) = (builder.ops, builder.text, builder.names, builder.indents)
            (partials, blockNames, blocks) = (builder.partials, builder.blockNames, builder.blocks)
        }
    }

    let program: Program

    /// Compiles `source`. `firstLineFollowsTag`: parse as if a tag that renders nothing stood before the
    /// first character, the way Gongkai's templates were parsed behind a pragma in swift-mustache: a
    /// lone tag on line 1 then keeps its line end.
    public init(_ source: String, firstLineFollowsTag: Bool = false) throws(TemplateError) {
        var parser = Parser(source)
        let nodes: [Node]
        do {
            nodes = try parser.parse(firstLineFollowsTag: firstLineFollowsTag)
        } catch {
            let (line, column) = Self.position(of: error.offset, in: parser.bytes)
            throw TemplateError(line: line, column: column, reason: error.reason)
        }
        var builder = Builder()
        builder.emit(nodes)
        program = Program(builder)
    }

    /// Line and column (in characters) of byte `offset`; a line ends at LF, CR LF or CR.
    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        var i = 0
        while i < offset {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return (line, String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1)
    }

}

/// Flattens the parsed tree into a program.
struct Builder {
    var ops: [Template.Op] = []
    var text: [UInt8] = []
    var names: [Name] = []
    var indents: [[UInt8]] = []
    var partials: [String] = []
    var blockNames: [String] = []
    var blocks: [[String: Range<Int>]] = []

    mutating func emit(_ nodes: [Node]) {
        // Adjacent text of this level is one operation (the renderer still indents after each line feed).
        var merge: Int?
        for node in nodes {
            if case .text(let bytes) = node {
                guard !bytes.isEmpty else { continue }
                if let at = merge, case .text(let range) = ops[at] {
                    ops[at] = .text(range.lowerBound..<(text.count + bytes.count))
                } else {
                    merge = ops.count
                    ops.append(.text(text.count..<(text.count + bytes.count)))
                }
                text += bytes
                continue
            }
            merge = nil
            switch node {
            case .text:
                break
            case .variable(let name, let escaped):
                names.append(name)
                ops.append(.variable(names.count - 1, escaped: escaped))
            case .section(let name, let inverted, let body):
                names.append(name)
                let nameIndex = names.count - 1
                let at = ops.count
                ops.append(.escaping(true))  // placeholder until the body's end is known
                emit(body)
                ops[at] = inverted ? .inverted(nameIndex, end: ops.count) : .section(nameIndex, end: ops.count)
            case .partial(let name, let dynamic, let indent, let definitions):
                emitPartial(name, dynamic: dynamic, indent: indent, definitions: definitions)
            case .block(let name, let indent, let body):
                blockNames.append(name)
                indents.append(indent)
                let (nameIndex, indentIndex) = (blockNames.count - 1, indents.count - 1)
                let at = ops.count
                ops.append(.escaping(true))  // placeholder until the body's end is known
                emit(body)
                ops[at] = .block(nameIndex, indent: indentIndex, end: ops.count)
            case .escaping(let on):
                ops.append(.escaping(on))
            case .blockDefinition:
                break  // only inside a parent, where `emitPartial` takes them
            }
        }
    }

    mutating func emitPartial(_ name: String, dynamic: Bool, indent: [UInt8]?, definitions: [(String, [Node])]?) {
        var indentIndex = -1
        if let indent {
            indents.append(indent)
            indentIndex = indents.count - 1
        }
        let at = ops.count
        ops.append(.escaping(true))  // placeholder until the block bodies' end is known
        var blocksIndex = -1
        if let definitions {
            var table: [String: Range<Int>] = [:]
            for (blockName, body) in definitions {
                let start = ops.count
                emit(body)
                table[blockName] = start..<ops.count
            }
            blocks.append(table)
            blocksIndex = blocks.count - 1
        }
        if dynamic {
            names.append(Name(name))
            ops[at] = .dynamicPartial(name: names.count - 1, indent: indentIndex, blocks: blocksIndex, end: ops.count)
        } else {
            partials.append(name)
            ops[at] = .partial(partials.count - 1, indent: indentIndex, blocks: blocksIndex, end: ops.count)
        }
    }
}
