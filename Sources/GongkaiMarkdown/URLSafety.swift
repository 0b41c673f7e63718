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
