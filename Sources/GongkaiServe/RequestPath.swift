/// The path part of a request target, checked before it comes near the file system.
///
/// Works on the raw, percent-encoded target as the client sent it, so `/../site.yaml`, `/%2e%2e/site.yaml`
/// and `/a/..%2f..%2fsite.yaml` are all seen for what they are instead of being normalised into
/// something harmless-looking first.
public struct RequestPath: Equatable, Sendable {
    /// Decoded path segments, none empty, none `.` or `..`, none containing `/`, `\` or NUL.
    public var segments: [String]
    /// Whether the target ended with `/` (a folder was asked for).
    public var trailingSlash: Bool

    public enum Problem: Error, Equatable, Sendable {
        /// Not a path at all, bad percent-encoding, or a `.`/`..` segment: 400.
        case badRequest
        /// A hidden name (starting with `.`): never served, 404.
        case hidden
    }

    public init(segments: [String], trailingSlash: Bool) {
        self.segments = segments
        self.trailingSlash = trailingSlash
    }

    /// Parses a raw target path such as `/villages/xinghua/notices/2026-11-%E5%AE%AA.html`.
    public static func parse(_ raw: String) -> Result<RequestPath, Problem> {
        guard raw.hasPrefix("/") else { return .failure(.badRequest) }
        var segments: [String] = []
        var hidden = false
        for part in raw.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = String(part).removingPercentEncoding else { return .failure(.badRequest) }
            if decoded == "." || decoded == ".." { return .failure(.badRequest) }
            if decoded.contains("/") || decoded.contains("\\") || decoded.unicodeScalars.contains(where: { $0.value == 0 }) {
                return .failure(.badRequest)
            }
            if decoded.hasPrefix(".") { hidden = true }
            segments.append(decoded)
        }
        if hidden { return .failure(.hidden) }
        return .success(RequestPath(segments: segments, trailingSlash: raw.hasSuffix("/")))
    }

    /// The path relative to the output folder (`villages/xinghua/index.html`), empty for the root.
    public var relative: String { segments.joined(separator: "/") }

    /// The folder form of this path, percent-encoded, for a redirect: `/villages/xinghua/`.
    public var folderURL: String {
        "/" + segments.map(RequestPath.encode).map { $0 + "/" }.joined()
    }

    /// Percent-encodes one segment (everything outside unreserved ASCII).
    static func encode(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
