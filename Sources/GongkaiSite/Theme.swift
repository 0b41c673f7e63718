import Foundation
import GongkaiContent
import Mustache
import GongkaiMarkdown

/// The templates pages are rendered with: the built-in theme, with any file of the site's own
/// `templates/` folder taking the place of the built-in one of the same name.
struct Theme {
    static let templateNames = ["layout", "header", "footer", "home", "villages", "village", "list", "page", "disclosure", "notfound", "item-list", "print",
                                "search", "tags", "archive", "gallery"]
    static let stylesheetName = "style.css"
    static let scriptName = "script.js"
    static let searchScriptName = "search.js"

    let library: MustacheLibrary
    let stylesheet: String
    let script: String
    /// The 站内搜索 script, loaded by the search page only.
    let searchScript: String
    /// A hash of every template and asset: a changed theme changes every page.
    var fingerprint: UInt64 = 0

    static func load(files: SiteFiles) -> (Theme?, [Diagnostic]) {
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        var fingerprint = StableHash()
        _ = FastHTMLEscaping.registered
        for name in templateNames {
            let path = "templates/\(name).mustache"
            var text = BuiltinTheme.files["\(name).mustache"] ?? ""
            if files.exists(path) && !files.staysInside(path) {
                diagnostics.append(outsideSite(path))
            } else if let bytes = files.read(path) {
                switch SourceText.decode(bytes, file: path) {
                case .success(let own): text = own
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
            }
            fingerprint.add(name)
            fingerprint.add(text)
            do {
                library.register(try MustacheTemplate(string: FastHTMLEscaping.pragma + text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error(path, line: error.context.lineNumber, column: error.context.columnNumber,
                    zh: "模板语法错误（\(error.error)）：请检查 {{ }} 是否成对、区块 {{#…}} 是否以 {{/…}} 结束",
                    en: "template syntax error (\(error.error)): check that {{ }} pairs and every {{#…}} block is closed by {{/…}}"))
            } catch {
                diagnostics.append(.error(path, zh: "模板无法读取：\(error)", en: "template cannot be read: \(error)"))
            }
        }
        func asset(_ name: String) -> String {
            let path = "templates/\(name)"
            if files.exists(path) && !files.staysInside(path) {
                diagnostics.append(outsideSite(path))
            } else if let bytes = files.read(path) {
                switch SourceText.decode(bytes, file: path) {
                case .success(let text): return text
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
            }
            return BuiltinTheme.files[name] ?? ""
        }
        let (stylesheet, script, searchScript) = (asset(stylesheetName), asset(scriptName), asset(searchScriptName))
        if diagnostics.hasErrors { return (nil, diagnostics) }
        for text in [stylesheet, script, searchScript] { fingerprint.add(text) }
        return (Theme(library: library, stylesheet: stylesheet, script: script, searchScript: searchScript,
                      fingerprint: fingerprint.value), diagnostics)
    }

    static func outsideSite(_ path: String) -> Diagnostic {
        .error(path, zh: "模板文件是指向网站文件夹之外的符号链接，出于安全考虑不会读取。请把文件复制进网站的 templates/ 文件夹",
               en: "this template file is a symlink that leaves the site folder; for safety it is not read. Copy the file into the site's templates/ folder")
    }

    func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}

/// HTML escaping for `{{…}}` through `HTML.escape`, which works on UTF-8 bytes. swift-mustache's own escaper looks each
/// Character up in a dictionary, which made escaping the largest single cost of rendering a page;
/// this one escapes the same five characters (`< > & " '`) the same way.
struct FastHTMLEscaping: MustacheContentType {
    static let name = "GONGKAI_HTML"
    /// Put before every template so that its `{{…}}` use this escaper. Keeps line numbers unchanged.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"

    func escapeText(_ text: String) -> String { HTML.escape(text) }

    static let registered: Void = MustacheContentTypes.register(FastHTMLEscaping(), named: name)
}
