import CrierCore
import CrierStore
import Foundation
import Testing

@testable import CrierRuntime

/// A schedule starts when crier first sees it (or sees it enabled again): slots before then are
/// neither fired nor recorded as missed, after restarts too, and `plan` and `status` agree.
@Suite("scheduler: first sighting")
struct ScheduleFirstSightingTests {
    typealias Support = ScheduleTestSupport

    static func daily(_ id: String, cron: String, extra: String = "") throws -> Schedule {
        try Support.schedule(
            id,
            "template: night-time-safety\nareas: [central]\ncron: \"\(cron)\"\nquiet_hours: ignore\n\(extra)"
                + "vars: { occasion: \"a night out\" }")
    }

    @Test("a schedule added at 07:40 with 10 7 * * * first fires tomorrow, and records nothing for today")
    func addedAfterTodaysSlot() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-06-10T06:40:00Z"))  // 07:40 BST
        let schedule = try Self.daily("morning", cron: "10 7 * * *")
        let first = try await Support.scheduler(system, [schedule]).tick()
        #expect(first.fired.isEmpty && first.missed.isEmpty)

        // A restart at 07:50 with a fresh scheduler still knows when the schedule was first seen.
        clock.set(Support.utc("2026-06-10T06:50:00Z"))
        let restarted = try Support.scheduler(system, [schedule])
        #expect(await restarted.tick().fired.isEmpty)
        _ = await Support.drive(restarted, clock, to: Support.utc("2026-06-11T08:00:00Z"), step: 600)

        #expect(try Support.firings(system, schedule: "morning").map(\.key) == ["2026-06-11T07:10+01:00"])
        #expect(try system.outbox.slots(outcome: .missed).isEmpty)
        let sighting = try #require(try system.outbox.scheduleSightings()["morning"])
        #expect(sighting.firstSeenAt == Support.utc("2026-06-10T06:40:00Z"))
        #expect(sighting.enabledSince == sighting.firstSeenAt)
    }

    @Test("a new frequent schedule records no missed slots from before it existed")
    func newScheduleHasNoPast() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-06-10T09:12:00Z"))
        let scheduler = try Support.scheduler(system, [try Self.daily("every-five", cron: "*/5 * * * *")])
        let first = await scheduler.tick()
        #expect(first.fired.isEmpty)
        #expect(first.missed.isEmpty)
        clock.set(Support.utc("2026-06-10T09:15:00Z"))
        #expect(await scheduler.tick().fired.map(\.slotKey) == ["2026-06-10T10:15+01:00"])
        #expect(try system.outbox.slots(outcome: .missed).isEmpty)
    }

    @Test("slots due while a schedule was disabled are neither fired nor missed when it is enabled again")
    func reenabled() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-06-10T09:58:00Z"))
        let hourly = try Self.daily("hourly", cron: "0 * * * *")
        _ = await Support.drive(
            try Support.scheduler(system, [hourly]), clock, to: Support.utc("2026-06-10T10:00:00Z"), step: 60)
        #expect(try Support.firings(system, schedule: "hourly").map(\.key) == ["2026-06-10T11:00+01:00"])

        var disabled = hourly
        disabled.enabled = false
        clock.set(Support.utc("2026-06-10T11:30:00Z"))
        #expect(try await Support.scheduler(system, [disabled]).tick().fired.isEmpty)
        #expect(try system.outbox.scheduleSightings()["hourly"]?.enabledSince == nil)

        clock.set(Support.utc("2026-06-10T15:30:00Z"))  // enabled again (a restart with the file changed)
        let scheduler = try Support.scheduler(system, [hourly])
        let report = await scheduler.tick()
        #expect(report.fired.isEmpty && report.missed.isEmpty)
        clock.set(Support.utc("2026-06-10T16:00:00Z"))
        #expect(await scheduler.tick().fired.map(\.slotKey) == ["2026-06-10T17:00+01:00"])
        #expect(try system.outbox.slots(outcome: .missed).isEmpty)
        #expect(try system.outbox.scheduleSightings()["hourly"]?.enabledSince == Support.utc("2026-06-10T15:30:00Z"))
    }

    @Test("downtime after a schedule was seen still records the missed slots, from the sighting on")
    func downtimeAfterSighting() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-06-10T09:30:00Z"))
        let hourly = try Self.daily("hourly", cron: "0 * * * *")
        #expect(try await Support.scheduler(system, [hourly]).tick().fired.isEmpty)
        clock.set(Support.utc("2026-06-10T13:30:00Z"))  // down since the first pass; nothing recorded yet
        let report = try await Support.scheduler(system, [hourly]).tick()
        #expect(report.fired.map(\.slotKey) == ["2026-06-10T14:00+01:00"])
        #expect(
            report.missed.map(\.slotKey) == [
                "2026-06-10T11:00+01:00", "2026-06-10T12:00+01:00", "2026-06-10T13:00+01:00",
            ])
    }

    @Test("no slot before the window opens, though the schedule was seen long before")
    func windowFrom() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-06-01T12:00:00Z"))
        let windowed = try Self.daily("windowed", cron: "0 * * * *", extra: "from: 2026-06-10T12:30\n")
        let scheduler = try Support.scheduler(system, [windowed])
        _ = await scheduler.tick()
        clock.set(Support.utc("2026-06-10T12:10:00Z"))  // a late pass: 13:00 BST lies within the grace
        let report = await scheduler.tick()
        #expect(report.fired.map(\.slotKey) == ["2026-06-10T13:00+01:00"])
        #expect(report.missed.isEmpty)
    }

    @Test("a one-off whose time passed before crier saw it is not sent, and is reported once")
    func passedOneOff() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-06-10T08:30:00Z"))  // 09:30 BST
        let once = try Support.schedule(
            "once",
            "template: night-time-safety\nareas: [city]\nat: 2026-06-10T09:00\nvars: { occasion: \"the summer\" }")
        let first = try await Support.scheduler(system, [once]).tick()
        #expect(first.fired.isEmpty && first.missed.isEmpty)
        #expect(first.passedBeforeEnabled.map(\.slotKey) == ["2026-06-10T09:00+01:00"])

        clock.advance(by: 60)
        let restarted = try await Support.scheduler(system, [once]).tick()
        #expect(restarted.fired.isEmpty && restarted.passedBeforeEnabled.isEmpty)
        #expect(try system.outbox.messages(limit: 10).isEmpty)

        let status = try system.status()
        #expect(status.notSentOneOffs.map(\.schedule) == ["once"])
        #expect(status.missedSlotCount == 0)
        #expect(status.textReport().contains("one-offs not sent"))
        #expect(status.textReport().contains("2026-06-10T09:00+01:00  once"))
    }

    @Test("a one-off due after crier first saw it still fires")
    func oneOffAhead() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-06-10T07:30:00Z"))
        let once = try Support.schedule(
            "once", "template: night-time-safety\nareas: [city]\nat: 2026-06-10T09:00\nvars: { occasion: \"x\" }")
        let scheduler = try Support.scheduler(system, [once])
        #expect(await scheduler.tick().passedBeforeEnabled.isEmpty)
        clock.set(Support.utc("2026-06-10T08:00:00Z"))
        #expect(await scheduler.tick().fired.map(\.slotKey) == ["2026-06-10T09:00+01:00"])
    }

    @Test("crier plan leaves out the slots before a schedule was seen")
    func planAgrees() async throws {
        let (system, _) = try Support.system(at: Support.utc("2026-06-10T06:40:00Z"))
        let schedule = try Self.daily("morning", cron: "10 7 * * *")
        let composer = Composer(system: system, library: try Support.library())
        let from = Support.utc("2026-06-09T23:00:00Z")
        let to = Support.utc("2026-06-11T23:00:00Z")
        // Not yet seen by a scheduler: planned from its timetable alone.
        #expect(try composer.plan([schedule], from: from, to: to).count == 2)
        _ = try await Support.scheduler(system, [schedule]).tick()
        #expect(try composer.plan([schedule], from: from, to: to).map(\.slot) == ["2026-06-11T07:10+01:00"])
    }
}
