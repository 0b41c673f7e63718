/// Which link targets content may use.
public enum URLSafety {
    /// `javascript:`, `vbscript:`, `file:` and `data:` (except `data:image/png|gif|jpeg|webp` images),
    /// compared the way browsers read a scheme: case-insensitive, ignoring control characters and spaces.
    public static func isDangerous(_ url: String, isImage: Bool) -> Bool {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar == ":" { break }
            if scalar.value <= 0x20 { continue }
            if scheme.unicodeScalars.count > 12 { return false }
            scheme.unicodeScalars.append(scalar)
        }
        guard url.contains(":") else { return false }
        switch scheme.lowercased() {
        case "javascript", "vbscript", "file":
            return true
        case "data":
            if !isImage { return true }
            let lower = url.lowercased()
            return !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lower.hasPrefix($0) }
        default:
            return false
        }
    }
}

/// HTML escaping for text and attribute values.
public enum HTML {
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    public static func escapeAttribute(_ text: String) -> String { escape(text) }
}
