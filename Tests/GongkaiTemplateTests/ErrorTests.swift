import XCTest
import GongkaiTemplate

final class ErrorTests: XCTestCase {
    /// Template, then where and why it fails.
    let cases: [(String, Int, Int, TemplateError.Reason)] = [
        ("<p>\n{{#item}}{{title}}\n", 2, 1, .unclosedSection("item")),
        ("a\n  {{#a}}{{#b}}\n{{/b}}", 2, 3, .unclosedSection("a")),
        ("{{#a}}\n  {{/b}}", 2, 3, .unexpectedClose(found: "b", expected: "a")),
        ("x {{/a}}", 1, 3, .unexpectedClose(found: "a", expected: nil)),
        ("{{#first()}}{{/last()}}", 1, 13, .unexpectedClose(found: "last()", expected: "first()")),
        ("中文标题 {{a b}}", 1, 6, .malformedTag),
        ("{{a\n", 1, 1, .malformedTag),
        ("{{{a}}", 1, 1, .malformedTag),
        ("{{a(}}", 1, 1, .malformedTag),
        ("{{#items}}{{#index()}}{{/index()}}{{/items}}", 1, 11, .unknownTransform("index()")),
        ("{{upper(name)}}", 1, 1, .unknownTransform("upper(name)")),
        ("\n\n  {{! never closed", 3, 3, .unclosedComment),
        ("{{=<% =}}", 1, 1, .malformedDelimiters),
        ("{{=<%%>}}", 1, 1, .malformedDelimiters),
        ("{{<layout}}{{x}}{{/layout}}", 1, 1, .notABlockInsideParent),
        ("{{$b(x)}}{{/b}}", 1, 1, .malformedTag),
        ("{{%CONTENT_TYPE: JSON}}", 1, 1, .unknownPragma("CONTENT_TYPE: JSON")),
    ]

    func testErrorsSayWhereAndWhy() {
        for (source, line, column, reason) in cases {
            XCTAssertThrowsError(try Template(source), source.debugDescription) { error in
                guard let error = error as? TemplateError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.line, line, source.debugDescription)
                XCTAssertEqual(error.column, column, source.debugDescription)
                XCTAssertEqual(error.reason, reason, source.debugDescription)
            }
        }
    }

    func testLineOneIsCountedAsWritten() throws {
        XCTAssertThrowsError(try Template("ab {{/x}}", firstLineFollowsTag: true)) { error in
            XCTAssertEqual((error as? TemplateError)?.column, 4)
        }
    }

    func testReasonsReadAsText() {
        XCTAssertEqual(TemplateError.Reason.unclosedSection("item").description, "{{#item}} is not closed by {{/item}}")
        XCTAssertEqual(
            TemplateError(line: 2, column: 1, reason: .malformedTag).description,
            "line 2, column 1: a tag is not closed, or its name has characters a name cannot have")
    }

    /// Not errors: swift-mustache rendered these, so sites' templates with them keep working.
    func testLenientText() {
        check([
            Case("a lone brace", "a { b } c {", "a { b } c {"),
            Case("an opening delimiter at the end is dropped", "a{{", "a"),
            Case("an opening delimiter before a line end is dropped", "a{{\nb", "a\nb"),
        ])
    }
}
