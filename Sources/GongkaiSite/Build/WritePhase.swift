import GongkaiContent

/// The output of one build on its way: what the current output is, the staging folder the new one is
/// written into (the spare, or a fresh folder), and what the render and write steps made.
struct OutputStaging {
    var state: OutputState
    /// The manifest of the current output, when it can be trusted (`gongkai build`'s being read beside the build).
    let current: Deferred<OutputState.Manifest?>
    let useSpare: Bool
    let memo: OutputMemo
    /// The serial of the spare's manifest (`OutputManifest.serial`: 0 unless this process saved it).
    var spareSerial: UInt64 = 0
    let writer: OutputWriter
    /// Writes pages into the staging folder as they are rendered.
    let sink: OutputSink
    var outputs: [OutputFile] = []
    /// Files the content links to, as (source, target).
    var copies: [(String, String)] = []
    /// Every file copied into the output: static/ and the content's.
    var copyList: [OutputWriter.Copy] = []
    /// How many files this build actually wrote.
    var written = 0
    /// The search index kept for the next `gongkai build`, saved once this output is in place.
    var searchStore: SearchIndex.Store?
    /// Its save, on another thread beside the record and save steps; the summary step waits for it.
    var searchSave: Deferred<Bool>?
    /// What the build does last (serve saves its manifests after the summary step).
    let last = LastWork()

    /// Work put off to the end of the build.
    // Safe to share because: `work` is set and run by the build's own thread only, between phases.
    final class LastWork: @unchecked Sendable {
        var work: (@Sendable () -> Void)?
    }
}

extension BuildContext {
    /// What the current output is, and the spare folder the new build is written into.
    func prepareOutput() throws -> OutputStaging {
        var state = OutputState(files: files, output: outputPath)
        if options.incremental { state.cache = session?.manifests }
        // Nothing is read from a cache folder that is not a real folder of the site (see `BuildStamp.cacheIsSafe`).
        // `gongkai build`'s is read on another thread while the build renders bodies (a line per file:
        // ~20 ms at 10k pages), until the items phase asks for it; the output's identity is taken now,
        // before anything is prepared, and the serial is 0 (read from the file).
        let current: Deferred<OutputState.Manifest?>
        let memo: OutputMemo
        if state.cache == nil {
            let identity = stamp.cacheIsSafe ? BuildStamp.identity(of: outputPath).map(String.init) : nil
            let state = state
            current = Deferred { identity.flatMap { state.currentManifest(identity: $0) } }
            memo = OutputMemo(previous: current, reuse: reuse)
        } else {
            let read = stamp.cacheIsSafe ? state.currentManifest() : nil
            current = Deferred { read }
            memo = OutputMemo(previous: reuse ? read?.groups ?? [:] : [:], serial: reuse ? read?.serial ?? 0 : 0)
        }
        let useSpare = options.incremental && state.spareIsUsable(cacheIsSafe: stamp.cacheIsSafe)
        // Pages are written into the staging folder (the spare, or a fresh folder) as they are rendered.
        var writer = OutputWriter(output: outputPath, spare: useSpare ? state.sparePath : nil)
        writer.names = .init(output: shownOutput, site: (files.root, OutputWriter.trimmed(options.site)))
        try writer.prepare()
        // The spare is about to change: until the new manifests are written, nothing describes it.
        // `gongkai build`'s is read on another thread while the build renders (a line per file: ~20 ms
        // at 10k pages), until the first page is written; its serial is 0 (read from the file).
        let spare: Deferred<FileTable?>
        var spareSerial: UInt64 = 0
        if useSpare && state.cache == nil {
            let state = state
            spare = Deferred { state.spareFiles().files }
        } else {
            let read: (files: FileTable?, serial: UInt64) = useSpare ? state.spareFiles() : (nil, 0)
            spare = Deferred { read.files }
            spareSerial = read.files != nil && reuse ? read.serial : 0
        }
        let sink = writer.sink(known: spare) { if useSpare { state.forgetSpare() } }
        return OutputStaging(state: state, current: current, useSpare: useSpare, memo: memo, spareSerial: spareSerial, writer: writer, sink: sink)
    }

    /// The render steps (`PageGenerator.generate`: bodies to feeds), then the checks of what they made:
    /// clashes with content, static/, names that would not survive a copy. Throws when the build fails.
    mutating func render(_ site: CheckedSite, into output: inout OutputStaging) throws {
        let sink = output.sink
        var generator = PageGenerator(content: site.content, files: files, theme: site.theme, asOf: site.asOf.day, disclosure: site.report)
        generator.layout = stamp.layout
        generator.sink = sink
        generator.strict = options.strict
        generator.includeDrafts = options.includeDrafts
        // A build already known to fail writes nothing early.
        sink.enabled = !(options.strict && !diagnostics.isEmpty)
        if options.incremental {
            generator.bodyCache = session?.bodies
            generator.searchBlocks = session?.searchBlocks
            generator.cutoff = session?.cutoff
            if let ahead = stateAhead { generator.afterBodies = { ahead.start() } }
        }
        // `gongkai build` (no session, or the one the build state restored): the search index's own store.
        if session?.searchBlocks == nil && stamp.cacheIsSafe {
            let store = SearchIndex.Store.of(site.content, files: files, output: outputPath)
            store.load(incremental: options.incremental && reuse)
            generator.searchStore = store
            output.searchStore = store
        }
        let renderDiagnostics: [Diagnostic]
        (output.outputs, output.copies, renderDiagnostics) = generator.generate(timer: &timer, memo: output.memo)
        diagnostics += renderDiagnostics
        let (statics, staticDiagnostics) = SiteBuilder.staticFiles(files)
        diagnostics += staticDiagnostics
        // While what they read is what the last build of the session read, the checks' findings are kept.
        let cutoff = options.incremental ? session?.cutoff : nil
        let fingerprint = cutoff?.checksFingerprint(output.outputs, copies: output.copies, statics: statics)
        func checked(_ name: String, _ check: () -> [Diagnostic]) -> [Diagnostic] {
            cutoff?.check(name, fingerprint: fingerprint, check) ?? check()
        }
        let (outputs, copies) = (output.outputs, output.copies)
        diagnostics += checked("clashes") { SiteBuilder.clashes(outputs, copies: copies, pages: site.content.pages) }
        timer.mark(.clashes)
        // Names that would break on Windows, IIS, USB sticks and Macs.
        diagnostics += checked("portable names") { PortableOutput.check(outputs, statics: statics, copies: copies, content: site.content) }
        timer.mark(.portableNames)
        if fails { throw DiagnosticError(diagnostics.sorted()) }

        // static/ first, then files the content links to: content wins on a clash.
        var copyByTarget: [String: OutputWriter.Copy] = [:]
        for (source, target) in statics + output.copies { copyByTarget[target] = OutputWriter.Copy(source: files.absolute(source), target: target) }
        output.copyList = copyByTarget.values.sorted { $0.target < $1.target }
    }

    /// The write step: what the sink has not written yet, then the staging folder swapped in.
    mutating func write(_ output: inout OutputStaging) throws {
        // A spare this session wrote, with the same paths as this build's: what to write is found by place.
        let cutoff = options.incremental ? session?.cutoff : nil
        let copies = output.copyList.map { OutputMemo.Entry(path: $0.target, stamp: $0.stamp) }
        let byPlace = cutoff?.layout(serial: output.spareSerial, outputs: output.outputs, copies: copies)
        output.written = try output.writer.write(output.outputs, copies: output.copyList, sink: output.sink, byPlace: byPlace)
        cutoff?.wrote(output.outputs, copies: copies)
        try output.writer.commit()
        if let store = output.searchStore {
            output.searchSave = Deferred {
                store.save()
                return true
            }
        }
        timer.mark(.write)
    }
}
