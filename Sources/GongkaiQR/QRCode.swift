import CQrencode
import GongkaiEscape

/// QR codes through libqrencode, drawn as SVG: printed notices carry one linking to the page online,
/// so a villager can open it on a phone from the 公开栏.
public enum QRCode {
    /// The most bytes a QR code holds at the level used here (version 40, level M, 8-bit mode).
    public static let capacity = 2331

    /// The QR code for `text` as an SVG document (black modules on white, four modules of quiet zone),
    /// or nil when the text cannot be encoded (too long for a QR code).
    public static func svg(_ text: String, size: Int = 160, title: String? = nil) -> String? {
        guard let modules = matrix(text) else { return nil }
        let width = modules.count
        let quiet = 4
        let total = width + 2 * quiet
        var path = ""
        for (y, row) in modules.enumerated() {
            var x = 0
            while x < width {
                guard row[x] else { x += 1; continue }
                // One horizontal run per stretch of dark modules keeps the SVG small.
                var run = 1
                while x + run < width && row[x + run] { run += 1 }
                path += "M\(x + quiet) \(y + quiet)h\(run)v1h-\(run)z"
                x += run
            }
        }
        let label = title.map { "<title>\(HTML.escape($0))</title>" } ?? ""
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(total) \(total)\" width=\"\(size)\" height=\"\(size)\" "
            + "role=\"img\" shape-rendering=\"crispEdges\">\(label)<rect width=\"\(total)\" height=\"\(total)\" fill=\"#fff\"/>"
            + "<path d=\"\(path)\" fill=\"#000\"/></svg>"
    }

    /// The modules of the symbol, row by row (true is dark), at error correction level M.
    public static func matrix(_ text: String) -> [[Bool]]? {
        guard !text.isEmpty, let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else { return nil }
        return (0..<width).map { y in (0..<width).map { x in data[y * width + x] & 1 == 1 } }
    }
}
