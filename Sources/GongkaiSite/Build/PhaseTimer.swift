import Foundation

/// Measures the phases of a build when `GONGKAI_TIMING=1`, printing to stderr: the benchmark's
/// "where the time goes". Costs nothing otherwise.
struct PhaseTimer {
    let enabled = ProcessInfo.processInfo.environment["GONGKAI_TIMING"] == "1"
    var last = Date()
    /// The phase marked last: phases are marked in the order `Phase` lists them.
    private var previous: Phase? = nil

    /// `phase` ended now; `note` (what a session saved) is printed beside its name.
    mutating func mark(_ phase: Phase, note: String? = nil) {
        assert(previous.map { $0 < phase } ?? true, "phase \(phase) marked after \(previous.map { "\($0)" } ?? "")")
        previous = phase
        guard enabled else { return }
        let now = Date()
        let name = note.map { "\(phase.label) (\($0))" } ?? phase.label
        FileHandle.standardError.write(Data(String(format: "timing: %-12@ %7.1f ms\n", name as NSString, now.timeIntervalSince(last) * 1000).utf8))
        last = now
    }
}
