import XCTest

import GongkaiTemplate

/// A record keeps its keys in a short list and finds a key by its length, then its text: names of one
/// length, names that start alike, long names, keys set again or taken out, all as a dictionary would.
final class TemplateRecordTests: XCTestCase {
    /// Keys made at run time (not literals): long ones are stored apart from the string, not inline.
    static let longKey = String(repeating: "long", count: 5) + "Name"

    func testKeysOfOneLengthAndKeysThatStartAlike() {
        let record: TemplateRecord = [
            "href": "h", "date": "d", "kind": "k", "tags": "t", "title": "T", "titleHead": "TH", "titleTail": "TT",
            Self.longKey: "L", "readingMinutes": 3,
        ]
        check([
            Case(
                "same length", "{{#r}}{{href}}{{date}}{{kind}}{{tags}}{{/r}}", ["r": record], "hdkt"),
            Case("prefixes", "{{#r}}{{title}}|{{titleHead}}|{{titleTail}}|{{titl}}{{/r}}", ["r": record], "T|TH|TT|false"),
            Case("long", "{{#r}}{{longlonglonglonglongName}}{{readingMinutes}}{{/r}}", ["r": record], "L3"),
            Case("dotted", "{{r.kind}}{{r.longlonglonglonglongName}}{{r.none}}", ["r": record], "kLfalse"),
        ])
        XCTAssertEqual(record["readingMinutes"] as? Int, 3)
        XCTAssertEqual(record[String("title".reversed().reversed())] as? String, "T")
        XCTAssertNil(record["titles"])
        XCTAssertNil(record["Title"])
    }

    func testSettingAndRemovingKeys() {
        var record: TemplateRecord = ["a": "1", "bb": "2", "cc": "3"]
        record["bb"] = "two"
        record["d"] = true
        record["cc"] = nil
        record["cc"] = nil
        XCTAssertEqual(record.entries.map(\.key), ["a", "bb", "d"], "the order keys were first set in")
        XCTAssertEqual(record.values.count, 3)
        XCTAssertEqual(record.values["bb"] as? String, "two")
        check([Case("set and removed", "{{#r}}{{a}}{{bb}}{{d}}[{{cc}}]{{/r}}", ["r": record], "1twotrue[false]")])
        XCTAssertEqual(TemplateRecord(["x": 1]).values.count, 1)
        XCTAssertTrue(TemplateRecord().entries.isEmpty)
    }

    /// Keys equal as text, as a dictionary's are: canonically equivalent (K and the Kelvin sign, é in one
    /// code point or two), whatever their length in bytes; other scripts.
    func testKeysAreEqualAsTextAsInADictionary() {
        let record: TemplateRecord = ["\u{212A}": "kelvin", "\u{E9}": "e", "版本": "v", "ab": "ab"]
        let dictionary: [String: Any] = ["\u{212A}": "kelvin", "\u{E9}": "e", "版本": "v", "ab": "ab"]
        for key in ["K", "\u{212A}", "e\u{301}", "\u{E9}", "版本", "版", "ab", "a", "abc"] {
            XCTAssertEqual(record[key] as? String, dictionary[key] as? String, key.debugDescription)
        }
        check([Case("an ASCII name of a key equal to it", "{{#r}}{{K}}{{ab}}{{/r}}", ["r": record], "kelvinab")])
    }

    /// A record in a list, in a record, with the context outside it: lookups end at the record.
    func testNestedRecordsEndLookups() {
        let inner: TemplateRecord = ["title": "内", "href": "in.html"]
        let outer: TemplateRecord = ["title": "外", "items": [inner, TemplateRecord(["href": "x.html"])]]
        check([
            Case(
                "nested", "{{#o}}{{title}}:{{#items}}[{{title}}|{{href}}|{{site}}]{{/items}}{{/o}}", ["o": outer, "site": "站"],
                "外:[内|in.html|false][false|x.html|false]")
        ])
    }
}
