import CrierCore
import Foundation
import Testing

/// Drives a timetable the way the scheduler will: a manual clock stepped through time, each
/// tick catching up from the last handled slot. Returns the slots fired and those recorded missed.
func drive(
    _ timetable: Timetable, from start: String, to end: String, step: TimeInterval, grace: TimeInterval = 3_600,
    handledUntilStart: Bool = false
) -> (fired: [Slot], missed: [Slot]) {
    let clock = ManualClock(utc(start))
    var lastHandled: Date? = handledUntilStart ? utc(start) : nil
    var fired: [Slot] = []
    var missed: [Slot] = []
    while clock.now() < utc(end) {
        clock.advance(by: step)
        let plan = timetable.catchUp(lastHandled: lastHandled, now: clock.now(), grace: grace, in: london)
        if let slot = plan.fire { fired.append(slot) }
        missed += plan.missed
        if let latest = ([plan.fire].compactMap { $0 } + plan.missed).max() { lastHandled = latest.instant }
    }
    return (fired, missed)
}

/// The weekly bulletin `0 9 * * MON` through each transition month: 09:00 local on both sides.
@Test(arguments: [
    (
        "2026-03-01T00:00Z", "2026-04-01T00:00Z",
        ["2026-03-02T09:00Z", "2026-03-09T09:00Z", "2026-03-16T09:00Z", "2026-03-23T09:00Z", "2026-03-30T08:00Z"],
        [
            "2026-03-02T09:00+00:00", "2026-03-09T09:00+00:00", "2026-03-16T09:00+00:00", "2026-03-23T09:00+00:00",
            "2026-03-30T09:00+01:00",
        ]
    ),
    (
        "2026-10-01T00:00Z", "2026-11-01T00:00Z",
        ["2026-10-05T08:00Z", "2026-10-12T08:00Z", "2026-10-19T08:00Z", "2026-10-26T09:00Z"],
        ["2026-10-05T09:00+01:00", "2026-10-12T09:00+01:00", "2026-10-19T09:00+01:00", "2026-10-26T09:00+00:00"]
    ),
])
func weeklyBulletinThroughTheMonth(_ start: String, _ end: String, _ instants: [String], _ local: [String]) throws {
    let bulletin = try #require(cron("0 9 * * MON"))
    let run = drive(bulletin, from: start, to: end, step: 10 * 60)
    #expect(run.fired.map { utcText($0.instant) } == instants)
    #expect(run.fired.map(\.localTime) == local)
    #expect(run.missed.isEmpty)
}

/// The DST examples again, this time found by ticking a clock minute by minute.
@Test(arguments: [
    (
        "30 1 * * *", "2026-03-28T00:00Z", "2026-03-30T12:00Z",
        ["2026-03-28T01:30Z", "2026-03-29T01:00Z", "2026-03-30T00:30Z"]
    ),
    (
        "30 1 * * *", "2026-10-24T00:00Z", "2026-10-26T12:00Z",
        ["2026-10-24T00:30Z", "2026-10-25T00:30Z", "2026-10-26T01:30Z"]
    ),
    (
        "*/30 * * * *", "2026-03-29T00:10Z", "2026-03-29T01:40Z",
        ["2026-03-29T00:30Z", "2026-03-29T01:00Z", "2026-03-29T01:30Z"]
    ),
    (
        "*/30 * * * *", "2026-10-24T23:50Z", "2026-10-25T01:40Z",
        ["2026-10-25T00:00Z", "2026-10-25T00:30Z", "2026-10-25T01:00Z", "2026-10-25T01:30Z"]
    ),
])
func transitionsTickedMinuteByMinute(_ expression: String, _ start: String, _ end: String, _ instants: [String]) throws
{
    let timetable = try #require(cron(expression))
    let run = drive(timetable, from: start, to: end, step: 60, handledUntilStart: true)
    #expect(run.fired.map { utcText($0.instant) } == instants)
    #expect(run.missed.isEmpty)
}

@Test func downtimeRecordsOldSlotsAsMissedAndFiresTheLatestOnce() throws {
    let bulletin = try #require(cron("0 9 * * *"))
    // Ticks every 3 days with a one-hour grace: each tick lands at 00:00Z, long after 09:00.
    let run = drive(
        bulletin, from: "2026-06-01T00:00Z", to: "2026-06-07T00:00Z", step: 3 * 86_400, handledUntilStart: true)
    #expect(run.fired.isEmpty)
    #expect(run.missed.map(\.key) == (1...6).map { "2026-06-0\($0)T09:00+01:00" })
    // With a grace longer than the downtime, the latest missed slot fires, once.
    let lenient = drive(
        bulletin, from: "2026-06-01T00:00Z", to: "2026-06-07T00:00Z", step: 3 * 86_400, grace: 86_400,
        handledUntilStart: true)
    #expect(lenient.fired.map(\.key) == ["2026-06-03T09:00+01:00", "2026-06-06T09:00+01:00"])
    #expect(lenient.missed.count == 4)
}
