import GongkaiContent

/// Time on the portal: notices past `expires` leave the notice lists for an 往期 list of their own,
/// and each village (and the county) has a yearly archive: `villages/<id>/archive/index.html` with
/// the years, `villages/<id>/archive/<year>.html` with that year's pages month by month.
enum Archives: PageType {
    static func folder(ownerFolder: String) -> String { "\(ownerFolder)/archive" }
    static func indexPath(ownerFolder: String) -> String { "\(folder(ownerFolder: ownerFolder))/index.html" }
    static func yearPath(ownerFolder: String, year: Int) -> String { "\(folder(ownerFolder: ownerFolder))/\(year).html" }

    // MARK: 往期 notices

    /// A notice list split in two: the notices still in force, with a link to the 往期 list of the
    /// expired ones (`<folder>/archive/`), and that list. A list with nothing expired stays as it is.
    static func splitNotices(_ job: ListJob, isExpired: (Page) -> Bool) -> [ListJob] {
        let expired = job.pages.filter(isExpired)
        if expired.isEmpty { return [job] }
        let archiveFolder = "\(job.folder)/archive"
        var current = job
        current.pages = job.pages.filter { !isExpired($0) }
        current.links.append(Link("往期（已过期）\(expired.count) 篇", Paths.listPage(archiveFolder, number: 1)))
        var archive = job
        archive.folder = archiveFolder
        archive.title = "\(job.title) · 往期"
        archive.pages = expired
        archive.breadcrumbs.append(Link(job.title, Paths.listPage(job.folder, number: 1)))
        archive.links = [Link("未过期的\(Kind.notice.chineseName)（\(current.pages.count) 篇）", Paths.listPage(job.folder, number: 1))]
        archive.note = "以下内容已过有效期，仅供查阅。"
        return [current, archive]
    }

    // MARK: Yearly archive

    struct Owner {
        var name: String
        var folder: String
        var pages: [Page]
        var breadcrumbs: [Link]
    }

    /// Years with pages, newest first, each with its pages (newest first).
    static func years(_ pages: [Page]) -> [(year: Int, pages: [Page])] {
        var byYear: [Int: [Page]] = [:]
        for page in pages { byYear[page.date.day.year, default: []].append(page) }
        return byYear.keys.sorted(by: >).map { ($0, byYear[$0] ?? []) }
    }

    /// Links to each year's archive page from `path`, for the village page.
    static func yearLinks(_ pages: [Page], ownerFolder: String, from path: String) -> [Record] {
        years(pages).map { year, pages in
            Record([
                "year": year, "count": pages.count,
                "href": Paths.relative(from: path, to: yearPath(ownerFolder: ownerFolder, year: year)),
            ])
        }
    }

    /// What an owner's yearly archive shows: its name and breadcrumbs, and its pages' entries (without
    /// summaries) by year and month.
    struct Inputs: Codable {
        struct Year: Codable {
            var year: Int
            var count: Int
            var months: [Month]
        }
        struct Month: Codable {
            var month: Int
            var items: [ListEntry]
        }
        var name: String
        var folder: String
        var breadcrumbs: [Link]
        var count: Int
        var years: [Year]
    }

    static func planned(_ owner: Owner, entry: (Page) -> ListEntry) -> PlannedOutput<Archives> {
        let years = years(owner.pages).map { year, pages -> Inputs.Year in
            var byMonth: [Int: [Page]] = [:]
            for page in pages { byMonth[page.date.day.month, default: []].append(page) }
            let months = byMonth.keys.sorted(by: >).map { month in
                Inputs.Month(month: month, items: (byMonth[month] ?? []).map { entry($0).withoutSummary })
            }
            return Inputs.Year(year: year, count: pages.count, months: months)
        }
        return PlannedOutput(
            .archive(ownerFolder: owner.folder), Archives.self,
            Inputs(
                name: owner.name, folder: owner.folder, breadcrumbs: owner.breadcrumbs,
                count: owner.pages.count, years: years))
    }

    static func render(_ inputs: Inputs, in env: RenderEnvironment) -> [OutputFile] {
        let years = inputs.years
        if years.isEmpty { return [] }
        var outputs: [OutputFile] = []
        let indexPath = indexPath(ownerFolder: inputs.folder)
        func yearNav(from path: String, current: Int?) -> [Record] {
            years.map { year in
                var record = Record([
                    "year": year.year, "count": year.count,
                    "href": Paths.relative(from: path, to: yearPath(ownerFolder: inputs.folder, year: year.year)),
                ])
                if year.year == current { record["current"] = true }
                return record
            }
        }
        let crumbs = inputs.breadcrumbs
        var index = env.base(path: indexPath, title: "\(inputs.name) · 历年内容", current: "villages", breadcrumbs: crumbs)
        index["heading"] = "\(inputs.name) · 历年内容"
        index["years"] = yearNav(from: indexPath, current: nil)
        index["count"] = inputs.count
        index["isIndex"] = true
        outputs.append(OutputFile(indexPath, bytes: env.renderBytes("archive", index)))

        for year in years {
            let path = yearPath(ownerFolder: inputs.folder, year: year.year)
            var context = env.base(
                path: path, title: "\(inputs.name) · \(year.year)年", current: "villages",
                breadcrumbs: crumbs + [Link("历年内容", indexPath)])
            context["heading"] = "\(inputs.name) · \(year.year)年"
            context["years"] = yearNav(from: path, current: year.year)
            context["count"] = year.count
            context["months"] = year.months.map { month -> Record in
                let items = month.items.map { $0.record(from: path) }
                return Record(["month": month.month, "label": "\(year.year)年\(month.month)月", "count": items.count, "items": items])
            }
            outputs.append(OutputFile(path, bytes: env.renderBytes("archive", context)))
        }
        return outputs
    }
}
