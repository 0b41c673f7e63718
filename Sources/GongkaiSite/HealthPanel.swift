import GongkaiContent
import GongkaiDisclosure

/// 栏目更新情况 on the 公开情况 page, when the site turns column health on: a grid of owners (全站,
/// 镇（县）级, each village) × sections, each cell with a text label, the newest page's day and the
/// days since; then the problems in words, so a phone reader need not scroll the grid.
struct HealthPanel {
    let report: DisclosureReport
    let index: SiteIndex

    static func css(_ status: HealthStatus) -> String {
        switch status {
        case .fresh: "published"
        case .stale: "late"
        case .empty: "missing"
        }
    }

    func ownerName(_ owner: HealthOwner) -> String {
        switch owner {
        case .site: "全站"
        case .county: "镇（县）级页面"
        case .village(let id): index.villagesByID[id]?.name ?? id
        }
    }

    func ownerHref(_ owner: HealthOwner, from path: String) -> String {
        switch owner {
        case .site: Paths.relative(from: path, to: Paths.home)
        case .county: Paths.relative(from: path, to: Paths.county)
        case .village(let id): Paths.relative(from: path, to: Paths.village(id))
        }
    }

    func sectionName(_ section: HealthSection) -> String {
        switch section {
        case .kind(let kind): kind.chineseName
        case .home: "全站最新"
        }
    }

    func record(from path: String) -> Record? {
        guard let settings = report.healthSettings else { return nil }
        let sections = Set(report.health.map(\.section)).sorted()
        var owners: [HealthOwner] = []
        var byCell: [HealthOwner: [HealthSection: HealthResult]] = [:]
        for result in report.health {
            if byCell[result.owner] == nil { owners.append(result.owner) }
            byCell[result.owner, default: [:]][result.section] = result
        }
        let columns = sections.map { section -> Record in
            var column = Record(["name": sectionName(section)])
            if let limit = settings.stale[section.key] { column["limit"] = limit }
            return column
        }
        let rows = owners.map { owner -> Record in
            let cells = sections.map { section -> Record in
                guard let result = byCell[owner]?[section] else { return Record(["status": "—", "css": "na"]) }
                var cell = Record(["status": result.status.chineseLabel, "css": Self.css(result.status)])
                if let newest = result.newest { cell["newest"] = "\(newest.year)年\(newest.month)月\(newest.day)日" }
                if let days = result.days { cell["days"] = days }
                return cell
            }
            return Record(["owner": ownerName(owner), "href": ownerHref(owner, from: path), "cells": cells])
        }
        let problems = report.healthFindings.map { result -> Record in
            Record([
                "text": report.healthLine(result, .zh), "css": Self.css(result.status),
                "label": result.status.chineseLabel,
            ])
        }
        var record = Record([
            "columns": columns, "rows": rows,
            "stale": report.health.filter { $0.status == .stale }.count,
            "empty": report.health.filter { $0.status == .empty }.count,
        ])
        if !problems.isEmpty { record["problems"] = problems }
        if let profile = settings.profile {
            record["profile"] = profile == "gov-2019" ? "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》" : profile
        }
        record["emptyChecked"] = settings.empty
        record["asOf"] = report.asOf.chinese
        let findings = report.findings.map { self.finding($0, from: path) }
        if !findings.isEmpty { record["findings"] = findings }
        return record
    }

    /// A broken link, missing attachment or footer item, named by the page it is on (linked).
    func finding(_ finding: SiteFinding, from path: String) -> Record {
        var record = Record(["label": finding.kind.chineseLabel, "text": finding.zh])
        if let page = index.pagesBySource[finding.file] {
            record["where"] = "《\(page.title)》"
            record["href"] = Paths.relative(from: path, to: page.outputPath)
        } else {
            record["where"] = finding.file == SiteConfig.fileName ? "site.yaml（网站设置）" : finding.file
        }
        if let line = finding.line { record["line"] = line }
        return record
    }
}
