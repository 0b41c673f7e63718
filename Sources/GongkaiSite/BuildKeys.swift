import GongkaiContent

/// The fingerprint of what every page may read besides its own inputs (`RenderEnvironment`): the
/// binary, settings, theme, the day, village names, feeds, rule names. It is part of every output's
/// key; each output's own inputs are hashed into its key by `InputKey`.
struct BuildKeys {
    let global: UInt64

    init(
        content: SiteContent, files: SiteFiles, theme: Theme, asOf: Day, includeDrafts: Bool,
        ruleNames: [String: String], feedPaths: Set<String>
    ) {
        var g = StableHash()
        g.add("gongkai-keys-v1")
        g.add(BuildStamp.executableIdentity)
        for name in [SiteConfig.fileName, "disclosure.yaml"] { g.add(files.read(name) ?? []) }
        g.add(theme.fingerprint)
        g.add(asOf.description)
        g.add(includeDrafts)
        for village in content.villages {
            g.add(village.id)
            g.add(village.name)
        }
        for (id, name) in ruleNames.sorted(by: { $0.key < $1.key }) {
            g.add(id)
            g.add(name)
        }
        for path in feedPaths.sorted() { g.add(path) }
        g.add(content.pages.contains { $0.owner == .county })
        global = g.value
    }

    /// A page as a key sees it: which it is, and its source's hash.
    static func add(_ page: Page, to hash: inout StableHash) {
        hash.add(page.sourcePath)
        hash.add(page.sourceHash)
    }

    /// `add(_:to:)` of `page` alone: the page's key (serve's and the search store's page tokens are kept by it).
    static func key(of page: Page) -> UInt64 {
        var hash = StableHash()
        add(page, to: &hash)
        return hash.value
    }
}
