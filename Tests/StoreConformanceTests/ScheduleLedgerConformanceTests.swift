import CrierCore
import CrierRuntime
import CrierStore
import CrierStoreDoubles
import Foundation
import Testing

/// The scheduler's ledger behaves the same whichever store keeps it.
@Suite struct ScheduleLedgerConformanceTests {
    /// One implementation under test, named for the test report.
    struct Implementation: CustomTestStringConvertible, Sendable {
        let name: String
        let make: @Sendable () throws -> any ScheduleLedger
        var testDescription: String { name }
    }

    static let implementations = [
        Implementation(name: "SQLite") { try SQLiteOutbox.inMemory() },
        Implementation(name: "in memory") { InMemoryScheduleLedger() },
    ]

    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("a slot is recorded once, whatever the outcome of the second try", arguments: implementations)
    func slotRecordedOnce(_ implementation: Implementation) async throws {
        let ledger = try implementation.make()
        let key = "2026-10-25T01:30+01:00"
        #expect(try await ledger.recordSlot(key, of: "daily", outcome: .missed, at: Self.t0))
        #expect(try await ledger.recordSlot(key, of: "daily", outcome: .skippedNothingNew, at: Self.t0 + 1) == false)
        // The same key of another schedule, or a bulletin's per-area key, is another slot.
        #expect(try await ledger.recordSlot(key, of: "weekly", outcome: .missed, at: Self.t0))
        #expect(try await ledger.recordSlot(key + "/west", of: "daily", outcome: .missed, at: Self.t0))
    }

    @Test("the last slot is the greatest key, per schedule", arguments: implementations)
    func lastSlotKey(_ implementation: Implementation) async throws {
        let ledger = try implementation.make()
        #expect(try await ledger.lastSlotKey(of: "daily") == nil)
        for key in ["2026-10-24T09:00+01:00", "2026-10-26T09:00+00:00", "2026-10-25T09:00+00:00"] {
            _ = try await ledger.recordSlot(key, of: "daily", outcome: .missed, at: Self.t0)
        }
        _ = try await ledger.recordSlot("2027-01-01T09:00+00:00", of: "other", outcome: .missed, at: Self.t0)
        #expect(try await ledger.lastSlotKey(of: "daily") == "2026-10-26T09:00+00:00")
    }

    @Test("the first sighting is kept; enabledSince follows enabling and disabling", arguments: implementations)
    func sightings(_ implementation: Implementation) async throws {
        let ledger = try implementation.make()
        let first = try await ledger.noteSighting(of: "weekly", enabled: true, at: Self.t0)
        #expect(first == ScheduleSighting(scheduleID: "weekly", firstSeenAt: Self.t0, enabledSince: Self.t0))
        #expect(try await ledger.noteSighting(of: "weekly", enabled: true, at: Self.t0 + 60).enabledSince == Self.t0)
        let off = try await ledger.noteSighting(of: "weekly", enabled: false, at: Self.t0 + 120)
        #expect(off == ScheduleSighting(scheduleID: "weekly", firstSeenAt: Self.t0, enabledSince: nil))
        let on = try await ledger.noteSighting(of: "weekly", enabled: true, at: Self.t0 + 180)
        #expect(on == ScheduleSighting(scheduleID: "weekly", firstSeenAt: Self.t0, enabledSince: Self.t0 + 180))
        // A clock that went back never moves enabledSince before the first sighting.
        _ = try await ledger.noteSighting(of: "weekly", enabled: false, at: Self.t0 + 240)
        #expect(try await ledger.noteSighting(of: "weekly", enabled: true, at: Self.t0 - 600).enabledSince == Self.t0)
        let paused = try await ledger.noteSighting(of: "paused", enabled: false, at: Self.t0)
        #expect(paused == ScheduleSighting(scheduleID: "paused", firstSeenAt: Self.t0, enabledSince: nil))
    }
}
