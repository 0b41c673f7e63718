/// Output paths and the relative links between them.
///
/// Every link in the portal is relative and names a file (`…/index.html`, never a bare folder), so
/// `public/` works under any sub-path of any web server and when opened from disk (`file://`).
public enum Paths {
    public static let home = "index.html"
    public static let villages = "villages/index.html"
    public static let county = "county/index.html"
    public static let disclosure = "disclosure/index.html"
    public static let notFound = "404.html"
    public static let stylesheet = "assets/gongkai.css"
    public static let script = "assets/gongkai.js"

    public static func village(_ id: String) -> String { "villages/\(id)/index.html" }

    /// Folder of an owner's list of one kind: `villages/xinghua/notices` or `notices` for the whole site.
    public static func kindFolder(_ folder: String, owner: String?) -> String {
        owner.map { "\($0)/\(folder)" } ?? folder
    }

    /// Page `number` (1-based) of a paginated list in `folder`: `index.html`, `page-2.html`, …
    public static func listPage(_ folder: String, number: Int) -> String {
        number <= 1 ? "\(folder)/index.html" : "\(folder)/page-\(number).html"
    }

    /// `to` as seen from the page at `from` (both relative to the output root).
    public static func relative(from: String, to: String) -> String {
        let fromDirs = from.split(separator: "/").dropLast()
        let toParts = to.split(separator: "/", omittingEmptySubsequences: false)
        var common = 0
        while common < fromDirs.count, common < toParts.count - 1, fromDirs[fromDirs.startIndex + common] == toParts[common] {
            common += 1
        }
        let ups = String(repeating: "../", count: fromDirs.count - common)
        let rest = toParts[common...].joined(separator: "/")
        return encode(ups + rest)
    }

    /// Percent-encodes only what must be encoded in an href; Chinese stays readable.
    public static func encode(_ path: String) -> String {
        var needs = false
        for b in path.utf8 where b <= 0x20 || b == 0x22 || b == 0x25 || b == 0x3C || b == 0x3E || b == 0x3F || b == 0x5C
            || b == 0x5E || b == 0x60 || b == 0x7B || b == 0x7C || b == 0x7D || b == 0x7F || b == 0x27 {
            needs = true
            break
        }
        guard needs else { return path }
        var out = ""
        for scalar in path.unicodeScalars {
            let v = scalar.value
            if v <= 0x20 || v == 0x22 || v == 0x25 || v == 0x3C || v == 0x3E || v == 0x3F || v == 0x5C || v == 0x5E
                || v == 0x60 || v == 0x7B || v == 0x7C || v == 0x7D || v == 0x7F || v == 0x27 {
                out += "%" + (v < 16 ? "0" : "") + String(v, radix: 16, uppercase: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
