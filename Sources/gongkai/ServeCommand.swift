import ArgumentParser
import Foundation
import GongkaiContent
import GongkaiServe

/// `gongkai serve`: build, serve, watch, rebuild, reload.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "在浏览器里预览网站：改了文件自动重新生成，打开的网页自动刷新。",
        discussion: """
            先生成网站，再在本机开一个网站服务器（默认 http://127.0.0.1:1313/）。之后每当 content/、templates/、
            static/、site.yaml 或 disclosure.yaml 有改动，就重新生成，浏览器里打开的网页会自动刷新。
            改出错误时，网页上会盖一层提示，写明哪个文件第几行错在哪里，下面仍显示上一次成功生成的网页；改正保存后自动恢复。
            自动刷新用的小段脚本只在预览时加到网页里，不会写进 public/。按 Ctrl+C 停止。

            加 --drafts 时连草稿一起预览，这时生成到 .gongkai-cache/preview/，不会把草稿放进 public/。

            示例：
              gongkai serve
              gongkai serve --port 8080
              gongkai serve --host 0.0.0.0     让同一局域网的手机也能打开（用电脑的 IP 地址访问）
              gongkai serve --drafts           连草稿一起预览
            """
    )

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: ArgumentHelp("端口号；写 0 则自动选一个空闲端口。", valueName: "port"))
    var port: Int = 1313

    @Option(name: .long, help: ArgumentHelp("监听的地址：127.0.0.1 只有本机能打开；0.0.0.0 同一网络的其他设备也能打开。", valueName: "host"))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("生成到哪个文件夹，默认为 public/（加 --drafts 时为 .gongkai-cache/preview/）。", valueName: "DIR"))
    var output: String?

    @Flag(name: .long, help: "连草稿（draft: true）一起预览。")
    var drafts = false

    @Option(name: .customLong("poll-interval"), help: .hidden)
    var pollInterval: Double = 0.3

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError(
                siteOptions.language.pick(
                    "--port \(port) 无效：端口号在 1 到 65535 之间，如 --port 1313",
                    "--port \(port) is invalid: use 1 to 65535, e.g. --port 1313"))
        }
    }

    func run() throws {
        let language = siteOptions.language
        let site = URL(fileURLWithPath: siteOptions.site).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: site + "/" + SiteConfig.fileName) else {
            Report.stderr(
                language.pick(
                    "在 \(site) 找不到 site.yaml，这里不像是一个 Gongkai 网站。请在网站文件夹里运行，或用 --site 指定它；新建网站用 gongkai init",
                    "no site.yaml in \(site): this is not a Gongkai site. Run in the site folder or pass --site; start a new one with gongkai init"))
            throw ExitCode(1)
        }
        let folder =
            output.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            ?? site + (drafts ? "/.gongkai-cache/preview" : "/public")
        let options = DevServer.Options(
            site: site, output: folder, host: host, port: UInt16(port), includeDrafts: drafts,
            language: language, pollInterval: max(0.05, pollInterval))
        let printer = ServePrinter(language: language, output: folder)
        let server = DevServer(options) { printer.show($0) }
        printer.starting()

        signal(SIGPIPE, SIG_IGN)
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            source.setEventHandler {
                printer.stopped()
                Foundation.exit(0)
            }
            source.resume()
            sources.append(source)
        }
        Task {
            do {
                try await server.run()
                Foundation.exit(0)
            } catch let failure as DevServer.Failure {
                Report.stderr(printer.describe(failure))
                Foundation.exit(2)
            } catch {
                Report.stderr(language.pick("预览服务器出错：\(error.localizedDescription)", "the preview server failed: \(error.localizedDescription)"))
                Foundation.exit(1)
            }
        }
        withExtendedLifetime(sources) { dispatchMain() }
    }
}

/// What `gongkai serve` says as it goes.
///
/// Sendable by hand: `language` and `output` are constants, and the one mutable property,
/// `shownWarnings`, is read and written only while `lock` is held.
final class ServePrinter: @unchecked Sendable {
    let language: Language
    let output: String
    private let lock = NSLock()
    /// The warnings of the last good build: the same ones (no base-url yet, …) are not listed again
    /// after every save, only the ones that are new.
    private var shownWarnings = Set<Diagnostic>()
    /// Those warnings in the order the build gave them: most builds give the same again (then the set is kept).
    private var lastWarnings: [Diagnostic] = []

    init(language: Language, output: String) {
        self.language = language
        self.output = output
    }

    /// The warnings to list now: those the last good build did not have.
    private func newWarnings(_ warnings: [Diagnostic]) -> [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        if warnings == lastWarnings { return [] }
        let fresh = warnings.filter { !shownWarnings.contains($0) }
        shownWarnings = Set(warnings)
        lastWarnings = warnings
        return fresh
    }

    private func alreadyShown(_ warning: Diagnostic) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return shownWarnings.contains(warning)
    }

    func starting() {
        Console.line(language.pick("正在生成网站……", "Building the site…"))
    }

    func show(_ event: DevServer.Event) {
        let style = Console.out
        switch event {
        case .listening(let host, let port):
            let shownHost = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
            let url = "http://\(shownHost.contains(":") ? "[\(shownHost)]" : shownHost):\(port)/"
            Console.line(
                language.pick("正在预览：", "Serving at ") + style.bold(url)
                    + style.dim(language.pick("（网页生成在 \(output)）", " (pages built into \(output))")))
            Console.line(
                language.pick(
                    "改了文件会自动重新生成并刷新网页；按 Ctrl+C 停止。",
                    "Edits rebuild the site and reload the page; press Ctrl+C to stop."))
        case .building(let changed):
            let first = changed.first ?? ""
            let more = changed.count > 1 ? language.pick(" 等 \(changed.count) 个文件", " and \(changed.count - 1) more") : ""
            Console.line(style.dim("\(time()) ") + language.pick("发现改动：", "changed: ") + first + more)
        case .built(let summary, let seconds):
            let warnings = summary.diagnostics.filter { !$0.isError }
            let fresh = newWarnings(warnings)
            Report.printDiagnostics(fresh, language: language)
            let total = summary.pagesByKind.values.reduce(0, +)
            let time = String(format: "%.2f", seconds)
            let repeated = warnings.count - fresh.count
            let same =
                repeated == 0
                ? ""
                : fresh.isEmpty
                    ? language.pick("（\(repeated) 个警告同上）", " (the same \(repeated) warning(s))")
                    : language.pick("（另有 \(repeated) 个警告同上）", " (and the same \(repeated) warning(s) as before)")
            Console.line(
                style.dim("\(self.time()) ")
                    + style.success(
                        language.pick(
                            "已生成 \(total) 篇内容，用时 \(time) 秒",
                            "built \(total) pages in \(time) s") + same))
        case .failed(let diagnostics, _):
            // The errors, and of the warnings only those not listed already.
            Report.printDiagnostics(diagnostics.filter { $0.isError || !alreadyShown($0) }, language: language)
            Console.line(
                style.dim("\(time()) ")
                    + style.error(
                        language.pick(
                            "生成失败：浏览器中显示错误，仍提供上一次成功生成的网页。",
                            "build failed: the browser shows the errors over the last good site.")))
        }
    }

    func stopped() {
        Console.line(language.pick("已停止预览。", "Stopped."))
    }

    func describe(_ failure: DevServer.Failure) -> String {
        switch failure {
        case .badHost(let host):
            return language.pick(
                "--host \(host) 不是有效的地址：请写 127.0.0.1（只有本机）或 0.0.0.0（同一网络的设备）",
                "--host \(host) is not an address to listen on: use 127.0.0.1 (this computer) or 0.0.0.0 (the network)")
        case .cannotListen(let host, let port, let code, let reason):
            if code == EADDRINUSE {
                return language.pick(
                    "端口 \(port) 已被占用（可能已经开着一个 gongkai serve）。请换一个端口，如 gongkai serve --port \(port == 65535 ? 1314 : Int(port) + 1)",
                    "port \(port) is already in use (maybe by another gongkai serve). Choose another, e.g. gongkai serve --port \(port == 65535 ? 1314 : Int(port) + 1)"
                )
            }
            if code == EACCES {
                return language.pick(
                    "没有权限使用端口 \(port)（1024 以下的端口需要管理员权限）。请换一个端口，如 --port 1313",
                    "no permission to use port \(port) (ports below 1024 need root). Choose another, e.g. --port 1313")
            }
            return language.pick("无法在 \(host):\(port) 开启预览（\(reason)）", "cannot listen on \(host):\(port) (\(reason))")
        }
    }

    private func time() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return formatter.string(from: Date())
    }
}
