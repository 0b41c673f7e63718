import GongkaiBuildInfo
import GongkaiContent

/// What `gongkai --version` prints: the version from the repository's VERSION file and the commit the
/// binary was built from, both fixed when it was compiled (see scripts/build-info).
enum BuildVersion {
    static var version: String { BuildInfo.version }
    static var commit: String { BuildInfo.commit }
    static var isDirty: Bool { BuildInfo.isDirty }

    /// `gongkai 0.1.0（提交 c038bc5e12ab）`; says so when the build had no commit or uncommitted changes.
    static func line(_ language: Language = HelpText.language()) -> String {
        guard !commit.isEmpty else {
            return "gongkai \(version)"
                + language.pick(
                    "（提交未知：不是从 git 仓库或 git archive 的压缩包生成的）",
                    " (commit unknown: not built from a git checkout or a git archive)")
        }
        let short = String(commit.prefix(12))
        return "gongkai \(version)"
            + (isDirty
                ? language.pick("（提交 \(short)，另有未提交的改动）", " (commit \(short), with uncommitted changes)")
                : language.pick("（提交 \(short)）", " (commit \(short))"))
    }
}
