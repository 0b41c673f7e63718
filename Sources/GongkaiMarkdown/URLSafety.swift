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
    /// Escapes `& < > " '` on UTF-8 bytes (templates call this for every `{{…}}`, so it must be cheap).
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count + 16)
        for b in text.utf8 {
            switch b {
            case 0x26: out += [0x26, 0x61, 0x6D, 0x70, 0x3B]             // &amp;
            case 0x3C: out += [0x26, 0x6C, 0x74, 0x3B]                   // &lt;
            case 0x3E: out += [0x26, 0x67, 0x74, 0x3B]                   // &gt;
            case 0x22: out += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]       // &quot;
            case 0x27: out += [0x26, 0x23, 0x33, 0x39, 0x3B]             // &#39;
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func escapeAttribute(_ text: String) -> String { escape(text) }
}
