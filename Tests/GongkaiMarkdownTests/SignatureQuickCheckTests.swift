import GongkaiTestSupport
import XCTest
@testable import GongkaiMarkdown

/// `Signature.plainlyNotASignature`, the quick no that spares most bodies reading their last line by
/// characters, must never say no where reading the line would find a signature line.
final class SignatureQuickCheckTests: XCTestCase {
    /// Parts of lines: signature parts, sentence parts, and characters that make the quick check give
    /// up (combining marks, ideographic space, emoji, kana).
    static let pieces = [
        "杏花村村民委员会", "杏花村村务监督委员会（签章）", "白鹭镇人民政府(章)", "2026年11月6日", "二〇二六年十一月六日",
        "2026-11-06", "2026/11/6", "监督电话：0838-5550131", "联系人：李明", "热线：12345。", "特此公告。", "特此通知！",
        "请村民互相转告；", "是否同意?", "欢迎监督!", "委员会;", "党支部", "我们。杏花村村民委员会", "电话",
        String(repeating: "村", count: 40), String(repeating: "村", count: 41), String(repeating: "a", count: 41) + "委员会",
        "e\u{301}委员会", "村民委员会\u{3000}2026年1月1日", "👍委员会", "ひらがな", "A" + String(repeating: "镇", count: 39),
        "（", "。", "日", "", "相关阅读：高桥社区举办农民丰收节", "手机13800138000", "电费", "联系", "第十", "3号",
        "毒禁赌公约（2025年修订）", "村务公开栏", "理事会)", "０", "修订）", "(章)", "签章）",
    ]

    func testQuickNoAgreesWithReadingTheLine() {
        var saidNo = 0
        var lines: [String] = []
        for a in Self.pieces {
            lines.append(a)
            for b in Self.pieces {
                lines.append(a + " " + b)
                lines.append(a + b)
                lines.append(a + "\t" + b + " 2026年1月2日")
            }
        }
        for line in lines {
            let read = Signature.readParts(of: line)
            if Signature.plainlyNotASignature(line) {
                saidNo += 1
                XCTAssertNil(read, "quick no for a signature line: \(line)")
            }
            XCTAssertEqual(Signature.parts(of: line), read, line)
        }
        // It does turn down most sentences (else it saves nothing).
        XCTAssertGreaterThan(saidNo, lines.count / 4)
        XCTAssertTrue(Signature.plainlyNotASignature("村里召开了村民代表大会，讨论通过了今年的低保评议结果。"))
        XCTAssertTrue(Signature.plainlyNotASignature(String(repeating: "公示", count: 30)))
        XCTAssertTrue(Signature.plainlyNotASignature("相关阅读：白鹤村举办法律知识竞赛"))
        XCTAssertTrue(Signature.plainlyNotASignature("相关阅读：禁毒禁赌公约（2025年修订）"))
        XCTAssertFalse(Signature.plainlyNotASignature("杏花村村民委员会 2026年11月6日"))
    }
    /// Lines that start and end plainly are kept as they are without reading their characters; any
    /// other line is trimmed as before.
    func testTrimmedOnTheBytesAsByCharacters() {
        let ends = [
            "", " ", "\u{3000}", "\t", "\u{A0}", "\u{2028}", "\u{85}", " \u{301}", "\u{301}", "\u{600}", "\u{200D}", "a", "~",
            "村", "龥", "㐀", "豈", "。", "👍", "e\u{301}", "村\u{301}", "\r\n", "\n",
        ]
        for a in ends {
            for b in Self.pieces + ["村 委", " 村", "村 "] {
                for c in ends {
                    let line = a + b + c
                    XCTAssertEqual(Signature.trimmed(line), Signature.trimmedByCharacters(line), line.debugDescription)
                }
            }
        }
        XCTAssertTrue(Signature.endsPlainly("杏花村村民委员会"))
        XCTAssertFalse(Signature.endsPlainly("杏花村村民委员会\u{3000}"))
    }

    func testPiecesAreTheCharacterSplit() {
        // What `Signature.pieces(of:)` gives by code points, read by characters.
        func reference(_ line: String) -> [String]? {
            let pieces = line.split(whereSeparator: \.isWhitespace)
            return pieces.contains { $0.count > Signature.maxPartLength } ? nil : pieces.map(String.init)
        }
        var lines = textsOfPieces(Self.pieces + [" ", "\t", "\u{3000}", "\u{A0}", "\n", " \u{301}"], random: 3000, lengths: 2...7)
        lines += [String(repeating: "村", count: 40) + " 2026年", String(repeating: "村", count: 41), "  a  b  ", "\u{3000}杏花村\u{3000}"]
        for line in lines { XCTAssertEqual(Signature.pieces(of: line), reference(line), line.debugDescription) }
    }
}
