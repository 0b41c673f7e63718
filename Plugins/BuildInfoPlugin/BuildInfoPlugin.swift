import Foundation
import PackagePlugin

/// Runs scripts/build-info before every build: it writes the version and the commit into the target's
/// generated sources, and leaves the file untouched (so nothing recompiles) when they did not change.
/// git is asked at build time only; the binary carries the answer.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
        var environment: [String: String] = [:]
        if let commit = ProcessInfo.processInfo.environment["GONGKAI_COMMIT"] { environment["GONGKAI_COMMIT"] = commit }
        return [
            .prebuildCommand(
                displayName: "gongkai version and commit",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [root.appendingPathComponent("scripts/build-info").path, root.path, output.path],
                environment: environment,
                outputFilesDirectory: output)
        ]
    }
}
