import Foundation

/// Terminal output: whether to use colours (only on a terminal, never with NO_COLOR or TERM=dumb),
/// and lines written at once even when stdout is a pipe.
enum Console {
    static let environment = ProcessInfo.processInfo.environment

    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Colours for output to `fd`: only on a terminal, never when NO_COLOR is set (https://no-color.org).
    static func coloursAllowed(fd: Int32, environment: [String: String] = Console.environment) -> Bool {
        guard isTerminal(fd) else { return false }
        if environment["NO_COLOR"] != nil { return false }
        return environment["TERM"] != "dumb"
    }

    static let out = Style(enabled: coloursAllowed(fd: STDOUT_FILENO))
    static let err = Style(enabled: coloursAllowed(fd: STDERR_FILENO))

    /// Prints a line to stdout and flushes it (a pipe would otherwise hold it back).
    static func line(_ text: String = "") {
        print(text)
        fflush(nil)  // all output streams, stdout among them (Swift 6 refuses to read the C global `stdout`)
    }
}

/// ANSI colours, or plain text when disabled.
struct Style {
    let enabled: Bool

    func paint(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func error(_ text: String) -> String { paint(text, "1;31") }
    func warning(_ text: String) -> String { paint(text, "1;33") }
    func success(_ text: String) -> String { paint(text, "32") }
    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }
    func path(_ text: String) -> String { paint(text, "36") }

    /// `file:line: error: message` with the severity word coloured.
    func diagnostic(_ line: String) -> String {
        guard enabled else { return line }
        for (word, colour) in [(": error: ", "1;31"), (": warning: ", "1;33")] {
            if let range = line.range(of: word) {
                let severity = String(word.dropFirst(2).dropLast(2))
                return String(line[..<range.lowerBound]) + ": " + paint(severity, colour) + ": " + String(line[range.upperBound...])
            }
        }
        return line
    }
}

/// A one-line progress display on stderr for long builds: it appears only on a terminal and only
/// after `delay` seconds, and is erased when the work ends. Without a known fraction it shows an
/// activity bar and the time so far.
///
/// Sendable by hand: every mutable property is read and written only on `queue`, a serial queue (the
/// timer's handler runs there, and the public methods enter it with `sync` or `async`).
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private let delay: Double
    private let queue = DispatchQueue(label: "gongkai.progress")
    private var timer: DispatchSourceTimer?
    private var started = Date()
    private var fraction: Double?
    private var drawn = false
    private var tick = 0

    /// `GONGKAI_PROGRESS_DELAY` (seconds) replaces the one-second delay, so tests can see the display.
    init(label: String, enabled: Bool, delay: Double = 1.0, environment: [String: String] = Console.environment) {
        self.label = label
        self.enabled = enabled
        self.delay = environment["GONGKAI_PROGRESS_DELAY"].flatMap(Double.init) ?? delay
    }

    func start() {
        guard enabled else { return }
        queue.sync {
            started = Date()
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.schedule(deadline: .now() + delay, repeating: 0.1)
            timer.setEventHandler { [weak self] in self?.draw() }
            timer.resume()
            self.timer = timer
            if delay <= 0 { draw() }
        }
    }

    /// A known share of the work done, 0…1.
    func update(fraction: Double) {
        queue.async { self.fraction = min(1, max(0, fraction)) }
    }

    func finish() {
        guard enabled else { return }
        queue.sync {
            timer?.cancel()
            timer = nil
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
            drawn = false
        }
    }

    private func draw() {
        let width = 24
        var bar = [Character](repeating: " ", count: width)
        if let fraction {
            for i in 0..<Int(Double(width) * fraction) { bar[i] = "=" }
        } else {
            // An activity bar: a block moving back and forth.
            let span = width - 6
            let step = tick % (2 * span)
            let position = step < span ? step : 2 * span - step
            for i in position..<(position + 6) { bar[i] = "=" }
            tick += 1
        }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
        let percent = fraction.map { " \(Int($0 * 100))%" } ?? ""
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(label) [\(String(bar))]\(percent) \(seconds)s".utf8))
        drawn = true
    }
}
