import GongkaiContent

/// 道德模范风采: the models of the site (`models/gallery/index.html`) and of each village
/// (`villages/<id>/models/gallery/index.html`) grouped by category, then by year, newest first,
/// each with photo, name, honors and a link to the story.
///
/// Every photo has alt text: the page's `person`, else its title. A photo with neither usable is
/// a warning naming the page and its `photo:` line.
struct ModelsGallery: PageType {
    static let categoryOrder = ["助人为乐", "见义勇为", "诚实守信", "敬业奉献", "孝老爱亲"]
    static let other = "其他"

    static func folder(ownerFolder: String?) -> String {
        ownerFolder.map { "\($0)/models/gallery" } ?? "models/gallery"
    }

    static func path(ownerFolder: String?) -> String { folder(ownerFolder: ownerFolder) + "/index.html" }

    /// The alt text of a model's photo, or nil when the page gives none worth reading out.
    static func altText(_ page: Page) -> String? {
        if let person = page.fields.person?.trimmed, !person.isEmpty { return person }
        let title = page.title.trimmed
        let lower = title.lowercased()
        let looksLikeFile = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg"].contains { lower.hasSuffix($0) }
        let hasWords = title.unicodeScalars.contains { $0.properties.isAlphabetic }
        return title.isEmpty || looksLikeFile || !hasWords ? nil : title
    }

    /// Warnings for photos without usable alt text, once per page.
    static func diagnostics(_ pages: [Page]) -> [Diagnostic] {
        pages.compactMap { page in
            guard page.kind == .model, page.fields.photo != nil, altText(page) == nil else { return nil }
            return .warning(
                page.sourcePath, line: page.keyLines["photo"],
                zh: "照片缺少可用的替代文字（读屏软件朗读用）。请写 person: 人物姓名，或给页面一个说明性的标题",
                en: "the photo has no usable alt text for screen readers. Add person: with the name, or give the page a descriptive title")
        }
    }

    /// What a gallery shows: its heading and breadcrumbs, and a card per model by category and year.
    struct Inputs: Codable {
        struct Category: Codable {
            var name: String
            var count: Int
            var years: [Year]
        }
        struct Year: Codable {
            var year: Int
            var people: [Card]
        }
        struct Card: Codable {
            var title: String
            var target: String
            var name: String
            var owner: String
            var date: String
            var dateISO: String
            var honors: [String]
            var summary: String?
            /// The photo's output path and alt text.
            var photo: Link?
        }
        var heading: String
        var ownerFolder: String?
        var breadcrumbs: [Link]
        var count: Int
        var categories: [Category]
    }

    static func planned(
        pages: [Page], heading: String, ownerFolder: String?, breadcrumbs: [Link],
        contexts: PageContexts
    ) -> PlannedOutput<ModelsGallery> {
        var byCategory: [String: [Page]] = [:]
        for page in pages {
            let category = page.fields.category.map { $0.trimmed }.flatMap { $0.isEmpty ? nil : $0 } ?? other
            byCategory[category, default: []].append(page)
        }
        let extra = byCategory.keys.filter { !categoryOrder.contains($0) && $0 != other }.sorted()
        let order = categoryOrder.filter { byCategory[$0] != nil } + extra + (byCategory[other] != nil ? [other] : [])
        let categories = order.map { category -> Inputs.Category in
            let members = byCategory[category] ?? []
            var byYear: [Int: [Page]] = [:]
            for page in members { byYear[page.date.day.year, default: []].append(page) }
            let years = byYear.keys.sorted(by: >).map { year in
                Inputs.Year(year: year, people: (byYear[year] ?? []).map { card($0, contexts: contexts) })
            }
            return Inputs.Category(name: category, count: members.count, years: years)
        }
        return PlannedOutput(
            .gallery(ownerFolder: ownerFolder), ModelsGallery.self,
            Inputs(
                heading: heading, ownerFolder: ownerFolder, breadcrumbs: breadcrumbs,
                count: pages.count, categories: categories))
    }

    static func card(_ page: Page, contexts: PageContexts) -> Inputs.Card {
        var card = Inputs.Card(
            title: page.title, target: page.outputPath, name: page.fields.person ?? page.title,
            owner: contexts.index.ownerName(page.owner), date: page.date.day.chinese,
            dateISO: page.date.day.description, honors: page.fields.honors)
        if let summary = contexts.summaries[page.sourcePath], !summary.isEmpty { card.summary = summary }
        if let photo = page.fields.photo,
            let source = ContentLoader.attachmentSource(photo, pageFolder: RelativePath.directory(of: page.sourcePath)),
            let target = contexts.index.outputPath(forSource: source)
        {
            card.photo = Link(altText(page) ?? "", target)
        }
        return card
    }

    static func render(_ inputs: Inputs, in env: RenderEnvironment) -> [OutputFile] {
        let path = path(ownerFolder: inputs.ownerFolder)
        var context = env.base(
            path: path, title: inputs.heading, current: inputs.ownerFolder == nil ? Kind.model.folder : "villages",
            breadcrumbs: inputs.breadcrumbs)
        context["heading"] = inputs.heading
        context["count"] = inputs.count
        context["categories"] = inputs.categories.enumerated().map { number, category -> Record in
            let years = category.years.map { year -> Record in
                Record(["year": year.year, "people": year.people.map { record($0, from: path) }])
            }
            return Record(["name": category.name, "anchor": "c\(number + 1)", "count": category.count, "years": years])
        }
        if inputs.count == 0 { context["empty"] = true }
        return [OutputFile(path, bytes: env.renderBytes("gallery", context))]
    }

    static func record(_ card: Inputs.Card, from path: String) -> Record {
        var record = Record([
            "title": card.title, "href": Paths.relative(from: path, to: card.target),
            "name": card.name, "owner": card.owner, "date": card.date, "dateISO": card.dateISO,
        ])
        if !card.honors.isEmpty { record["honors"] = card.honors }
        if let summary = card.summary { record["summary"] = summary }
        if let photo = card.photo {
            record["photo"] = Record(["src": Paths.relative(from: path, to: photo.target), "alt": photo.title])
        }
        return record
    }
}
