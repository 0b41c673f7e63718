import GongkaiContent
@testable import GongkaiServe
import XCTest

final class LiveReloadTests: XCTestCase {
    func testScriptGoesBeforeTheClosingBody() {
        let html = "<html><body><p>正文</p></BODY></html>"
        let out = LiveReloadScript.inject(into: html, status: BuildStatus(instance: "x"), language: .zh)
        XCTAssertTrue(out.hasPrefix("<html><body><p>正文</p><script id=\"gongkai-live-reload\">"), out)
        XCTAssertTrue(out.hasSuffix("</script>\n</BODY></html>"))
        XCTAssertTrue(out.contains(LiveReloadScript.eventsPath))
        let bare = LiveReloadScript.inject(into: "<p>x</p>", status: BuildStatus(instance: "x"), language: .zh)
        XCTAssertTrue(bare.hasPrefix("<p>x</p>\n<script"))
    }

    func testStatusJSONCarriesTheErrorsAndCannotCloseTheScript() throws {
        var status = BuildStatus(instance: "abc")
        status.succeeded()
        XCTAssertEqual(status.version, "abc-1")
        status.failed([
            .warning("a.md", line: 1, zh: "警告", en: "warning"),
            .error("content/x.md", line: 3, zh: "日期“2026-13-01”无效</script><script>alert(1)</script>", en: "bad date"),
        ])
        let json = status.json(.zh)
        XCTAssertFalse(json.contains("</script>"))
        XCTAssertFalse(json.contains("<"))
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(parsed["ok"] as? Bool, false)
        XCTAssertEqual(parsed["version"] as? String, "abc-1")
        let errors = try XCTUnwrap(parsed["errors"] as? [[String: Any]])
        XCTAssertEqual(errors.count, 1, "warnings are not shown when there are errors")
        XCTAssertEqual(errors.first?["file"] as? String, "content/x.md")
        XCTAssertEqual(errors.first?["line"] as? Int, 3)
        XCTAssertEqual(errors.first?["message"] as? String, "日期“2026-13-01”无效</script><script>alert(1)</script>")
        XCTAssertTrue(status.json(.en).contains("bad date"))
    }

    func testEventsAreFramedLineByLine() {
        XCTAssertEqual(ReloadHub.event("reload", data: "{}"), "event: reload\ndata: {}\n\n")
        XCTAssertEqual(ReloadHub.event("x", data: "a\nb"), "event: x\ndata: a\ndata: b\n\n")
    }

    func testHubSendsHelloThenBuildEvents() async throws {
        let hub = ReloadHub(language: .zh, status: BuildStatus(instance: "t"))
        let stream = await hub.subscribe()
        var iterator = stream.makeAsyncIterator()
        let hello = String(decoding: await iterator.next() ?? [], as: UTF8.self)
        XCTAssertTrue(hello.contains("event: hello"), hello)
        await hub.buildSucceeded()
        let reload = String(decoding: await iterator.next() ?? [], as: UTF8.self)
        XCTAssertTrue(reload.hasPrefix("event: reload\n"), reload)
        XCTAssertTrue(reload.contains("t-1"))
        await hub.buildFailed([.error("x.md", line: 2, zh: "错", en: "wrong")])
        let failed = String(decoding: await iterator.next() ?? [], as: UTF8.self)
        XCTAssertTrue(failed.hasPrefix("event: build-error\n"), failed)
        let count = await hub.clientCount
        XCTAssertEqual(count, 1)
    }

    func testEventStreamBodyHandsOutWholeChunksAndEnds() async throws {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        continuation.yield(Array("abcdef".utf8))
        continuation.yield([])
        continuation.yield(Array("g".utf8))
        continuation.finish()
        var iterator = EventStreamBody(stream: stream).makeAsyncIterator()
        var buffers: [[UInt8]] = []
        while let buffer = await iterator.nextBuffer(suggested: 4) { buffers.append(buffer) }
        XCTAssertEqual(buffers, [Array("abcd".utf8), Array("ef".utf8), Array("g".utf8)])
    }
}
