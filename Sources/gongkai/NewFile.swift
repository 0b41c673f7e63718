import Foundation

/// Creates files that must not exist yet: `init` and `new` never overwrite an editor's work.
enum NewFile {
    enum Failure: Error, CustomStringConvertible {
        case exists
        case system(String)

        var description: String {
            switch self {
            case .exists: "file exists"
            case .system(let reason): reason
            }
        }
    }

    /// Creates the folders above `path` and the file itself, failing with `.exists` if it is already there
    /// (checked and created in one step, `O_EXCL`).
    static func create(_ path: String, text: String) throws {
        try create(path, bytes: Array(text.utf8))
    }

    static func create(_ path: String, bytes: [UInt8]) throws {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure.system(error.localizedDescription)
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if fd < 0 {
            throw errno == EEXIST ? Failure.exists : Failure.system(String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure.system(String(cString: strerror(errno)))
            }
            done += n
        }
    }
}
