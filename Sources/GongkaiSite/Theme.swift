import Foundation
import GongkaiContent
import GongkaiTemplate

/// The templates pages are rendered with: the built-in theme, with any file of the site's own
/// `templates/` folder taking the place of the built-in one of the same name.
struct Theme {
    static let templateNames = [
        "layout", "header", "footer", "home", "villages", "village", "list", "page", "disclosure", "notfound", "item-list", "print",
        "search", "tags", "archive", "gallery",
    ]
    static let stylesheetName = "style.css"
    static let scriptName = "script.js"
    static let searchScriptName = "search.js"

    let library: TemplateLibrary
    let stylesheet: String
    let script: String
    /// The 站内搜索 script, loaded by the search page only.
    let searchScript: String
    /// A hash of every template and asset: a changed theme changes every page.
    var fingerprint: UInt64 = 0

    static func load(files: SiteFiles) -> (Theme?, [Diagnostic]) {
        var templates: [String: Template] = [:]
        var diagnostics: [Diagnostic] = []
        var fingerprint = StableHash()
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
                // Line 1 is parsed as it was when a pragma tag stood before it, so that pages stay the same.
                templates[name] = try Template(text, firstLineFollowsTag: true)
            } catch {
                diagnostics.append(
                    .error(
                        path, line: error.line, column: error.column,
                        zh: "模板语法错误（\(error.reason.chinese)）：请检查 {{ }} 是否成对、区块 {{#…}} 是否以 {{/…}} 结束",
                        en: "template syntax error (\(error.reason)): check that {{ }} pairs and every {{#…}} block is closed by {{/…}}"))
            }
        }
        /// The site's own file as it is, or the built-in one compacted (also when the site's file is a
        /// copy of it, as the example site's is).
        func asset(_ name: String, compact: (String) -> String) -> String {
            let path = "templates/\(name)"
            let builtin = BuiltinTheme.files[name] ?? ""
            if files.exists(path) && !files.staysInside(path) {
                diagnostics.append(outsideSite(path))
            } else if let bytes = files.read(path) {
                switch SourceText.decode(bytes, file: path) {
                case .success(let text): return text == builtin ? compact(text) : text
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
            }
            return compact(builtin)
        }
        let stylesheet = asset(stylesheetName, compact: AssetCompaction.stylesheet)
        let script = asset(scriptName, compact: AssetCompaction.script)
        let searchScript = asset(searchScriptName, compact: AssetCompaction.script)
        if diagnostics.hasErrors { return (nil, diagnostics) }
        for text in [stylesheet, script, searchScript] { fingerprint.add(text) }
        return (
            Theme(
                library: TemplateLibrary(templates), stylesheet: stylesheet, script: script, searchScript: searchScript,
                fingerprint: fingerprint.value), diagnostics
        )
    }

    static func outsideSite(_ path: String) -> Diagnostic {
        .error(
            path, zh: "模板文件是指向网站文件夹之外的符号链接，出于安全考虑不会读取。请把文件复制进网站的 templates/ 文件夹",
            en: "this template file is a symlink that leaves the site folder; for safety it is not read. Copy the file into the site's templates/ folder")
    }

    func render(_ template: String, _ context: [String: Any]) -> String {
        String(decoding: renderBytes(template, context), as: UTF8.self)
    }

    /// The page as UTF-8, the way output files hold it (no String in between).
    func renderBytes(_ template: String, _ context: [String: Any]) -> [UInt8] {
        library.render(template, context) ?? []
    }
}

extension TemplateError.Reason {
    /// The reason in Chinese, for the diagnostic's `zh` text.
    var chinese: String {
        switch self {
        case .unclosedSection(let name): return "{{#\(name)}} 没有以 {{/\(name)}} 结束"
        case .unexpectedClose(let found, nil): return "{{/\(found)}} 前面没有对应的 {{#\(found)}}"
        case .unexpectedClose(let found, let expected?): return "这里应是 {{/\(expected)}}，却是 {{/\(found)}}"
        case .malformedTag: return "标签没有以 }} 结束，或名称含有不能用的字符"
        case .unclosedComment: return "注释 {{! 没有结束"
        case .malformedDelimiters: return "更换分隔符的标签 {{=… …=}} 应给出两个分隔符"
        case .unknownTransform(let name): return "不认识的函数 \(name)，只能用 {{#first()}} 和 {{#last()}}"
        case .notABlockInsideParent: return "{{<…}}…{{/…}} 之间只能有 {{$名称}}…{{/名称}} 区块"
        case .unknownPragma(let text): return "不认识的设置 {{%\(text)}}"
        }
    }
}
