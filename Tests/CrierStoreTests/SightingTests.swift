import CrierCore
import CrierStore
import Foundation
import Testing

/// `schedule_sightings` (v6) and the messages' CAP classification columns (v7).
@Suite struct SightingTests {
    @Test func firstSightingIsKeptAndEnablingAgainMovesOnlyEnabledSince() throws {
        let outbox = try SQLiteOutbox.inMemory()
        let first = try outbox.sightSchedule("weekly", enabled: true, at: Fixture.t0)
        #expect(first.enabledNow)
        #expect(
            first.sighting == ScheduleSighting(scheduleID: "weekly", firstSeenAt: Fixture.t0, enabledSince: Fixture.t0))
        #expect(try outbox.sightSchedule("weekly", enabled: true, at: Fixture.t0 + 60).enabledNow == false)

        let off = try outbox.sightSchedule("weekly", enabled: false, at: Fixture.t0 + 120)
        #expect(!off.enabledNow && off.sighting.enabledSince == nil)
        let on = try outbox.sightSchedule("weekly", enabled: true, at: Fixture.t0 + 180)
        #expect(on.enabledNow)
        #expect(on.sighting.firstSeenAt == Fixture.t0 && on.sighting.enabledSince == Fixture.t0 + 180)
        // A clock that went back never puts enabledSince before the first sighting.
        _ = try outbox.sightSchedule("weekly", enabled: false, at: Fixture.t0 + 240)
        #expect(
            try outbox.sightSchedule("weekly", enabled: true, at: Fixture.t0 - 600).sighting.enabledSince == Fixture.t0)

        let disabled = try outbox.sightSchedule("paused", enabled: false, at: Fixture.t0)
        #expect(!disabled.enabledNow && disabled.sighting.enabledSince == nil)
        #expect(Set(try outbox.scheduleSightings().keys) == ["weekly", "paused"])
    }

    @Test func upgradingCountsSchedulesWithSlotsAsSeenSinceTheirFirstSlot() async throws {
        let folder = try TemporaryFolder()
        let outbox = try SQLiteOutbox(path: folder.databasePath)
        for (offset, key) in [(0.0, "2026-03-28T08:00+00:00"), (86_400.0, "2026-03-29T08:00+01:00")] {
            _ = try await outbox.recordSlot(key, of: "daily", outcome: .missed, at: Fixture.t0 + offset)
        }
        // Undo v6 as if this database predated it, then open it again.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = [
            "sqlite3", folder.databasePath,
            "DROP TABLE schedule_sightings; DELETE FROM grdb_migrations WHERE identifier = 'v6-schedule-sightings';",
        ]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0)

        let upgraded = try SQLiteOutbox(path: folder.databasePath)
        #expect(
            try upgraded.scheduleSightings() == [
                "daily": ScheduleSighting(scheduleID: "daily", firstSeenAt: Fixture.t0, enabledSince: Fixture.t0)
            ])
    }

    @Test func aMessagesCAPClassificationIsStoredAndReadBack() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        var reminder = Fixture.message("msg_reminder")
        reminder.cap = CAPClassification(urgency: "Future", severity: "Minor", certainty: "Likely")
        let none: [NewDelivery] = []
        _ = try await outbox.enqueue(reminder, renditions: [], deliveries: none, now: Fixture.t0)
        _ = try await outbox.enqueue(Fixture.message("msg_alert"), renditions: [], deliveries: none, now: Fixture.t0)
        #expect(try outbox.message(id: "msg_reminder")?.cap == reminder.cap)
        #expect(try outbox.message(id: "msg_alert")?.cap == nil)

        var wrong = Fixture.message("msg_wrong")
        wrong.cap = CAPClassification(urgency: "Soon", severity: "Minor", certainty: "Likely")
        await #expect(throws: OutboxStoreError.self) {
            _ = try await outbox.enqueue(wrong, renditions: [], deliveries: none, now: Fixture.t0)
        }
        #expect(try outbox.message(id: "msg_wrong") == nil)
    }
}
