import XCTest

import GongkaiTemplate

/// Sections and inverted sections on each kind of value the renderer tells apart before it tries the
/// list and optional protocols: flags, texts, numbers, records, plain dictionaries, lists, optionals.
final class ValueKindTests: XCTestCase {
    func testSections() {
        let record = TemplateRecord(["name": "村委会"])
        let none: Int? = nil
        check([
            Case("number", "[{{#n}}{{.}}|{{n}}{{/n}}]", ["n": 7], "[7|7]"),
            Case("zero is a value", "[{{#n}}{{.}}{{/n}}]", ["n": 0], "[0]"),
            Case("optional number", "[{{#n}}{{.}}{{/n}}]", ["n": Optional(3) as Any], "[3]"),
            Case("nil number", "[{{#n}}x{{/n}}][{{^n}}y{{/n}}]", ["n": none as Any], "[][y]"),
            Case("dictionary", "[{{#d}}{{a}}-{{b}}{{/d}}]", ["d": ["a": "1"] as [String: Any], "b": "outer"], "[1-outer]"),
            Case("optional dictionary", "[{{#d}}{{a}}{{/d}}]", ["d": Optional(["a": "1"] as [String: Any]) as Any], "[1]"),
            Case("record", "[{{#r}}{{name}}{{x}}{{/r}}]", ["r": record, "x": "outer"], "[村委会false]"),
            Case("list of any", "[{{#l}}{{.}},{{/l}}]", ["l": [1, "二", true] as [Any]], "[1,二,true,]"),
            Case("list of texts", "[{{#l}}{{.}}{{/l}}]", ["l": ["甲", "乙"]], "[甲乙]"),
        ])
    }

    func testInvertedSections() {
        let record = TemplateRecord(["name": "村委会"])
        check([
            Case("false", "[{{^f}}y{{/f}}]", ["f": false], "[y]"),
            Case("true", "[{{^f}}y{{/f}}]", ["f": true], "[]"),
            Case("optional false", "[{{^f}}y{{/f}}]", ["f": Optional(false) as Any], "[y]"),
            Case("record", "[{{^r}}y{{/r}}]", ["r": record], "[]"),
            Case("missing key of a record", "{{#r}}[{{^gap}}y{{/gap}}]{{/r}}", ["r": record], "[y]"),
            Case("number", "[{{^n}}y{{/n}}]", ["n": 0], "[]"),
            Case("text", "[{{^t}}y{{/t}}]", ["t": ""], "[]"),
            Case("empty list", "[{{^l}}y{{/l}}]", ["l": [String]()], "[y]"),
            Case("list", "[{{^l}}y{{/l}}]", ["l": ["a"]], "[]"),
        ])
    }
}
