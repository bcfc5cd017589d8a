import CrierCore
import CrierStore
import CrierTemplates
import Foundation
import Logging
import Testing

@testable import CrierRuntime

/// The scheduler on a manual clock: DST months, quiet hours, downtime, restarts. Nothing sleeps.
@Suite("scheduler firing")
struct ScheduleFiringTests {
    typealias Support = ScheduleTestSupport

    static func nightly(_ id: String, cron: String) throws -> Schedule {
        try Support.schedule(
            id,
            "template: night-time-safety\nareas: [central]\ncron: \"\(cron)\"\nquiet_hours: ignore\nvars: { occasion: \"a night out\" }"
        )
    }

    /// The UTC times a schedule fired on one day.
    static func firedOn(_ day: String, _ firings: [(key: String, at: String)]) -> [String] {
        firings.filter { $0.key.hasPrefix(day) }.map(\.at)
    }

    @Test("clocks go forward (29 March 2026): a fixed hour moves after the gap, the wall clock skips it")
    func springForward() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-03-01T00:00:00Z"))
        let fixed = try Self.nightly("fixed", cron: "30 1 * * *")
        let halfHourly = try Self.nightly("half-hourly", cron: "*/30 * * * *")
        let scheduler = try Support.scheduler(system, [fixed, halfHourly])
        _ = await Support.drive(scheduler, clock, to: Support.utc("2026-03-31T22:59:00Z"), step: 1_800)

        let fixedFirings = try Support.firings(system, schedule: "fixed")
        #expect(fixedFirings.count == 31)
        #expect(Self.firedOn("2026-03-29", fixedFirings) == ["2026-03-29T01:00:00Z"])
        #expect(fixedFirings.contains { $0.key == "2026-03-29T01:30+00:00" })
        let halves = try Support.firings(system, schedule: "half-hourly")
        #expect(
            Self.firedOn("2026-03-29T0", halves).prefix(3) == [
                "2026-03-29T00:00:00Z", "2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z",
            ])
        #expect(!halves.contains { $0.key.hasPrefix("2026-03-29T01:") })
        #expect(halves.filter { $0.key.hasPrefix("2026-03") }.count == 31 * 48 - 2)
        #expect(Set(halves.map(\.key)).count == halves.count)
    }

    @Test("clocks go back (25 October 2026): a fixed hour fires once, the wall clock twice")
    func fallBack() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-09-30T23:00:00Z"))  // midnight BST
        let fixed = try Self.nightly("fixed", cron: "30 1 * * *")
        let halfHourly = try Self.nightly("half-hourly", cron: "*/30 * * * *")
        let hourly = try Self.nightly("hourly", cron: "0 * * * *")
        let scheduler = try Support.scheduler(system, [fixed, halfHourly, hourly])
        _ = await Support.drive(scheduler, clock, to: Support.utc("2026-10-31T23:59:00Z"), step: 1_800)

        let fixedFirings = try Support.firings(system, schedule: "fixed")
        #expect(fixedFirings.count == 31)
        #expect(Self.firedOn("2026-10-25", fixedFirings) == ["2026-10-25T00:30:00Z"])
        let halves = try Support.firings(system, schedule: "half-hourly")
        let repeated = halves.filter { $0.key.hasPrefix("2026-10-25T01:") }
        #expect(
            repeated.map(\.at) == [
                "2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z",
            ])
        #expect(halves.filter { $0.key.hasPrefix("2026-10") }.count == 31 * 48 + 2)
        let hours = try Support.firings(system, schedule: "hourly")
        #expect(
            hours.filter { $0.key.hasPrefix("2026-10-25T01:00") }.map(\.at) == [
                "2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z",
            ])
    }

    @Test("a slot due in quiet hours is held to their end and keeps its key")
    func quietHoursHold() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-06-10T12:00:00Z"))
        let late = try Support.schedule(
            "late",
            "template: night-time-safety\nareas: [city]\ncron: \"0 22 * * *\"\nvars: { occasion: \"the summer\" }")
        let scheduler = try Support.scheduler(system, [late])
        _ = await Support.drive(scheduler, clock, to: Support.utc("2026-06-11T12:00:00Z"), step: 600)
        let firings = try Support.firings(system, schedule: "late")
        #expect(firings.count == 1)
        #expect(firings.first?.key == "2026-06-10T22:00+01:00")
        #expect(firings.first?.at == "2026-06-11T07:00:00Z")  // 08:00 BST

        let rows = try Composer(system: system, library: try Support.library())
            .plan([late], from: Support.utc("2026-06-12T00:00:00Z"), to: Support.utc("2026-06-13T00:00:00Z"))
        #expect(rows.map(\.localTime) == ["2026-06-12T08:00:00+01:00"])
        #expect(rows.first?.heldFrom == "2026-06-11T22:00+01:00")
    }

    @Test("quiet_hours: ignore fires at the slot's own time")
    func quietHoursIgnored() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-06-10T12:00:00Z"))
        let scheduler = try Support.scheduler(system, [try Self.nightly("late", cron: "0 22 * * *")])
        _ = await Support.drive(scheduler, clock, to: Support.utc("2026-06-11T12:00:00Z"), step: 600)
        #expect(try Support.firings(system, schedule: "late").map(\.at) == ["2026-06-10T21:00:00Z"])
    }

    @Test("after downtime the latest slot within the grace fires once; older ones are recorded missed")
    func downtime() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-06-10T09:59:00Z"))
        let hourly = try Self.nightly("hourly", cron: "0 * * * *")
        _ = try await Support.scheduler(system, [hourly]).tick()  // first seen: 10:59 BST
        clock.set(Support.utc("2026-06-10T10:30:00Z"))
        _ = try await Support.scheduler(system, [hourly]).tick()
        #expect(try Support.firings(system, schedule: "hourly").count == 1)

        clock.set(Support.utc("2026-06-10T15:30:00Z"))  // down for 5 h 30 min; restarted with a fresh scheduler
        let report = try await Support.scheduler(system, [hourly]).tick()
        #expect(report.fired.map(\.slotKey) == ["2026-06-10T16:00+01:00"])
        #expect(
            report.missed.map(\.slotKey) == [
                "2026-06-10T12:00+01:00", "2026-06-10T13:00+01:00", "2026-06-10T14:00+01:00", "2026-06-10T15:00+01:00",
            ])

        let status = try StatusDesk(system: system).report()
        #expect(status.missedSlotCount == 4)
        #expect(status.missedSlots.map(\.schedule) == Array(repeating: "hourly", count: 4))
        // status reads crier.yml's schedules folder: the shipped year.
        #expect(
            status.nextFirings.contains {
                $0.schedule == "bulletin-west" && $0.localTime == "2026-06-15T09:00:00+01:00"
            })
        #expect(status.textReport().contains("missed slots: 4"))
    }

    @Test("a restart at the same moment never fires a slot twice")
    func restartIsIdempotent() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-06-10T08:59:00Z"))
        let schedules = try (0..<5).map { try Self.nightly("s\($0)", cron: "0 * * * *") }
        _ = try await Support.scheduler(system, schedules).tick()  // first seen before the 10:00 BST slot
        clock.set(Support.utc("2026-06-10T09:10:00Z"))
        for _ in 0..<3 {
            _ = try await Support.scheduler(system, schedules).tick()
        }
        clock.advance(by: 30)
        _ = try await Support.scheduler(system, schedules).tick()
        #expect(try system.outbox.slots(outcome: nil).count == 5)
        #expect(try system.outbox.messages(limit: 100).count == 5)
    }

    @Test("a new schedule neither records its past as missed nor fires a slot from before it was seen")
    func newScheduleStartsNow() async throws {
        let (system, _) = try Support.system(at: Support.utc("2026-06-10T09:10:30Z"))
        let report = try await Support.scheduler(system, [try Self.nightly("every-five", cron: "*/5 * * * *")]).tick()
        #expect(report.fired.isEmpty)
        #expect(report.missed.isEmpty)
    }

    @Test("a bulletin summarises each area's advice; an area with nothing new is skipped and sent nothing")
    func bulletins() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-06-08T07:59:00Z"))
        let composer = Composer(system: system, library: try Support.library())
        clock.set(Support.utc("2026-06-05T10:00:00Z"))
        try await composer.compose(
            CompositionRequest(
                template: "phishing-alert", areas: ["west"],
                variables: ["pretend_to_be": "Royal Mail", "lure": "a parcel fee"], proposedBy: "duty officer"))
        clock.set(Support.utc("2026-05-20T10:00:00Z"))  // too old for this week's bulletin
        try await composer.compose(
            CompositionRequest(
                template: "night-time-safety", areas: ["east"], variables: ["occasion": "May bank holiday"],
                proposedBy: "duty officer"))

        let bulletin = try Support.schedule("bulletin", "kind: bulletin\nareas: [west, east]\ncron: \"0 9 * * MON\"")
        clock.set(Support.utc("2026-06-08T08:00:00Z"))  // Monday 09:00 BST
        let report = try await Support.scheduler(system, [bulletin]).tick()
        #expect(report.fired.map(\.slotKey) == ["2026-06-08T09:00+01:00/west"])
        #expect(report.skipped.map(\.slotKey) == ["2026-06-08T09:00+01:00/east"])
        let skipped = try system.outbox.slots(outcome: .skippedNothingNew)
        #expect(skipped.count == 1 && skipped.first?.messageID == nil)

        let id = try #require(report.fired.first?.messageID)
        let message = try #require(try system.outbox.message(id: id))
        #expect(message.template == "area-bulletin")
        #expect(message.areas == ["west"])
        #expect(message.proposedBy == "schedule:bulletin")
        #expect(message.variablesJSON.contains("Royal Mail"))
        #expect(message.variablesJSON.contains("the week to Monday 8 June 2026"))
        #expect(message.variablesJSON.contains("Friday 5 June 2026"))
    }

    @Test("a rehearsal jumps a simulated clock from slot to slot and drains deliveries without sending")
    func rehearsal() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-06-01T12:00:00Z"))
        let daily = try Support.schedule(
            "daily",
            "template: night-time-safety\nareas: [city]\ncron: \"0 17 * * *\"\nvars: { occasion: \"the summer\" }")
        let report = try await ScheduleRehearsal.run(
            system: system, clock: clock, catalog: ScheduleCatalog(schedules: [daily]), library: try Support.library(),
            until: Support.utc("2026-06-08T12:00:00Z"), logger: .init(label: "test"))
        #expect(report.slots.count == 7)
        #expect(report.deliveries == 7)  // the partner endpoint, once a day
        #expect(try system.outbox.summary(now: clock.now()).byState["delivered"] == 7)
    }

    @Test("a rehearsal refuses the live database")
    func rehearsalRefusesLiveDatabase() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crier-rehearsal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("crier.yml")
        try "database: live.sqlite\ntemplates: \(Support.root.appendingPathComponent("templates").path)\n".write(
            to: config, atomically: true, encoding: .utf8)
        let live = folder.appendingPathComponent("live.sqlite")
        #expect(throws: ScheduleRunError.liveDatabase(path: live.path)) {
            _ = try ScheduleRehearsal.open(configuration: config, database: live, start: Date())
        }
        let (copy, _) = try ScheduleRehearsal.open(
            configuration: config, database: folder.appendingPathComponent("copy.sqlite"), start: Date())
        #expect(copy.configuration.database.lastPathComponent == "copy.sqlite")
    }
}
