import GongkaiContent
import Synchronization

/// The theme of a session's last build (serve's), kept while the files it was made from are the same:
/// each template and asset of the site's `templates/` folder, byte for byte, and whether it stays inside
/// the site. Parsing sixteen templates and compacting the built-in stylesheet and scripts is then done
/// once per change of the theme, not once per edit of a page.
final class ThemeMemo: Sendable {
    private struct Made: Sendable {
        var inputs: UInt64
        var theme: Theme
        var diagnostics: [Diagnostic]
    }

    private let last = Mutex<Made?>(nil)

    /// Everything `Theme.load` reads, hashed.
    static func inputs(_ files: SiteFiles) -> UInt64 {
        var hash = StableHash()
        hash.add("gongkai-theme-inputs")
        let names = Theme.templateNames.map { "\($0).mustache" } + [Theme.stylesheetName, Theme.scriptName, Theme.searchScriptName]
        for name in names {
            let path = "templates/\(name)"
            hash.add(path)
            let exists = files.exists(path)
            hash.add(exists)
            guard exists else { continue }
            hash.add(files.staysInside(path))
            let bytes = files.read(path)
            hash.add(bytes != nil)
            hash.add(bytes ?? [])
        }
        return hash.value
    }

    /// The theme of the site's files now: the last one when they are the same, else loaded.
    func load(_ files: SiteFiles) -> (Theme?, [Diagnostic]) {
        let inputs = Self.inputs(files)
        if let made = last.withLock({ $0 }), made.inputs == inputs { return (made.theme, made.diagnostics) }
        let (theme, diagnostics) = Theme.load(files: files)
        last.withLock { $0 = theme.map { Made(inputs: inputs, theme: $0, diagnostics: diagnostics) } }
        return (theme, diagnostics)
    }
}
