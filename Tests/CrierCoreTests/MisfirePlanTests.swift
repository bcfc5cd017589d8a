import CrierCore
import Foundation
import Testing

/// (last handled, now, grace in minutes) → (key fired, keys expired, keys superseded), for `0 * * * *` in UTC.
@Test(
    arguments: [
        ("09:00", "09:30", 60, nil, [], []),
        ("09:00", "10:00", 60, "10:00", [], []),
        ("09:00", "10:20", 60, "10:00", [], []),
        ("06:00", "10:20", 60, "10:00", ["07:00", "08:00", "09:00"], []),
        ("06:00", "10:20", 120, "10:00", ["07:00", "08:00"], ["09:00"]),
        ("06:00", "10:20", 0, nil, ["07:00", "08:00", "09:00", "10:00"], []),
        ("09:00", "11:00", 60, "11:00", [], ["10:00"]),  // exactly one hour late is still within grace
        (nil, "10:20", 60, "10:00", [], []),  // a new schedule looks back one grace only
        (nil, "10:20", 180, "10:00", [], ["08:00", "09:00"]),
        (nil, "10:20", 10, nil, [], []),
    ] as [(String?, String, Int, String?, [String], [String])])
func misfireRule(
    _ last: String?, _ now: String, _ graceMinutes: Int, _ fire: String?, _ expired: [String], _ superseded: [String]
) throws {
    let hourly = try #require(cron("0 * * * *"))
    let day = "2026-06-01T"
    let plan = hourly.catchUp(
        lastHandled: last.map { utc(day + $0 + "Z") }, now: utc(day + now + "Z"),
        grace: TimeInterval(graceMinutes * 60), in: zone("UTC"))
    func clock(_ slot: Slot) -> String { String(slot.key.dropFirst(11).prefix(5)) }
    #expect(plan.fire.map(clock) == fire)
    #expect(plan.expired.map(clock) == expired)
    #expect(plan.superseded.map(clock) == superseded)
    #expect(plan.missed.map(clock) == (expired + superseded).sorted())
}

@Test func misfirePlanIgnoresSlotsNotYetDue() throws {
    let hourly = try #require(cron("0 * * * *"))
    let slots = hourly.slots(in: zone("UTC"), from: utc("2026-06-01T08:00Z"), to: utc("2026-06-01T12:00Z"))
    let plan = MisfirePlan(due: slots, now: utc("2026-06-01T09:30Z"), grace: 3_600)
    #expect(plan.fire?.key == "2026-06-01T09:00+00:00")
    #expect(plan.expired.map(\.key) == ["2026-06-01T08:00+00:00"])  // 90 minutes late
    #expect(plan.superseded.isEmpty)
    #expect(
        MisfirePlan(due: [], now: utc("2026-06-01T09:30Z"), grace: 60)
            == MisfirePlan(due: [], now: .distantPast, grace: 0))
}
