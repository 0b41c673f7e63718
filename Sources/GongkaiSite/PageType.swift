import Foundation

/// A kind of output of the portal (an archive, a gallery, a print view…), declared once: the value it
/// is rendered from (`Inputs`) and how. `render` is static and sees nothing but its `Inputs` and the
/// site-wide `RenderEnvironment`, so a page cannot show what its inputs do not hold; the output's
/// key is derived from the `Inputs` value (`InputKey`), so it cannot leave out what the page shows.
///
/// Inputs hold what the page shows, worked out beforehand: a list's entries (title, date, summary,
/// link), not the pages they come from. A change to a page that leaves those the same (its body,
/// a field the list does not show) leaves the key the same, and the output is not rendered again.
protocol PageType {
    associatedtype Inputs: Codable
    /// The output's files, from its inputs alone.
    static func render(_ inputs: Inputs, in env: RenderEnvironment) -> [OutputFile]
}

/// One output to make: which it is, of what type, and from what.
struct PlannedOutput<Type: PageType> {
    let id: OutputID
    let inputs: Type.Inputs

    init(_ id: OutputID, _ type: Type.Type, _ inputs: Type.Inputs) {
        self.id = id
        self.inputs = inputs
    }

    /// The key: the environment's fingerprint, the type and every value the inputs encode.
    func key(in env: RenderEnvironment) -> UInt64 {
        InputKey.of(inputs, global: env.fingerprint, type: Self.typeName)
    }

    /// The type's name, as keys and tests name it: what `String(describing: Type.self)` gives, without
    /// the casts to `CustomStringConvertible` and the like that it tries first (for every output).
    static var typeName: String { _typeName(Type.self, qualified: false) }
}

/// Tests see every output a build plans (`PlannedOutputProbe.handler`), with what they need to check
/// that its inputs hold everything its render reads: the inputs as JSON, and the key and render of any
/// JSON made from them.
struct PlannedCheck {
    let id: OutputID
    let type: String
    let key: UInt64
    /// The key made without the hashing encoder's direct path (`DirectlyHashed`): equal to `key`.
    let keyThroughContainers: UInt64
    let json: Data
    /// The key of inputs decoded from JSON (nil: it does not decode).
    let keyOf: (Data) -> UInt64?
    /// The render of inputs decoded from JSON (nil: it does not decode).
    let renderOf: (Data) -> [OutputFile]?

    init<Type: PageType>(_ output: PlannedOutput<Type>, in env: RenderEnvironment) {
        id = output.id
        type = PlannedOutput<Type>.typeName
        key = output.key(in: env)
        keyThroughContainers = InputKey.of(output.inputs, global: env.fingerprint, type: type, direct: false)
        json = (try? JSONEncoder().encode(output.inputs)) ?? Data()
        func decode(_ data: Data) -> Type.Inputs? { try? JSONDecoder().decode(Type.Inputs.self, from: data) }
        keyOf = { data in decode(data).map { PlannedOutput(output.id, Type.self, $0).key(in: env) } }
        renderOf = { data in decode(data).map { Type.render($0, in: env) } }
    }
}

/// A test hook: when `handler` is set, `OutputMemo.make` reports each output to it before making it.
enum PlannedOutputProbe {
    private static let lock = NSLock()
    // Read and written only under `lock`.
    nonisolated(unsafe) private static var current: ((PlannedCheck) -> Void)?

    static var handler: ((PlannedCheck) -> Void)? {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}
