import ArgumentParser
import Foundation
import GongkaiContent

/// `gongkai init`: a new site that builds and passes `gongkai check` as it is.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "新建一个网站：设置文件、每个村一个文件夹、每个栏目一篇示例文章。",
        discussion: """
            新网站马上就能生成（gongkai build）、预览（gongkai serve）并通过公开检查（gongkai check）。
            每个村（社区）的编号由名称的拼音生成，如 杏花村 → xinghuacun，多音字按地名的读法（长乐村 → changlecun）；
            也可以写成 杏花村=xinghua 自己指定。同一个村名写两次、两个村名拼音相同时不新建，并提示怎样另写编号。
            名称以“社区”结尾的是社区，其余为村。只会在空文件夹（或不存在的文件夹）里新建，绝不覆盖已有文件。

            同时生成：site.yaml（每项设置都有中文说明）、disclosure.yaml（修改默认公开规则的例子）、
            .gitignore、README.md，以及 GitHub Actions 和 GitLab CI 的配置（每次提交安装 gongkai，运行 gongkai build 和 gongkai check）。

            示例：
              gongkai init 白鹭镇
              gongkai init 白鹭镇 --villages 杏花村,芦篙村,青石社区
              gongkai init bailu --name 白鹭镇 --villages 杏花村=xinghua,芦篙村=lugao
            """
    )

    @Argument(
        help: ArgumentHelp("新网站的文件夹：不存在就新建，已存在则必须是空的。默认为当前文件夹。", valueName: "folder"),
        completion: .directory)
    var folder: String = "."

    @Option(name: .long, help: ArgumentHelp("乡镇（街道）名称，用于网站名称和页脚。默认取文件夹名（是中文时），否则为“示范镇”。", valueName: "name"))
    var name: String?

    @Option(name: .long, help: ArgumentHelp("村和社区的名称，用逗号或顿号分开；可写成 名称=编号 自己指定编号。默认：杏花村,青石社区", valueName: "names"))
    var villages: String = "杏花村,青石社区"

    @OptionGroup var languageOption: LanguageOption

    func run() throws {
        let language = languageOption.language
        do {
            let entries = try parseVillages(language)
            let root = URL(fileURLWithPath: folder).standardizedFileURL
            try checkEmpty(root, language)
            let township = townshipName(root)
            let ids = try villageIDs(entries, language)
            let list = zip(entries, ids).map { ScaffoldVillage(name: $0.name, id: $1, type: ScaffoldVillage.type(ofName: $0.name)) }
            let scaffold = Scaffold(
                township: township, villages: list,
                today: Day.todayInShanghai(secondsSince1970: Date().timeIntervalSince1970))
            try write(scaffold.files(), under: root, language)
            report(scaffold, root: root, language)
        } catch let error as UserError {
            throw error.exit()
        }
    }

    /// `杏花村,芦篙村、青石社区=qingshi` → names and ids given.
    func parseVillages(_ language: Language) throws -> [(name: String, id: String?)] {
        let separators: Set<Character> = [",", "，", "、", ";", "；"]
        var entries: [(name: String, id: String?)] = []
        for part in villages.split(whereSeparator: { separators.contains($0) }) {
            let text = part.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            let pieces = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let name = pieces[0]
            let id = pieces.count > 1 ? pieces[1] : nil
            if let id, !ContentLoader.isValidVillageID(id) {
                throw UserError(
                    language.pick(
                        "--villages：编号“\(id)”无效。编号只能用小写英文字母、数字和连字符（-），如 \(name)=xinghua",
                        "--villages: the id \"\(id)\" is invalid. Use lowercase letters, digits and hyphens, e.g. \(name)=xinghua"))
            }
            guard !name.isEmpty else {
                throw UserError(
                    language.pick(
                        "--villages：“\(text)”缺少村名，应写成 名称=编号，如 杏花村=xinghua",
                        "--villages: \"\(text)\" has no name; write name=id, e.g. 杏花村=xinghua"))
            }
            entries.append((name, id))
        }
        guard !entries.isEmpty else {
            throw UserError(
                language.pick(
                    "--villages 至少要写一个村或社区的名称，如 --villages 杏花村,青石社区",
                    "--villages needs at least one name, e.g. --villages 杏花村,青石社区"))
        }
        return entries
    }

    /// The ids of the villages, or a usage error that says how to write `--villages` so each has its own.
    func villageIDs(_ entries: [(name: String, id: String?)], _ language: Language) throws -> [String] {
        switch VillageID.assign(entries) {
        case .success(let ids):
            return ids
        case .failure(.sameName(let name)):
            throw UserError(
                language.pick(
                    "--villages：“\(name)”写了两次。每个村（社区）只写一次；若确有两个同名的村，请分别指定编号，如 \(name)=\(VillageID.fromName(name) ?? "xinghua")-dong,\(name)=\(VillageID.fromName(name) ?? "xinghua")-xi",
                    "--villages: \"\(name)\" is given twice. Name each village once; if two villages really share the name, give each its own id, e.g. \(name)=\(VillageID.fromName(name) ?? "xinghua")-east,\(name)=\(VillageID.fromName(name) ?? "xinghua")-west"
                ))
        case .failure(.sameID(let id, let names, let given)):
            let both = names[0] == names[1] ? "“\(names[0])”" : "“\(names[0])”和“\(names[1])”"
            let bothEN = names[0] == names[1] ? "\"\(names[0])\"" : "\"\(names[0])\" and \"\(names[1])\""
            throw UserError(
                language.pick(
                    "--villages：\(both)的编号都是 \(id)\(given ? "" : "（拼音相同）")，编号不能重复。请给后一个另写编号，如 \(names[1])=\(id)2",
                    "--villages: \(bothEN) would both get the id \(id)\(given ? "" : " (the same pinyin)"); ids must differ. Give the second one another id, e.g. \(names[1])=\(id)2"
                ))
        }
    }

    /// Refuses a folder that already holds something (a lone `.git` is fine: the repository was made first).
    func checkEmpty(_ root: URL, _ language: Language) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw UserError(
                language.pick(
                    "\(folder) 是一个文件，不是文件夹。请换一个名字，如 gongkai init 新网站",
                    "\(folder) is a file, not a folder. Choose another name, e.g. gongkai init my-site"))
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
            .filter { $0 != ".git" && $0 != ".DS_Store" }.sorted()
        guard names.isEmpty else {
            let shown = names.prefix(3).joined(separator: language.pick("、", ", "))
            throw UserError(
                language.pick(
                    "文件夹 \(folder) 不是空的（里面已有 \(shown)\(names.count > 3 ? " 等 \(names.count) 项" : "")）。为免覆盖已有文件，什么也没有改动。请换一个新的文件夹名，如 gongkai init 新网站",
                    "the folder \(folder) is not empty (it holds \(shown)\(names.count > 3 ? " and \(names.count - 3) more" : "")). Nothing was changed, so no file is overwritten. Choose a new folder, e.g. gongkai init my-site"
                ))
        }
    }

    /// `--name`, else the folder's name when it is Chinese, else 示范镇.
    func townshipName(_ root: URL) -> String {
        if let name, !name.trimmingCharacters(in: .whitespaces).isEmpty { return name.trimmingCharacters(in: .whitespaces) }
        let base = root.lastPathComponent
        if base.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) { return base }
        return "示范镇"
    }

    func write(_ files: [(path: String, text: String)], under root: URL, _ language: Language) throws {
        for (path, text) in files {
            let target = root.appendingPathComponent(path).path
            do {
                try NewFile.create(target, text: text)
            } catch NewFile.Failure.exists {
                throw UserError(
                    language.pick(
                        "\(target) 已经存在，没有覆盖它。请换一个空文件夹重新运行 gongkai init",
                        "\(target) already exists and was not overwritten. Run gongkai init in an empty folder"))
            } catch {
                throw UserError(
                    language.pick(
                        "无法写入 \(target)（\(error)）。请检查这个位置是否可写",
                        "cannot write \(target) (\(error)). Check that the location is writable"), status: 1)
            }
        }
    }

    func report(_ scaffold: Scaffold, root: URL, _ language: Language) {
        let style = Console.out
        let shownFolder = folder == "." ? root.path : folder
        Console.line(
            style.success(language.pick("已新建网站“\(scaffold.siteTitle)”：\(shownFolder)", "Created the site \"\(scaffold.siteTitle)\" in \(shownFolder)")))
        let width = scaffold.villages.map { ScaffoldText.width($0.id) }.max() ?? 0
        for village in scaffold.villages {
            let type = language == .en ? village.type.rawValue : village.type.chineseName
            let id = style.bold(village.id) + String(repeating: " ", count: width - ScaffoldText.width(village.id))
            Console.line("  content/villages/\(id)  \(village.name)（\(type)）")
        }
        // --village takes the name people use; quoted when the shell would split it.
        let first =
            scaffold.villages.first.map { village in
                shellQuoted(scaffold.villages.filter { $0.name == village.name }.count == 1 ? village.name : village.id)
            } ?? "杏花村"
        let cd = folder == "." ? "" : "  cd \(shellQuoted(folder))\n"
        Console.line()
        Console.line(
            language.pick(
                """
                下一步：
                \(cd)  gongkai serve      在浏览器里预览（http://127.0.0.1:1313/），改了文件会自动刷新
                  gongkai new notice --village \(first) "标题"   写一篇新的普法宣传
                  gongkai check      检查各村是否按时公开
                示例文章开头写着“示例”，写好自己的内容后删掉即可。
                """,
                """
                Next:
                \(cd)  gongkai serve      preview in the browser (http://127.0.0.1:1313/), reloads when files change
                  gongkai new notice --village \(first) "Title"   write a new notice
                  gongkai check      check that every village discloses on time
                The sample pages say so at the top; delete them once you have written your own.
                """))
    }

    func shellQuoted(_ text: String) -> String {
        text.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) } ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
