import GongkaiContent

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
    public static let searchScript = "assets/gongkai-search.js"
    public static let search = "search/index.html"

    /// A village's output folder, `villages/<id>`: where its home page, lists, pages and feed go.
    public static func villageFolder(_ id: String) -> String { Owner.village(id).outputFolder }
    public static func village(_ id: String) -> String { villageFolder(id) + "/index.html" }

    /// Folder of an owner's list of one kind: `villages/xinghua/notices` or `notices` for the whole site.
    public static func kindFolder(_ folder: String, owner: String?) -> String {
        owner.map { "\($0)/\(folder)" } ?? folder
    }

    /// Page `number` (1-based) of a paginated list in `folder`: `index.html`, `page-2.html`, …
    public static func listPage(_ folder: String, number: Int) -> String {
        number <= 1 ? "\(folder)/index.html" : "\(folder)/page-\(number).html"
    }

    /// `to` as seen from the page at `from` (both relative to the output root): the folders they share
    /// are skipped, then one `../` for each remaining folder of `from`. Called for every link of every
    /// page, so it works on UTF-8 bytes.
    public static func relative(from: String, to: String) -> String {
        var fromCopy = from
        var toCopy = to
        var plain = true
        let text: String = fromCopy.withUTF8 { f in
            toCopy.withUTF8 { t in
                // Length of the common prefix that ends at a `/` in both.
                var common = 0
                var i = 0
                while i < f.count, i < t.count, f[i] == t[i] {
                    if f[i] == 0x2F { common = i + 1 }
                    i += 1
                }
                var ups = 0
                for b in f[common...] where b == 0x2F { ups += 1 }
                let rest = UnsafeBufferPointer(rebasing: t[common...])
                // `../` needs no encoding: whether the rest does tells whether `encode` would change anything.
                plain = !rest.contains(where: mustEncode(byte:))
                // Written into the string's own storage (no array to copy it from).
                return String(unsafeUninitializedCapacity: ups * 3 + rest.count) { out in
                    var k = 0
                    for _ in 0..<ups {
                        out[k] = 0x2E
                        out[k + 1] = 0x2E
                        out[k + 2] = 0x2F
                        k += 3
                    }
                    if let source = rest.baseAddress, !rest.isEmpty {
                        UnsafeMutableRawPointer(out.baseAddress! + k).copyMemory(from: source, byteCount: rest.count)
                    }
                    return k + rest.count
                }
            }
        }
        return plain ? text : encode(text)
    }

    static func mustEncode(_ b: UInt32) -> Bool {
        b <= 0x20 || b == 0x22 || b == 0x25 || b == 0x3C || b == 0x3E || b == 0x3F || b == 0x5C
            || b == 0x5E || b == 0x60 || b == 0x7B || b == 0x7C || b == 0x7D || b == 0x7F || b == 0x27
    }

    /// `mustEncode` of one byte, read off two 64-bit masks (bit b: byte b, then byte 0x40 + b): no byte
    /// of a longer character (0x80 and up) is encoded.
    @inline(__always) static func mustEncode(byte b: UInt8) -> Bool {
        if b < 0x40 { return (0xD000_00A5_FFFF_FFFF as UInt64) >> b & 1 != 0 }
        if b < 0x80 { return (0xB800_0001_5000_0000 as UInt64) >> (b - 0x40) & 1 != 0 }
        return false
    }

    /// Percent-encodes only what must be encoded in an href; Chinese stays readable.
    public static func encode(_ path: String) -> String {
        var bytes = path
        guard bytes.withUTF8({ $0.contains(where: { mustEncode(UInt32($0)) }) }) else { return path }
        var out = ""
        for scalar in path.unicodeScalars {
            if mustEncode(scalar.value) {
                out += "%" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
