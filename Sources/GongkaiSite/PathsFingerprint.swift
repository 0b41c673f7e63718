import Foundation
import GongkaiContent

/// The fingerprint of output paths in order (`StableHash` of their count and each path's bytes), kept
/// with the paths it was made of. Asked again for the same paths, as serve's next build asks (a kept
/// output holds the very string of the last build's), it compares each path with the last one at its
/// place instead of hashing every byte again: two strings whose representations are the same words
/// (the same storage, or the same small string) are the same bytes without reading them; others are
/// compared byte by byte.
// Safe to share because: `last` is read and written only inside `lock.withLock`.
final class PathsFingerprint: @unchecked Sendable {
    private let lock = NSLock()
    private var last: (paths: [String], fingerprint: UInt64)?

    func of(_ outputs: [OutputFile]) -> UInt64 {
        if let last = lock.withLock({ last }), last.paths.count == outputs.count, Self.same(outputs, last.paths) {
            return last.fingerprint
        }
        var hash = StableHash()
        hash.add(outputs.count)
        for n in outputs.indices { hash.add(outputs[n].path) }
        let fingerprint = hash.value
        lock.withLock { last = (outputs.map(\.path), fingerprint) }
        return fingerprint
    }

    /// Whether each output's path is the same bytes as the path at its place in `paths` (as many).
    private static func same(_ outputs: [OutputFile], _ paths: [String]) -> Bool {
        guard let offset = MemoryLayout<OutputFile>.offset(of: \OutputFile.path) else {
            return outputs.indices.allSatisfy { outputs[$0].path.sameBytes(as: paths[$0]) }
        }
        let stride = MemoryLayout<OutputFile>.stride
        return outputs.withUnsafeBytes { files in
            paths.withUnsafeBytes { kept in
                for n in 0..<paths.count {
                    // A string's two words, read in place (no retain, nothing behind them read).
                    let a = files.loadUnaligned(fromByteOffset: n * stride + offset, as: (UInt64, UInt64).self)
                    let b = kept.loadUnaligned(fromByteOffset: n * MemoryLayout<String>.stride, as: (UInt64, UInt64).self)
                    if a != b && !outputs[n].path.sameBytes(as: paths[n]) { return false }
                }
                return true
            }
        }
    }
}
