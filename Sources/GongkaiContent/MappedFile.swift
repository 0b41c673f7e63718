import Foundation

/// A whole file's bytes, mapped read-only into memory (`mmap`) where the file system allows it, else
/// read. For the build's own large files (the build state's parts, the output manifests: tens of
/// megabytes each build), which a read first zeroes, faults in and copies; a mapping of a file in the
/// page cache does none of that.
///
/// The mapping is private and the build never writes these files in place: a new version is written
/// to a temporary file and renamed over the old one, which leaves the mapped file as it was until the
/// last reference goes (then it is unmapped). A file that is not a regular file is refused, as
/// `SiteFiles.readBytes` refuses it.
// Safe to share because: the bytes are only read, and neither the pointer nor the array is changed after `init`.
public final class MappedFile: @unchecked Sendable {
    /// The mapping, or nil when the file was read instead (or is empty).
    private let mapped: UnsafeMutableRawPointer?
    private let read: [UInt8]
    public let count: Int

    /// The file at `path`, or nil when it cannot be opened, is not a regular file or cannot be read.
    public init?(_ path: String) {
        let opened = SiteFiles.withRegularFile(path) { fd, size -> (mapped: UnsafeMutableRawPointer?, read: [UInt8], count: Int)? in
            // MAP_POPULATE: the pages are mapped now, in one step, not faulted in one at a time by the reads.
            if size > 0, let pointer = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), pointer != MAP_FAILED {
                return (pointer, [], size)
            }
            return SiteFiles.readBytes(fd: fd, size: size).map { (nil, $0, $0.count) }
        }
        guard let opened else { return nil }
        (mapped, read, count) = opened
    }

    deinit {
        if let mapped { munmap(mapped, count) }
    }

    public func withUnsafeBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        if let mapped { return try body(UnsafeRawBufferPointer(start: mapped, count: count)) }
        return try read.withUnsafeBytes(body)
    }

    public func withUnsafeBufferPointer<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try withUnsafeBytes { try $0.withMemoryRebound(to: UInt8.self, body) }
    }
}
