import CrierCore
import Foundation
import Testing

/// One DST case: slots of `expression` in London with instants in `from ..< to`.
struct DSTCase: Sendable, CustomTestStringConvertible {
    let expression: String
    let from: String
    let to: String
    /// The UTC instants expected.
    let instants: [String]
    /// The local wall clock at each, with offset.
    let local: [String]
    /// The key of each.
    let keys: [String]

    var testDescription: String { "\(expression) \(from)" }
}

/// The cases DESIGN.md binds, for 29 March 2026 (01:00 GMT → 02:00 BST) and 25 October 2026 (02:00 BST → 01:00 GMT).
@Test(arguments: [
    // Fixed hour, skipped wall time: the first valid minute after the gap.
    DSTCase(
        expression: "30 1 * * *", from: "2026-03-28T12:00Z", to: "2026-03-29T12:00Z",
        instants: ["2026-03-29T01:00Z"], local: ["2026-03-29T02:00+01:00"], keys: ["2026-03-29T01:30+00:00"]),
    // Wall clock: nothing in the gap.
    DSTCase(
        expression: "*/30 * * * *", from: "2026-03-29T00:00Z", to: "2026-03-29T02:00Z",
        instants: ["2026-03-29T00:00Z", "2026-03-29T00:30Z", "2026-03-29T01:00Z", "2026-03-29T01:30Z"],
        local: [
            "2026-03-29T00:00+00:00", "2026-03-29T00:30+00:00", "2026-03-29T02:00+01:00", "2026-03-29T02:30+01:00",
        ],
        keys: ["2026-03-29T00:00+00:00", "2026-03-29T00:30+00:00", "2026-03-29T02:00+01:00", "2026-03-29T02:30+01:00"]),
    // Several fixed-hour slots in one gap collapse into one firing, keyed by the earliest.
    DSTCase(
        expression: "15,45 1 * * *", from: "2026-03-28T12:00Z", to: "2026-03-29T12:00Z",
        instants: ["2026-03-29T01:00Z"], local: ["2026-03-29T02:00+01:00"], keys: ["2026-03-29T01:15+00:00"]),
    // ... and fold into the schedule's own slot at the first minute after the gap.
    DSTCase(
        expression: "0,30 1,2 * * *", from: "2026-03-28T12:00Z", to: "2026-03-29T12:00Z",
        instants: ["2026-03-29T01:00Z", "2026-03-29T01:30Z"],
        local: ["2026-03-29T02:00+01:00", "2026-03-29T02:30+01:00"],
        keys: ["2026-03-29T02:00+01:00", "2026-03-29T02:30+01:00"]),
    // Fixed hour, repeated wall time: once, at the first occurrence.
    DSTCase(
        expression: "30 1 * * *", from: "2026-10-24T12:00Z", to: "2026-10-25T12:00Z",
        instants: ["2026-10-25T00:30Z"], local: ["2026-10-25T01:30+01:00"], keys: ["2026-10-25T01:30+01:00"]),
    // Wall clock: every occurrence of the repeated hour.
    DSTCase(
        expression: "*/30 * * * *", from: "2026-10-25T00:00Z", to: "2026-10-25T02:00Z",
        instants: ["2026-10-25T00:00Z", "2026-10-25T00:30Z", "2026-10-25T01:00Z", "2026-10-25T01:30Z"],
        local: [
            "2026-10-25T01:00+01:00", "2026-10-25T01:30+01:00", "2026-10-25T01:00+00:00", "2026-10-25T01:30+00:00",
        ],
        keys: ["2026-10-25T01:00+01:00", "2026-10-25T01:30+01:00", "2026-10-25T01:00+00:00", "2026-10-25T01:30+00:00"]),
    DSTCase(
        expression: "0 * * * *", from: "2026-10-24T23:30Z", to: "2026-10-25T02:30Z",
        instants: ["2026-10-25T00:00Z", "2026-10-25T01:00Z", "2026-10-25T02:00Z"],
        local: ["2026-10-25T01:00+01:00", "2026-10-25T01:00+00:00", "2026-10-25T02:00+00:00"],
        keys: ["2026-10-25T01:00+01:00", "2026-10-25T01:00+00:00", "2026-10-25T02:00+00:00"]),
])
func londonTransitions(_ example: DSTCase) throws {
    let timetable = try #require(cron(example.expression))
    let slots = timetable.slots(in: london, from: utc(example.from), to: utc(example.to))
    #expect(slots.map { utcText($0.instant) } == example.instants)
    #expect(slots.map(\.localTime) == example.local)
    #expect(slots.map(\.key) == example.keys)
}

/// Slots per local day on the two transition days: (expression, day's UTC bounds, count).
@Test(arguments: [
    ("*/30 * * * *", "2026-03-29T00:00Z", "2026-03-29T23:00Z", 46),
    ("0 * * * *", "2026-03-29T00:00Z", "2026-03-29T23:00Z", 23),
    ("30 1 * * *", "2026-03-29T00:00Z", "2026-03-29T23:00Z", 1),
    ("*/30 * * * *", "2026-10-24T23:00Z", "2026-10-26T00:00Z", 50),
    ("0 * * * *", "2026-10-24T23:00Z", "2026-10-26T00:00Z", 25),
    ("30 1 * * *", "2026-10-24T23:00Z", "2026-10-26T00:00Z", 1),
])
func slotsPerTransitionDay(_ expression: String, _ from: String, _ to: String, _ count: Int) throws {
    let timetable = try #require(cron(expression))
    #expect(timetable.slots(in: london, from: utc(from), to: utc(to)).count == count)
}

@Test func adjustmentsSayHowTheRuleMovedASlot() throws {
    let fixed = try #require(cron("30 1 * * *"))
    let spring = fixed.slots(in: london, from: utc("2026-03-29T00:00Z"), to: utc("2026-03-29T03:00Z"))
    #expect(spring.map(\.adjustment) == [.movedOutOfGap])
    let hourly = try #require(cron("0 * * * *"))
    let autumn = hourly.slots(in: london, from: utc("2026-10-25T00:00Z"), to: utc("2026-10-25T01:30Z"))
    #expect(autumn.map(\.adjustment) == [.none, .repeatedHour])
}

/// Keys do not depend on how the planning windows were cut (restarts plan from wherever they are).
@Test(arguments: ["*/30 * * * *", "0 * * * *", "30 1 * * *", "15,45 1 * * *", "* 1 * * *"])
func keysAreTheSameWhateverTheWindows(_ expression: String) throws {
    let timetable = try #require(cron(expression))
    for (start, end) in [("2026-03-28T22:00Z", "2026-03-29T04:00Z"), ("2026-10-24T22:00Z", "2026-10-25T04:00Z")] {
        let whole = timetable.slots(in: london, from: utc(start), to: utc(end))
        var pieces: [Slot] = []
        var cursor = utc(start)
        while cursor < utc(end) {
            let next = cursor.addingTimeInterval(7 * 60)
            pieces += timetable.slots(in: london, from: cursor, to: min(next, utc(end)))
            cursor = next
        }
        #expect(pieces == whole)
        #expect(Set(whole.map(\.key)).count == whole.count)
    }
}
