import GongkaiContent
import GongkaiServe
import XCTest

/// Runs the injected script in Node with a minimal stand-in for the DOM and EventSource, when Node is
/// installed: the overlay lists file, line and message; a reload event reloads; a hello after a rebuild reloads.
final class OverlayScriptTests: XCTestCase {
    static let harness = #"""
        const src = require('fs').readFileSync(0, 'utf8');
        function el(tag) {
          return { tag, children: [], style: {}, attrs: {}, textContent: '',
            appendChild(c) { this.children.push(c); c.parentNode = this; },
            removeChild(c) { this.children = this.children.filter(x => x !== c); },
            setAttribute(k, v) { this.attrs[k] = v; } };
        }
        const body = el('body');
        const listeners = {};
        global.document = { readyState: 'complete', body, documentElement: body, createElement: el, addEventListener() {} };
        global.location = { reloads: 0, reload() { this.reloads++; } };
        global.window = { EventSource: true };
        global.EventSource = function (url) { listeners.url = url; this.addEventListener = (n, f) => { listeners[n] = f; }; };
        eval(src);
        const overlay = () => body.children.find(c => c.id === 'gongkai-error-overlay');
        const text = n => [n.textContent].concat(n.children.map(text)).join(' ');
        const out = { url: listeners.url, initial: !!overlay() };
        listeners['build-error']({ data: JSON.stringify({ version: 'v-1', ok: false,
          errors: [{ file: 'content/a.md', line: 3, message: '日期“2026-13-01”无效', severity: 'error' }] }) });
        out.overlay = overlay() ? text(overlay()) : null;
        listeners['hello']({ data: JSON.stringify({ version: 'v-1', ok: true, errors: [] }) });
        out.afterSameHello = { overlay: !!overlay(), reloads: location.reloads };
        listeners['hello']({ data: JSON.stringify({ version: 'v-2', ok: true, errors: [] }) });
        listeners['reload']({ data: '{}' });
        out.reloads = location.reloads;
        console.log(JSON.stringify(out));
        """#

    func node(_ script: String) throws -> [String: Any] {
        let node = ["/usr/bin/node", "/usr/local/bin/node"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let node else { throw XCTSkip("Node is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = ["-e", Self.harness]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testOverlayShowsErrorsAndReloadsAfterAGoodBuild() throws {
        var status = BuildStatus(instance: "v")
        status.succeeded()
        let html = LiveReloadScript.inject(into: "<body></body>", status: status, language: .zh)
        let start = try XCTUnwrap(html.range(of: "<script id=\"gongkai-live-reload\">"))
        let end = try XCTUnwrap(html.range(of: "</script>", options: .backwards))
        let result = try node(String(html[start.upperBound..<end.lowerBound]))
        XCTAssertEqual(result["url"] as? String, "/__gongkai/events")
        XCTAssertEqual(result["initial"] as? Bool, false, "no overlay after a good build")
        let overlay = try XCTUnwrap(result["overlay"] as? String)
        XCTAssertTrue(overlay.contains("网站生成出错"), overlay)
        XCTAssertTrue(overlay.contains("content/a.md:3"), overlay)
        XCTAssertTrue(overlay.contains("日期“2026-13-01”无效"), overlay)
        let same = try XCTUnwrap(result["afterSameHello"] as? [String: Any])
        XCTAssertEqual(same["overlay"] as? Bool, false, "a good status hides the overlay")
        XCTAssertEqual(same["reloads"] as? Int, 0, "the same version does not reload")
        XCTAssertEqual(result["reloads"] as? Int, 2, "a newer version and a reload event both reload")
    }

    func testFailedStatusShowsTheOverlayAtOnce() throws {
        var status = BuildStatus(instance: "v")
        status.failed([.error("site.yaml", line: 2, zh: "缺少 title", en: "no title")])
        let html = LiveReloadScript.inject(into: "", status: status, language: .zh)
        let start = try XCTUnwrap(html.range(of: "<script id=\"gongkai-live-reload\">"))
        let end = try XCTUnwrap(html.range(of: "</script>", options: .backwards))
        let result = try node(String(html[start.upperBound..<end.lowerBound]))
        XCTAssertEqual(result["initial"] as? Bool, true)
    }
}
