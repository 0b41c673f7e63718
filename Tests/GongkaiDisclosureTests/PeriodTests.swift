import GongkaiContent
@testable import GongkaiDisclosure
import XCTest

final class PeriodTests: XCTestCase {
    func testParsesEveryForm() throws {
        let cases: [(String, Cadence, String, String, String)] = [
            // text, cadence, canonical, start, end
            ("2026-10", .monthly, "2026-10", "2026-10-01", "2026-10-31"),
            ("2026-02", .monthly, "2026-02", "2026-02-01", "2026-02-28"),
            ("2028-02", .monthly, "2028-02", "2028-02-01", "2028-02-29"),
            ("2026-12", .monthly, "2026-12", "2026-12-01", "2026-12-31"),
            ("2026-Q1", .quarterly, "2026-Q1", "2026-01-01", "2026-03-31"),
            ("2026-Q3", .quarterly, "2026-Q3", "2026-07-01", "2026-09-30"),
            ("2026-q4", .quarterly, "2026-Q4", "2026-10-01", "2026-12-31"),
            ("2026-H1", .halfYearly, "2026-H1", "2026-01-01", "2026-06-30"),
            ("2026-H2", .halfYearly, "2026-H2", "2026-07-01", "2026-12-31"),
            ("2026", .yearly, "2026", "2026-01-01", "2026-12-31"),
        ]
        for (text, cadence, canonical, start, end) in cases {
            guard case .success(.period(let period)) = PeriodValue.parse(text) else {
                XCTFail("\(text) should parse as a period")
                continue
            }
            XCTAssertEqual(period.cadence, cadence, text)
            XCTAssertEqual(period.description, canonical, text)
            XCTAssertEqual(period.start, try day(start), text)
            XCTAssertEqual(period.end, try day(end), text)
        }
    }

    func testParsesEventDates() throws {
        XCTAssertEqual(try PeriodValue.parse("2026-06-19").get(), .event(try day("2026-06-19")))
        XCTAssertEqual(try PeriodValue.parse("2026-06-19").get().cadence, .onEvent)
    }

    func testRejectsWhatIsNoPeriod() {
        let cases: [(String, PeriodProblem)] = [
            ("2026-Q5", .noSuchQuarter), ("2026-Q0", .noSuchQuarter), ("2026-Q12", .noSuchQuarter),
            ("2026-13", .noSuchMonth), ("2026-00", .noSuchMonth),
            ("2026-H3", .noSuchHalf), ("2026-H0", .noSuchHalf),
            ("2026-02-30", .noSuchDay), ("2026-13-01", .noSuchDay),
            ("2026-3", .unrecognised), ("26-10", .unrecognised), ("2026年10月", .unrecognised),
            ("", .unrecognised), ("2026-", .unrecognised), ("2026-Q", .unrecognised), ("2026-10-1", .unrecognised),
            ("2026-X1", .unrecognised), ("2026-X12", .unrecognised), ("2026-1Q", .unrecognised), ("0000", .unrecognised), ("2026-10-01-01", .unrecognised),
        ]
        for (text, expected) in cases {
            switch PeriodValue.parse(text) {
            case .success(let value): XCTFail("\(text) parsed as \(value)")
            case .failure(let problem): XCTAssertEqual(problem, expected, text)
            }
        }
    }

    func testDueDayIsLastDayPlusDue() throws {
        let cases: [(String, Int, String)] = [
            ("2026-10", 10, "2026-11-10"),
            ("2026-Q3", 15, "2026-10-15"),
            ("2026-Q4", 15, "2027-01-15"),
            ("2026-02", 0, "2026-02-28"),
            ("2026-H1", 30, "2026-07-30"),
            ("2026", 31, "2027-01-31"),
        ]
        for (text, due, expected) in cases {
            guard case .success(.period(let period)) = PeriodValue.parse(text) else { return XCTFail(text) }
            XCTAssertEqual(period.dueDay(afterDays: due), try day(expected), text)
        }
    }

    func testSubPeriods() throws {
        guard case .success(.period(let q3)) = PeriodValue.parse("2026-Q3"),
            case .success(.period(let year)) = PeriodValue.parse("2026"),
            case .success(.period(let h2)) = PeriodValue.parse("2026-H2")
        else { return XCTFail() }
        XCTAssertEqual(q3.subPeriods(.monthly).map(\.description), ["2026-07", "2026-08", "2026-09"])
        XCTAssertEqual(h2.subPeriods(.quarterly).map(\.description), ["2026-Q3", "2026-Q4"])
        XCTAssertEqual(year.subPeriods(.halfYearly).map(\.description), ["2026-H1", "2026-H2"])
        XCTAssertEqual(year.subPeriods(.monthly).count, 12)
        XCTAssertEqual(q3.subPeriods(.quarterly), [], "a period is not its own sub-period")
        XCTAssertEqual(q3.subPeriods(.halfYearly), [], "a half-year does not fit in a quarter")
        XCTAssertEqual(q3.subPeriods(.onEvent), [])
    }

    /// Periods checked start on or after `since` and end on or before the as-of day.
    func testPeriodsBetweenSinceAndAsOf() throws {
        let cases: [(Cadence, String, String, [String])] = [
            (.monthly, "2026-01-01", "2026-04-30", ["2026-01", "2026-02", "2026-03", "2026-04"]),
            (.monthly, "2026-01-01", "2026-04-29", ["2026-01", "2026-02", "2026-03"]),
            (.monthly, "2026-05-15", "2026-08-01", ["2026-06", "2026-07"]),
            (.quarterly, "2026-05-15", "2026-11-23", ["2026-Q3"]),
            (.quarterly, "2026-04-01", "2026-11-23", ["2026-Q2", "2026-Q3"]),
            (.quarterly, "2026-01-01", "2026-09-30", ["2026-Q1", "2026-Q2", "2026-Q3"]),
            (.quarterly, "2026-01-01", "2026-09-29", ["2026-Q1", "2026-Q2"]),
            (.quarterly, "2025-11-01", "2026-04-01", ["2026-Q1"]),
            (.halfYearly, "2026-01-01", "2026-12-31", ["2026-H1", "2026-H2"]),
            (.yearly, "2025-01-01", "2026-12-30", ["2025"]),
            (.yearly, "2026-12-01", "2027-12-31", ["2027"]),
            (.monthly, "2026-12-01", "2026-11-30", []),
        ]
        for (cadence, since, asOf, expected) in cases {
            let periods = Period.all(cadence, startingOnOrAfter: try day(since), endingOnOrBefore: try day(asOf))
            XCTAssertEqual(periods.map(\.description), expected, "\(cadence) \(since)…\(asOf)")
        }
    }

    func testNamesForPeople() throws {
        let cases: [(String, String, String)] = [
            ("2026-10", "2026年10月", "October 2026"),
            ("2026-Q3", "2026年第三季度", "Q3 2026"),
            ("2026-H1", "2026年上半年", "H1 2026"),
            ("2026-H2", "2026年下半年", "H2 2026"),
            ("2026", "2026年度", "2026"),
        ]
        for (text, chinese, english) in cases {
            guard case .success(.period(let period)) = PeriodValue.parse(text) else { return XCTFail(text) }
            XCTAssertEqual(period.chinese, chinese)
            XCTAssertEqual(period.english, english)
        }
        XCTAssertEqual(Cadence.allCases.map(\.chineseLabel), ["每月", "每季度", "每半年", "每年", "随时", "事前"])
        XCTAssertEqual(DisclosureStatus.allCases.map(\.chineseLabel), ["已公开", "逾期公开", "未公开", "未到期", "无"])
    }

    func testPeriodsSortChronologically() throws {
        let texts = ["2026-11", "2025-12", "2026-02", "2026-10"]
        let periods = texts.compactMap { text -> Period? in
            if case .success(.period(let period)) = PeriodValue.parse(text) { return period }
            return nil
        }
        XCTAssertEqual(periods.sorted().map(\.description), ["2025-12", "2026-02", "2026-10", "2026-11"])
        XCTAssertEqual(periods.first?.next?.description, "2026-12")
        XCTAssertEqual(periods.first?.next?.next?.description, "2027-01")
    }
}
