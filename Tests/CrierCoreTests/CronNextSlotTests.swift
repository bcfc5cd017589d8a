import CrierCore
import Foundation
import Testing

/// `nextSlot(after:)` in London: (expression, after, the keys of the next slots).
@Test(arguments: [
    // Leap days: the next 29 February after 2026 is in 2028.
    ("0 9 29 2 *", "2026-01-01T00:00Z", ["2028-02-29T09:00+00:00", "2032-02-29T09:00+00:00"]),
    // Either-match: Mondays in February, and 29 February (a Tuesday in 2028).
    (
        "0 0 29 2 1", "2028-02-20T00:00Z",
        ["2028-02-21T00:00+00:00", "2028-02-28T00:00+00:00", "2028-02-29T00:00+00:00", "2029-02-05T00:00+00:00"]
    ),
    // The 31st skips April, June, September, November and February; strictly after a slot.
    (
        "0 0 31 * *", "2026-03-30T23:00Z",
        [
            "2026-05-31T00:00+01:00", "2026-07-31T00:00+01:00", "2026-08-31T00:00+01:00", "2026-10-31T00:00+00:00",
            "2026-12-31T00:00+00:00", "2027-01-31T00:00+00:00", "2027-03-31T00:00+01:00",
        ]
    ),
    // Year boundaries.
    ("59 23 31 12 *", "2026-06-01T00:00Z", ["2026-12-31T23:59+00:00", "2027-12-31T23:59+00:00"]),
    ("59 23 31 12 *", "2026-12-31T23:59Z", ["2027-12-31T23:59+00:00"]),
    ("0 0 1 1 *", "2026-12-31T23:59:30Z", ["2027-01-01T00:00+00:00"]),
    (
        "*/20 * * * *", "2026-12-31T23:30Z",
        ["2026-12-31T23:40+00:00", "2027-01-01T00:00+00:00", "2027-01-01T00:20+00:00"]
    ),
])
func nextSlotsInLondon(_ expression: String, _ after: String, _ keys: [String]) throws {
    let timetable = try #require(cron(expression))
    let slots = nextSlots(timetable, after: utc(after), count: keys.count, in: london)
    #expect(slots.map(\.key) == keys)
}

@Test func thirtyFirstFiresInSevenMonthsOfTheYear() throws {
    let timetable = try #require(cron("0 0 31 * *"))
    let slots = timetable.slots(in: london, from: utc("2025-12-31T12:00Z"), to: utc("2026-12-31T12:00Z"))
    #expect(slots.map(\.nominal.month) == [1, 3, 5, 7, 8, 10, 12])
}

@Test func otherZonesUseTheirOwnOffsetsAndTransitions() throws {
    let newYork = zone("America/New_York")
    let daily = try #require(cron("0 9 * * *"))
    // US clocks went forward on 8 March 2026.
    let slots = daily.slots(in: newYork, from: utc("2026-03-07T00:00Z"), to: utc("2026-03-09T00:00Z"))
    #expect(slots.map(\.key) == ["2026-03-07T09:00-05:00", "2026-03-08T09:00-04:00"])
    #expect(slots.map { utcText($0.instant) } == ["2026-03-07T14:00Z", "2026-03-08T13:00Z"])
    // 02:30 does not exist that day: a fixed-hour slot moves to 03:00 EDT.
    let early = try #require(cron("30 2 * * *"))
    let moved = early.slots(in: newYork, from: utc("2026-03-08T00:00Z"), to: utc("2026-03-09T00:00Z"))
    #expect(moved.map { utcText($0.instant) } == ["2026-03-08T07:00Z"])
    #expect(moved.map(\.localTime) == ["2026-03-08T03:00-04:00"])
}

@Test func nextSlotIsNilForAnEndedWindow() throws {
    let window = try ScheduleWindow(parsingFrom: nil, until: "2026-05-01")
    let timetable = try #require(cron("0 9 * * *", window: window))
    #expect(timetable.nextSlot(after: utc("2026-05-01T08:00Z"), in: london) == nil)
    #expect(timetable.nextSlot(after: utc("2026-05-01T07:00Z"), in: london)?.key == "2026-05-01T09:00+01:00")
}

@Test func nextSlotJumpsToADistantWindow() throws {
    let window = try ScheduleWindow(parsingFrom: "2040-01-01", until: nil)
    let timetable = try #require(cron("0 9 * * *", window: window))
    #expect(timetable.nextSlot(after: utc("2026-05-01T08:00Z"), in: london)?.key == "2040-01-01T09:00+00:00")
}
