import GongkaiContent

extension BuildContext {
    /// The record step: the manifests of the new output (its groups and their files), for the next build.
    mutating func record(_ output: OutputStaging) {
        let memo = output.memo
        let identity = String(BuildStamp.identity(of: output.writer.output) ?? "")
        let copies = output.copyList.map { OutputMemo.Entry(path: $0.target, stamp: $0.stamp) }
        // Files that the generator makes outside any group (the search index) are recorded as one.
        let ungrouped = output.outputs.filter { !$0.grouped }.map { OutputMemo.Entry(path: $0.path, stamp: $0.stamp) }
        let serial = OutputManifest.nextSerial()
        if stamp.cacheIsSafe {
            // The spare now holds what the output held: described by the previous manifest when that was valid.
            // The manifest is put together where it is saved (in the background: its groups are every output's).
            // (Serve keeps the manifest it saves: all its groups.)
            let whole = output.state.cache != nil
            let save = output.state.save(spareHoldsPrevious: output.useSpare && output.current.value != nil) {
                let (groups, changed) = memo.groupsAndChanges(whole: whole)
                var manifest = OutputState.Manifest(identity: identity, groups: groups, copies: copies, serial: serial, order: memo.previousOrder)
                manifest.groups[.ungrouped] = OutputMemo.Group(key: 0, files: ungrouped)
                // (This build's files made outside any group are its own: changed.)
                if let changed, let source = memo.patchSource {
                    manifest.source = source
                    manifest.changed = changed.contains(.ungrouped) ? changed : changed + [.ungrouped]
                }
                return manifest
            }
            // Serve's after the summary step (on a machine of two cores, it would slow that down).
            if output.state.cache == nil { ManifestCache.runLater(save) } else { output.last.work = save }
            // What this build's phases recorded describes the output of this serial.
            if options.incremental { session?.cutoff?.commitRecords(serial: serial) }
        }
        timer.mark(.record)
    }

    /// The summary step: what the build made, kept beside the stamp for an unchanged next build.
    mutating func summary(_ site: CheckedSite, _ output: OutputStaging) -> SiteBuilder.Summary {
        // `gongkai build`: its manifests are written (saved in the background since the record step)
        // before its stamp records the output. Serve's are written while it waits for the next edit.
        let outputs = output.outputs
        // Counted by comparing kinds (a kind hashes its name: 50k hashes at 50k pages).
        var counts: [(kind: Kind, count: Int)] = []
        let pages = site.content.pages
        for n in pages.indices {
            let kind = pages[n].kind
            if let at = counts.firstIndex(where: { $0.kind == kind }) { counts[at].count += 1 } else { counts.append((kind, 1)) }
        }
        let byKind = Dictionary(counts, uniquingKeysWith: +)
        let searchSizes = SearchIndex.measure(outputs)
        var summary = SiteBuilder.Summary(
            output: output.writer.shown, villages: site.content.villages.count, pagesByKind: byKind,
            filesWritten: outputs.count + output.copyList.count,
            bytesWritten: outputs.indices.reduce(0) { $0 + outputs[$1].size },
            filesChanged: output.written, groupsRendered: output.memo.rendered,
            diagnostics: diagnostics.sorted(), asOf: site.asOf.day,
            pageWeights: SiteBuilder.PageWeights.measure(outputs),
            searchIndexBytes: searchSizes.index, htmlBytes: searchSizes.html)
        summary.asOfSource = site.asOf.source
        // (Measured above while the manifest is saved: waited for only here.)
        if output.state.cache == nil { ManifestCache.run {} }
        _ = output.searchSave?.value
        session?.filled = true
        summary.filesReused = session?.parsed.hits ?? 0
        summary.bodiesReused = options.incremental ? session?.bodies.hits ?? 0 : 0
        if options.incremental {
            stamp.record(output: output.writer.output)
            summary.save(stamp)
            timer.mark(.summary)
        }
        if let save = output.last.work { ManifestCache.runLater(save) }
        return summary
    }
}
