import GongkaiContent

/// The rules a site is checked against: the built-in defaults, changed and extended by `disclosure.yaml`.
public struct DisclosureRuleSet: Sendable {
    public static let fileName = "disclosure.yaml"

    /// The rules in force, sorted by id.
    public private(set) var rules: [DisclosureRule]
    /// `since:` of `disclosure.yaml`: the first day periods are checked from. Nil: 1 January of the as-of year.
    public var since: Day?
    /// Default rule ids the site switched off (`disable:` or `defaults: false`): pages naming them are not checked.
    public var switchedOff: Set<String>
    /// Line of each rule's `id:` in `disclosure.yaml`, for rules the file writes.
    public var lines: [String: Int]
    /// Ids of rules written with errors: already reported, so pages naming them draw no second error.
    public var broken: Set<String>
    /// `health:`: column health settings; nil (off) unless the site turns it on.
    public var health: HealthSettings? = nil

    public init(
        rules: [DisclosureRule] = DisclosureRule.defaults, since: Day? = nil, switchedOff: Set<String> = [],
        lines: [String: Int] = [:], broken: Set<String> = []
    ) {
        self.rules = rules.sorted { $0.id < $1.id }
        self.since = since
        self.switchedOff = switchedOff
        self.lines = lines
        self.broken = broken
    }

    public func rule(_ id: String) -> DisclosureRule? { rules.first { $0.id == id } }

    /// The defaults alone: what a site without `disclosure.yaml` is checked against.
    public static var builtIn: DisclosureRuleSet { DisclosureRuleSet() }

    /// Reads `disclosure.yaml` of the site at `root`; a site without one gets the defaults.
    public static func load(site root: String) -> (DisclosureRuleSet, [Diagnostic]) {
        let files = SiteFiles(root: root)
        guard files.exists(fileName) else { return (builtIn, []) }
        guard files.staysInside(fileName) else {
            return (
                builtIn,
                [
                    .error(
                        fileName,
                        zh: "disclosure.yaml 是指向网站文件夹之外的符号链接，出于安全考虑不会读取。请把文件复制进网站文件夹",
                        en: "disclosure.yaml is a symlink that leaves the site folder; for safety it is not read. Copy the file into the site folder")
                ]
            )
        }
        guard let bytes = files.read(fileName) else {
            return (
                builtIn,
                [
                    .error(
                        fileName, zh: "无法读取 disclosure.yaml（权限不足？）",
                        en: "disclosure.yaml cannot be read (permissions?)")
                ]
            )
        }
        switch SourceText.decode(bytes, file: fileName) {
        case .success(let text): return parse(text)
        case .failure(let diagnostic): return (builtIn, [diagnostic])
        }
    }

    /// Reads the text of a `disclosure.yaml`. Every problem is a diagnostic with the line of the key it is about.
    public static func parse(_ text: String, file: String = fileName) -> (DisclosureRuleSet, [Diagnostic]) {
        switch YAMLFields.parse(text, file: file) {
        case .success(let fields):
            var reader = RuleFileReader(file: file)
            let ruleSet = reader.read(fields)
            return (ruleSet, reader.diagnostics.sorted())
        case .failure(let diagnostic):
            return (builtIn, [diagnostic])
        }
    }
}
