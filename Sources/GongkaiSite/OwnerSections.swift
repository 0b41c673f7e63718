import GongkaiContent

/// What the village, county and home pages are made of: a section per kind (its newest few entries
/// and a link to the whole list) and a card per village.
struct OwnerSection: Codable {
    /// How many of the newest items a section shows before "更多".
    static let preview = 5

    var kind: String
    var title: String
    var count: Int
    var items: [ListEntry]
    /// The kind's list.
    var target: String
    var updated: Day?

    /// For each kind with pages, its section; `list(kind)` is the path of its list's first page.
    static func of(_ pages: [Page], asOf: Day, entry: (Page) -> ListEntry, list: (Kind) -> String) -> [OwnerSection] {
        Kind.allCases.compactMap { kind in
            let ofKind = pages.filter { $0.kind == kind }
            if ofKind.isEmpty { return nil }
            return OwnerSection(
                kind: kind.rawValue, title: kind.chineseName, count: ofKind.count,
                items: ofKind.prefix(preview).map(entry), target: list(kind),
                updated: SectionUpdated.newest(ofKind, asOf: asOf))
        }
    }

    func record(from path: String) -> Record {
        var section = Record([
            "kind": kind, "title": title, "count": count, "items": items.map { $0.record(from: path) },
            "href": Paths.relative(from: path, to: target),
        ])
        if count > Self.preview { section["more"] = true }
        if let updated {
            section["updated"] = updated.chinese
            section["updatedISO"] = updated.description
        }
        return section
    }
}

/// A village as the home page and the villages' index show it: name, type, township, and how many
/// pages it has of each kind.
struct VillageCard: Codable {
    var name: String
    var id: String
    var typeName: String
    var township: String?
    var total: Int
    /// How many pages of each kind it has (of the kinds it has).
    var counts: [KindCount]

    struct KindCount: Codable {
        var kindName: String
        var count: Int
    }

    static func all(_ villages: [Village], index: SiteIndex) -> [VillageCard] {
        villages.map { village in
            let pages = index.pagesByVillage[village.id] ?? []
            var counts: [KindCount] = []
            for kind in Kind.allCases {
                let n = pages.lazy.filter { $0.kind == kind }.count
                if n > 0 { counts.append(KindCount(kindName: kind.chineseName, count: n)) }
            }
            return VillageCard(
                name: village.name, id: village.id, typeName: village.type.chineseName, township: village.township,
                total: pages.count, counts: counts)
        }
    }

    func record(from path: String) -> Record {
        var card = Record([
            "name": name, "href": Paths.relative(from: path, to: Paths.village(id)), "typeName": typeName,
            "total": total, "counts": counts.map { Record(["kindName": $0.kindName, "count": $0.count]) },
        ])
        if let township { card["township"] = township }
        return card
    }
}
