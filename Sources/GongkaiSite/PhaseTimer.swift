import Foundation

/// Measures the phases of a build when `GONGKAI_TIMING=1`, printing to stderr: the benchmark's
/// "where the time goes". Costs nothing otherwise.
struct PhaseTimer {
    let enabled = ProcessInfo.processInfo.environment["GONGKAI_TIMING"] == "1"
    var last = Date()

    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = Date()
        FileHandle.standardError.write(Data(String(format: "timing: %-12@ %7.1f ms\n", phase as NSString, now.timeIntervalSince(last) * 1000).utf8))
        last = now
    }
}
