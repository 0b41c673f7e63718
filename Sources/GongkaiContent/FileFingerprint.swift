import Foundation

/// What `stat` says about an input file, without reading it: what the incremental build compares to
/// see that a file may have changed (device, inode, size, modification and change times). One type for
/// every input-side cache: parsed files (`ParseCache`), the build stamp, and what the build state kept
/// between runs records of them.
///
/// A file written in the last two seconds is not *settled*: a second write within the file system's
/// timestamp granularity could leave its fingerprint unchanged, so a cache does not keep it.
public struct FileFingerprint: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int
    public var seconds: Int
    public var nanoseconds: Int
    public var changeSeconds: Int
    public var changeNanoseconds: Int
    public var mode: UInt32

    /// A regular file's fingerprint (following a symlink); nil for anything else or a missing file.
    public init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// nil unless `info` describes a regular file.
    public init?(_ info: stat) {
        guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        self.init(any: info)
    }

    /// Any kind of entry (a folder, a symlink as `lstat` saw it).
    public init(any info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int(info.st_size)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
        changeSeconds = Int(info.st_ctim.tv_sec)
        changeNanoseconds = Int(info.st_ctim.tv_nsec)
        mode = UInt32(info.st_mode)
    }

    public var isSettled: Bool {
        Double(seconds) < Date().timeIntervalSince1970 - 2
    }

    /// What the build stamp hashes of an entry: size, modification time, inode and mode (numbers, no text).
    public func addStamp(to hash: inout StableHash) {
        for number in [size, seconds, nanoseconds, Int(truncatingIfNeeded: inode), Int(mode)] { hash.add(number) }
    }

    /// Fixed-width (a build restores one per file of the site: eight numbers of a few bytes each cost
    /// more to read as variable-width ones than the bytes they save).
    public func write(to out: inout BinaryWriter) {
        out.fixed64(device)
        out.fixed64(inode)
        out.fixed64(UInt64(bitPattern: Int64(size)))
        out.fixed64(UInt64(bitPattern: Int64(seconds)))
        out.fixed64(UInt64(bitPattern: Int64(nanoseconds)))
        out.fixed64(UInt64(bitPattern: Int64(changeSeconds)))
        out.fixed64(UInt64(bitPattern: Int64(changeNanoseconds)))
        out.fixed64(UInt64(mode))
    }

    public init(from reader: inout BinaryReader) throws {
        device = try reader.fixed64()
        inode = try reader.fixed64()
        size = Int(Int64(bitPattern: try reader.fixed64()))
        seconds = Int(Int64(bitPattern: try reader.fixed64()))
        nanoseconds = Int(Int64(bitPattern: try reader.fixed64()))
        changeSeconds = Int(Int64(bitPattern: try reader.fixed64()))
        changeNanoseconds = Int(Int64(bitPattern: try reader.fixed64()))
        guard let mode = UInt32(exactly: try reader.fixed64()) else { throw BinaryReader.Damaged(at: reader.position) }
        self.mode = mode
    }
}
