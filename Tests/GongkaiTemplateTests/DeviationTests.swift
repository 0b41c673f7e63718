import XCTest
import GongkaiTemplate

/// Where Gongkai's Mustache does not do what the Mustache spec says, what it does instead. Each test
/// is one entry of the list in docs/templates.md ("与 Mustache 规范的不同"), numbered the same; a change
/// here changes what sites' own templates render, so the docs change with it.
final class DeviationTests: XCTestCase {
    /// 1. The theme's templates (and a site's own) are compiled as if a tag stood before line 1: a
    ///    standalone tag on line 1 keeps its line end.
    func test01FirstLineOfATemplate() {
        check([
            Case("spec: a standalone comment on line 1 takes its line", "{{! 说明 }}\n<p>", "<p>"),
            Case("Gongkai's templates: line 1 keeps its line end", "{{! 说明 }}\n<p>", "\n<p>", firstLineFollowsTag: true),
            Case("…also a section tag", "{{#x}}\n<p>{{/x}}", ["x": true], "\n<p>", firstLineFollowsTag: true),
            Case("…a blank line 1 is taken", "  \n<p>", "<p>", firstLineFollowsTag: true),
            Case("…and later lines are as usual", "<p>\n{{! 说明 }}\n</p>", "<p>\n</p>", firstLineFollowsTag: true),
        ])
    }

    /// 2. A record (an item, row or card that Gongkai gives) answers `false` for a name it lacks: the
    ///    lookup ends there instead of going on to the enclosing contexts, and `{{name}}` renders "false".
    func test02RecordsEndLookups() {
        let data: [String: Any] = ["summary": "页面摘要", "items": [TemplateRecord(["title": "甲"])]]
        check([
            Case("a missing name renders false", "{{#items}}[{{summary}}]{{/items}}", data, "[false]"),
            Case("and is falsey", "{{#items}}{{#summary}}有{{/summary}}{{^summary}}无{{/summary}}{{/items}}", data, "无"),
            Case(
                "a plain dictionary passes the lookup on", "{{#items}}[{{summary}}]{{/items}}",
                ["summary": "页面摘要", "items": [["title": "甲"]]], "[页面摘要]"),
        ])
    }

    /// 3. Delimiters set inside a section (or a block) last until the section's end, not to the end
    ///    of the template.
    func test03DelimitersEndWithTheSection() {
        check([
            Case(
                "after the section the old delimiters are back", "{{#s}}{{=<% %>=}}<%x%><%/s%>{{x}}<%x%>",
                ["s": true, "x": "v"], "vv<%x%>"),
            Case(
                "at the template's level they last", "{{=<% %>=}}<%#s%><%x%><%/s%>{{x}}<%x%>",
                ["s": true, "x": "v"], "v{{x}}v"),
        ])
    }

    /// 4. Names are ASCII letters, digits and `. - _ ? *`; anything else (Chinese, `/`, `:`, a space)
    ///    is a syntax error rather than a name.
    func test04NamesAreASCII() {
        for source in ["{{标题}}", "{{a/b}}", "{{a:b}}", "{{a b}}", "{{#列表}}{{/列表}}"] {
            XCTAssertThrowsError(try Template(source), source) { error in
                XCTAssertEqual((error as? TemplateError)?.reason, .malformedTag, source)
            }
        }
        check([Case("the allowed characters", "{{a-b_c?}}|{{x.y*}}", ["a-b_c?": "1", "x": ["y*": "2"]], "1|2")])
    }

    /// 5. Inside `{{<parent}}…{{/parent}}` text is ignored (as the spec says), but any tag other than a
    ///    block definition (and comments and delimiter changes) is an error, not ignored.
    func test05OnlyBlocksInsideAParent() {
        XCTAssertThrowsError(try Template("{{<p}}{{x}}{{$b}}{{/b}}{{/p}}")) { error in
            XCTAssertEqual((error as? TemplateError)?.reason, .notABlockInsideParent)
        }
        XCTAssertThrowsError(try Template("{{<p}}{{#s}}{{/s}}{{/p}}")) { error in
            XCTAssertEqual((error as? TemplateError)?.reason, .notABlockInsideParent)
        }
        check([Case("comments and text are ignored", "{{<p}}文字{{! 注释 }}{{$b}}B{{/b}}{{/p}}", partials: ["p": "[{{$b}}{{/b}}]"], "[B]")])
    }

    /// 6. `{{` right before a line end opens no tag: it is dropped.
    func test06OpeningDelimiterAtALineEnd() {
        check([
            Case("dropped", "a{{\nb", "a\nb"),
            Case("with CR LF", "a{{\r\nb", "a\r\nb"),
        ])
    }

    /// 7. After a standalone tag, CR alone, VT, FF, NEL (U+0085), LS (U+2028) and PS (U+2029) also end
    ///    its line (the spec: only LF and CR LF); they are taken with the tag.
    func test07MoreLineEndsAfterAStandaloneTag() {
        check([
            Case("LS", "a\n{{! c }}\u{2028}b", "a\nb"),
            Case("CR", "a\n{{! c }}\rb", "a\nb"),
            Case("FF", "a\n{{#s}}\u{0C}b{{/s}}", ["s": true], "a\nb"),
        ])
    }

    /// 8. A standalone partial's indentation goes after LF line ends only: a partial written with CR LF
    ///    gets it on its first line only.
    func test08PartialIndentationAfterCRLF() {
        check([
            Case(
                "LF: every line", "<ul>\n  {{>p}}\n</ul>", partials: ["p": "<li>1</li>\n<li>2</li>\n"],
                "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>"),
            Case(
                "CR LF: the first line only", "<ul>\r\n  {{>p}}\r\n</ul>", partials: ["p": "<li>1</li>\r\n<li>2</li>\r\n"],
                "<ul>\r\n  <li>1</li>\r\n<li>2</li>\r\n</ul>"),
        ])
    }

    /// 9. Whether the rest of the line after a section's closing tag starts fresh follows the section's
    ///    opening tag: after a section whose opening tag stood alone, a tag can be standalone even
    ///    with text before it on its line.
    func test09LineAfterASection() {
        check([
            Case(
                "a comment after text and a closing tag is taken as standalone", "{{#s}}\nx{{/s}}  {{! c }}\ny",
                ["s": true], "xy"),
            Case("spec: it would not be (the opening tag inline)", "{{#s}}x{{/s}}  {{! c }}\ny", ["s": true], "x  \ny"),
        ])
    }

    /// 10. A block opening and closing tag on one line (`  {{$body}}{{/body}}`) is not standalone: the
    ///     line end after it stays (the spec treats such a pair as standalone and takes it).
    func test10BlockPairOnItsLine() {
        check([
            Case(
                "the line end stays", "{{<p}}{{$b}}\n一\n二\n{{/b}}{{/p}}", partials: ["p": "开始\n{{$b}}{{/b}}\n结束"],
                "开始\n一\n二\n\n结束"),
            Case(
                "indentation before the pair still indents the block", "{{<p}}{{$b}}\n一\n二{{/b}}{{/p}}",
                partials: ["p": "开始\n  {{$b}}{{/b}}\n结束"], "开始\n  一\n  二\n结束"),
        ])
    }

    /// 11. A standalone block tag's indentation is added to every line of its default, on top of the
    ///     default's own (a child's block loses its first line's indentation instead).
    func test11BlockDefaultIndentation() {
        check([
            Case("default", "|\n  {{$b}}\n  默认\n  {{/b}}\n|", "|\n    默认\n|"),
            Case(
                "a child's block", "{{<p}}{{$b}}\n      给定\n{{/b}}{{/p}}", partials: ["p": "|\n  {{$b}}\n  默认\n  {{/b}}\n|"],
                "|\n  给定\n|"),
        ])
    }

    /// 12. Only `{{% CONTENT_TYPE: TEXT }}` and `{{% CONTENT_TYPE: HTML }}` are known pragmas; any other is
    ///     an error (not ignored). TEXT turns escaping off to the end of the section or template; a
    ///     partial starts escaped again.
    func test12Pragmas() {
        XCTAssertThrowsError(try Template("{{% ANCHORED-DOT }}")) { error in
            XCTAssertEqual((error as? TemplateError)?.reason, .unknownPragma(" ANCHORED-DOT "))
        }
        check([
            Case("TEXT to the section's end", "{{#s}}{{%CONTENT_TYPE: TEXT}}{{x}}{{/s}}{{x}}", ["s": true, "x": "<"], "<&lt;")
        ])
    }

    /// 13. Lambdas (functions in the data) are not supported: Gongkai's data holds none, and a function
    ///     would render as text.
    func test13NoLambdas() {
        let lambda: () -> String = { "{{x}}" }
        check([Case("a function is not called", "[{{#f}}是{{/f}}]", ["f": lambda, "x": "v"], "[是]")])
    }

    /// 14. Partials and parents including themselves stop 100 levels deep instead of running out of stack.
    func test14RecursionStops() {
        let output = (try? render(Case("self", "{{>self}}", partials: ["self": "x{{>self}}"], ""))) ?? ""
        XCTAssertEqual(output, String(repeating: "x", count: 100))
    }
}
