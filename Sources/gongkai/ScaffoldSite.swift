import GongkaiContent
import GongkaiDisclosure

/// A village of a new site.
struct ScaffoldVillage {
    var name: String
    var id: String
    var type: VillageType

    /// 社区 and 居委会 are urban communities; everything else is a village.
    static func type(ofName name: String) -> VillageType {
        name.hasSuffix("社区") || name.hasSuffix("居委会") ? .community : .village
    }
}

/// Everything `gongkai init` writes: a complete, working site that builds and passes `gongkai check`.
struct Scaffold {
    let township: String
    let villages: [ScaffoldVillage]
    let today: Day

    var siteTitle: String { "\(township)党建与法治宣传门户" }

    /// (path relative to the new site folder, text), in the order they are written.
    func files() -> [(path: String, text: String)] {
        var files: [(String, String)] = [
            ("site.yaml", siteYAML()),
            ("disclosure.yaml", disclosureYAML()),
            (".gitignore", gitignore()),
            ("README.md", readme()),
            (".github/workflows/gongkai.yml", githubWorkflow()),
            (".gitlab-ci.yml", gitlabCI()),
            ("content/_index.md", home()),
        ]
        for (index, village) in villages.enumerated() {
            let content = ScaffoldContent(township: township, village: village, today: today)
            files.append(("content/villages/\(village.id)/_village.md", content.profile()))
            if index == 0 {
                files += content.samples().map { ("content/villages/\(village.id)/\($0.path)", $0.text) }
            }
        }
        return files
    }

    func siteYAML() -> String {
        func c(_ code: String, _ comment: String) -> String { ScaffoldText.commented(code, comment, column: 38) }
        let y = ScaffoldText.yaml
        return """
            # 网站的全站设置。每行“#”后面是说明；改好后保存，运行 gongkai build（或开着 gongkai serve）即可生效。
            # 行首带“# ”的是暂不启用的设置：需要时删掉行首的“# ”，再改成实际内容。

            \(c("title: \(y(siteTitle))", "网站名称，显示在每个页面顶部和浏览器标签上"))
            \(c("subtitle: 党务、村务、财务公开 · 普法宣传 · 村规民约 · 道德模范", "副标题，显示在网站名称下方"))
            \(c("language: zh-CN", "网页语言：中文网站保持 zh-CN 不变"))
            \(c("page-size: 20", "列表页每页显示多少条（1 到 1000）"))
            \(c("# base-url: https://www.example.org/", "网站正式上线后的完整网址，以 https:// 开头、/ 结尾；写了它，gongkai check 会检查页脚有没有主办单位和备案号"))
            \(c("# government-site: false", "是不是政府网站：村、社区门户一般不是；政府网站改为 true，页脚还要有政府网站标识码"))
            \(c("# as-of: \(today)", "公开情况统计到哪一天；不写就按每次生成的当天（北京时间）"))
            \(c("markdown:", "正文排版设置"))
            \(c("  line-breaks: keep", "正文里按回车另起的一行，网页上也另起一行（和 Word 一样），空一行才是新的一段；"))
            \(c("", "从别处复制来、每行都被截断的文字，可改为 join：同一段的各行连起来（汉字之间不加空格）"))
            \(c("  unsafe: false", "是否允许正文里直接写网页代码（HTML）；只有完全信得过的网站才改为 true"))
            \(c("footer:", "页面底部（页脚）显示的信息；用不到的项保持行首的“# ”即可"))
            \(c("  sponsor: \(y("\(township)人民政府"))", "主办单位"))
            \(c("  undertaker: \(y("\(township)党政办公室"))", "承办单位"))
            \(c("  # phone: \"\(Placeholder.footerExamples["phone"]!)\"", "联系电话（写在英文引号里）"))
            \(c("  # address: \(y(township + Placeholder.footerExamples["address"]!))", "联系地址"))
            \(c("  # email: \(Placeholder.footerExamples["email"]!)", "联系邮箱"))
            \(c("  # icp: \(Placeholder.footerExamples["icp"]!)", "ICP备案编号：放在中国大陆服务器上的网站都要有，上线前换成真实编号"))
            \(c("  # police: \(Placeholder.footerExamples["police"]!)", "公安机关备案号：同上，上线前换成真实编号"))
            \(c("  # site-code: \"\(Placeholder.footerExamples["site-code"]!)\"", "政府网站标识码：只有政府网站才有，村、社区门户一般不写"))

            """
    }

    func disclosureYAML() -> String {
        func c(_ code: String, _ comment: String, column: Int) -> String { ScaffoldText.commented(code, comment, column: column) }
        var defaults = ""
        for rule in DisclosureRule.defaults {
            let types = rule.appliesTo.map(\.chineseName).joined(separator: "、")
            let when = rule.cadence.isPeriodic ? "\(rule.cadence.chineseLabel)，期末后 \(rule.due) 天内" : "随时，事后 \(rule.due) 天内"
            defaults += "#   \(ScaffoldText.padded(rule.id, to: 26)) \(ScaffoldText.padded(rule.name, to: 44)) \(types)；\(when)\n"
        }
        return """
            # 公开事项规则（党务、村务、财务公开），gongkai check 按它检查各村是否按时公开。
            # 系统已内置下面这些默认规则（依据《中华人民共和国村民委员会组织法》第三十条等规定）：
            #
            \(defaults)#
            # 这个文件只写本镇要“改动”“增加”或“停用”的部分，没写到的默认规则照常生效。

            \(c("since: \(today)", "从哪一天开始检查：新网站从建站这天算起，以前的月份、季度不算未公开", column: 24))

            rules:
              # 改动默认规则的例子：重复默认规则的 id，只写要改的项。
              # “涉及村民利益的重大事项”默认在事后 5 天内公布，本镇要求 3 天内公布：
              - id: major-matters
            \(c("    due: 3", "事项发生后几天内必须公布", column: 24))

              # 增加规则的例子（需要时删掉下面各行行首的“# ”）：党务公开，每季度一次，季度结束后 15 天内公布。
              # - id: party-affairs-quarterly
              #   name: 党务公开
            \(c("  #   applies-to: [village, community]", "适用于村（village）和社区（community）", column: 42))
            \(c("  #   cadence: quarterly", "周期：monthly 每月、quarterly 每季度、half-yearly 每半年、yearly 每年、on-event 随时、before-event 会前", column: 42))
            \(c("  #   due: 15", "期末（或事后）几天内必须公布", column: 42))
              #   basis: 《中国共产党党务公开条例（试行）》

              # 会前公开的例子（有集体经济组织、在网站上公开成员大会材料的村才需要）：年度财务会计报告和
              # 收益分配方案，成员大会召开 10 天前公布。页面用 event: 写成员大会的日期，如 event: 2027-01-20。
              # - id: annual-report
              #   name: 年度财务会计报告、收益分配方案（成员大会前公布）
              #   applies-to: [village]
              #   cadence: before-event
              #   due: 10
              #   basis: 《中华人民共和国农村集体经济组织法》第四十六条

            # 停用默认规则的例子：全镇都不需要按月公开财务时，删掉下一行行首的“# ”。
            # 只是个别村不需要的，在那个村的 _village.md 里写 disclosure-exempt: [finance-monthly]。
            # disable: [finance-monthly]

            # 栏目更新情况（检查人员会看的）：多少天没有新内容算“长期未更新”，有没有“空白栏目”。
            # 需要时删掉下面两行行首的“# ”。gov-2019 是国办《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）
            # 的标准：新闻动态 14 天、法治宣传（通知公告）183 天、全站 14 天，且不能有空白栏目。
            # 也可以在 stale: 下自己写各栏目的天数，如 news: 30、notices: 90、lectures: 90。
            # health:
            #   profile: gov-2019

            """
    }

    func gitignore() -> String {
        """
        # 生成的网站：每次 gongkai build 都会重新生成，不用提交
        public/
        # gongkai 的临时文件
        .gongkai-cache/

        """
    }

    func readme() -> String {
        // --village takes the name; the id where the name would need quoting in a shell.
        let first = villages.first.map { $0.name.allSatisfy { $0.isLetter || $0.isNumber } ? $0.name : $0.id } ?? "杏花村"
        return """
            # \(siteTitle)

            这个文件夹就是整个网站：每个村（社区）一个文件夹，每篇内容一个 Markdown 文件。

            常用命令（在这个文件夹里运行）：

            ```sh
            gongkai serve                                            # 在浏览器里预览 http://127.0.0.1:1313/ ，改了文件自动刷新
            gongkai new notice --village \(first) "防范电信诈骗告村民书"   # 新建一篇普法宣传，打印出新文件的位置
            gongkai new disclosure --village \(first) --item finance-monthly "财务收支公开"   # 新建一期财务公开
            gongkai list pages                                       # 看看网站里都有什么
            gongkai build                                            # 生成 public/，整个复制到网站服务器即可
            gongkai check                                            # 检查各村是否按时公开
            ```

            - 网站设置：`site.yaml`（名称、页脚、备案号）。
            - 公开规则：`disclosure.yaml`（在内置默认规则的基础上改动、增加、停用）。
            - 村（社区）：`content/villages/<村编号>/_village.md` 是村情简介，各栏目放在它旁边的文件夹里：
              `lectures/` 党课与宣讲、`notices/` 法治宣传、`regulations/` 村规民约、`models/` 道德模范、
              `disclosures/` 党务村务财务公开、`news/` 新闻动态。
            - 示例文章开头写着“示例”，照着格式写好自己的内容后，把示例删掉即可。
            - 村情简介和新建页面里“\(Placeholder.opening)……\(Placeholder.closing)”括号里的字是提示，请换成实际内容。没换掉的提示、
              没删掉的示例，gongkai build 会逐条提醒（写明文件和行号）；CI 里用 gongkai build --strict 时不会生成。

            """
    }

    /// Where the CI files download the package from: a placeholder the site replaces, in one place at
    /// the top of each file. Named after the version of the gongkai that wrote them.
    var packageAddress: String { "https://example.org/gongkai/gongkai_\(BuildVersion.version)_amd64.deb" }

    func githubWorkflow() -> String {
        """
        # GitHub Actions：每次提交后自动生成网站、检查各村是否按时公开。
        # 出错时，日志里会写明是哪个文件第几行、错在哪里。公开检查的结果显示在这次运行的 Summary 页上，
        # JUnit 报告 disclosure.xml 保存在同一页的 Artifacts 里。
        name: gongkai
        on: [push, pull_request]
        env:
          # gongkai 安装包（.deb）的下载地址：把它放到本单位的网站或代码托管平台上，只改这一行。
          GONGKAI_DEB: \(packageAddress)
        jobs:
          check:
            runs-on: ubuntu-latest
            container: debian:12
            steps:
              - uses: actions/checkout@v4
              - name: 安装 gongkai
                run: |
                  apt-get update -qq
                  apt-get install -y -qq curl ca-certificates >/dev/null
                  curl -fsSL -o /tmp/gongkai.deb "$GONGKAI_DEB"
                  apt-get install -y -qq /tmp/gongkai.deb >/dev/null
                  gongkai --version
              - name: 生成网站
                run: gongkai build
              - name: 检查各村是否按时公开
                run: |
                  { echo '### 公开检查'; echo '```'; gongkai check || true; echo '```'; } >> "$GITHUB_STEP_SUMMARY"
                  gongkai check --format junit > disclosure.xml
              - name: 保存公开检查报告（JUnit）
                if: always()
                uses: actions/upload-artifact@v4
                with:
                  name: disclosure-report
                  path: disclosure.xml

        """
    }

    func gitlabCI() -> String {
        """
        # GitLab CI：每次提交后自动生成网站、检查各村是否按时公开。
        # 公开检查的结果以 JUnit 报告上传，在流水线的“测试”页和合并请求页面上就能看到哪个村哪一期没有公开。
        variables:
          # gongkai 安装包（.deb）的下载地址：把它放到本单位的网站或代码托管平台上，只改这一行。
          GONGKAI_DEB: \(packageAddress)

        gongkai:
          image: debian:12
          before_script:
            - apt-get update -qq
            - apt-get install -y -qq curl ca-certificates >/dev/null
            - curl -fsSL -o /tmp/gongkai.deb "$GONGKAI_DEB"
            - apt-get install -y -qq /tmp/gongkai.deb >/dev/null
            - gongkai --version
          script:
            - gongkai build
            - gongkai check --format junit > disclosure.xml
          artifacts:
            when: always
            reports:
              junit: disclosure.xml

        """
    }

    func home() -> String {
        let names = villages.map(\.name).joined(separator: "、")
        return """
            ---
            title: \(ScaffoldText.yaml("欢迎访问\(siteTitle)"))
            ---
            本网站由\(township)主办，及时公开\(names)的党务、村务、财务，发布党课宣讲、法治宣传、村规民约和道德模范事迹，欢迎广大群众监督。对公开内容有疑问的，请联系所在村（社区）的村务监督委员会。

            """
    }
}
