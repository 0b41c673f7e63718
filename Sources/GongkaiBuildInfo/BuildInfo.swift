/// The version and commit this binary was built from. The values are written before every build by
/// scripts/build-info (through Plugins/BuildInfoPlugin) into `GeneratedBuildInfo.swift`: the version from
/// the repository's VERSION file, the commit from git, or from the COMMIT file of a `git archive`
/// tarball. Nothing here runs git.
public enum BuildInfo {
    /// As in VERSION, e.g. `0.1.0`.
    public static var version: String { generatedVersion }
    /// 40 hex digits, or "" when the build had no git information.
    public static var commit: String { generatedCommit }
    /// Whether tracked files had uncommitted changes when it was built.
    public static var isDirty: Bool { generatedDirty }
}
