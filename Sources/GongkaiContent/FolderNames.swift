import Foundation

/// The names in one folder, read with `readdir` as bytes, in the order `String`'s `<` puts them, each
/// with its `lstat` asked of the folder (opened once: the kernel looks up one name, not the whole path).
///
/// The names are those `FileManager.contentsOfDirectory(atPath:)` gives (every entry but `.`, `..` and
/// `._`, a name that is not UTF-8 repaired as `String(cString:)` repairs it), sorted as `sorted()`
/// sorts them: when every name is ASCII, by their bytes (then the same order: `<` compares the
/// Unicode scalars, which for ASCII are the bytes), else as `String`s.
public struct FolderNames {
    /// Every name's UTF-8 bytes, each followed by a 0 (so that it is a C string for `fstatat`).
    private var bytes: [UInt8] = []
    /// Where each name is in `bytes` (without its 0), in sorted order.
    private var spans: [Range<Int>] = []
    /// Each name's `lstat` (nil: it failed), in the same order.
    public private(set) var infos: [stat?] = []

    public var count: Int { spans.count }

    /// Nil when the folder cannot be listed.
    public init?(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard let folder = fdopendir(fd) else {
            close(fd)
            return nil
        }
        defer { closedir(folder) }
        var ascii = true
        while let entry = readdir(folder) {
            guard entry.pointee.d_ino != 0 else { continue }
            let start = bytes.count
            withUnsafeBytes(of: &entry.pointee.d_name) { name in
                let length = strlen(name.baseAddress!.assumingMemoryBound(to: CChar.self))
                let name = UnsafeRawBufferPointer(rebasing: name[..<length])
                bytes.append(contentsOf: name)
                if ascii && name.contains(where: { $0 >= 0x80 }) { ascii = false }
            }
            let span = start..<bytes.count
            if FolderNames.isSkipped(bytes[span]) {
                bytes.removeSubrange(span)
                continue
            }
            bytes.append(0)
            spans.append(span)
        }
        if ascii {
            bytes.withUnsafeBufferPointer { all in
                spans.sort { a, b in
                    let common = min(a.count, b.count)
                    let order = common == 0 ? 0 : memcmp(all.baseAddress! + a.lowerBound, all.baseAddress! + b.lowerBound, common)
                    return order != 0 ? order < 0 : a.count < b.count
                }
            }
        } else {
            // Not all ASCII: the names as `String`s (a name that is not UTF-8 repaired), sorted as `String`s.
            let names = spans.map { String(decoding: bytes[$0], as: UTF8.self) }.sorted()
            bytes = []
            spans = []
            for name in names {
                let start = bytes.count
                bytes.append(contentsOf: name.utf8)
                spans.append(start..<bytes.count)
                bytes.append(0)
            }
        }
        let descriptor = dirfd(folder)
        infos = bytes.withUnsafeBufferPointer { all in
            all.withMemoryRebound(to: CChar.self) { names in
                spans.map { span in
                    var info = stat()
                    return fstatat(descriptor, names.baseAddress! + span.lowerBound, &info, AT_SYMLINK_NOFOLLOW) == 0 ? info : nil
                }
            }
        }
    }

    /// `.`, `..` and `._`, which `FileManager.contentsOfDirectory(atPath:)` leaves out.
    static func isSkipped(_ name: ArraySlice<UInt8>) -> Bool {
        guard name.first == 0x2E, name.count <= 2 else { return false }
        return name.count == 1 || name.last == 0x2E || name.last == 0x5F
    }

    /// `body` given the bytes of name `n` (without its 0).
    public func withName<R>(_ n: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[spans[n]])) }
    }

    /// Name `n` as a `String`.
    public func name(_ n: Int) -> String {
        withName(n) { String(decoding: $0, as: UTF8.self) }
    }

    /// `prefix` followed by name `n`, as a `String`.
    public func path(_ prefix: [UInt8], _ n: Int) -> String {
        withName(n) { name in
            String(unsafeUninitializedCapacity: prefix.count + name.count) { buffer in
                _ = buffer.initialize(fromContentsOf: prefix)
                _ = buffer[prefix.count...].initialize(fromContentsOf: name)
                return prefix.count + name.count
            }
        }
    }
}
