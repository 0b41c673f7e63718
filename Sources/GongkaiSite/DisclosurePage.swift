import GongkaiContent
import GongkaiDisclosure

/// 公开情况一览: the disclosure record of every village as a grid (villages × periods, one table per
/// rule), each cell with a text label and not colour alone; and each village's own record.
struct DisclosurePage {
    let report: DisclosureReport
    let index: SiteIndex
    let contexts: PageContexts
    let theme: Theme

    static func label(_ status: DisclosureStatus) -> (text: String, css: String) {
        switch status {
        case .published: ("按时公开", "published")
        case .late: ("逾期公开", "late")
        case .missing: ("未公开", "missing")
        case .pending: ("未到期", "pending")
        case .none: ("暂无", "none")
        }
    }

    /// Link to the first page that fulfilled a result, if any.
    func pageHref(_ result: DisclosureResult, from path: String) -> String? {
        guard let first = result.pages.first, let page = index.pagesBySource[first] else { return nil }
        return Paths.relative(from: path, to: page.outputPath)
    }

    func cell(_ result: DisclosureResult, from path: String) -> Record {
        let (text, css) = Self.label(result.status)
        var cell = Record(["status": text, "css": css])
        if let published = result.published { cell["published"] = "\(published.month)月\(published.day)日" }
        if let due = result.due { cell["due"] = due.chinese }
        if let href = pageHref(result, from: path) { cell["href"] = href }
        if let period = result.period { cell["period"] = PeriodLabel.chinese(period) + (result.event != nil ? "会议前" : "") }
        return cell
    }

    /// What the overview shows besides what every page has: the grids, the totals and column health.
    func overview() -> Record {
        let path = Paths.disclosure
        var context = Record()
        context["asOf"] = report.asOf.chinese
        context["since"] = report.since.chinese
        let s = report.summary
        context["summary"] = Record(["published": s.published, "late": s.late, "missing": s.missing, "pending": s.pending])
        var tables: [Record] = []
        // Rules with periods first (the grid readers look for), then on-event rules.
        let periodic = report.rules.filter { rule in report.results.contains { $0.rule == rule.id && $0.period != nil } }
        let onEvent = report.rules.filter { rule in !periodic.contains { $0.id == rule.id } }
        for rule in periodic + onEvent {
            let results = report.results.filter { $0.rule == rule.id }
            if results.isEmpty { continue }
            var table = Record(["id": rule.id, "name": rule.name, "basis": citedBasis(rule, results), "due": rule.due])
            if rule.cadence == .beforeEvent { table["beforeEvent"] = true }
            if results.allSatisfy({ $0.period == nil }) {
                // On-event rules: how many were published, and how many late.
                table["onEvent"] = true
                table["rows"] = results.map { result -> Record in
                    var row = Record([
                        "village": index.villagesByID[result.village]?.name ?? result.village,
                        "href": Paths.relative(from: path, to: Paths.village(result.village)),
                        "count": result.count ?? 0,
                    ])
                    if let late = result.late, late > 0 { row["late"] = late }
                    return row
                }
            } else {
                // Looked up by key, not searched: a county of hundreds of villages and years of months
                // would make the grid quadratic.
                var periods: [String] = []
                var seenPeriods = Set<String>()
                var byCell: [String: DisclosureResult] = [:]
                for result in results {
                    guard let p = result.period else { continue }
                    if seenPeriods.insert(p).inserted { periods.append(p) }
                    if byCell["\(result.village)|\(p)"] == nil { byCell["\(result.village)|\(p)"] = result }
                }
                periods.sort()
                table["periods"] = periods.map { Record(["label": PeriodLabel.chinese($0) + (rule.cadence == .beforeEvent ? "会议" : "")]) }
                var villages: [String] = []
                var seenVillages = Set<String>()
                for result in results where seenVillages.insert(result.village).inserted { villages.append(result.village) }
                table["rows"] = villages.map { id -> Record in
                    let cells = periods.map { period -> Record in
                        if let result = byCell["\(id)|\(period)"] {
                            return cell(result, from: path)
                        }
                        // The village was not yet checked for this period (it joined later).
                        return Record(["status": "—", "css": "na"])
                    }
                    return Record([
                        "village": index.villagesByID[id]?.name ?? id,
                        "href": Paths.relative(from: path, to: Paths.village(id)), "cells": cells,
                    ])
                }
            }
            tables.append(table)
        }
        context["tables"] = tables
        if let health = HealthPanel(report: report, index: index).record(from: path) { context["health"] = health }
        return context
    }

    /// A village's own record for its page, from its results with a period (in the report's order):
    /// missing first, then late, pending, published; newest period first.
    func villageRecord(_ results: [DisclosureResult], from path: String) -> Record? {
        if results.isEmpty { return nil }
        let order: [DisclosureStatus] = [.missing, .late, .pending, .published, .none]
        let sorted = results.sorted {
            let a = order.firstIndex(of: $0.status) ?? 9, b = order.firstIndex(of: $1.status) ?? 9
            return a != b ? a < b : ($0.period ?? "") > ($1.period ?? "")
        }
        let names = Dictionary(report.rules.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let rows = sorted.map { result -> Record in
            var row = cell(result, from: path)
            row["rule"] = names[result.rule] ?? result.rule
            return row
        }
        let missing = results.filter { $0.status == .missing }.count
        let late = results.filter { $0.status == .late }.count
        let pending = results.filter { $0.status == .pending }.count
        let published = results.filter { $0.status == .published }.count
        var record = Record([
            "rows": rows, "asOf": report.asOf.chinese,
            "href": Paths.relative(from: path, to: Paths.disclosure),
        ])
        if missing > 0 { record["missing"] = missing }
        if late > 0 { record["late"] = late }
        // Only what was published can be "on time": a village with nothing published yet is not all good.
        if missing == 0 && late == 0 && published > 0 { record["allGood"] = true }
        if missing == 0 && late == 0 && published == 0 && pending > 0 { record["pending"] = pending }
        return record
    }
}

/// 公开情况一览 as a page type: its inputs are what it shows (`DisclosurePage.overview`), worked out
/// from the disclosure check's report.
enum DisclosureOverview: PageType {
    struct Inputs: Codable {
        var overview: TemplateValue
    }

    static func planned(_ page: DisclosurePage) -> PlannedOutput<DisclosureOverview> {
        PlannedOutput(.disclosure, DisclosureOverview.self, Inputs(overview: .of(page.overview())))
    }

    static func render(_ inputs: Inputs, in env: RenderEnvironment) -> [OutputFile] {
        let path = Paths.disclosure
        var context = env.base(path: path, title: "公开情况一览", current: "disclosure", breadcrumbs: [.home])
        if case .record(let fields) = inputs.overview {
            for field in fields { context[field.key] = field.value.data }
        }
        return [OutputFile(path, bytes: env.renderBytes("disclosure", context))]
    }
}
