import GongkaiContent

/// The command that starts a page the check asks for, runnable as printed:
/// `gongkai new disclosure --village 杏花村 --item finance-monthly --period 2026-10`.
extension DisclosureReport {
    /// For a missing or not-yet-due period; nil for anything else (nothing to start).
    public func newPageCommand(for result: DisclosureResult) -> String? {
        guard !result.isOnEvent, result.status == .missing || result.status == .pending, let period = result.period else { return nil }
        var words = ["gongkai", "new", "disclosure"]
        if context.site != "." && !context.site.isEmpty { words += ["--site", context.site] }
        words += ["--village", villageArgument(result.village), "--item", result.rule, "--period", period]
        return words.map(ShellWord.quoted).joined(separator: " ")
    }

    /// The name people call the village by, unless another village has the same name (or it is another's id).
    func villageArgument(_ id: String) -> String {
        guard let village = village(id) else { return id }
        let sameName = villages.filter { $0.name == village.name || $0.id == village.name }
        return sameName.count == 1 && !village.name.isEmpty ? village.name : id
    }
}

/// One word of a POSIX shell command line.
enum ShellWord {
    /// The word as it is when the shell leaves it alone (letters of any script, digits, `-_./:=,+@%`;
    /// not `~`, which the shell would expand), else in single quotes.
    static func quoted(_ word: String) -> String {
        let plain =
            !word.isEmpty
            && word.unicodeScalars.allSatisfy { scalar in
                if scalar.isASCII {
                    return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                        || "-_./:=,+@%".unicodeScalars.contains(scalar)
                }
                return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
        if plain { return word }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
