import Dispatch
import Foundation

/// Loads a site folder into a `SiteContent`: site.yaml, village profiles and every page, validated
/// against the content model. Problems become diagnostics; nothing here renders anything.
public struct ContentLoader {
    public struct Options: Sendable {
        /// Keep pages with `draft: true` (they are always validated).
        public var includeDrafts: Bool
        /// Parsed files of earlier loads by the same process, reused when a file is unchanged.
        public var cache: ParseCache?
        /// What a walk over `content/` just before saw (the build stamp's): the load does not list and
        /// stat again the folders it listed.
        public var listing: ContentListing?
        /// How messages name the site folder, when `root` is it spelled otherwise (`gongkai build` loads
        /// its real path): as the user gave it. Nil: `root`.
        public var siteName: String?
        public init(includeDrafts: Bool = false, cache: ParseCache? = nil, listing: ContentListing? = nil, siteName: String? = nil) {
            self.includeDrafts = includeDrafts
            self.cache = cache
            self.listing = listing
            self.siteName = siteName
        }
    }

    public static let commonKeys = [
        "title", "date", "kind", "village", "villages", "summary", "tags", "draft",
        "expires", "slug", "attachments",
    ]
    public static let villageKeys = [
        "name", "type", "township", "county", "population", "households",
        "party-branch", "disclosure-since", "disclosure-exempt",
    ]
    static let allKindKeys = Kind.allCases.flatMap(\.specificKeys)

    /// A file to parse, found while walking `content/`.
    enum Job {
        case village(path: String, id: String)
        /// `found`: what the walk's `lstat` saw, for a file that is not a symlink (`ParseCache` needs no `stat` of its own).
        case page(path: String, owner: Owner, section: String, found: stat? = nil)
        case home(path: String)

        var path: String {
            switch self {
            case .village(let path, _), .page(let path, _, _, _), .home(let path): path
            }
        }

        var found: stat? {
            if case .page(_, _, _, let found) = self { return found }
            return nil
        }
    }

    enum Parsed {
        case village(Village)
        case page(Page)
        case home(HomeText)
        case nothing
    }

    public static func load(site root: String, options: Options = Options()) -> SiteContent {
        let files = SiteFiles(root: root)
        if let cache = options.cache {
            if let content = quickLoad(root: root, files: files, options: options, cache: cache) { return content }
            if let content = keptLoad(root: root, files: files, options: options, cache: cache) { return content }
        }
        var (config, diagnostics) = loadConfig(root: options.siteName ?? root, files: files)
        let configFound = diagnostics.count

        var jobs: [Job] = []
        if !files.isDirectory("content") {
            diagnostics.append(
                .error(
                    "content",
                    zh: "找不到 content/ 文件夹。内容应放在 content/villages/<村编号>/ 下",
                    en: "no content/ folder. Content belongs in content/villages/<village-id>/"))
        } else {
            jobs = walk(files, listing: options.listing, diagnostics: &diagnostics)
        }

        // Parse every file in parallel; results keep the order of `jobs`, so output stays deterministic.
        options.cache?.startLoad()
        options.cache?.noteKeptLoad(reading: nil)
        let parsed = parallelMap(jobs) { job -> ParseCache.Parse in
            guard let cache = options.cache else { return (parse(job, files: files), nil) }
            return cache.parse(job.path, absolute: files.absolute(job.path), found: job.found) { parse(job, files: files) }
        }
        let results = parsed.map(\.result)
        options.cache?.keepAsked()
        let content = assemble(
            root: root, config: config, found: diagnostics, results: results,
            places: options.cache == nil ? nil : parsed.map(\.place), files: files, options: options)
        var last = LastLoad(includeDrafts: options.includeDrafts, config: config, found: diagnostics, jobs: jobs, results: results, content: content)
        last.configFound = configFound
        last.shape = options.listing?.shape
        last.realRoot = files.realRoot
        options.cache?.remember(last, keptStructure: false)
        return content
    }

    /// site.yaml, and what is wrong with it (or that there is none). `root`: the site folder as messages name it.
    static func loadConfig(root: String, files: SiteFiles) -> (SiteConfig, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var config = SiteConfig()
        if files.exists(SiteConfig.fileName) && !files.staysInside(SiteConfig.fileName) {
            diagnostics.append(outsideSite(SiteConfig.fileName))
        } else if let bytes = files.read(SiteConfig.fileName) {
            switch SourceText.decode(bytes, file: SiteConfig.fileName) {
            case .success(let text):
                let (parsed, found) = SiteConfig.parse(text)
                diagnostics += found
                if let parsed { config = parsed }
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            }
        } else {
            diagnostics.append(
                .error(
                    SiteConfig.fileName,
                    zh: "在 \(root) 找不到 site.yaml，这里不像是一个 Gongkai 网站。请在网站文件夹里运行，或用 --site 指定它；新建网站用 gongkai init",
                    en: "no site.yaml in \(root): this is not a Gongkai site. Run in the site folder or pass --site; start a new one with gongkai init"))
        }
        return (config, diagnostics)
    }

    /// The site from what parsing each file gave (`results`, in the walk's order), and what loading
    /// site.yaml and walking found. `places`: each result's place in the cache (`ParseCache.places(of:)`),
    /// when the parse gave it (else the cache is asked).
    static func assemble(
        root: String, config: SiteConfig, found: [Diagnostic], results: [(Parsed, [Diagnostic])], places: [Int?]? = nil, files: SiteFiles,
        options: Options
    ) -> SiteContent {
        var diagnostics = found
        var villages: [Village] = []
        var pages: [Page] = []
        var pagePlaces: [Int?] = []
        var home: HomeText?
        for (n, (parsed, found)) in results.enumerated() {
            diagnostics += found
            switch parsed {
            case .village(let village): villages.append(village)
            case .page(let page):
                pages.append(page)
                if let places { pagePlaces.append(places[n]) }
            case .home(let text): home = text
            case .nothing: break
            }
        }
        diagnostics += validate(villages: villages, pages: pages, files: files)
        if !options.includeDrafts && pages.contains(where: \.draft) {
            if places != nil { pagePlaces = pages.indices.filter { !pages[$0].draft }.map { pagePlaces[$0] } }
            pages.removeAll { $0.draft }
        }
        villages.sort { $0.id < $1.id }
        if let cache = options.cache {
            let moved = PageOrder.newestFirst(&pages, places: places != nil ? pagePlaces : cache.places(of: pages))
            if moved?.isEmpty != true { cache.notePlaces(pages, at: moved) }
        } else {
            pages.sort(by: Page.newestFirst)
        }
        return SiteContent(
            root: root, config: config, villages: villages, pages: pages, home: home,
            diagnostics: diagnostics.sorted())
    }

    // MARK: Finding files

    /// `listing`: see `Options.listing`.
    static func walk(_ files: SiteFiles, listing: ContentListing? = nil, diagnostics: inout [Diagnostic]) -> [Job] {
        var jobs: [Job] = []
        for name in listing?.names(of: "content") ?? files.list("content") {
            let path = "content/\(name)"
            if !files.staysInside(path) {
                diagnostics.append(outsideSite(path))
                continue
            }
            switch name {
            case "_index.md":
                jobs.append(.home(path: path))
            case "villages":
                // Each village's folder is walked on its own, in parallel; results keep the folders' order.
                let ids = listing?.names(of: path) ?? files.list(path)
                let villages = parallelMap(ids, { id in village(id, in: path, files: files, listing: listing) })
                jobs.reserveCapacity(jobs.count + villages.reduce(0) { $0 + $1.0.count })
                for (found, problems) in villages {
                    jobs += found
                    diagnostics += problems
                }
            case "county":
                jobs += sections(of: path, owner: .county, files: files, listing: listing, diagnostics: &diagnostics)
            default:
                diagnostics.append(
                    .warning(
                        path,
                        zh: "content/ 下不认识“\(name)”，已忽略。内容应放在 content/villages/<村编号>/ 或 content/county/ 下",
                        en: "\"\(name)\" is not part of the content model and is ignored. Content belongs in content/villages/<id>/ or content/county/"))
            }
        }
        return jobs
    }

    /// The jobs of one folder under `content/villages/`, and what is wrong with it.
    static func village(_ id: String, in path: String, files: SiteFiles, listing: ContentListing? = nil) -> ([Job], [Diagnostic]) {
        var jobs: [Job] = []
        var diagnostics: [Diagnostic] = []
        let folder = "\(path)/\(id)"
        guard files.isDirectory(folder) else {
            if id.hasSuffix(".md") {
                diagnostics.append(
                    .warning(
                        folder,
                        zh: "content/villages/ 下只放各村的文件夹，此文件已忽略。请把它移到某个村的文件夹里，如 content/villages/<村编号>/news/",
                        en:
                            "content/villages/ holds one folder per village; this file is ignored. Move it into a village folder, e.g. content/villages/<id>/news/"
                    ))
            }
            return (jobs, diagnostics)
        }
        if !files.staysInside(folder) { diagnostics.append(outsideSite(folder)); return (jobs, diagnostics) }
        guard isValidVillageID(id) else {
            diagnostics.append(
                .error(
                    folder,
                    zh: "村编号“\(id)”无效：只能用小写英文字母、数字和连字符（-），如 xinghua 或 qingshi-shequ。请重命名文件夹",
                    en: "village id \"\(id)\" is invalid: use lowercase ascii letters, digits and hyphens only (e.g. xinghua). Rename the folder"))
            return (jobs, diagnostics)
        }
        if !files.staysInside("\(folder)/_village.md") {
            diagnostics.append(outsideSite("\(folder)/_village.md"))
            return (jobs, diagnostics)
        }
        if files.exists("\(folder)/_village.md") {
            jobs.append(.village(path: "\(folder)/_village.md", id: id))
        } else {
            diagnostics.append(
                .error(
                    folder,
                    zh: "村文件夹缺少简介文件 _village.md。请新建 \(folder)/_village.md，写上 name: 村名 和 type: village（或 community）",
                    en: "the village folder has no _village.md. Create \(folder)/_village.md with name: … and type: village (or community)"))
            return (jobs, diagnostics)
        }
        jobs += sections(of: folder, owner: .village(id), files: files, listing: listing, diagnostics: &diagnostics)
        return (jobs, diagnostics)
    }

    static func sections(
        of folder: String, owner: Owner, files: SiteFiles, listing: ContentListing? = nil, diagnostics: inout [Diagnostic]
    ) -> [Job] {
        var jobs: [Job] = []
        // One `realpath` for the folder; its entries are answered by `entry` (one `lstat` each).
        let folderReal = SiteFiles.realPath(files.absolute(folder))
        for (name, entry) in files.entries(in: folder, folderRealPath: folderReal, listing: listing) where name != "_village.md" {
            let path = entry.path
            if !entry.staysInside { diagnostics.append(outsideSite(path)); continue }
            if entry.isDirectory {
                let real = entry.realPath
                let ancestors = Set([folderReal, real].compactMap { $0 })
                let found = markdownFiles(under: path, real: real, ancestors: ancestors, files: files, listing: listing, diagnostics: &diagnostics)
                jobs.reserveCapacity(jobs.count + found.count)
                for (file, found) in found {
                    jobs.append(.page(path: file, owner: owner, section: name, found: found))
                }
            } else if name.hasSuffix(".md") {
                diagnostics.append(
                    .warning(
                        path,
                        zh: "页面应放在栏目文件夹里（\(Kind.listed(zh: true) { $0.newPageFolder + "/" })），此文件已忽略",
                        en: "pages belong in a section folder (\(Kind.listed(zh: false) { $0.newPageFolder + "/" })); this file is ignored"))
            }
        }
        return jobs
    }

    /// `real`: the real path of `folder`; `ancestors`: real paths of the folders above, so that a symlink
    /// back to one of them (a loop, which would never end) is refused instead of followed.
    static func markdownFiles(
        under folder: String, real folderReal: String?, ancestors: Set<String>, files: SiteFiles, listing: ContentListing? = nil,
        diagnostics: inout [Diagnostic]
    ) -> [(String, stat?)] {
        var found: [(String, stat?)] = []
        let entries = files.entries(in: folder, folderRealPath: folderReal, listing: listing)
        found.reserveCapacity(entries.count)
        for (name, entry) in entries {
            let path = entry.path
            if !entry.staysInside { diagnostics.append(outsideSite(path)); continue }
            if entry.isDirectory {
                guard let real = entry.realPath, !ancestors.contains(real) else {
                    diagnostics.append(symlinkLoop(path))
                    continue
                }
                found += markdownFiles(
                    under: path, real: real, ancestors: ancestors.union([real]), files: files, listing: listing, diagnostics: &diagnostics)
            } else if name.hasSuffix(".md") {
                found.append((path, entry.info))
            }
        }
        return found
    }

    static func outsideSite(_ path: String) -> Diagnostic {
        .error(
            path, zh: "这是指向网站文件夹之外的符号链接，出于安全考虑不会读取。请把文件复制进网站文件夹",
            en: "this is a symlink that leaves the site folder; for safety it is not read. Copy the file into the site folder")
    }

    public static func symlinkLoop(_ path: String) -> Diagnostic {
        .error(
            path, zh: "这是指回上级文件夹的符号链接，会形成无穷的循环，已跳过。请删除这个链接",
            en: "this symlink points back to a folder above it, which would loop forever; it was skipped. Remove the link")
    }

    public static func isValidVillageID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    // MARK: Parsing one file

    static func parse(_ job: Job, files: SiteFiles) -> (Parsed, [Diagnostic]) {
        let path = job.path
        guard let bytes = files.read(path) else {
            return (
                .nothing,
                [
                    .error(
                        path, zh: "无法读取此文件：它不是普通文件（如管道或设备），或没有读取权限。请换成普通的文本文件",
                        en: "the file cannot be read: it is not a regular file (a pipe or device), or it is not readable. Replace it with an ordinary text file"
                    )
                ]
            )
        }
        let (parsed, diagnostics) = parse(job, path: path, bytes: bytes)
        let hash = StableHash.of(bytes)
        switch parsed {
        case .village(var village): village.sourceHash = hash; return (.village(village), diagnostics)
        case .page(var page): page.sourceHash = hash; return (.page(page), diagnostics)
        case .home(var home): home.sourceHash = hash; return (.home(home), diagnostics)
        case .nothing: return (.nothing, diagnostics)
        }
    }

    static func parse(_ job: Job, path: String, bytes: [UInt8]) -> (Parsed, [Diagnostic]) {
        let text: String
        switch SourceText.decode(bytes, file: path) {
        case .success(let decoded): text = decoded
        case .failure(let diagnostic): return (.nothing, [diagnostic])
        }
        let front: FrontMatter
        switch FrontMatter.split(text, file: path) {
        case .success(let split): front = split
        case .failure(let diagnostic):
            if case .home = job {
                // _index.md may be plain Markdown without front matter.
                return (.home(HomeText(title: nil, body: text, bodyLine: 1, sourcePath: path)), [])
            }
            return (.nothing, [diagnostic])
        }
        var fields: YAMLFields
        switch YAMLFields.parse(front.yaml, file: path, lineOffset: 1) {
        case .success(let parsed): fields = parsed
        case .failure(let diagnostic): return (.nothing, [diagnostic])
        }
        switch job {
        case .home:
            let title = fields.string("title")
            return (.home(HomeText(title: title, body: front.body, bodyLine: front.bodyLine, sourcePath: path)), fields.diagnostics)
        case .village(_, let id):
            let village = parseVillage(id: id, path: path, front: front, fields: &fields)
            return (village.map(Parsed.village) ?? .nothing, fields.diagnostics)
        case .page(_, let owner, let section, _):
            let page = parsePage(path: path, owner: owner, section: section, front: front, fields: &fields)
            return (page.map(Parsed.page) ?? .nothing, fields.diagnostics)
        }
    }

    static func parseVillage(id: String, path: String, front: FrontMatter, fields: inout YAMLFields) -> Village? {
        fields.warnUnknownKeys(known: villageKeys, what: "村简介中", whatEN: "a village profile")
        let name = fields.requiredString("name", zh: "村或社区的名称，如 杏花村", en: "the village's name")
        var type = VillageType.village
        if let written = fields.string("type") {
            if let known = VillageType(rawValue: written) {
                type = known
            } else if written == "村" {
                type = .village
            } else if written == "社区" {
                type = .community
            } else {
                fields.fail(
                    "type", zh: "type“\(written)”无效：村写 village，社区写 community",
                    en: "type \"\(written)\" is invalid: use village or community")
            }
        }
        var village = Village(id: id, name: name ?? id, type: type, sourcePath: path)
        village.township = fields.string("township")
        village.county = fields.string("county")
        village.population = fields.count("population", example: 1295)
        village.households = fields.count("households", example: 420)
        village.partyBranch = fields.string("party-branch")
        village.disclosureSince = fields.day("disclosure-since")
        village.disclosureExempt = fields.stringList("disclosure-exempt")
        village.body = front.body
        village.bodyLine = front.bodyLine
        village.keyLines = fields.keyLines
        let leftOver = Placeholder.diagnostics(file: path, body: front.body, bodyLine: front.bodyLine, kind: nil, fields: fields)
        fields.diagnostics += leftOver
        return name == nil ? nil : village
    }

    /// The kind a page in an unclaimed folder (`disclosure/`, `lecture/`, `公开/`) was likely meant to be:
    /// the folder's name is close to a kind's folder, or every kind-specific key on the page is one
    /// kind's. Adds the warning that says where to move it; nil when nothing points anywhere.
    static func meantKind(path: String, section: String, fields: inout YAMLFields) -> Kind? {
        guard Kind.forFolder(section) == Kind.otherFolders else { return nil }
        let claimed = Kind.allCases.filter { !$0.spec.takesOtherFolders }
        let byName = Suggest.closest(to: section, in: claimed.map(\.folder)).flatMap { name in claimed.first { $0.folder == name } }
        let keyed = fields.entries.filter { allKindKeys.contains($0.key) }
        let owners = Set(keyed.flatMap { entry in claimed.filter { $0.specificKeys.contains(entry.key) } })
        let byKeys = owners.count == 1 ? owners.first : nil
        guard let kind = byName ?? byKeys else { return nil }
        let parent = RelativePath.directory(of: RelativePath.directory(of: path))
        let target = "\(parent)/\(kind.folder)/"
        let keys = keyed.map(\.key).filter { kind.specificKeys.contains($0) }
        let why =
            byName == kind
            ? (zh: "文件夹名“\(section)”与\(kind.chineseName)的文件夹 \(kind.folder)/ 相近", en: "the folder name \"\(section)\" is close to \(kind.folder)/")
            : (
                zh: "它用了\(kind.chineseName)的键（\(keys.joined(separator: "、"))）",
                en: "it uses keys of \(kind.englishName) (\(keys.joined(separator: ", ")))"
            )
        fields.diagnostics.append(
            .warning(
                path, line: keyed.first?.line ?? fields.line,
                zh:
                    "此页在 \(section)/ 文件夹里，这不是栏目文件夹，所以按\(Kind.otherFolders.chineseName)发布，\(kind.chineseName)的键都被忽略，也不计入公开检查。\(why.zh)：若它是\(kind.chineseName)，请把文件移到 \(target)（或在文件头写 kind: \(kind.rawValue)）",
                en:
                    "this page is in \(section)/, which is not a section folder, so it is published as \(Kind.otherFolders.englishName) and the keys of \(kind.englishName) are ignored. \(why.en): if it is one of the \(kind.englishName), move the file to \(target) (or write kind: \(kind.rawValue))"
            ))
        return kind
    }

    static func parsePage(path: String, owner: Owner, section: String, front: FrontMatter, fields: inout YAMLFields) -> Page? {
        var kind = Kind.forFolder(section)
        if let written = fields.string("kind") {
            if let known = Kind(rawValue: written) {
                kind = known
            } else {
                fields.fail(
                    "kind", zh: "kind“\(written)”无效，可用：\(Kind.allCases.map(\.rawValue).joined(separator: "、"))",
                    en: "kind \"\(written)\" is invalid; use one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        fields.warnUnknownKeys(known: commonKeys + allKindKeys, what: "文件头中", whatEN: "front matter")
        // A page in a folder no kind claims is an article; if the folder's name or the page's keys say it
        // was meant as another kind, say where it belongs (the keys of that kind are explained by it).
        let meant = fields.has("kind") ? nil : meantKind(path: path, section: section, fields: &fields)
        for entry in fields.entries where allKindKeys.contains(entry.key) && !kind.specificKeys.contains(entry.key) {
            if let meant, meant.specificKeys.contains(entry.key) { continue }
            // A regulation counts for its filing rule by itself (disclosure-rules.md (d)): say so, not just "ignored".
            if kind == .regulation && (entry.key == "item" || entry.key == "period") {
                fields.diagnostics.append(
                    .warning(
                        path, line: entry.line,
                        zh: "村规民约、居民公约本身就计入公开检查的“备案并公布”（村：regulations-filed，社区：covenant-filed），按 filed（备案日期，没有时按 adopted）计算，不用写 \(entry.key)（已忽略）",
                        en:
                            "a regulation counts for its filing rule by itself (regulations-filed in a village, covenant-filed in a community), dated by filed (else adopted): \(entry.key) is not needed (ignored)"
                    ))
                continue
            }
            let owners = Kind.allCases.filter { $0.specificKeys.contains(entry.key) }
            fields.diagnostics.append(
                .warning(
                    path, line: entry.line,
                    zh: "“\(entry.key)”是\(owners.map(\.chineseName).joined(separator: "、"))页面的键，\(kind.chineseName)页面不用它（已忽略）",
                    en: "`\(entry.key)` belongs to \(owners.map(\.englishName).joined(separator: ", ")) pages, not \(kind.englishName) (ignored)"))
        }

        let title = fields.requiredString("title", zh: "标题", en: "the title")
        let date = fields.pageDate("date")
        if date == nil && !fields.has("date") {
            fields.diagnostics.append(
                .error(
                    path, line: fields.line,
                    zh: "缺少必填的“date”（发布日期）。请在文件头加上一行 date: 2026-11-08",
                    en: "missing required `date` (publication date). Add a line `date: 2026-11-08` to the front matter"))
        }

        var villages: [String] = []
        if let written = fields.string("village") {
            if case .village(let id) = owner, written != id {
                fields.fail(
                    "village", zh: "village: \(written) 与所在文件夹 \(id) 不一致。页面属于它所在的村文件夹；请删掉这一行或把文件移到 content/villages/\(written)/",
                    en:
                        "village: \(written) does not match the folder \(id). A page belongs to its village folder; remove the line or move the file to content/villages/\(written)/"
                )
            }
        }
        if fields.has("villages") {
            villages = fields.stringList("villages")
            if owner != .county {
                fields.diagnostics.append(
                    .warning(
                        path, line: fields.lineOf("villages"),
                        zh: "只有 content/county/ 下的页面用 villages: 列出相关村；村文件夹里的页面已属于本村（已忽略）",
                        en: "only pages under content/county/ list villages:; a village's own page already belongs to it (ignored)"))
                villages = []
            }
        }

        // (The last "/" found on the bytes: by characters it cost ~10k instructions a page.)
        let fileName = String(path[(path.utf8.lastIndex(of: UInt8(ascii: "/")).map(path.utf8.index(after:)) ?? path.startIndex)...])
        var slug = deriveSlug(fromFileName: fileName)
        if let written = fields.string("slug") {
            if let problem = slugProblem(written) {
                fields.fail("slug", zh: "slug“\(written)”无效：\(problem.zh)", en: "slug \"\(written)\" is invalid: \(problem.en)")
            } else {
                slug = written
            }
        } else if slug.isEmpty {
            fields.diagnostics.append(
                .error(
                    path, line: 1,
                    zh: "无法从文件名得出网址。请改用由文字、数字组成的文件名，或在文件头写 slug: …",
                    en: "no URL can be made from this file name. Rename the file, or set slug: … in the front matter"))
        }
        // File systems allow 255 bytes per name; `<slug>.html` must fit with room to spare.
        if slug.utf8.count > 200 {
            fields.diagnostics.append(
                .error(
                    path, line: fields.lineOf("slug") ?? 1,
                    zh: "网址名太长（\(slug.utf8.count) 字节，最多 200 字节，约 66 个汉字），生成的网页文件名会超过文件系统的限制。请改用短一些的文件名，或在文件头写 slug: 短名",
                    en:
                        "the page's URL name is too long (\(slug.utf8.count) bytes, at most 200, about 66 Chinese characters): its file name would pass the file system's limit. Use a shorter file name, or set slug: short-name"
                ))
        }

        var page = Page(
            sourcePath: path, kind: kind, owner: owner, villages: villages, section: section, slug: slug,
            title: title ?? "", date: date ?? PageDate(day: Day(year: 1970, month: 1, day: 1)!))
        page.summary = fields.string("summary")
        page.tags = fields.stringList("tags")
        // Each tag gets a page named after it: a paragraph pasted as a tag would make a file name no file
        // system takes.
        if let long = page.tags.first(where: { $0.count > 40 }) {
            fields.fail(
                "tags", zh: "标签“\(long.prefix(20))……”太长（\(long.count) 个字）。标签是几个字的关键词，如 tags: [宪法, 普法]；较长的说明请写在 summary: 里",
                en:
                    "the tag \"\(long.prefix(20))…\" is too long (\(long.count) characters). Tags are keywords of a few words, e.g. tags: [constitution, law]; longer text belongs in summary:"
            )
        }
        page.draft = fields.bool("draft") ?? false
        page.expires = fields.day("expires")
        if let expires = page.expires, let date, expires < date.day {
            fields.fail(
                "expires", zh: "expires（\(expires)）早于发布日期 date（\(date.day)），页面一发布就已过期。请检查年份和月份；expires 是公告失效的日期",
                en:
                    "expires (\(expires)) is before the publication date (\(date.day)), so the page would be expired when published. Check the year and month; expires is the day the notice lapses"
            )
        }
        page.attachments = fields.stringList("attachments", splitChinese: false)
        page.body = front.body
        page.bodyLine = front.bodyLine
        page.keyLines = fields.keyLines

        page.fields = kind.spec.readFields(from: &fields)
        if !page.draft {
            // A draft is not published: its unfilled template is nobody's business yet.
            let leftOver = Placeholder.diagnostics(file: path, body: front.body, bodyLine: front.bodyLine, kind: kind, fields: fields)
            fields.diagnostics += leftOver
        }
        let failed = fields.diagnostics.contains { $0.isError }
        return (title == nil || date == nil || failed) ? nil : page
    }

    /// The file name without `.md`, with spaces turned into `-` and characters that break URLs removed.
    /// Chinese is kept as it is.
    public static func deriveSlug(fromFileName name: String) -> String {
        var base = Substring(name)
        if base.hasSuffix(".md") { base = base.dropLast(3) }
        // Most names have nothing to change: no space, no character below, no control character.
        var out = mayChangeInSlug(base.utf8) ? slugCharacters(base) : String(base)
        while out.hasSuffix("-") { out.removeLast() }
        while out.hasPrefix(".") { out.removeFirst() }
        return out
    }

    /// Spaces become one `-`; characters that break URLs and control characters are dropped.
    static func slugCharacters(_ base: Substring) -> String {
        var out = ""
        var lastDash = false
        for ch in base {
            if ch == " " || ch == "\u{3000}" || ch == "\t" || ch == "_" && false {
                if !lastDash && !out.isEmpty { out.append("-") }
                lastDash = true
                continue
            }
            if "/\\?#%\"<>|:*'`".contains(ch) || ch.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                continue
            }
            out.append(ch)
            lastDash = ch == "-"
        }
        return out
    }

    /// Whether a name has bytes of a character `deriveSlug` drops or turns into `-`: controls, space,
    /// tab, U+3000, the characters that break URLs, and U+1FEF (canonically the same as the backquote).
    static func mayChangeInSlug(_ name: Substring.UTF8View) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in name {
            switch byte {
            case 0..<0x21, 0x7F, UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "%"),
                UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: "*"),
                UInt8(ascii: "'"), UInt8(ascii: "`"):
                return true
            case 0x80 where previous == (0xE3, 0x80), 0xAF where previous == (0xE1, 0xBF):
                return true
            default:
                previous = (previous.1, byte)
            }
        }
        return false
    }

    static func slugProblem(_ slug: String) -> (zh: String, en: String)? {
        if slug.contains("/") || slug.contains("\\") {
            return ("不能含有 / 或 \\", "it must not contain / or \\")
        }
        if slug.hasPrefix(".") {
            return ("不能以 . 开头，也不能是 . 或 ..", "it must not start with . nor be . or ..")
        }
        if slug.contains(where: { "?#%\"<>|:*".contains($0) }) || slug.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) {
            return ("不能含有空格或 ? # % \" < > | : * 等符号", "it must not contain spaces or ? # % \" < > | : *")
        }
        return nil
    }

    // MARK: Checks across files

    static func validate(villages: [Village], pages: [Page], files: SiteFiles) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let villageIDs = Set(villages.map(\.id))

        // Two pages on one URL. (Pages are read in place, by index: a Page is large to copy.) By path:
        // the walk's order mostly is, so it is only checked (pair by pair: paths are unique).
        var byPath = Array(pages.indices)
        if byPath.indices.dropFirst().contains(where: { !(pages[$0 - 1].sourcePath < pages[$0].sourcePath) }) {
            byPath.sort { pages[$0].sourcePath < pages[$1].sourcePath }
        }
        for (index, first) in sameOutput(pages, order: byPath) {
            let outputPath = pages[index].outputPath
            let other = pages[first].sourcePath
            diagnostics.append(
                .error(
                    pages[index].sourcePath, line: pages[index].keyLines["slug"] ?? 1,
                    zh: "与 \(other) 生成同一个网页 \(outputPath)。请改其中一个的文件名，或在文件头写不同的 slug:",
                    en: "lands on the same page \(outputPath) as \(other). Rename one of them or give it another slug:"))
        }

        var regulationSlugs = Set<String>()
        for index in pages.indices where pages[index].kind == .regulation {
            regulationSlugs.insert("\(pages[index].owner.outputFolder)/\(pages[index].slug)")
        }
        for index in pages.indices {
            if pages[index].villages.isEmpty && pages[index].fields.supersedes == nil
                && pages[index].attachments.isEmpty && pages[index].fields.photo == nil
            {
                continue
            }
            let page = pages[index]
            for id in page.villages where !villageIDs.contains(id) {
                let known = villageIDs.sorted()
                let hint = Suggest.closest(to: id, in: known).map { "，是不是“\($0)”？" } ?? "。已有的村：\(known.joined(separator: "、"))"
                let hintEN = Suggest.closest(to: id, in: known).map { "; did you mean \"\($0)\"?" } ?? ". Known villages: \(known.joined(separator: ", "))"
                diagnostics.append(
                    .error(
                        page.sourcePath, line: page.keyLines["villages"],
                        zh: "villages 中的“\(id)”不是已有的村编号\(hint)", en: "\"\(id)\" in villages: is not a known village id\(hintEN)"))
            }
            if let supersedes = page.fields.supersedes {
                if !regulationSlugs.contains("\(page.owner.outputFolder)/\(supersedes)") {
                    diagnostics.append(
                        .error(
                            page.sourcePath, line: page.keyLines["supersedes"],
                            zh: "supersedes: \(supersedes) 找不到被取代的旧版：同一村的 regulations/ 里没有 slug（文件名去掉 .md）为它的页面",
                            en: "supersedes: \(supersedes) names no earlier version: no regulation of the same village has that slug (file name without .md)"))
                }
            }
            var referenced = page.attachments.map { ("attachments", $0) }
            if let photo = page.fields.photo { referenced.append(("photo", photo)) }
            if referenced.isEmpty { continue }
            let folder = RelativePath.directory(of: page.sourcePath)
            for (key, file) in referenced {
                if let problem = attachmentProblem(file, pageFolder: folder, files: files) {
                    diagnostics.append(.error(page.sourcePath, line: page.keyLines[key], zh: problem.zh, en: problem.en))
                }
            }
        }
        return diagnostics
    }

    /// Each page (by index, taken in `order`) whose output path (as `String`s compare) an earlier one has,
    /// with the first page on it. When every path is ASCII (then two are equal exactly when their bytes
    /// are), they are told apart by a 64-bit hash of their bytes, which costs less than a `String` key's
    /// hashing; two paths of one hash are compared, and should they differ, `String` keys decide.
    static func sameOutput(_ pages: [Page], order: [Int]) -> [(index: Int, first: Int)] {
        let byHash = repeats(order, reserving: pages.count) { index -> UInt64? in
            var path = pages[index].outputPath
            return path.withUTF8 { bytes -> UInt64? in
                guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
                var hash = StableHash()
                hash.add(UnsafeRawBufferPointer(bytes))
                return hash.value
            }
        } same: {
            pages[$0].outputPath == pages[$1].outputPath
        }
        return byHash ?? sameOutputByString(pages, order: order)
    }

    /// `sameOutput` with the paths as `String` keys.
    static func sameOutputByString(_ pages: [Page], order: [Int]) -> [(index: Int, first: Int)] {
        repeats(order, reserving: pages.count) {
            pages[$0].outputPath
        } same: { _, _ in
            true
        }!
    }

    /// Each index of `order` whose `key` an earlier one has, with the first one that had it; nil when a
    /// key is nil, or when two of one key are not the `same` (the caller then decides otherwise).
    private static func repeats<Key: Hashable>(
        _ order: [Int], reserving capacity: Int, key: (Int) -> Key?, same: (Int, Int) -> Bool
    ) -> [(index: Int, first: Int)]? {
        var found: [(index: Int, first: Int)] = []
        var firsts: [Key: Int] = [:]
        firsts.reserveCapacity(capacity)
        for index in order {
            guard let key = key(index) else { return nil }
            if let first = firsts[key] {
                guard same(first, index) else { return nil }
                found.append((index, first))
            } else {
                firsts[key] = index
            }
        }
        return found
    }

    /// The scheme of an address (`https`, `javascript`, …), lowercased; nil for a path.
    public static func urlScheme(_ text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
        else { return nil }
        return scheme.lowercased()
    }

    /// Where an attachment or photo lives, relative to the site folder: `/x` is in `static/`, else next to the page.
    public static func attachmentSource(_ file: String, pageFolder: String) -> String? {
        if file.hasPrefix("/") {
            return RelativePath.normalize(String(file.dropFirst())).map { "static/" + $0 }
        }
        return RelativePath.resolve(file, from: pageFolder)
    }

    static func attachmentProblem(_ file: String, pageFolder: String, files: SiteFiles) -> (zh: String, en: String)? {
        if let scheme = urlScheme(file) {
            if (scheme == "https" || scheme == "http") && file.contains("://") { return nil }
            return (
                "附件“\(file)”是 \(scheme): 地址，不允许（出于安全考虑）。附件只能是网站里的文件，或以 https:// 开头的网址",
                "attachment \"\(file)\" is a \(scheme): address, which is not allowed for safety. Attachments are files of the site or https:// addresses"
            )
        }
        guard let source = attachmentSource(file, pageFolder: pageFolder),
            file.hasPrefix("/") ? source.hasPrefix("static/") && !source.dropFirst(7).isEmpty : true,
            !file.split(separator: "/").contains("..")
                || RelativePath.resolve(file, from: pageFolder).map({ $0.hasPrefix("content/") || $0.hasPrefix("static/") }) == true
        else {
            return (
                "附件“\(file)”指向网站文件夹之外，不允许。请把文件放到 static/ 并写成 /文件名",
                "attachment \"\(file)\" points outside the site folder, which is not allowed. Put it in static/ and write /name"
            )
        }
        if !files.exists(source) {
            return (
                "附件“\(file)”不存在（找的是 \(source)）。请检查文件名，或把文件放到那里",
                "attachment \"\(file)\" does not exist (looked for \(source)). Check the name or put the file there"
            )
        }
        if !files.staysInside(source) {
            return ("附件“\(file)”是指向网站文件夹之外的符号链接，不允许", "attachment \"\(file)\" is a symlink leaving the site folder, which is not allowed")
        }
        return nil
    }
}

/// How many threads the build may use. `GONGKAI_JOBS=1` makes every step serial (for comparing
/// with a parallel build, or for profiling); tests may set it directly before a build.
public enum Parallelism {
    nonisolated(unsafe) public static var serial: Bool = ProcessInfo.processInfo.environment["GONGKAI_JOBS"] == "1"
    /// How many runs of neighbouring items `parallelMap` hands out at most: many per core, so that
    /// the last run to finish is short next to the whole (a few pages' rendering), and no more, so that
    /// cheap items (a lookup each) are not handed out one by one.
    static let runs = max(2, ProcessInfo.processInfo.activeProcessorCount) * 256
}

/// Maps in parallel over all cores, keeping the input order.
///
/// The items go out in runs of neighbours (`Parallelism.runs`), not one by one: handing out an item
/// is an atomic step on a counter both cores share, and neighbouring results written by different
/// cores share cache lines. For the cheap items of an edit build (15k lookups of kept outputs) that
/// cost more than the items.
public func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    if items.count < 2 || Parallelism.serial { return items.map(transform) }
    let count = items.count
    let runs = min(count, Parallelism.runs)
    return [R](unsafeUninitializedCapacity: count) { buffer, initialized in
        items.withUnsafeBufferPointer { input in
            let slots = ParallelSlots(input: input, output: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: runs) { run in
                for index in (run * count / runs)..<((run + 1) * count / runs) {
                    (slots.output + index).initialize(to: transform(slots.input[index]))
                }
            }
        }
        initialized = count
    }
}

/// The input and output buffers of one `parallelMap`, handed to its `concurrentPerform` iterations.
///
/// Safe to share because: `input` is only read, and its array (of `Sendable` elements) outlives
/// `concurrentPerform`; each slot `output + index` is written exactly once, by the one iteration
/// whose run holds `index` (the runs do not overlap), so no two threads touch the same memory; and
/// the array is read (`initialized = count`) only after `concurrentPerform` has returned, which waits
/// for every iteration.
private struct ParallelSlots<T: Sendable, R: Sendable>: @unchecked Sendable {
    let input: UnsafeBufferPointer<T>
    let output: UnsafeMutablePointer<R>
}
