import CrierCore
import Foundation
import Testing

@testable import CrierRuntime

private typealias Support = ScheduleTestSupport

/// The scheduler's event counters and its reload seam, on a manual clock.
@Suite struct SchedulerMetricsAndReloadTests {
    /// The value of `crier_scheduler_slots_total{outcome=...}` in `/metrics` (0 before any).
    static func slots(_ outcome: String, _ system: CrierSystem) async -> Double {
        let text = await SystemMetrics(system: system).exposition()
        let prefix = "crier_scheduler_slots_total{outcome=\"\(outcome)\"} "
        return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count)) }
            ?? 0
    }

    @Test("a slot held by quiet hours counts as fired and held; slots past the grace count as missed")
    func countsSlots() async throws {
        CrierSystem.bootstrapMetrics()
        let (system, clock) = try Support.system(at: Support.utc("2026-06-10T12:00:00Z"))
        let late = try Support.schedule(
            "late", "template: night-time-safety\nareas: [city]\ncron: \"0 22 * * *\"\nvars: { occasion: \"TEST\" }")
        let scheduler = try Support.scheduler(system, [late])
        // Other suites may count slots at the same time in this process: compare differences, at least.
        let (fired, held, missed) = (
            await Self.slots("fired", system), await Self.slots("held", system), await Self.slots("missed", system)
        )
        _ = await Support.drive(scheduler, clock, to: Support.utc("2026-06-11T12:00:00Z"), step: 600)
        #expect(await Self.slots("fired", system) - fired >= 1)
        #expect(await Self.slots("held", system) - held >= 1)

        clock.set(Support.utc("2026-06-15T12:00:00Z"))  // three days of slots past the one-hour grace
        let report = await scheduler.tick()
        #expect(report.missed.count >= 3)
        #expect(await Self.slots("missed", system) - missed >= Double(report.missed.count))
    }

    @Test("replaced inputs take effect at the next pass, whole")
    func replacesInputsBetweenPasses() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-06-10T09:00:00Z"))
        let morning = try Support.schedule(
            "morning", "template: night-time-safety\nareas: [city]\ncron: \"30 10 * * *\"\nvars: { occasion: \"TEST\" }"
        )
        let noon = try Support.schedule(
            "noon", "template: night-time-safety\nareas: [city]\ncron: \"0 12 * * *\"\nvars: { occasion: \"TEST\" }")
        let scheduler = try Support.scheduler(system, [morning])
        _ = await scheduler.tick()
        scheduler.replaceInputs(
            system.schedulerInputs(
                catalog: ScheduleCatalog(schedules: [morning, noon]), library: try Support.library(),
                configuration: system.configuration))
        #expect(scheduler.catalog.schedules.map(\.id) == ["morning"], "not before the next pass")
        _ = await Support.drive(scheduler, clock, to: Support.utc("2026-06-10T11:30:00Z"), step: 600)
        #expect(scheduler.catalog.schedules.map(\.id) == ["morning", "noon"])
        #expect(try Support.firings(system, schedule: "morning").count == 1)
        #expect(try Support.firings(system, schedule: "noon").count == 1)
    }
}
