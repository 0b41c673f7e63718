/// Templates by name, with partials (`{{>name}}`) and parents (`{{<name}}`) linked to each other.
public struct TemplateLibrary: Sendable {
    let templates: [Template.Program]
    let index: [String: Int]
    /// Per template: what each of its partial names refers to (-1: no such template, renders nothing).
    let links: [[Int]]
    /// Per template: each parent call's blocks, as the renderer finds them.
    let blockTables: [[[String: BlockRef]]]
    /// The programs' operations, text, names and links again, for the renderer (see `ProgramMemory`).
    let memory: ProgramMemory

    struct BlockRef {
        let template: Int
        let range: Range<Int>
    }

    public init(_ named: [String: Template]) {
        let names = named.keys.sorted()
        let templates = names.map { named[$0]!.program }
        self.templates = templates
        var index: [String: Int] = [:]
        for (number, name) in names.enumerated() { index[name] = number }
        self.index = index
        links = templates.map { template in template.partials.map { index[$0] ?? -1 } }
        memory = ProgramMemory(templates, links: links)
        blockTables = templates.indices.map { number in
            templates[number].blocks.map { table in table.mapValues { BlockRef(template: number, range: $0) } }
        }
    }

    public func contains(_ name: String) -> Bool { index[name] != nil }

    /// The template `name` rendered with `context` (usually `[String: Any]`) as UTF-8; nil without
    /// such a template.
    public func render(_ name: String, _ context: Any) -> [UInt8]? {
        guard let number = index[name] else { return nil }
        var renderer = Renderer(library: self, root: context)
        renderer.out.reserveCapacity(max(16_384, templates[number].text.count * 2))
        renderer.run(number, 0..<templates[number].ops.count, Renderer.Scope())
        return renderer.out
    }
}
