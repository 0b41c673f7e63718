import GongkaiContent
import GongkaiMarkdown

extension RenderContext {
    /// The items phase: every page's own page, its print view (for the kinds that have one) and, with
    /// base-url, the QR code of its public address. Attachments and photos are copied next to it.
    func itemPages(_ bodies: inout [RenderedBody], made: inout Generated) {
        let pages = content.pages
        // By number, not by (page, body) pairs: copying a page is not free, and there are many.
        let numbers = Array(pages.indices)
        do {
            // A `let` of the bodies for the parallel closures (they cannot capture an `inout`); it ends
            // here, so letting the HTML go below neither copies the array nor keeps the HTML alive.
            let bodies = bodies
            // A regulation's 版本沿革 shows other versions and their texts: in its stamp.
            made.outputs += keptOrMade(
                "items", numbers, id: { .item(pages[$0].outputPath) },
                inputs: { n in
                    // Only regulations have a 版本沿革 (`RegulationHistory.chains` holds regulations only).
                    ownInputs(n, bodies: bodies, history: pages[n].kind == .regulation ? history.stamp(for: pages[n].sourcePath) : nil)
                },
                plan: { n in
                    ItemPage.planned(
                        pages[n], entry: entries[n], body: bodies[n], history: history.shown(for: pages[n].sourcePath),
                        contexts: contexts, countyName: countyName)
                }, finish: { emit($0.measured(as: .item)) })
            // Compared, not hashed (a kind hashes its name).
            let printKinds = Array(PrintPage.kinds)
            // Most pages have no attachment or photo: looked at in place (a copy of each page retains its parts).
            for n in pages.indices where !pages[n].attachments.isEmpty || pages[n].fields.photo != nil {
                made.copies += itemCopies(pages[n])
            }
            // 扫码在手机上看: the QR code of each item's public address (only with base-url).
            if content.config.baseURL != nil {
                made.outputs += parallelMap(numbers) { n in phoneQR(pages[n].outputPath) }.compactMap { $0 }
            }
            made.outputs += keptOrMade(
                "print views", numbers.filter { printKinds.contains(pages[$0].kind) }, id: { .print(pages[$0].outputPath) },
                inputs: { ownInputs($0, bodies: bodies) },
                plan: { n in PrintPage.planned(pages[n], entry: entries[n], body: bodies[n], contexts: contexts) }, finish: emit)
        }
        // The bodies' HTML is not needed from here on: without a session keeping it, it goes now (and
        // the memory back to the system: ~30 MB less at the peak of a 50k-page build).
        // Given back only when there was much: after an edit, bodies from the build state hold no HTML,
        // and trimming the heap then costs time (and page faults later) for nothing.
        if !keepsBodies {
            var released = 0
            for n in bodies.indices {
                released += bodies[n].keptHTML?.utf8.count ?? 0
                bodies[n].html = ""
            }
            if released > 1 << 24 { PageGenerator.releaseFreedMemory() }
        }
    }

    /// One output of each of the pages `numbers` (by their number in the site), in that order. While the
    /// structure is unchanged, the stamps are made first, and the outputs whose stamps are unchanged are
    /// kept: by place from the last build's record (`PlanCutoff.ItemsRecord`) when the output is the one
    /// that build saved, else in one step (`PlanCutoff.keepAll`); the others (the edited pages') are
    /// planned and made. `name` names the phase's record. A stamp is made from its `inputs`: with a
    /// record, an output whose inputs are the recorded ones keeps its recorded stamp (not hashed again).
    private func keptOrMade<Type: PageType>(
        _ name: String, _ numbers: [Int], id: @Sendable (Int) -> OutputID, inputs: @Sendable (Int) -> PlanCutoff.OwnInputs,
        plan: @Sendable (Int) -> PlannedOutput<Type>, finish: @Sendable (OutputFile) -> OutputFile
    ) -> [OutputFile] {
        guard let cutoff, let structure = cutoff.structure else {
            return parallelMap(numbers) { n in finish(make(id(n), stamp: inputs(n).stamp) { plan(n) }[0]) }
        }
        if structureUnchanged, var record = cutoff.itemsRecord(name, count: numbers.count, memo: memo) {
            // Read in one pass (each is a few fields): only the changed ones are hashed. The record is
            // this build's alone (`itemsRecord` took it out): patched in place.
            var changed: [Int] = []
            for at in numbers.indices {
                let now = inputs(numbers[at])
                guard now != record.inputs[at] else { continue }
                let last = record.stamps[at]
                record.stamps[at] = now.stamp
                record.inputs[at] = now
                if record.stamps[at] != last { changed.append(at) }
            }
            if let verify = PlanCutoff.verifier {
                var isChanged = Array(repeating: false, count: numbers.count)
                for at in changed { isChanged[at] = true }
                for (at, n) in numbers.enumerated() where !isChanged[at] {
                    let planned = plan(n)
                    if planned.id != record.ids[at] || planned.key(in: env) != record.groups[at].key { verify(record.ids[at].text) }
                }
            }
            cutoff.noteKept(numbers.count - changed.count)
            let ids = record.ids, stamps = record.stamps
            let made = parallelMap(changed) { at in finish(make(ids[at], stamp: stamps[at]) { plan(numbers[at]) }[0]) }
            var files = record.files
            for (at, file) in zip(changed, made) { files[at] = file }
            // The record, patched for the next build; its groups kept in bulk after that (the memo holds
            // the made ones' groups too, and those win over the bulk's: see `OutputMemo.keepBulk`).
            record.serial = 0
            var patched = true
            for (at, file) in zip(changed, made) {
                guard let group = memo.group(ids[at]) else {
                    patched = false
                    break
                }
                record.files[at] = file.kept
                record.groups[at] = group
            }
            memo.keepBulk(ids: record.ids, groups: record.groups, made: changed)
            if patched { cutoff.record(items: name, record) }
            return files
        }
        let made = parallelMap(numbers) { inputs($0) }
        let stamps = made.map(\.stamp)
        let files: [OutputFile]
        if structureUnchanged {
            let kept = cutoff.keepAll(zip(numbers, stamps).map { (id($0), $1) }, memo: memo)
            if let verify = PlanCutoff.verifier {
                for (n, kept) in zip(numbers, kept) {
                    guard let kept else { continue }
                    let planned = plan(n)
                    if planned.id != id(n) || planned.key(in: env) != kept.key { verify(id(n).text) }
                }
            }
            var some = kept.map { $0.map { finish($0.files[0]) } }
            let remaining = some.indices.filter { some[$0] == nil }
            let made = parallelMap(remaining) { at in finish(make(id(numbers[at]), stamp: stamps[at]) { plan(numbers[at]) }[0]) }
            for (at, file) in zip(remaining, made) { some[at] = file }
            files = some.map { $0! }
        } else {
            files = parallelMap(Array(numbers.indices)) { at in finish(make(id(numbers[at]), stamp: stamps[at]) { plan(numbers[at]) }[0]) }
        }
        // What the next build keeps by place (made once per structure: a lookup of each output's group).
        guard cutoff.recordsItems else { return files }
        let ids = numbers.map(id)
        let groups = ids.compactMap { memo.group($0) }
        guard groups.count == ids.count else { return files }
        cutoff.record(
            items: name,
            PlanCutoff.ItemsRecord(structure: structure, ids: ids, stamps: stamps, inputs: made, groups: groups, files: files.map(\.kept)))
        return files
    }

    /// Attachments and photo of an item page, as (source, target), copied next to it.
    func itemCopies(_ page: Page) -> [(String, String)] {
        // Most pages have neither: nothing to work out.
        if page.attachments.isEmpty && page.fields.photo == nil { return [] }
        let folder = RelativePath.directory(of: page.sourcePath)
        var copies: [(String, String)] = []
        for (file, isPhoto) in page.attachments.map({ ($0, false) }) + [page.fields.photo].compactMap({ $0.map { ($0, true) } })
        where isPhoto || !file.contains("://") {
            guard let source = ContentLoader.attachmentSource(file, pageFolder: folder), source.hasPrefix("content/"),
                let target = index.outputPath(forSource: source)
            else { continue }
            copies.append((source, target))
        }
        return copies
    }
}
