/// The Content-Type of a file served from the output folder, by its extension.
public enum MediaType {
    static let types: [String: String] = [
        "html": "text/html", "htm": "text/html", "css": "text/css", "js": "text/javascript",
        "mjs": "text/javascript", "json": "application/json", "xml": "application/xml",
        "rss": "application/rss+xml", "atom": "application/atom+xml", "txt": "text/plain",
        "md": "text/markdown", "csv": "text/csv", "svg": "image/svg+xml", "png": "image/png",
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "avif": "image/avif", "ico": "image/x-icon", "pdf": "application/pdf", "woff": "font/woff",
        "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf", "mp3": "audio/mpeg",
        "mp4": "video/mp4", "webm": "video/webm", "zip": "application/zip",
        "doc": "application/msword", "xls": "application/vnd.ms-excel",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "wps": "application/vnd.ms-works", "ofd": "application/ofd",
    ]

    /// Types that are text although not `text/*`.
    static let textual: Set<String> = [
        "application/json", "application/xml", "application/rss+xml", "application/atom+xml", "image/svg+xml",
    ]

    /// `text/html; charset=utf-8`, `image/png`, … and `application/octet-stream` for anything unknown.
    public static func forPath(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        let ext = name[name.index(after: dot)...].lowercased()
        guard let type = types[ext] else { return "application/octet-stream" }
        return isText(type) ? type + "; charset=utf-8" : type
    }

    public static func isText(_ type: String) -> Bool {
        type.hasPrefix("text/") || textual.contains(type)
    }

    public static func isHTML(_ path: String) -> Bool {
        forPath(path).hasPrefix("text/html")
    }
}
