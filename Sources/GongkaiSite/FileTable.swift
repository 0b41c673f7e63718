import Foundation
import GongkaiContent

/// Paths with their stamps, looked up by path: the files a folder holds (what the spare holds, from its
/// manifest, which every `gongkai build` reads and looks each file it writes up in: 19.7k files at 10k
/// pages), or the paths a build made before the portal's pages (`Generated.taken`).
/// As a `[String: FileStamp]` each file cost a `String` made from its manifest line, hashed and put in
/// (~4,500 instructions); here its bytes are copied into one buffer and hashed eight at a time.
///
/// Paths are compared as bytes, as the file system names files: two spellings of one text that Swift
/// finds equal (composed and decomposed accents) are two files on Linux, and two entries here.
struct FileTable: Sendable {
    /// Every path's bytes, one after another, in the order they were added.
    private var text: [UInt8] = []
    /// Where each path ends in `text` (the first starts at 0, each next where the one before ends).
    private var ends: [Int] = []
    /// Each path's stamp, in the order they were added.
    private(set) var stamps: [FileStamp] = []
    /// Open addressing with linear probing: an entry's number + 1, or 0 for an empty slot; never more
    /// than half full.
    private var slots: [Int32]

    /// `capacity`: about how many paths will be added (the table grows past it).
    init(capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        ends.reserveCapacity(capacity)
        stamps.reserveCapacity(capacity)
        text.reserveCapacity(capacity * 48)
    }

    /// The paths of `outputs` (their stamps as they are), as a set of names: `contains`.
    init(paths outputs: [OutputFile]) {
        self.init(capacity: outputs.count)
        for file in outputs { add(file.path, file.stamp) }
    }

    var count: Int { stamps.count }

    func contains(_ path: String) -> Bool { index(of: path) != nil }
    var isEmpty: Bool { stamps.isEmpty }

    /// Adds `path` with `stamp`. A path the table has already: its stamp is set when `replacing`, else
    /// nothing changes and the result is false.
    @discardableResult
    mutating func add(_ path: UnsafeRawBufferPointer, _ stamp: FileStamp, replacing: Bool = false) -> Bool {
        if (count + 1) * 2 > slots.count { grow() }
        var slot = Self.slot(of: path, in: slots.count)
        while slots[slot] != 0 {
            let at = Int(slots[slot]) - 1
            if holds(at, path) {
                if replacing { stamps[at] = stamp }
                return replacing
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        text.append(contentsOf: path)
        ends.append(text.count)
        stamps.append(stamp)
        slots[slot] = Int32(stamps.count)
        return true
    }

    @discardableResult
    mutating func add(_ path: String, _ stamp: FileStamp, replacing: Bool = false) -> Bool {
        var path = path
        return path.withUTF8 { add(UnsafeRawBufferPointer($0), stamp, replacing: replacing) }
    }

    /// The number of `path`'s entry (its place in `stamps`), or nil.
    func index(of path: String) -> Int? {
        var path = path
        return path.withUTF8 { find(UnsafeRawBufferPointer($0)) }
    }

    subscript(path: String) -> FileStamp? { index(of: path).map { stamps[$0] } }

    /// The path of entry `index`.
    func path(at index: Int) -> String {
        text.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start(index)..<ends[index]]), as: UTF8.self) }
    }

    /// Every entry as path and stamp (tests, and what a folder holds that a build did not write).
    var dictionary: [String: FileStamp] {
        var all: [String: FileStamp] = [:]
        for n in stamps.indices { all[path(at: n)] = stamps[n] }
        return all
    }

    private func start(_ index: Int) -> Int { index == 0 ? 0 : ends[index - 1] }

    private func find(_ path: UnsafeRawBufferPointer) -> Int? {
        var slot = Self.slot(of: path, in: slots.count)
        while slots[slot] != 0 {
            let at = Int(slots[slot]) - 1
            if holds(at, path) { return at }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    private func holds(_ index: Int, _ path: UnsafeRawBufferPointer) -> Bool {
        let from = start(index)
        guard ends[index] - from == path.count else { return false }
        if path.isEmpty { return true }
        return text.withUnsafeBytes { memcmp($0.baseAddress! + from, path.baseAddress!, path.count) == 0 }
    }

    private static func slot(of path: UnsafeRawBufferPointer, in size: Int) -> Int {
        var hash = StableHash()
        hash.add(path)
        return Int(truncatingIfNeeded: hash.value) & (size - 1)
    }

    private mutating func grow() {
        var larger = [Int32](repeating: 0, count: slots.count * 2)
        text.withUnsafeBytes { text in
            for n in stamps.indices {
                let from = n == 0 ? 0 : ends[n - 1]
                var slot = Self.slot(of: UnsafeRawBufferPointer(rebasing: text[from..<ends[n]]), in: larger.count)
                while larger[slot] != 0 { slot = (slot + 1) & (larger.count - 1) }
                larger[slot] = Int32(n + 1)
            }
        }
        slots = larger
    }
}
