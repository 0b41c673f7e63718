import Foundation
import GongkaiContent

/// What the output folder holds, as incremental builds need to know it: the groups and files of the
/// build that made it, and a second folder (the spare) the next build is written into and swapped in.
///
/// The spare holds an older build whose files are listed in its own manifest; a build brings it up to
/// date by writing only the files that differ, deletes the files that are gone, and swaps it with the
/// output in one step. The output then is the new build and the spare the previous one. Manifests are
/// removed before their folder is touched and written after, so a killed build leaves at worst a spare
/// with no manifest, which the next build rewrites whole.
struct OutputState {
    let folder: String
    let output: String
    /// Manifests a session (`gongkai serve`) keeps parsed between builds.
    var cache: ManifestCache? = nil

    var manifestPath: String { folder + "/output.manifest" }
    var spareManifestPath: String { folder + "/spare.manifest" }
    var sparePath: String { folder + "/spare" }

    init(files: SiteFiles, output: String) {
        self.output = output
        folder = files.absolute("\(BuildStamp.folder)/out-\(String(StableHash.of(output), radix: 16))")
    }

    /// The spare can be swapped with the output only on the same file system, and the cache folder
    /// must be a real folder of the site (see `BuildStamp.cacheIsSafe`).
    func spareIsUsable(cacheIsSafe: Bool) -> Bool {
        guard cacheIsSafe else { return false }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var a = stat(), b = stat()
        var info = stat()
        guard lstat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return false }
        let parent = URL(fileURLWithPath: output).deletingLastPathComponent().path
        return stat(folder, &a) == 0 && stat(parent, &b) == 0 && a.st_dev == b.st_dev
    }

    typealias Manifest = OutputManifest

    /// The manifest of the current output, when the output is still the folder that build swapped in.
    func currentManifest() -> Manifest? {
        guard let manifest = read(manifestPath)?.manifest,
            let identity = BuildStamp.identity(of: output), manifest.identity == identity
        else { return nil }
        return manifest
    }

    /// `currentManifest()` of the output whose identity (`BuildStamp.identity`) was `identity`.
    func currentManifest(identity: String) -> Manifest? {
        guard let manifest = read(manifestPath)?.manifest, manifest.identity == identity else { return nil }
        return manifest
    }

    /// The files the spare holds, when its manifest says (nil: unknown, rewrite it whole), and the
    /// serial of that manifest (`OutputManifest.serial`; 0 when none, or not saved by this process).
    func spareFiles() -> (files: FileTable?, serial: UInt64) {
        var info = stat()
        guard lstat(sparePath, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return (FileTable(), 0) }
        // Without a session, only the files are wanted (read from the file: its serial is 0).
        if cache == nil { return (ManifestCache.run { OutputManifest.readFiles(spareManifestPath) }, 0) }
        let parsed = read(spareManifestPath)
        return (parsed?.files, parsed?.manifest.serial ?? 0)
    }

    func forgetSpare() {
        ManifestCache.run {
            unlink(spareManifestPath)
            cache?.forget(spareManifestPath)
        }
    }

    /// Records the new output (`manifest`, made where it is saved); `spareHoldsPrevious`: the spare now
    /// holds what the output held, which the output's manifest describes (it becomes the spare's).
    /// Returns the save, to be run in the background (`ManifestCache.runLater`), before anything else
    /// touches manifests (see `ManifestCache`): a session's while serve waits for the next edit;
    /// `gongkai build`'s while it saves its state (the summary step waits for it, `ManifestCache.run`,
    /// before it records the build's stamp).
    func save(spareHoldsPrevious: Bool, _ manifest: @escaping @Sendable () -> Manifest) -> @Sendable () -> Void {
        let cache = cache, manifestPath = manifestPath, spareManifestPath = spareManifestPath
        return {
            let manifest = manifest()
            if !spareHoldsPrevious || rename(manifestPath, spareManifestPath) != 0 { unlink(spareManifestPath) }
            cache?.moved(manifestPath, to: spareManifestPath)
            let readsBack = manifest.write(to: manifestPath)
            cache?.keep(manifest, at: manifestPath, readsBack: readsBack)
        }
    }

    /// A manifest file, from the session's cache while the file is the one it parsed or wrote.
    func read(_ path: String) -> ManifestCache.Parsed? {
        ManifestCache.run { cache.map { $0.read(path) } ?? OutputManifest.read(path).map { ManifestCache.Parsed($0) } }
    }
}
