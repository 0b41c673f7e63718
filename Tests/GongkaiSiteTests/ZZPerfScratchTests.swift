import Foundation
import XCTest
import Mustache
@testable import GongkaiSite

final class ZZPerfScratchTests: XCTestCase {
    func cpu() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    }

    func testLayoutVariants() throws {
        let old = try String(contentsOfFile: "/tmp/c10k-variant/templates/layout.mustache", encoding: .utf8)
        let new = BuiltinTheme.files["layout.mustache"] ?? ""
        let noScripts = new.replacingOccurrences(of: "{{$scripts}}{{/scripts}}", with: "")
        let noFeeds = new.replacingOccurrences(of: "{{#feeds}}<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{{title}}\" href=\"{{href}}\">\n{{/feeds}}", with: "")
        _ = FastHTMLEscaping.registered
        for (name, layout) in [("old", old), ("new", new), ("noScripts", noScripts), ("noFeeds", noFeeds), ("old2", old), ("new2", new)] {
            var library = MustacheLibrary()
            library.register(try MustacheTemplate(string: FastHTMLEscaping.pragma + layout), named: "layout")
            for n in ["page", "item-list"] {
                library.register(try MustacheTemplate(string: FastHTMLEscaping.pragma + (BuiltinTheme.files["\(n).mustache"] ?? "")), named: n)
            }
            let context: [String: Any] = [
                "site": ["title": "门户", "language": "zh-CN"], "header": String(repeating: "h", count: 2000), "footer": "f",
                "stylesheet": "../a.css", "script": "../a.js", "pageTitle": "标题", "title": "标题",
                "feeds": [Record(["title": "t", "href": "../feed.xml"])],
                "item": Record(["title": "标题", "content": String(repeating: "<p>正文</p>", count: 100), "kind": "notice", "kindName": "法治宣传",
                                "date": "2026年1月1日", "dateISO": "2026-01-01", "owner": "杏花村", "ownerHref": "../index.html", "readingMinutes": 2,
                                "tags": [Record(["name": "普法", "href": "../t.html"])]]),
            ]
            let start = cpu()
            var bytes = 0
            for _ in 0..<5000 { bytes += library.render(context, withTemplate: "page")?.utf8.count ?? 0 }
            print("RENDER \(name): \(String(format: "%.3f", cpu() - start)) s, \(bytes / 5000) bytes")
        }
    }
}
