/// A library's programs copied into memory that the renderer reads through plain pointers, retaining
/// nothing.
///
/// Pages are rendered on every core at once from one library. Reading an array that a shared program
/// holds (its operations, its text, a name's path) retains that array and releases it after, and when
/// two cores retain the same object they take turns on the cache line that holds its count: in a full
/// build of 10k pages, the renderer's own retains and releases took ~120 ms of CPU on two cores against
/// ~45 ms on one (`perf record -g`, callers of `swift_retain`/`swift_release`, the build pinned to one
/// core with `taskset -c 0` for the second figure). The operations, text, names and partial links of
/// each program are copied here once, when the library is made, and freed with it.
final class ProgramMemory: @unchecked Sendable {
    // Safe to share because: the memory is written only in `init` and read-only until `deinit`.

    /// One program's parts, as the renderer reads them.
    struct Code {
        let ops: UnsafeBufferPointer<Template.Op>
        let text: UnsafeBufferPointer<UInt8>
        let names: UnsafeBufferPointer<Name>
        /// What each partial name refers to (see `TemplateLibrary.links`).
        let links: UnsafeBufferPointer<Int>
    }

    /// Per program of the library, in its order.
    let codes: UnsafeBufferPointer<Code>

    init(_ programs: [Template.Program], links: [[Int]]) {
        var codes: [Code] = []
        codes.reserveCapacity(programs.count)
        for (program, links) in zip(programs, links) {
            codes.append(
                Code(
                    ops: UnsafeBufferPointer(Self.copy(program.ops)), text: UnsafeBufferPointer(Self.copy(program.text)),
                    names: UnsafeBufferPointer(Self.copy(program.names)), links: UnsafeBufferPointer(Self.copy(links))))
        }
        self.codes = UnsafeBufferPointer(Self.copy(codes))
    }

    /// `elements` in memory of their own (copied: a name's path is retained, and released in `deinit`).
    private static func copy<T>(_ elements: [T]) -> UnsafeMutableBufferPointer<T> {
        let memory = UnsafeMutableBufferPointer<T>.allocate(capacity: max(elements.count, 1))
        _ = memory.initialize(from: elements)
        return UnsafeMutableBufferPointer(rebasing: memory[0..<elements.count])
    }

    deinit {
        for code in codes {
            UnsafeMutableBufferPointer(mutating: code.names).deinitialize()
            for memory in [
                UnsafeRawPointer(code.ops.baseAddress), UnsafeRawPointer(code.text.baseAddress), UnsafeRawPointer(code.names.baseAddress),
                UnsafeRawPointer(code.links.baseAddress),
            ] {
                UnsafeMutableRawPointer(mutating: memory)?.deallocate()
            }
        }
        UnsafeMutableRawPointer(mutating: codes.baseAddress)?.deallocate()
    }
}
