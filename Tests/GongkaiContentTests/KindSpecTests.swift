import Foundation
import XCTest
@testable import GongkaiContent

/// Every kind's spec (`Kinds/*Kind.swift`) agrees with itself, with the other kinds and with the loader:
/// what a new kind must get right is checked here, not found by a reader.
final class KindSpecTests: XCTestCase {
    func testFoldersAndNamesAreUniqueAndFindTheirKind() {
        let specs = Kind.allCases.map(\.spec)
        XCTAssertEqual(specs.map(\.kind), Kind.allCases, "Kind.spec must return each kind's own spec")
        XCTAssertEqual(Set(specs.map(\.folder)).count, specs.count, "two kinds share a folder")
        XCTAssertEqual(Set(specs.map(\.newPageFolder)).count, specs.count, "two kinds put new pages in one folder")
        XCTAssertEqual(Set(specs.map(\.chineseName)).count, specs.count, "two kinds share a Chinese name")
        XCTAssertEqual(Set(specs.map(\.englishName)).count, specs.count, "two kinds share an English name")
        XCTAssertEqual(
            specs.filter(\.takesOtherFolders).map(\.kind), [Kind.otherFolders],
            "exactly one kind holds the pages of folders no kind claims")
        for spec in specs {
            XCTAssertEqual(Kind.forFolder(spec.newPageFolder), spec.kind, "a page written to \(spec.newPageFolder)/ must load as \(spec.kind)")
            if !spec.takesOtherFolders {
                XCTAssertEqual(Kind.forFolder(spec.folder), spec.kind)
            }
            XCTAssertTrue(spec.chineseName.unicodeScalars.contains { $0.value >= 0x4E00 }, "\(spec.kind): the portal's name is Chinese")
            XCTAssertFalse(spec.englishName.isEmpty)
        }
        XCTAssertEqual(Kind.forFolder("activities"), Kind.otherFolders)
    }

    func testEveryKeyHasALabelAndBelongsToOneKind() {
        var owner: [String: Kind] = [:]
        for spec in Kind.allCases.map(\.spec) {
            XCTAssertEqual(spec.keyNames, spec.keys.map(\.name))
            XCTAssertEqual(spec.kind.specificKeys, spec.keyNames)
            for key in spec.keys {
                XCTAssertFalse(key.label.isEmpty, "\(spec.kind).\(key.name) has no label")
                XCTAssertTrue(key.label.unicodeScalars.contains { $0.value >= 0x4E00 }, "\(spec.kind).\(key.name): labels are Chinese")
                XCTAssertFalse(ContentLoader.commonKeys.contains(key.name), "\(key.name) is a key every page has")
                XCTAssertNil(owner[key.name], "\(key.name) belongs to \(owner[key.name].map { "\($0)" } ?? "") and \(spec.kind)")
                owner[key.name] = spec.kind
                switch key.requirement {
                case .optional:
                    break
                case .required, .requiredUnless:
                    guard case .text = key.value else { return XCTFail("\(key.name): only text keys can be required") }
                    if case .requiredUnless(let other, _, _) = key.requirement {
                        XCTAssertNotNil(spec.key(other), "\(key.name) is required unless \(other), which \(spec.kind) does not have")
                    }
                }
                switch key.shown {
                case .asWritten:
                    break
                case .ruleName, .period, .earlierVersion:
                    guard case .text = key.value else { return XCTFail("\(key.name): shown as \(key.shown), but not text") }
                }
            }
        }
    }

    func testDisplaySearchAndUpcomingNameTheKindsOwnKeys() {
        for spec in Kind.allCases.map(\.spec) {
            var shown: Set<String> = []
            for field in spec.display {
                switch field {
                case .key(let name):
                    XCTAssertNotNil(spec.key(name), "\(spec.kind) displays \(name), which it has no key for")
                    XCTAssertTrue(shown.insert(name).inserted, "\(spec.kind) displays \(name) twice")
                case .expires(let label), .laterVersion(let label):
                    XCTAssertFalse(label.isEmpty)
                }
            }
            for name in spec.searchKeys {
                guard let key = spec.key(name) else { XCTFail("\(spec.kind) searches \(name), which it has no key for"); continue }
                if case .day = key.value { XCTFail("\(spec.kind).\(name): days are not searched as text") }
            }
            for lead in spec.searchLead {
                guard let key = spec.key(lead.key), case .text = key.value else {
                    XCTFail("\(spec.kind)'s search lead \(lead.key) is not one of its text keys"); continue
                }
                XCTAssertTrue(spec.searchKeys.contains(lead.key), "\(lead.key) leads a search result but search does not find it")
            }
            if let name = spec.upcomingKey {
                guard let key = spec.key(name), case .day = key.value else {
                    XCTFail("\(spec.kind)'s upcoming key \(name) is not one of its day keys"); continue
                }
            }
        }
    }

    func testAliasesAndTitleEndingsPointToOneKind() {
        var aliasOwner: [String: Kind] = [:]
        for spec in Kind.allCases.map(\.spec) {
            for alias in spec.aliases {
                XCTAssertNil(aliasOwner[alias], "\(alias) names \(aliasOwner[alias].map { "\($0)" } ?? "") and \(spec.kind)")
                XCTAssertNil(Kind(rawValue: alias).flatMap { $0 == spec.kind ? nil : $0 }, "\(alias) is another kind's id")
                aliasOwner[alias] = spec.kind
            }
        }
        // Endings are tried kind by kind: no ending may end with another kind's, or the order would decide.
        let endings = Kind.allCases.flatMap { kind in kind.spec.titleEndings.map { (ending: $0, kind: kind) } }
        for a in endings where !a.ending.contains("…") {
            for b in endings where b.kind != a.kind && !b.ending.contains("…") {
                XCTAssertFalse(a.ending.hasSuffix(b.ending), "\(a.ending) (\(a.kind)) ends with \(b.ending) (\(b.kind))")
            }
        }
    }

    /// `gongkai init`'s sample of every kind, for a village and for a community, written to disk and
    /// loaded: each is of its kind, with no error, and the only warnings are the sample's own note and
    /// an instruction left for what only the village knows (the supervisors' phone).
    func testInitSamplesLoadBackAsTheirKind() throws {
        for type in VillageType.allCases {
            let context = ScaffoldContext(
                village: type == .village ? "杏花村" : "锦绣社区", type: type, township: "福洪镇",
                date: Day(iso: "2026-11-20")!)
            var files = Fixture.minimal
            files["content/villages/xinghua/_village.md"] = "---\nname: \(context.village)\ntype: \(type.rawValue)\n---\n简介\n"
            var expected: [String: Kind] = [:]
            for kind in Kind.allCases {
                let sample = kind.spec.scaffold.sample(context)
                let path = "content/villages/xinghua/\(kind.spec.newPageFolder)/\(sample.name)"
                files[path] = sample.text
                expected[path] = kind
            }
            let fixture = try Fixture(self, files: files)
            let content = ContentLoader.load(site: fixture.path)
            XCTAssertEqual(content.diagnostics.filter(\.isError), [], "\(type)")
            for warning in content.diagnostics {
                XCTAssertTrue(warning.zh.contains("示例") || warning.zh.contains("模板里的提示"), "\(type) sample \(warning.file):\(warning.line ?? 0): \(warning.zh)")
            }
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: content.pages.map { ($0.sourcePath, $0.kind) }), expected)
            for page in content.pages {
                for key in page.kind.spec.keys where key.requirement.isRequired {
                    XCTAssertFalse(key.strings(of: page.fields).isEmpty, "\(page.kind) sample lacks \(key.name)")
                }
            }
        }
    }

    /// `gongkai new`'s lines and body of every kind, loaded as a page: of its kind, no error, and a
    /// warning for exactly each key left to fill and each instruction in the body — the placeholders
    /// the scaffold writes are the ones the loader looks for.
    func testNewPageScaffoldsLoadBackWithTheirPlaceholdersFound() throws {
        var context = ScaffoldContext(village: "杏花村", type: .village, township: "福洪镇", date: Day(iso: "2026-11-20")!)
        var files = Fixture.minimal
        var expected: [String: Kind] = [:]
        for kind in Kind.allCases {
            if kind.spec.key("item") != nil {
                context.rule = .init(id: "finance-monthly", name: "财务收支公开", due: 10, timing: .periodic("每月"))
                context.period = "2026-10"
            } else {
                context.rule = nil
                context.period = nil
            }
            let lines = kind.spec.scaffold.keyLines(context)
            for key in kind.spec.keys where key.toFill != nil {
                XCTAssertTrue(lines.contains { $0.code == "\(key.name):" }, "gongkai new does not leave \(kind).\(key.name) to fill")
            }
            let text =
                "---\ntitle: 标题\ndate: 2026-11-20\n" + lines.map { ScaffoldText.commented($0.code, $0.comment) + "\n" }.joined()
                + "---\n" + kind.spec.scaffold.body(context)
            let path = "content/villages/xinghua/\(kind.spec.newPageFolder)/new.md"
            files[path] = text
            expected[path] = kind
        }
        let fixture = try Fixture(self, files: files)
        let content = ContentLoader.load(site: fixture.path)
        XCTAssertEqual(content.diagnostics.filter(\.isError), [])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: content.pages.map { ($0.sourcePath, $0.kind) }), expected)
        for (path, kind) in expected {
            let warnings = content.diagnostics.filter { $0.file == path }
            let emptyKeys = kind.spec.keys.filter { $0.toFill != nil }.map(\.name)
            let instructions = files[path]!.components(separatedBy: Placeholder.opening).count - 1
            XCTAssertEqual(warnings.count, emptyKeys.count + instructions, "\(kind): \(warnings.map(\.zh))")
            for key in emptyKeys {
                XCTAssertTrue(warnings.contains { $0.zh.hasPrefix("“\(key)”") }, "\(kind): no warning for the empty \(key)")
            }
            XCTAssertGreaterThan(instructions, 0, "\(kind): a new page's body says what to write")
        }
    }

    /// A required key left out is an error naming it; a key of another kind is a warning naming its kind.
    func testKeysAreReadAsTheSpecSays() throws {
        var files = Fixture.minimal
        files["content/villages/xinghua/disclosures/a.md"] = "---\ntitle: 公开\ndate: 2026-11-01\nperiod: 2026-10\n---\n正文\n"
        files["content/villages/xinghua/lectures/b.md"] = "---\ntitle: 党课\ndate: 2026-11-01\nheld: 2026-11-03\nspeaker: 周明远\nlaw: 宪法\n---\n正文\n"
        files["content/villages/xinghua/models/c.md"] = "---\ntitle: 模范\ndate: 2026-11-01\nhonors: [好人，模范]\n---\n正文\n"
        let fixture = try Fixture(self, files: files)
        let content = ContentLoader.load(site: fixture.path)
        XCTAssertTrue(content.diagnostics.contains { $0.isError && $0.file.hasSuffix("a.md") && $0.zh.contains("“item”") })
        XCTAssertTrue(content.diagnostics.contains { !$0.isError && $0.file.hasSuffix("b.md") && $0.zh.contains("“law”是法治宣传页面的键") })
        let lecture = try XCTUnwrap(content.pages.first { $0.kind == .lecture })
        XCTAssertEqual(lecture.fields.held, Day(iso: "2026-11-03"))
        XCTAssertEqual(lecture.fields.speaker, "周明远")
        XCTAssertNil(lecture.fields.law)
        XCTAssertEqual(Kind.lecture.spec.upcomingDay(of: lecture.fields), Day(iso: "2026-11-03"))
        XCTAssertEqual(Kind.lecture.spec.searchLeadParts(of: lecture.fields), ["主讲：周明远"])
        let model = try XCTUnwrap(content.pages.first { $0.kind == .model })
        XCTAssertEqual(model.fields.honors, ["好人，模范"], "honours are never split at Chinese commas")
    }
}

extension KindKey.Requirement {
    fileprivate var isRequired: Bool {
        if case .required = self { return true }
        return false
    }
}
