import Foundation
import GongkaiContent
import Mustache

/// The templates pages are rendered with: the built-in theme, with any file of the site's own
/// `templates/` folder taking the place of the built-in one of the same name.
struct Theme {
    static let templateNames = ["layout", "header", "footer", "home", "villages", "village", "list", "page", "disclosure", "notfound", "item-list"]
    static let stylesheetName = "style.css"
    static let scriptName = "script.js"

    let library: MustacheLibrary
    let stylesheet: String
    let script: String

    static func load(files: SiteFiles) -> (Theme?, [Diagnostic]) {
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        for name in templateNames {
            let path = "templates/\(name).mustache"
            var text = BuiltinTheme.files["\(name).mustache"] ?? ""
            if let bytes = files.read(path), files.staysInside(path) {
                switch SourceText.decode(bytes, file: path) {
                case .success(let own): text = own
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
            }
            do {
                library.register(try MustacheTemplate(string: text), named: name)
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
            if let bytes = files.read(path), files.staysInside(path), case .success(let text) = SourceText.decode(bytes, file: path) {
                return text
            }
            return BuiltinTheme.files[name] ?? ""
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        return (Theme(library: library, stylesheet: asset(stylesheetName), script: asset(scriptName)), diagnostics)
    }

    func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}
