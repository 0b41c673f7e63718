import Foundation
import GongkaiContent

/// A .docx read by pandoc into Markdown the portal renders well: headings from level 2 (the page title
/// is the level-1 heading), line breaks kept, tables as ```csv blocks, images extracted, and a list of
/// what could not be kept.
struct WordConversion {
    let program: String
    let scratch: ScratchFolder
    let language: Language

    struct Output {
        var body: String
        /// The document's own title (Word's “标题” style), when it has one.
        var title: String?
        /// Extracted images in the order the body shows them: the path in the body, and the alt text.
        var images: [(path: String, alt: String)]
        /// What was lost or changed, in Chinese and English.
        var lost: [(zh: String, en: String)]
    }

    func convert(_ docx: String, source: ImportSource) throws -> Output {
        let filter = scratch.sub("gongkai-import.lua")
        try Data(WordConversion.filter.utf8).write(to: URL(fileURLWithPath: filter))
        let media = scratch.sub("media")
        let run = try Converter.run(
            program,
            [
                docx, "--from", "docx", "--to", "gfm-raw_html", "--wrap=none",
                "--track-changes=all", "--extract-media=\(media)", "--lua-filter", filter,
            ])
        guard run.status == 0, !run.timedOut else {
            let said = run.stderr.split(separator: "\n").prefix(2).joined(separator: "；")
            throw UserError(
                language.pick(
                    "\(source.path) 已损坏，pandoc 读不出其中的内容，没有导入。请在 Word（WPS）里打开它，另存为 .docx 后再导入" + (said.isEmpty ? "" : "（pandoc：\(said)）"),
                    "\(source.path) is damaged: pandoc cannot read it; nothing was imported. Open it in Word (WPS), save it as .docx and import that"
                        + (said.isEmpty ? "" : " (pandoc: \(said))")), status: 1)
        }
        var output = Output(body: "", title: nil, images: [], lost: [])
        var lines = run.stdout.components(separatedBy: "\n")
        let report = WordConversion.takeBlock("gongkai-report", from: &lines).first ?? []
        var counts: [String: Int] = [:]
        var comments: [String] = []
        for line in report {
            let parts = line.components(separatedBy: "\t")
            switch parts.first {
            case "title": output.title = parts.dropFirst().joined(separator: " ")
            case "count" where parts.count == 3: counts[parts[1]] = Int(parts[2])
            case "comment": comments.append(parts.dropFirst().joined(separator: " "))
            default: break
            }
        }
        output.body = WordConversion.markdown(lines)
        output.images = WordConversion.images(in: output.body, folder: media)
        output.lost = WordConversion.lost(counts: counts, comments: comments)
        for warning in run.stderr.split(separator: "\n") where warning.contains("WARNING") {
            let text = warning.replacingOccurrences(of: "[WARNING] ", with: "")
            output.lost.append((zh: "pandoc 提示：\(text)", en: "pandoc: \(text)"))
        }
        return output
    }

    /// Removes the fenced blocks with info `info` from `lines`, returning their contents.
    static func takeBlock(_ info: String, from lines: inout [String]) -> [[String]] {
        var blocks: [[String]] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let fence = String(line.prefix(while: { $0 == "`" }))
            guard fence.count >= 3, line.dropFirst(fence.count).trimmingCharacters(in: .whitespaces) == info,
                let end = lines[(index + 1)...].firstIndex(where: { $0 == fence })
            else { index += 1; continue }
            blocks.append(Array(lines[(index + 1)..<end]))
            lines.removeSubrange(index...end)
        }
        return blocks
    }

    /// pandoc's Markdown made ready for the portal: tables as ```csv blocks, and hard line breaks written
    /// with a backslash (which survives editors that strip trailing spaces).
    static func markdown(_ lines: [String]) -> String {
        var out: [String] = []
        var index = 0
        var fence: String?
        while index < lines.count {
            let line = lines[index]
            let ticks = String(line.prefix(while: { $0 == "`" }))
            if let open = fence {
                out.append(line)
                if line == open { fence = nil }
            } else if ticks.count >= 3, line.dropFirst(ticks.count).trimmingCharacters(in: .whitespaces) == "gongkai-table",
                let end = lines[(index + 1)...].firstIndex(where: { $0 == ticks })
            {
                let content = Array(lines[(index + 1)..<end])
                let caption = String((content.first ?? "").dropFirst("caption\t".count))
                let rows = ImportTable.tidy(content.dropFirst().map { $0.components(separatedBy: "\t") })
                if !rows.isEmpty { out.append(contentsOf: ImportTable.block(rows, caption: caption).split(separator: "\n").map(String.init)) }
                index = end
            } else if ticks.count >= 3 {
                fence = ticks
                out.append(line)
            } else if line.hasSuffix("  "), !line.trimmed.isEmpty {
                var kept = line
                while kept.hasSuffix(" ") { kept.removeLast() }
                out.append(kept + "\\")
            } else {
                out.append(line)
            }
            index += 1
        }
        var text = out.joined(separator: "\n")
        while text.hasSuffix("\n") { text.removeLast() }
        return text + "\n"
    }

    /// `![alt](path)` of images pandoc extracted into `folder`, in order.
    static func images(in body: String, folder: String) -> [(path: String, alt: String)] {
        guard let regex = try? NSRegularExpression(pattern: #"!\[([^\]]*)\]\(<?([^)>]+)>?\)"#) else { return [] }
        let range = NSRange(body.startIndex..., in: body)
        var found: [(String, String)] = []
        for match in regex.matches(in: body, range: range) {
            guard let alt = Range(match.range(at: 1), in: body), let path = Range(match.range(at: 2), in: body) else { continue }
            let file = String(body[path])
            if file.hasPrefix(folder), !found.contains(where: { $0.0 == file }) { found.append((file, String(body[alt]))) }
        }
        return found
    }

    static func lost(counts: [String: Int], comments: [String]) -> [(zh: String, en: String)] {
        var lost: [(zh: String, en: String)] = []
        if let n = counts["comment"] {
            let first = comments.first.map { "（第一条：“\($0.prefix(30))”）" } ?? ""
            lost.append(("批注 \(n) 条没有导入\(first)", "\(n) comment(s) not imported"))
        }
        let changes = (counts["insertion"] ?? 0) + (counts["deletion"] ?? 0)
        if changes > 0 {
            lost.append(("修订 \(changes) 处已按“接受全部修订”处理（删去的文字没有保留），请核对", "\(changes) tracked change(s) accepted (deleted text dropped); check them"))
        }
        if let n = counts["note"] {
            lost.append(("脚注 \(n) 个改成了正文末尾的“注释”，正文中标为〔注1〕等", "\(n) footnote(s) moved to 注释 at the end, marked 〔注1〕… in the text"))
        }
        if counts["merged"] != nil {
            lost.append(("表格里合并的单元格拆成了单独的格子（内容放在第一格），请核对表格", "merged table cells were split (text in the first cell); check the tables"))
        }
        if let n = counts["raw"] {
            lost.append(("\(n) 处域代码或嵌入对象无法转换，没有导入", "\(n) field code(s) or embedded object(s) could not be converted"))
        }
        if let n = counts["math"] {
            lost.append(("公式 \(n) 个只保留了文字", "\(n) formula(s) kept as text only"))
        }
        return lost
    }

    /// The pandoc filter (Lua, run by pandoc itself).
    static let filter = #"""
        -- gongkai import: shapes pandoc's reading of a Word document for a Gongkai page and reports what
        -- could not be kept. Tables leave as `gongkai-table` code blocks (tab-separated cells) for gongkai
        -- to write as ```csv; the report leaves as the last block, `gongkai-report`.
        local report = {}
        local notes = {}
        local function count(key) report[key] = (report[key] or 0) + 1 end
        local function flat(text) return (text:gsub("[\t\r\n]+", " ")) end

        function Span(s)
          if s.classes:includes("comment-start") then
            count("comment")
            table.insert(report, "comment\t" .. flat(pandoc.utils.stringify(s.content)))
            return {}
          elseif s.classes:includes("comment-end") then
            return {}
          elseif s.classes:includes("insertion") then
            count("insertion")
            return s.content
          elseif s.classes:includes("deletion") then
            count("deletion")
            return {}
          end
          return s.content
        end

        function Underline(u) return u.content end
        function SmallCaps(u) return u.content end
        function RawInline(r) count("raw"); return {} end
        function RawBlock(r) count("raw"); return {} end
        function Math(m) count("math"); return pandoc.Str(m.text) end

        function Note(n)
          table.insert(notes, n.content)
          count("note")
          return pandoc.Str("〔注" .. #notes .. "〕")
        end

        function Image(img)
          img.attributes = {}
          img.identifier = ""
          img.classes = {}
          img.title = ""
          return img
        end

        local function cellsOf(row)
          local cells = {}
          for _, cell in ipairs(row.cells) do
            table.insert(cells, flat(pandoc.utils.stringify(cell.contents)))
            if cell.col_span > 1 or cell.row_span > 1 then count("merged") end
            for _ = 2, cell.col_span do table.insert(cells, "") end
          end
          return table.concat(cells, "\t")
        end

        function Table(t)
          local lines = {}
          for _, row in ipairs(t.head.rows) do
            table.insert(lines, cellsOf(row))
          end
          for _, body in ipairs(t.bodies) do
            for _, row in ipairs(body.head) do table.insert(lines, cellsOf(row)) end
            for _, row in ipairs(body.body) do table.insert(lines, cellsOf(row)) end
          end
          for _, row in ipairs(t.foot.rows) do table.insert(lines, cellsOf(row)) end
          local caption = flat(pandoc.utils.stringify(t.caption.long))
          -- The first line is `caption<TAB>text`; gongkai writes the rows as a ```csv block.
          return pandoc.CodeBlock("caption\t" .. caption .. "\n" .. table.concat(lines, "\n"), pandoc.Attr("", {"gongkai-table"}))
        end

        function Pandoc(doc)
          local blocks = doc.blocks
          local lowest = 9
          for _, b in ipairs(blocks) do
            if b.t == "Header" and b.level < lowest then lowest = b.level end
          end
          -- Headings start at level 2: the page title is the one level-1 heading.
          if lowest < 9 then
            for _, b in ipairs(blocks) do
              if b.t == "Header" then b.level = math.min(6, b.level - lowest + 2) end
            end
          end
          if #notes > 0 then
            blocks:insert(pandoc.Para({pandoc.Str("注释：")}))
            local items = {}
            for i, content in ipairs(notes) do
              local inlines = pandoc.List({pandoc.Str("〔注" .. i .. "〕")})
              inlines:extend(pandoc.utils.blocks_to_inlines(content))
              table.insert(items, {pandoc.Para(inlines)})
            end
            for _, item in ipairs(items) do blocks:insert(item[1]) end
          end
          local lines = {}
          if doc.meta.title then table.insert(lines, "title\t" .. flat(pandoc.utils.stringify(doc.meta.title))) end
          for key, value in pairs(report) do
            if type(key) == "string" then table.insert(lines, "count\t" .. key .. "\t" .. value) end
          end
          for _, line in ipairs(report) do table.insert(lines, line) end
          table.sort(lines)
          blocks:insert(pandoc.CodeBlock(table.concat(lines, "\n"), pandoc.Attr("", {"gongkai-report"})))
          return pandoc.Pandoc(blocks, doc.meta)
        end
        """#
}
