import GongkaiContent
import GongkaiDisclosure

/// What every step of one `gongkai build` shares: the options, the site's files, where the output
/// goes, the stamp of the last build, the timer, and the diagnostics found so far.
struct BuildContext {
    let options: SiteBuilder.Options
    /// Whether the groups of the current output may be kept (false after the output was edited by hand).
    let reuse: Bool
    /// Serve's, or the one the build state restores (see `BuildState`).
    var session: SiteBuilder.Session?
    /// The site folder and the output folder, each spelled one way however they were given (see `init`).
    let files: SiteFiles
    let outputPath: String
    /// The output folder as given (`--output`, else the site's public/): what messages name.
    let shownOutput: String
    let stamp: BuildStamp
    var timer = PhaseTimer()
    /// The build state's parts encoded while the build goes on (`gongkai build` with a restored session).
    var stateAhead: BuildState.Ahead?
    var diagnostics: [Diagnostic] = []

    init(_ options: SiteBuilder.Options, reuse: Bool, session: SiteBuilder.Session?) {
        self.options = options
        self.reuse = reuse
        self.session = session
        // The site's real path, and the output's place (`OutputWriter.place`): the build stamp, the build
        // state, the output's manifests and spare, the search store and the copies' stamps are keyed on
        // these paths, so a build given other spellings of the same folders (relative or absolute, through
        // a symlink) keeps what the last one made. Messages name the folders as given.
        let given = SiteFiles(root: options.site)
        files = SiteFiles(root: given.realRoot)
        shownOutput = OutputWriter.trimmed(options.output ?? given.absolute("public"))
        outputPath = OutputWriter.place(of: shownOutput)
        stamp = BuildStamp(
            files: files, output: outputPath, options: options, subtrees: options.incremental ? session?.subtrees : nil,
            changes: session?.parsed.pendingChanges)
    }

    /// The site as checked: its content, the day it is built for, the disclosure report, the theme.
    struct CheckedSite {
        let content: SiteContent
        let asOf: AsOf
        let report: DisclosureReport
        let theme: Theme
    }

    /// The unchanged step: nothing changed since the last build into this output, so the previous
    /// summary stands. A session that has not built yet is filled by building (serve's first build),
    /// so the first edit is fast.
    mutating func unchangedSummary() -> SiteBuilder.Summary? {
        guard options.incremental, session?.filled ?? true, stamp.isUnchanged(output: outputPath),
            var previous = SiteBuilder.Summary.load(stamp)
        else { return nil }
        timer.mark(.unchanged)
        previous.output = shownOutput
        return previous
    }

    /// What a killed build left behind goes first, whether or not this build succeeds.
    func cleanLeftovers() {
        stamp.forget()
        OutputWriter(output: outputPath).cleanLeftovers()
    }

    /// The load step: files → content model (with a session, only changed files are parsed again).
    mutating func load() -> SiteContent {
        let content = ContentLoader.load(
            site: files.root,
            options: .init(
                includeDrafts: options.includeDrafts,
                cache: options.incremental ? session?.parsed : nil, listing: stamp.listing, siteName: options.site))
        timer.mark(
            .load,
            note: session.map { session in
                "\(session.parsed.hits) files from the session"
                    + (session.parsed.keptLoadRead.map { ", the last load kept: \($0) read again" } ?? "")
                    + (session.parsed.restoreWait.map { String(format: ", %.1f ms waiting for the build state", $0) } ?? "")
            })
        if let verify = PlanCutoff.verifier, options.incremental, session?.parsed.keptLoadRead != nil {
            // The load from the kept one gives what a load that walks and reads every file gives.
            let full = ContentLoader.load(site: files.root, options: .init(includeDrafts: options.includeDrafts, siteName: options.site))
            if !content.isSame(as: full) { verify("load") }
        }
        diagnostics += content.diagnostics
        return content
    }

    /// The check step: expired notices, the disclosure check, the theme. Throws when any has errors:
    /// nothing is written then.
    mutating func check(_ content: SiteContent) throws -> CheckedSite {
        // The same day as `gongkai check` and `gongkai list` without --as-of: site.yaml's as-of, else today.
        let asOf = AsOf.resolve(flag: nil, config: content.config, today: options.today)
        diagnostics +=
            (options.incremental ? session?.notices : nil)?.diagnostics(for: content.pages, asOf: asOf.day)
            ?? NoticeExpiry.diagnostics(for: content.pages, asOf: asOf.day)
        let evaluate = { DisclosureCheck.evaluate(content, asOf: asOf.day) }
        var (report, disclosureDiagnostics) =
            if options.incremental, let session, let checks = session.checks {
                checks.check(
                    content, parsed: session.parsed, files: files, asOf: asOf.day,
                    // `gongkai build`'s session: what the check reads, fingerprinted.
                    structure: session.storedFor == nil ? nil : CheckMemo.structure(of: content),
                    evaluate: evaluate)
            } else {
                evaluate()
            }
        // The overview shows link and footer findings beside column health, when the site turns it on.
        if report.healthSettings != nil { report.findings = SiteFindings.of(content) }
        diagnostics += disclosureDiagnostics
        timer.mark(.check, note: options.incremental && session?.checks?.reused == true ? "kept from the last build" : nil)
        let (theme, themeDiagnostics) = session?.themes?.load(files) ?? Theme.load(files: files)
        diagnostics += themeDiagnostics
        guard let theme, !diagnostics.hasErrors else {
            throw DiagnosticError(diagnostics.sorted())
        }
        return CheckedSite(content: content, asOf: asOf, report: report, theme: theme)
    }

    /// Whether this build fails: errors, or with `--strict` any warning.
    var fails: Bool { diagnostics.hasErrors || (options.strict && !diagnostics.isEmpty) }
}
