import CrierCore
import Foundation
import Testing

/// A year of five-minute slots: the count is exact (the spring gap loses 12, the autumn repeat
/// gains 12) and keys are unique. Speed is for `crier plan`; this only checks it stays practical.
@Test func aYearOfFiveMinuteSlots() throws {
    let timetable = try #require(cron("*/5 * * * *"))
    let slots = timetable.slots(in: london, from: utc("2026-01-01T00:00Z"), to: utc("2027-01-01T00:00Z"))
    #expect(slots.count == 105_120)
    #expect(Set(slots.map(\.key)).count == slots.count)
    #expect(zip(slots, slots.dropFirst()).allSatisfy { $0.instant < $1.instant })
}

@Test func aYearForAThousandDailySchedules() throws {
    var total = 0
    for index in 0..<1_000 {
        let timetable = try #require(cron("\(index % 60) \(index % 24) * * *"))
        total += timetable.slots(in: london, from: utc("2026-01-01T00:00Z"), to: utc("2027-01-01T00:00Z")).count
    }
    #expect(total == 365_000)
}
