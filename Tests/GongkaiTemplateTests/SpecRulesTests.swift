import XCTest
import GongkaiTemplate

// The Mustache spec's rules (mustache/spec: interpolation, sections, inverted, partials, comments,
// delimiters, and the optional inheritance and dynamic-names modules), one case per rule, written for
// Gongkai from the rules' descriptions: the templates and data here are our own.
//
// Cases render the way `Template(source)` compiles by default. Gongkai's theme compiles with
// `firstLineFollowsTag: true`; the one place that changes output is pinned in `DeviationTests`.
//
// Where Gongkai does not follow a rule, the case is not here but in `DeviationTests`, which pins what
// Gongkai does instead; each of those is listed in docs/templates.md ("与 Mustache 规范的不同").

final class SpecInterpolationTests: XCTestCase {
    func testInterpolation() {
        check([
            Case("text without tags passes unchanged", "村务公开栏\n第二行 { } {", "村务公开栏\n第二行 { } {"),
            Case("a variable", "通知：{{what}}。", ["what": "停水"], "通知：停水。"),
            Case(
                "HTML escaping of & \" < >", "{{x}}", ["x": "<a href=\"x\">A & B</a>"],
                "&lt;a href=&quot;x&quot;&gt;A &amp; B&lt;/a&gt;"),
            Case("triple mustache does not escape", "{{{x}}}", ["x": "<a href=\"x\">A & B</a>"], "<a href=\"x\">A & B</a>"),
            Case("ampersand does not escape", "{{&x}}", ["x": "<b>&</b>"], "<b>&</b>"),
            Case("integers", "{{n}} 户", ["n": 128], "128 户"),
            Case("integers unescaped", "{{{n}}}|{{&n}}", ["n": 7], "7|7"),
            Case("decimals", "{{d}} 亩", ["d": 3.25], "3.25 亩"),
            Case("null renders empty", "[{{x}}][{{{x}}}][{{&x}}]", ["x": Optional<String>.none as Any], "[][][]"),
            Case("a missing name renders empty", "[{{x}}][{{{x}}}][{{&x}}]", [:], "[][][]"),
            Case("dotted names", "{{p.name}} {{{p.name}}} {{&p.name}}", ["p": ["name": "王&李"]], "王&amp;李 王&李 王&李"),
            Case("dotted names, many levels", "{{a.b.c.d.e}}", ["a": ["b": ["c": ["d": ["e": "深"]]]]], "深"),
            Case("dotted names, broken chain", "[{{a.b.c}}]", ["a": [String: Any]()], "[]"),
            Case(
                "dotted names, a broken chain is not resolved from outer contexts", "[{{a.b.c.name}}]",
                ["a": ["b": [String: Any]()], "c": ["name": "外层"]], "[]"),
            Case(
                "dotted names, the first part is looked up through the context stack",
                "{{#a}}{{b.c.name}}{{/a}}", ["a": ["b": ["c": ["name": "内层"]]], "b": ["c": ["name": "外层"]]], "内层"),
            Case(
                "dotted names, the first part found ends the lookup", "{{#a}}[{{b.c}}]{{/a}}",
                ["a": ["b": [String: Any]()], "b": ["c": "外层"]], "[]"),
            Case("dotted names of a section's value", "{{#a}}{{b.c}}{{/a}}", ["a": ["b": ["c": "c"]]], "c"),
            Case("implicit iterator, escaped and not", "{{#s}}{{.}}|{{{.}}}|{{&.}}{{/s}}", ["s": "<>"], "&lt;&gt;|<>|<>"),
            Case("surrounding whitespace is kept", "| {{x}} |", ["x": "-"], "| - |"),
            Case("surrounding whitespace, triple", "| {{{x}}} |", ["x": "-"], "| - |"),
            Case("a variable alone on its line is not standalone", "  {{x}}\n", ["x": "-"], "  -\n"),
            Case("a triple alone on its line is not standalone", "  {{{x}}}\n", ["x": "-"], "  -\n"),
            Case("padding inside the tag", "|{{ x }}|{{{ x }}}|{{& x }}|", ["x": "-"], "|-|-|-|"),
        ])
    }
}

final class SpecSectionTests: XCTestCase {
    func testSections() {
        check([
            Case("truthy", "\"{{#b}}显示{{/b}}\"", ["b": true], "\"显示\""),
            Case("falsey", "\"{{#b}}显示{{/b}}\"", ["b": false], "\"\""),
            Case("null is falsey", "\"{{#b}}显示{{/b}}\"", ["b": Optional<Int>.none as Any], "\"\""),
            Case("a missing name is falsey", "\"{{#b}}显示{{/b}}\"", [:], "\"\""),
            Case("an object becomes the context", "{{#c}}{{name}}{{/c}}", ["c": ["name": "杏花村"]], "杏花村"),
            Case(
                "names not in the section's value come from the enclosing contexts",
                "{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}",
                ["a": "甲", "b": "错", "sec": ["b": "乙"], "c": ["d": "丙"]], "甲, 乙, 丙"),
            Case("the section's own name, inside", "{{#x}}{{.}} 即 {{x}}{{/x}}", ["x": "值"], "值 即 值"),
            Case(
                "a list's items see the enclosing contexts", "{{#a}}{{#b}}{{x}}{{y}} {{/b}}{{/a}}",
                ["a": ["y": "Y"], "b": [["x": "1"], ["x": "2"]] as [[String: Any]]], "1Y 2Y "),
            Case(
                "deeply nested contexts", "{{#a}}{{one}}{{#b}}{{one}}{{two}}{{#c}}{{one}}{{two}}{{three}}{{/c}}{{/b}}{{/a}}",
                ["a": ["one": 1], "b": ["two": 2], "c": ["three": 3]], "112123"),
            Case("a list repeats", "{{#list}}{{item}}{{/list}}", ["list": [["item": 1], ["item": 2], ["item": 3]] as [[String: Any]]], "123"),
            Case("an empty list renders nothing", "\"{{#list}}没有{{/list}}\"", ["list": [Any]()], "\"\""),
            Case("the same section twice", "{{#b}}\n一\n{{/b}}\n{{#b}}\n二\n{{/b}}\n", ["b": true], "一\n二\n"),
            Case("nested, truthy", "| A {{#b}}B {{#b}}C{{/b}} D{{/b}} E |", ["b": true], "| A B C D E |"),
            Case("nested, falsey", "| A {{#b}}B {{#b}}C{{/b}} D{{/b}} E |", ["b": false], "| A  E |"),
            Case("a missing section name", "[{{#missing}}找到{{/missing}}]", [:], "[]"),
            Case("implicit iterator, strings", "{{#l}}({{.}}){{/l}}", ["l": ["甲", "乙"]], "(甲)(乙)"),
            Case("implicit iterator, integers", "{{#l}}({{.}}){{/l}}", ["l": [1, 2, 3]], "(1)(2)(3)"),
            Case("implicit iterator, decimals", "{{#l}}({{.}}){{/l}}", ["l": [1.5, 2.25]], "(1.5)(2.25)"),
            Case("implicit iterator, lists", "{{#l}}({{#.}}{{.}}{{/.}}){{/l}}", ["l": [[1, 2], [3]]], "(12)(3)"),
            Case("implicit iterator, escaping", "{{#l}}({{.}}|{{{.}}}){{/l}}", ["l": ["&"]], "(&amp;|&)"),
            Case("dotted names, truthy", "{{#a.b.c}}是{{/a.b.c}} == 是", ["a": ["b": ["c": true]]], "是 == 是"),
            Case("dotted names, falsey", "{{#a.b.c}}是{{/a.b.c}} == ", ["a": ["b": ["c": false]]], " == "),
            Case("dotted names, broken chain", "{{#a.b.c}}是{{/a.b.c}} == ", ["a": [String: Any]()], " == "),
            Case("surrounding whitespace is kept", " | {{#b}}\t|\t{{/b}} | \n", ["b": true], " | \t|\t | \n"),
            Case("internal whitespace is kept", " | {{#b}} {{! c }} {{/b}} | \n", ["b": true], " |    | \n"),
            Case("inline sections keep their indentation", " {{#b}}是{{/b}}\n {{#b}}好{{/b}}\n", ["b": true], " 是\n 好\n"),
            Case("standalone lines are removed", "| 这\n{{#b}}\n|\n{{/b}}\n| 那\n", ["b": true], "| 这\n|\n| 那\n"),
            Case("indented standalone lines are removed", "| 这\n  {{#b}}\n|\n  {{/b}}\n| 那\n", ["b": true], "| 这\n|\n| 那\n"),
            Case("standalone lines with CR LF", "|\r\n{{#b}}\r\n{{/b}}\r\n|", ["b": true], "|\r\n|"),
            Case("standalone on the first line", "  {{#b}}\n#{{/b}}\n/", ["b": true], "#\n/"),
            Case("standalone on the last line, without a line end", "#{{#b}}\n/\n  {{/b}}", ["b": true], "#\n/\n"),
            Case("padding inside the tags", "|{{# b }}={{/ b }}|", ["b": true], "|=|"),
        ])
    }

    func testInvertedSections() {
        check([
            Case("falsey renders", "\"{{^b}}无{{/b}}\"", ["b": false], "\"无\""),
            Case("truthy does not", "\"{{^b}}无{{/b}}\"", ["b": true], "\"\""),
            Case("null is falsey", "\"{{^b}}无{{/b}}\"", ["b": Optional<String>.none as Any], "\"无\""),
            Case("an object does not render", "\"{{^c}}无{{/c}}\"", ["c": ["x": 1]], "\"\""),
            Case("a list does not render", "\"{{^l}}{{n}}{{/l}}\"", ["l": [["n": 1]]], "\"\""),
            Case("an empty list renders", "\"{{^l}}空{{/l}}\"", ["l": [Any]()], "\"空\""),
            Case("the same inverted section twice", "{{^b}}\n一\n{{/b}}\n{{^b}}\n二\n{{/b}}\n", ["b": false], "一\n二\n"),
            Case("nested, falsey", "| A {{^b}}B {{^b}}C{{/b}} D{{/b}} E |", ["b": false], "| A B C D E |"),
            Case("nested, truthy", "| A {{^b}}B {{^b}}C{{/b}} D{{/b}} E |", ["b": true], "| A  E |"),
            Case("a missing name renders", "[{{^missing}}没找到{{/missing}}]", [:], "[没找到]"),
            Case("dotted names, truthy", "{{^a.b.c}}否{{/a.b.c}} == ", ["a": ["b": ["c": true]]], " == "),
            Case("dotted names, falsey", "{{^a.b.c}}否{{/a.b.c}} == 否", ["a": ["b": ["c": false]]], "否 == 否"),
            Case("dotted names, broken chain", "{{^a.b.c}}否{{/a.b.c}} == 否", ["a": [String: Any]()], "否 == 否"),
            Case("surrounding whitespace is kept", " | {{^b}}\t|\t{{/b}} | \n", ["b": false], " | \t|\t | \n"),
            Case("internal whitespace is kept", " | {{^b}} {{! c }} {{/b}} | \n", ["b": false], " |    | \n"),
            Case("inline inverted sections keep their indentation", " {{^b}}否{{/b}}\n {{^b}}无{{/b}}\n", ["b": false], " 否\n 无\n"),
            Case("standalone lines are removed", "| 这\n{{^b}}\n|\n{{/b}}\n| 那\n", ["b": false], "| 这\n|\n| 那\n"),
            Case("indented standalone lines are removed", "| 这\n  {{^b}}\n|\n  {{/b}}\n| 那\n", ["b": false], "| 这\n|\n| 那\n"),
            Case("standalone lines with CR LF", "|\r\n{{^b}}\r\n{{/b}}\r\n|", ["b": false], "|\r\n|"),
            Case("standalone on the first line", "  {{^b}}\n^{{/b}}\n/", ["b": false], "^\n/"),
            Case("standalone on the last line, without a line end", "^{{^b}}\n/\n  {{/b}}", ["b": false], "^\n/\n"),
            Case("padding inside the tags", "|{{^ b }}={{/ b }}|", ["b": false], "|=|"),
        ])
    }
}

final class SpecPartialTests: XCTestCase {
    func testPartials() {
        let tree: [String: Any] = ["content": "X", "nodes": [["content": "Y", "nodes": [Any]()]] as [[String: Any]]]
        check([
            Case("a partial", "\"{{>p}}\"", partials: ["p": "（部分）"], "\"（部分）\""),
            Case("a missing partial renders nothing", "\"{{>nope}}\"", "\"\""),
            Case("a partial renders with the current context", "\"{{>p}}\"", partials: ["p": "*{{x}}*"], ["x": "内容"], "\"*内容*\""),
            Case(
                "a partial may include itself", "{{>node}}", partials: ["node": "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"],
                tree, "X<Y<>>"),
            Case(
                "nested partials", "{{>outer}}", partials: ["outer": "*{{a}} {{>inner}}*", "inner": "{{b}}!"],
                ["a": "甲", "b": "乙"], "*甲 乙!*"),
            Case("surrounding whitespace is kept", "| {{>p}} |", partials: ["p": "\t|\t"], "| \t|\t |"),
            Case("an inline partial is not indented", "  {{x}}  {{>p}}\n", partials: ["p": ">\n>"], ["x": "|"], "  |  >\n>\n"),
            Case("a standalone partial takes its line end (CR LF)", "|\r\n{{>p}}\r\n|", partials: ["p": ">"], "|\r\n>|"),
            Case("standalone on the first line", "  {{>p}}\n>", partials: ["p": ">\n>"], "  >\n  >>"),
            Case("standalone on the last line, without a line end", ">\n  {{>p}}", partials: ["p": ">\n>"], ">\n  >\n  >"),
            Case(
                "a standalone partial indents its own lines, not a value's", "\\\n {{>p}}\n/\n",
                partials: ["p": "|\n{{{content}}}\n|\n"], ["content": "<\n->"], "\\\n |\n <\n->\n |\n/\n"),
            Case("padding inside the tag", "|{{> p }}|", partials: ["p": "[]"], "|[]|"),
        ])
    }

    func testDynamicNames() {
        check([
            Case("the partial named by a value", "\"{{>*which}}\"", partials: ["notice": "公告"], ["which": "notice"], "\"公告\""),
            Case("a dotted name", "\"{{>*a.b}}\"", partials: ["notice": "公告"], ["a": ["b": "notice"]], "\"公告\""),
            Case(
                "a value that names no template renders nothing", "\"{{>*which}}\"", partials: ["notice": "公告"],
                ["which": "other"], "\"\""),
            Case("a missing value renders nothing", "\"{{>*which}}\"", partials: ["notice": "公告"], "\"\""),
            Case(
                "a standalone dynamic partial is indented", "|\n  {{>*which}}\n|", partials: ["p": "a\nb\n"], ["which": "p"],
                "|\n  a\n  b\n|"),
            Case("padding", "|{{>* which }}|", partials: ["p": "P"], ["which": "p"], "|P|"),
        ])
    }
}

final class SpecCommentTests: XCTestCase {
    func testComments() {
        check([
            Case("an inline comment renders nothing", "12345{{! 说明 }}67890", "1234567890"),
            Case("a comment may span lines", "12345{{!\n  第一行\n  第二行\n}}67890", "1234567890"),
            Case("a standalone comment takes its line", "开始\n{{! 说明 }}\n结束\n", "开始\n结束\n"),
            Case("an indented standalone comment too", "开始\n  {{! 说明 }}\n结束\n", "开始\n结束\n"),
            Case("standalone, CR LF", "|\r\n{{! 说明 }}\r\n|", "|\r\n|"),
            Case("standalone on the first line", "  {{! 说明 }}\n!", "!"),
            Case("standalone on the last line, without a line end", "!\n  {{! 说明 }}", "!\n"),
            Case("a standalone comment over several lines", "开始\n{{!\n一\n二\n}}\n结束\n", "开始\n结束\n"),
            Case("indented, over several lines", "开始\n  {{!\n    一\n    二\n  }}\n结束\n", "开始\n结束\n"),
            Case("an inline comment keeps the text around it", "  12 {{! 34 }}\n", "  12 \n"),
            Case("surrounding whitespace is kept", "12345 {{! 说明 }} 67890", "12345  67890"),
            Case("a comment never renders a value of the same name", "[{{! comment }}]", ["! comment": 1, "comment": 2], "[]"),
        ])
    }
}

final class SpecDelimiterTests: XCTestCase {
    func testSetDelimiters() {
        check([
            Case("new delimiters", "{{=<% %>=}}(<%x%>)", ["x": "成"], "(成)"),
            Case("delimiters of special characters", "({{=[ ]=}}[x])", ["x": "成"], "(成)"),
            Case(
                "sections with new delimiters", "[\n{{#s}}\n  {{x}}\n  |a|\n{{/s}}\n{{= | | =}}\n|#s|\n  {{x}}\n  |a|\n|/s|\n]\n",
                ["s": true, "a": "A", "x": "X"], "[\n  X\n  |a|\n  {{x}}\n  A\n]\n"),
            Case(
                "inverted sections with new delimiters", "[\n{{^s}}\n  {{x}}\n  |a|\n{{/s}}\n{{= | | =}}\n|^s|\n  {{x}}\n  |a|\n|/s|\n]\n",
                ["s": false, "a": "A", "x": "X"], "[\n  X\n  |a|\n  {{x}}\n  A\n]\n"),
            Case(
                "a partial does not inherit delimiters", "[ {{>p}} ]\n{{= | | =}}\n[ |>p| ]\n", partials: ["p": ".{{v}}."],
                ["v": "是"], "[ .是. ]\n[ .是. ]\n"),
            Case(
                "delimiters set in a partial stay there", "[ {{>p}} ]\n[ .{{v}}.  .|v|. ]\n", partials: ["p": ".{{v}}. {{= | | =}} .|v|."],
                ["v": "是"], "[ .是.  .是. ]\n[ .是.  .|v|. ]\n"),
            Case("surrounding whitespace is kept", "| {{=@ @=}} |", "|  |"),
            Case("inline: the line end stays", " | {{=@ @=}}\n", " | \n"),
            Case("a standalone delimiter tag takes its line", "开始\n{{=@ @=}}\n结束\n", "开始\n结束\n"),
            Case("indented standalone", "开始\n  {{=@ @=}}\n结束\n", "开始\n结束\n"),
            Case("standalone, CR LF", "|\r\n{{= @ @ =}}\r\n|", "|\r\n|"),
            Case("standalone on the first line", "  {{=@ @=}}\n=", "="),
            Case("standalone on the last line, without a line end", "=\n  {{=@ @=}}", "=\n"),
            Case("padding inside the tag", "|{{= @   @ =}}|", "||"),
        ])
    }
}

final class SpecInheritanceTests: XCTestCase {
    func testBlocksAndParents() {
        check([
            Case("a block renders its default", "{{$title}}默认标题{{/title}}\n", "默认标题\n"),
            Case("a default with a variable", "{{$b}}默认 {{x}} 内容{{/b}}\n", ["x": "某"], "默认 某 内容\n"),
            Case("a default with a triple mustache", "{{$b}}{{{x}}}{{/b}}", ["x": "<p>"], "<p>"),
            Case("a default with a section", "{{$b}}{{#s}}有{{/s}}{{/b}}", ["s": true], "有"),
            Case("a default with an inverted section", "{{$b}}{{^s}}无{{/s}}{{/b}}", ["s": false], "无"),
            Case(
                "values are not parsed again", "{{$b}}默认 {{#s}}{{x}}{{/s}} 内容{{/b}}", ["s": ["x": "{{y}}"], "y": "错"],
                "默认 {{y}} 内容"),
            Case("a parent without blocks shows its defaults", "{{<p}}{{/p}}", partials: ["p": "{{$b}}默认内容{{/b}}"], "默认内容"),
            Case(
                "a block replaces the parent's", "<h1>{{<p}}{{$title}}本页标题{{/title}}{{/p}}</h1>",
                partials: ["p": "<title>{{$title}}默认标题{{/title}}</title>"], "<h1><title>本页标题</title></h1>"),
            Case(
                "data does not replace a block", "{{<p}}{{$v}}模板里的{{/v}}{{/p}}", partials: ["p": "{{$v}}父模板的{{/v}}"],
                ["v": "数据里的"], "模板里的"),
            Case("data does not replace a default", "{{<p}}{{/p}}", partials: ["p": "{{$v}}父模板的{{/v}}"], ["v": "数据里的"], "父模板的"),
            Case(
                "a parent used twice with different blocks",
                "正文 {{<p}}{{$s}}一{{/s}}{{/p}} {{<p}}{{$s}}二{{/s}}{{/p}}\n", partials: ["p": "|{{$s}}…{{/s}}{{$d}} 默认{{/d}}|"],
                "正文 |一 默认| |二 默认|\n"),
            Case("a block with line ends", "{{<p}}{{$b}}\n甲\n\n乙\n{{/b}}{{/p}}", partials: ["p": "{{$b}}默认{{/b}}"], "甲\n\n乙\n"),
            Case(
                "only the blocks given are replaced", "{{<p}}{{$two}}改二{{/two}}{{/p}}", partials: ["p": "{{$one}}默认一{{/one}}，{{$two}}默认二{{/two}}"],
                "默认一，改二"),
            Case("a parent may be included as a partial", "{{>p}}|{{<p}}{{/p}}", partials: ["p": "{{$b}}默认{{/b}}"], "默认|默认"),
            Case(
                "blocks reach parents the parent uses, without recursing",
                "{{<p}}{{$foo}}改{{/foo}}{{/p}}",
                partials: [
                    "p": "{{$foo}}默认{{/foo}} {{$bar}}{{<p2}}{{/p2}}{{/bar}}",
                    "p2": "{{$foo}}p2 默认{{/foo}} {{<p}}{{$bar}}到此为止{{/bar}}{{/p}}",
                ],
                "改 改 改 到此为止"),
            Case(
                "several levels: the child's block wins", "{{<p}}{{$a}}子{{/a}}{{/p}}",
                partials: ["p": "{{<older}}{{$a}}父{{/a}}{{/older}}", "older": "{{<g}}{{$a}}祖{{/a}}{{/g}}", "g": "{{$a}}曾祖{{/a}}"], "子"),
            Case(
                "several levels, no block in the child", "{{<p}}{{/p}}",
                partials: ["p": "{{<older}}{{$a}}父{{/a}}{{/older}}", "older": "{{<g}}{{$a}}祖{{/a}}{{/g}}", "g": "{{$a}}曾祖{{/a}}"], "父"),
            Case("text inside a parent is ignored", "{{<p}} 这些字 {{$b}}要的{{/b}} 都不要 {{/p}}", partials: ["p": "{{$b}}默认{{/b}}"], "要的"),
            Case("text between blocks is ignored", "{{<p}}{{$a}}甲{{/a}} 不要 {{$b}}乙{{/b}}{{/p}}", partials: ["p": "{{$a}}{{/a}}{{$b}}{{/b}}"], "甲乙"),
            Case(
                "a block renders in the parent's context where it stands",
                "{{<p}}{{$b}}我说{{fruit}}。{{/b}}{{/p}}", partials: ["p": "{{#nested}}{{$b}}你说{{fruit}}。{{/b}}{{/nested}}"],
                ["fruit": "苹果", "nested": ["fruit": "香蕉"]], "我说香蕉。"),
            Case("a standalone parent is indented", "你好，\n  {{<p}}{{/p}}\n", partials: ["p": "一\n二\n"], "你好，\n  一\n  二\n"),
            Case(
                "a standalone block", "{{<p}}{{$b}}\n一\n二{{/b}}\n{{/p}}\n", partials: ["p": "你好，\n  {{$b}}{{/b}}\n"],
                "你好，\n  一\n  二\n"),
            // (These end the block without a line end: see DeviationTests.test10 for a block that ends with one.)
            Case(
                "a block's indentation is replaced by the place it fills", "{{<p}}{{$b}}\n\t\t一\n\t\t二{{/b}}\n{{/p}}\n",
                partials: ["p": "你好，\n\n    {{$b}}{{/b}}\n"], "你好，\n\n    一\n    二\n"),
            Case(
                "the block's own indentation relative to its first line stays", "{{<p}}{{$b}}\n  一\n    二{{/b}}\n{{/p}}\n",
                partials: ["p": "你好，\n  {{$b}}{{/b}}\n"], "你好，\n  一\n    二\n"),
            Case(
                "a block inside a block", "{{<p}}{{$inner}}\n  改\n{{/inner}}{{/p}}",
                partials: ["p": "{{$outer}}\n<div>\n  {{$inner}}\n  默认\n  {{/inner}}\n</div>\n{{/outer}}\n"],
                "<div>\n  改\n</div>\n"),
            Case("dynamic parent", "{{<*which}}{{$b}}改{{/b}}{{/*which}}", partials: ["p": "[{{$b}}默认{{/b}}]"], ["which": "p"], "[改]"),
            Case("padding inside the tags", "|{{< p }}{{$ b }}改{{/ b }}{{/ p }}|", partials: ["p": "[{{$b}}{{/b}}]"], "|[改]|"),
        ])
    }
}
