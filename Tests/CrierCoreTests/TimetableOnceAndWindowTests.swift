import CrierCore
import Foundation
import Testing

/// One-off `at` times in London: (text, UTC instant, local wall clock, key).
@Test(arguments: [
    ("2026-05-01T09:00", "2026-05-01T08:00Z", "2026-05-01T09:00+01:00", "2026-05-01T09:00+01:00"),
    ("2026-01-15 09:00", "2026-01-15T09:00Z", "2026-01-15T09:00+00:00", "2026-01-15T09:00+00:00"),
    ("2026-03-29T01:30", "2026-03-29T01:00Z", "2026-03-29T02:00+01:00", "2026-03-29T01:30+00:00"),  // in the gap
    ("2026-10-25T01:30:00", "2026-10-25T00:30Z", "2026-10-25T01:30+01:00", "2026-10-25T01:30+01:00"),  // repeated hour
])
func oneOffAt(_ text: String, _ instant: String, _ local: String, _ key: String) throws {
    let once = Timetable(.once(try LocalDateTime(parsing: text)))
    let slot = try #require(once.nextSlot(after: utc("2026-01-01T00:00Z"), in: london))
    #expect(utcText(slot.instant) == instant)
    #expect(slot.localTime == local)
    #expect(slot.key == key)
    #expect(once.nextSlot(after: slot.instant, in: london) == nil)
    #expect(once.slots(in: london, from: utc("2025-12-01T00:00Z"), to: utc("2027-01-01T00:00Z")) == [slot])
}

@Test(arguments: [
    ("2026-02-30T09:00", "no such date"),
    ("tomorrow", "expected a local date-time"),
    ("2026-05-01T24:00", "hour must be 00-23"),
    ("2026-05-01T09:00:30", "seconds must be :00"),
    ("2026-5-1T09:00", "expected a local date-time"),
])
func oneOffAtRefuses(_ text: String, _ reason: String) {
    #expect {
        try LocalDateTime(parsing: text)
    } throws: { error in
        guard let error = error as? TimeSyntaxError else { return false }
        return error.field == "at" && error.text == text && error.reason.contains(reason)
    }
}

/// `0 9 * * *` with a window (from, until) → the days of May it fires on.
@Test(
    arguments: [
        ("2026-05-10", "2026-05-12", [10, 11, 12]),  // a date for until runs to the end of that day
        ("2026-05-10", "2026-05-12T08:59", [10, 11]),
        ("2026-05-10T09:01", "2026-05-12", [11, 12]),
        ("2026-05-10T09:00", "2026-05-10T09:00", [10]),
        (nil, "2026-05-02", [1, 2]),
        ("2026-05-30", nil, [30, 31]),
    ] as [(String?, String?, [Int])])
func windowBoundsSlots(_ from: String?, _ until: String?, _ days: [Int]) throws {
    let window = try ScheduleWindow(parsingFrom: from, until: until)
    let timetable = try #require(cron("0 9 * * *", window: window))
    let slots = timetable.slots(in: london, from: utc("2026-05-01T00:00Z"), to: utc("2026-06-01T00:00Z"))
    #expect(slots.map(\.nominal.day) == days)
}

@Test func windowAppliesToOneOffs() throws {
    let window = try ScheduleWindow(parsingFrom: "2026-06-01", until: nil)
    let once = Timetable(.once(try LocalDateTime(parsing: "2026-05-01T09:00")), window: window)
    #expect(once.nextSlot(after: utc("2026-01-01T00:00Z"), in: london) == nil)
}

@Test(
    arguments: [
        ("2026-05-12", "2026-05-10", "until", "is before from"),
        ("2026-13-01", nil, "from", "no such date"),
        (nil, "next week", "until", "expected a local date-time"),
    ] as [(String?, String?, String, String)])
func windowRefuses(_ from: String?, _ until: String?, _ field: String, _ reason: String) {
    #expect {
        try ScheduleWindow(parsingFrom: from, until: until)
    } throws: { error in
        guard let error = error as? TimeSyntaxError else { return false }
        return error.field == field && error.reason.contains(reason)
    }
}

@Test func conveniencesParseScheduleFileFields() throws {
    let daily = try Timetable(cron: "@daily", window: ScheduleWindow(parsingFrom: "2026-05-01", until: "2026-05-02"))
    let slots = daily.slots(in: london, from: utc("2026-04-01T00:00Z"), to: utc("2026-06-01T00:00Z"))
    #expect(slots.map(\.key) == ["2026-05-01T00:00+01:00", "2026-05-02T00:00+01:00"])
    let expression = try CronExpression(parsing: "@daily")
    #expect(expression.nextSlot(after: utc("2026-04-30T22:00Z"), in: london) == slots.first)
    #expect(throws: CronSyntaxError.self) { try Timetable(cron: "0 9 * *") }
    #expect(throws: TimeSyntaxError.self) { try Timetable(at: "2026-02-29T09:00") }
    let rebuilt = try Slot(
        instant: utc("2026-05-01T00:00Z").addingTimeInterval(-3_600),
        nominal: #require(LocalDateTime(year: 2026, month: 5, day: 1)), nominalOffset: 3_600, utcOffset: 3_600)
    #expect(rebuilt == slots.first)
}
