import XCTest
import GongkaiTemplate

/// One rendering: `template` (named "main") with `partials` beside it, rendered with `data`.
struct Case {
    let name: String
    let template: String
    var partials: [String: String] = [:]
    var data: [String: Any] = [:]
    let expected: String
    /// Parse line 1 as if a tag stood before it (how Gongkai's theme is compiled).
    var firstLineFollowsTag = false

    init(
        _ name: String, _ template: String, partials: [String: String] = [:], _ data: [String: Any] = [:],
        _ expected: String, firstLineFollowsTag: Bool = false
    ) {
        self.name = name
        self.template = template
        self.partials = partials
        self.data = data
        self.expected = expected
        self.firstLineFollowsTag = firstLineFollowsTag
    }

    init(_ name: String, _ template: String, partials: [String: String] = [:], _ expected: String, firstLineFollowsTag: Bool = false) {
        self.init(name, template, partials: partials, [:], expected, firstLineFollowsTag: firstLineFollowsTag)
    }
}

func render(_ test: Case) throws -> String {
    var templates: [String: Template] = [:]
    for (name, source) in test.partials.merging(["main": test.template], uniquingKeysWith: { $1 }) {
        templates[name] = try Template(source, firstLineFollowsTag: test.firstLineFollowsTag)
    }
    return String(decoding: TemplateLibrary(templates).render("main", test.data) ?? [], as: UTF8.self)
}

func check(_ cases: [Case], file: StaticString = #filePath, line: UInt = #line) {
    for test in cases {
        do {
            let output = try render(test)
            XCTAssertEqual(output, test.expected, test.name, file: file, line: line)
        } catch {
            XCTFail("\(test.name): \(error)", file: file, line: line)
        }
    }
}

final class VariableTests: XCTestCase {
    func testValues() {
        check([
            Case("text", "Hello, {{name}}!", ["name": "村委会"], "Hello, 村委会!"),
            Case("escaped", "{{x}}", ["x": "a & b < c > d \" e ' f"], "a &amp; b &lt; c &gt; d &quot; e &#39; f"),
            Case("only five characters are escaped", "{{x}}", ["x": "/`=中文 ©"], "/`=中文 ©"),
            Case("triple mustache", "{{{x}}}", ["x": "<b>&amp;</b>"], "<b>&amp;</b>"),
            Case("ampersand", "{{& x}}", ["x": "<i>'</i>"], "<i>'</i>"),
            Case("padding", "[{{ x }}][{{{ x }}}][{{&  x  }}]", ["x": "<"], "[&lt;][<][<]"),
            Case("integer", "{{n}} {{m}}", ["n": 42, "m": -7], "42 -7"),
            Case("booleans", "{{t}} {{f}}", ["t": true, "f": false], "true false"),
            Case("missing", "[{{nothing}}][{{{nothing}}}]", [:], "[][]"),
            Case("dotted", "{{a.b.c}}", ["a": ["b": ["c": "深"]]], "深"),
            Case("dotted through a record", "{{item.title}}", ["item": TemplateRecord(["title": "通知"])], "通知"),
            Case("dotted, broken", "[{{a.x.c}}]", ["a": ["b": ["c": "深"]]], "[]"),
            Case(
                "dotted names look up only their first part in enclosing contexts",
                "{{#a}}[{{b.c}}]{{/a}}", ["a": ["b": [String: Any]()], "b": ["c": "outer"]], "[]"),
            Case("implicit iterator", "{{#list}}<{{.}}>{{/list}}", ["list": ["a", "&"]], "<a><&amp;>"),
            Case("the current item only", "{{#a}}[{{.x}}|{{x}}]{{/a}}", ["a": ["y": 1], "x": "outer"], "[|outer]"),
        ])
    }

    func testLookupThroughTheContextStack() {
        check([
            Case(
                "a dictionary passes lookups on", "{{#a}}{{#b}}{{name}}{{/b}}{{/a}}",
                ["a": ["b": ["other": 1]], "name": "outer"], "outer"),
            Case("the innermost value wins", "{{#a}}{{name}}{{/a}}|{{name}}", ["a": ["name": "inner"], "name": "outer"], "inner|outer"),
            Case(
                "a record ends lookups: its missing key reads false",
                "{{#items}}[{{summary}}]{{#summary}}S{{/summary}}{{^summary}}none{{/summary}}{{/items}}",
                ["summary": "page summary", "items": [TemplateRecord(["title": "a"]), TemplateRecord(["summary": "b"])]],
                "[false]none[b]S"),
            Case(
                "a record still shows its own keys and the outer ones it does not hide",
                "{{#item}}{{title}}{{/item}}", ["item": TemplateRecord(["title": "t"])], "t"),
        ])
    }
}

final class SectionTests: XCTestCase {
    func testTruthiness() {
        check([
            Case("true", "{{#x}}yes{{/x}}", ["x": true], "yes"),
            Case("false", "{{#x}}yes{{/x}}", ["x": false], ""),
            Case("missing", "{{#x}}yes{{/x}}", [:], ""),
            Case("empty list", "{{#x}}yes{{/x}}", ["x": [TemplateRecord]()], ""),
            Case("empty string is shown", "{{#x}}yes[{{.}}]{{/x}}", ["x": ""], "yes[]"),
            Case("zero is shown", "{{#x}}yes[{{.}}]{{/x}}", ["x": 0], "yes[0]"),
            Case("a string becomes the context", "{{#x}}<{{.}}>{{/x}}", ["x": "v"], "<v>"),
            Case("a dictionary becomes the context", "{{#x}}{{a}}{{/x}}", ["x": ["a": "1"]], "1"),
            Case("an empty dictionary is shown", "{{#x}}yes{{/x}}", ["x": [String: Any]()], "yes"),
            Case("a record becomes the context", "{{#x}}{{a}}{{/x}}", ["x": TemplateRecord(["a": "1"])], "1"),
            Case("records repeat", "{{#x}}<{{n}}>{{/x}}", ["x": [TemplateRecord(["n": 1]), TemplateRecord(["n": 2])]], "<1><2>"),
            Case("dictionaries repeat", "{{#x}}<{{n}}>{{/x}}", ["x": [["n": 1], ["n": 2]] as [[String: Any]]], "<1><2>"),
            Case("mixed lists repeat", "{{#x}}<{{.}}>{{/x}}", ["x": [1, "b", true] as [Any]], "<1><b><true>"),
            Case("nested lists", "{{#x}}[{{#.}}{{.}}{{/.}}]{{/x}}", ["x": [["a", "b"], ["c"]]], "[ab][c]"),
            Case("dotted section", "{{#a.b}}{{c}}{{/a.b}}", ["a": ["b": ["c": "deep"]]], "deep"),
        ])
    }

    func testInvertedSections() {
        check([
            Case("false", "{{^x}}no{{/x}}", ["x": false], "no"),
            Case("missing", "{{^x}}no{{/x}}", [:], "no"),
            Case("empty list", "{{^x}}no{{/x}}", ["x": [String]()], "no"),
            Case("true", "{{^x}}no{{/x}}", ["x": true], ""),
            Case("list", "{{^x}}no{{/x}}", ["x": ["a"]], ""),
            Case("string, even empty", "{{^x}}no{{/x}}", ["x": ""], ""),
            Case("record's missing key", "{{#r}}{{^gap}}no gap{{/gap}}{{/r}}", ["r": TemplateRecord()], "no gap"),
        ])
    }

    /// Texts, flags, records and lists of records are told by their type without a cast (`ExactValue`);
    /// the same values in an optional go through the casts, and render the same.
    func testValuesInOptionalsRenderAsThemselves() {
        let template = "{{#t}}<{{.}}>{{/t}}{{^t}}-{{/t}}{{t}}|{{#f}}F{{/f}}{{^f}}!f{{/f}}|{{#r}}{{a}}{{/r}}{{^r}}-{{/r}}|{{#l}}{{n}}{{/l}}{{^l}}-{{/l}}"
        let values: [String: Any] = [
            "t": "文", "f": true, "r": TemplateRecord(["a": "1"]), "l": [TemplateRecord(["n": 1]), TemplateRecord(["n": 2])],
        ]
        let wrapped: [String: Any] = [
            "t": Optional("文") as Any, "f": Optional(true) as Any, "r": Optional(TemplateRecord(["a": "1"])) as Any,
            "l": Optional([TemplateRecord(["n": 1]), TemplateRecord(["n": 2])]) as Any,
        ]
        check([
            Case("exact types", template, values, "<文>文|F|1|12"),
            Case("in optionals", template, wrapped, "<文>文|F|1|12"),
        ])
    }

    func testFirstAndLast() {
        let items: [String: Any] = ["items": [TemplateRecord(["n": 1]), TemplateRecord(["n": 2]), TemplateRecord(["n": 3])]]
        check([
            Case(
                "first and last", "{{#items}}{{#first()}}<ul>{{/first()}}<li>{{n}}</li>{{#last()}}</ul>{{/last()}}{{/items}}",
                items, "<ul><li>1</li><li>2</li><li>3</li></ul>"),
            Case(
                "one item is first and last", "{{#items}}{{#first()}}F{{/first()}}{{#last()}}L{{/last()}}{{/items}}",
                ["items": ["only"]], "FL"),
            Case("inverted", "{{#items}}{{^first()}}, {{/first()}}{{n}}{{/items}}", items, "1, 2, 3"),
            Case("as values", "{{#items}}{{first()}}/{{last()}} {{/items}}", items, "true/false false/false false/true "),
            Case("outside a list: neither", "{{#first()}}F{{/first()}}{{^last()}}not last{{/last()}}", [:], "not last"),
            Case(
                "a true flag keeps the list position", "{{#items}}{{#on}}{{#first()}}F{{/first()}}{{/on}}{{/items}}",
                ["items": [TemplateRecord(["on": true]), TemplateRecord(["on": true])]], "F"),
            Case(
                "an item's own section starts afresh", "{{#items}}{{#r}}{{#first()}}F{{/first()}}{{/r}}{{/items}}",
                ["items": [TemplateRecord(["r": TemplateRecord()])]], ""),
        ])
    }
}

final class WhitespaceTests: XCTestCase {
    func testStandaloneLines() {
        check([
            Case("standalone section tags take their lines", "<ul>\n{{#x}}\n<li>\n{{/x}}\n</ul>\n", ["x": true], "<ul>\n<li>\n</ul>\n"),
            Case("indented standalone tags too", "a\n  {{#x}}  \nb\n\t{{/x}}\t\nc", ["x": true], "a\nb\nc"),
            Case("inverted", "a\n{{^x}}\nb\n{{/x}}\nc", [:], "a\nb\nc"),
            Case("comment line", "a\n  {{! note }}\nb", [:], "a\nb"),
            Case("multi-line comment", "a\n{{! one\ntwo }}\nb", [:], "a\nb"),
            Case("inline comment", "a {{! note }} b", [:], "a  b"),
            Case("not standalone: text before", "a {{#x}}\nb{{/x}}", ["x": true], "a \nb"),
            Case("not standalone: text after", "{{#x}} a\nb\n{{/x}}", ["x": true], " a\nb\n"),
            Case("two tags on a line are not standalone", "{{#x}}{{/x}}\nb", ["x": true], "\nb"),
            Case("CR LF line end", "a\r\n{{#x}}\r\nb\r\n{{/x}}\r\nc", ["x": true], "a\r\nb\r\nc"),
            Case("at the end without a line end", "a\n{{#x}}b\n{{/x}}", ["x": true], "a\nb\n"),
            Case("variables are never standalone", "a\n  {{x}}\nb", ["x": "v"], "a\n  v\nb"),
            Case("indentation before an inline tag stays", "  {{x}} y", ["x": "v"], "  v y"),
            Case("a standalone line on line 1", "{{! top }}\nx", [:], "x"),
            Case("line 1 after a tag keeps its line end", "{{! top }}\nx", [:], "\nx", firstLineFollowsTag: true),
            Case("line 1 blank after a tag is taken", "  \nx", [:], "x", firstLineFollowsTag: true),
            Case("later lines are standalone as usual", "{{! top }}\n{{! next }}\nx", [:], "\nx", firstLineFollowsTag: true),
        ])
    }

    func testPartials() {
        check([
            Case("partial", "[{{>p}}]", partials: ["p": "in {{x}}"], ["x": "p"], "[in p]"),
            Case("partial sees the context", "{{#r}}{{>p}}{{/r}}", partials: ["p": "{{v}}"], ["r": ["v": "inner"]], "inner"),
            Case("missing partial renders nothing", "[{{>nope}}]", [:], "[]"),
            Case(
                "standalone partial indents every line", "<ul>\n  {{>p}}\n</ul>",
                partials: ["p": "<li>a</li>\n<li>b</li>\n"], "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>"),
            Case("not standalone: first line only", "x {{>p}}\n", partials: ["p": "a\nb\n"], "x a\nb\n\n"),
            Case("indentation adds up", "  {{>p}}\n", partials: ["p": "a\n  {{>q}}\n", "q": "b\nc\n"], "  a\n    b\n    c\n"),
            Case("a value with line ends is not indented", "  {{>p}}\n", partials: ["p": "<{{x}}>\n"], ["x": "1\n2"], "  <1\n2>\n"),
            Case("dynamic partial", "{{>*which}}", partials: ["p": "P"], ["which": "p"], "P"),
            Case("dynamic partial, unknown", "[{{>*which}}]", partials: ["p": "P"], ["which": "q"], "[]"),
            Case(
                "partial in a list", "{{#items}}{{>p}}{{/items}}", partials: ["p": "<{{n}}>"],
                ["items": [TemplateRecord(["n": 1]), TemplateRecord(["n": 2])]], "<1><2>"),
        ])
    }

    func testDelimiters() {
        check([
            Case("set delimiters", "{{=<% %>=}}<% x %> {{x}}", ["x": "v"], "v {{x}}"),
            Case("sections with new delimiters", "{{=| |=}}|#s|<|x|>|/s|", ["s": ["x": "1"]], "<1>"),
            Case("standalone delimiter line", "a\n  {{=<% %>=}}\nb <%x%>", ["x": "v"], "a\nb v"),
            Case("and back", "{{=<% %>=}}<%x%><%={{ }}=%>{{x}}", ["x": "v"], "vv"),
            Case("inside a section, then the old ones again", "{{#s}}{{=<% %>=}}<%x%><%/s%>{{x}}", ["s": true, "x": "v"], "vv"),
        ])
    }

    func testParentsAndBlocks() {
        let layout = "<main>\n{{$body}}default{{/body}}\n</main>\n<footer>{{$foot}}f{{/foot}}</footer>\n"
        check([
            Case(
                "blocks fill the parent", "{{<layout}}{{$body}}\n<h1>{{t}}</h1>\n{{/body}}{{/layout}}\n", partials: ["layout": layout],
                ["t": "标题"], "<main>\n<h1>标题</h1>\n\n</main>\n<footer>f</footer>\n"),
            Case("defaults without blocks", "{{<layout}}{{/layout}}", partials: ["layout": layout], "<main>\ndefault\n</main>\n<footer>f</footer>\n"),
            Case(
                "text between blocks is ignored", "{{<layout}} ignored {{$foot}}F{{/foot}}{{/layout}}", partials: ["layout": layout],
                "<main>\ndefault\n</main>\n<footer>F</footer>\n"),
            Case(
                "the outermost block wins", "{{<mid}}{{$b}}outer{{/b}}{{/mid}}",
                partials: ["mid": "{{<base}}{{$b}}mid{{/b}}{{/base}}", "base": "[{{$b}}base{{/b}}]"], "[outer]"),
            Case("a block used outside any parent shows its default", "[{{$b}}d{{/b}}]", "[d]"),
            Case(
                "the first line of a block's body sets the indentation taken off the others",
                "{{<p}}{{$b}}\n    one\n      two\n{{/b}}{{/p}}", partials: ["p": "{{$b}}{{/b}}"], "one\n  two\n"),
        ])
    }

    func testPragma() {
        check([
            Case("text content: no escaping", "{{x}}{{%CONTENT_TYPE: TEXT}}{{x}}", ["x": "<"], "&lt;<"),
            Case("and html again", "{{% CONTENT_TYPE: TEXT }}{{x}}{{% CONTENT_TYPE: HTML }}{{x}}", ["x": "<"], "<&lt;"),
            Case("a partial escapes again", "{{%CONTENT_TYPE:TEXT}}{{x}}{{>p}}", partials: ["p": "{{x}}"], ["x": "<"], "<&lt;"),
        ])
    }
}
