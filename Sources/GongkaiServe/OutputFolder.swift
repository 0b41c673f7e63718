import Foundation
import GongkaiContent

/// The built site on disk, as the preview server may read it: only regular files inside the folder,
/// symlinks that lead out of it refused. The folder is looked up afresh for every request, because a
/// build replaces it whole.
public struct OutputFolder: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public enum Lookup: Equatable, Sendable {
        /// A file to send: its absolute path and its path relative to the folder.
        case file(absolute: String, relative: String)
        /// A folder asked for without the final `/`: send the browser there, so relative links work.
        case redirect(String)
        case notFound
        /// No site has been built yet.
        case noOutput
    }

    public func lookup(_ request: RequestPath) -> Lookup {
        guard let root = SiteFiles.realPath(path) else { return .noOutput }
        var relative = request.relative
        var candidate = relative.isEmpty ? root : root + "/" + relative
        var info = stat()
        guard stat(candidate, &info) == 0 else { return .notFound }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            if !request.trailingSlash && !request.segments.isEmpty { return .redirect(request.folderURL) }
            relative = relative.isEmpty ? "index.html" : relative + "/index.html"
            candidate = root + "/" + relative
            guard stat(candidate, &info) == 0 else { return .notFound }
        }
        guard (info.st_mode & S_IFMT) == S_IFREG,
            let real = SiteFiles.realPath(candidate), real.hasPrefix(root + "/")
        else { return .notFound }
        return .file(absolute: real, relative: relative)
    }

    /// The site's own "page not found" page, if it has one.
    public func notFoundPage() -> [UInt8]? {
        guard case .file(let absolute, _) = lookup(RequestPath(segments: ["404.html"], trailingSlash: false)) else { return nil }
        return SiteFiles.readBytes(absolute)
    }
}
