import GongkaiContent
import GongkaiDisclosure

/// The checks' findings that `gongkai build` keeps between runs (the build state's `state-checks`),
/// as serve keeps them in memory: the disclosure check's (`CheckMemo`) and the output checks'
/// (clashes, portable names: `PlanCutoff.check`), and the order by path of the outputs they read
/// (`PlanCutoff.sortByPath`). Each is keyed by a fingerprint of everything it read, so a part older
/// than the output (a killed save leaves the previous file) is right for what it holds; a fingerprint
/// that differs makes the check run (or the sort) again.
struct KeptChecks: Sendable {
    /// The disclosure check, without its rules (read again from disclosure.yaml, whose bytes it is keyed by).
    struct Disclosure: Sendable {
        /// `CheckMemo.structure`: the villages and every page's values but its body, in the site's order.
        var structure: UInt64
        /// `CheckMemo.rules`.
        var rules: UInt64
        var asOf: Day
        var since: Day
        var villages: [DisclosureVillage]
        var results: [DisclosureResult]
        var uncounted: [UncountedPage]
        var diagnostics: [Diagnostic]

        /// The report as the check made it, with the rules as they are read now.
        func report(rules: [DisclosureRule]) -> DisclosureReport {
            DisclosureReport(asOf: asOf, since: since, rules: rules, villages: villages, results: results, uncounted: uncounted)
        }

        /// Whether it was made from what `other` was (then it holds the same findings).
        func sameKey(_ other: Disclosure?) -> Bool {
            guard let other else { return false }
            return structure == other.structure && rules == other.rules && asOf == other.asOf
        }
    }

    var disclosure: Disclosure?
    /// By check: the fingerprint of what it read (`PlanCutoff.checksFingerprint`) and what it found.
    var output: [String: (fingerprint: UInt64, diagnostics: [Diagnostic])] = [:]
    /// The outputs' order by path, and the fingerprint of their paths in the order they were made.
    var order: (fingerprint: UInt64, order: [Int])?

    /// Whether it holds the findings of the same checks as `other` (then it need not be written again).
    func sameKeys(_ other: KeptChecks?) -> Bool {
        guard let other, disclosure == nil ? other.disclosure == nil : disclosure!.sameKey(other.disclosure) else { return false }
        return output.mapValues(\.fingerprint) == other.output.mapValues(\.fingerprint) && order?.fingerprint == other.order?.fingerprint
    }

    func write(to out: inout BinaryWriter) {
        out.optional(disclosure) { out, kept in
            out.fixed64(kept.structure)
            out.fixed64(kept.rules)
            out.day(kept.asOf)
            out.day(kept.since)
            out.array(kept.villages) { out, village in
                out.string(village.id)
                out.string(village.name)
                out.string(village.type.rawValue)
                out.day(village.since)
                out.strings(village.exempt)
                out.strings(village.rules)
            }
            out.array(kept.results) { out, result in
                out.string(result.village)
                out.string(result.rule)
                out.string(result.period)
                for day in [result.periodStart, result.periodEnd, result.due] { out.optional(day) { $0.day($1) } }
                out.string(result.status.rawValue)
                out.optional(result.published) { $0.day($1) }
                out.strings(result.pages)
                out.int(result.count)
                out.int(result.late)
                out.optional(result.event) { $0.day($1) }
            }
            out.array(kept.uncounted) { out, page in
                out.string(page.village)
                out.string(page.rule)
                out.string(page.period)
                out.day(page.published)
                out.string(page.page)
                out.day(page.since)
            }
            out.array(kept.diagnostics) { $0.diagnostic($1) }
        }
        let names = output.keys.sorted { $0.bytesPrecede($1) }
        out.unsigned(UInt64(names.count))
        for name in names {
            out.string(name)
            out.fixed64(output[name]!.fingerprint)
            out.array(output[name]!.diagnostics) { $0.diagnostic($1) }
        }
        out.optional(order) { out, order in
            out.fixed64(order.fingerprint)
            out.raw(order.order.map { UInt32(truncatingIfNeeded: $0) })
        }
    }

    static func read(from reader: inout BinaryReader) throws -> KeptChecks {
        var kept = KeptChecks()
        kept.disclosure = try reader.optional { reader in
            let structure = try reader.fixed64(), rules = try reader.fixed64(), asOf = try reader.day(), since = try reader.day()
            let villages = try reader.array { reader in
                let id = try reader.string(), name = try reader.string()
                guard let type = VillageType(rawValue: try reader.string()) else { throw BinaryReader.Damaged(at: reader.position) }
                return DisclosureVillage(
                    id: id, name: name, type: type, since: try reader.day(), exempt: try reader.strings(), rules: try reader.strings())
            }
            let results = try reader.array { reader in
                let village = try reader.string(), rule = try reader.string(), period = try reader.optionalString()
                let start = try reader.optional { try $0.day() }, end = try reader.optional { try $0.day() }
                let due = try reader.optional { try $0.day() }
                guard let status = DisclosureStatus(rawValue: try reader.string()) else { throw BinaryReader.Damaged(at: reader.position) }
                var result = DisclosureResult(
                    village: village, rule: rule, period: period, periodStart: start, periodEnd: end, due: due, status: status,
                    published: try reader.optional { try $0.day() }, pages: try reader.strings(), count: try reader.optionalInt(),
                    late: try reader.optionalInt())
                result.event = try reader.optional { try $0.day() }
                return result
            }
            let uncounted = try reader.array { reader in
                UncountedPage(
                    village: try reader.string(), rule: try reader.string(), period: try reader.string(), published: try reader.day(),
                    page: try reader.string(), since: try reader.day())
            }
            return Disclosure(
                structure: structure, rules: rules, asOf: asOf, since: since, villages: villages, results: results, uncounted: uncounted,
                diagnostics: try reader.array { try $0.diagnostic() })
        }
        let count = try reader.count()
        for _ in 0..<count {
            let name = try reader.string(), fingerprint = try reader.fixed64()
            kept.output[name] = (fingerprint, try reader.array { try $0.diagnostic() })
        }
        kept.order = try reader.optional { reader in
            let fingerprint = try reader.fixed64()
            let order = try reader.raw(UInt32.self).map { Int($0) }
            // A permutation of the outputs' places, or nothing to go by.
            var seen = [Bool](repeating: false, count: order.count)
            for place in order {
                guard place < order.count, !seen[place] else { throw BinaryReader.Damaged(at: reader.position) }
                seen[place] = true
            }
            return (fingerprint, order)
        }
        return kept
    }
}
