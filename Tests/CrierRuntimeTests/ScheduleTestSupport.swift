import CrierCore
import CrierStore
import CrierTemplates
import Foundation

@testable import CrierRuntime

/// Builds installations for scheduler tests: the shipped templates, an in-memory outbox and a manual clock.
enum ScheduleTestSupport {
    /// The repository root, found from this file.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The invalid schedule files, one per problem.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/schedules")

    static let london = TimeZone(identifier: "Europe/London") ?? .current

    /// A configuration using the shipped templates and schedules, one public webhook endpoint.
    static func configuration(misfireGrace: String = "1h", format: String = "json") throws -> CrierConfiguration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("crier-schedule-tests.yml")
        return try ConfigurationLoader.parse(
            """
            timezone: Europe/London
            templates: \(root.appendingPathComponent("templates").path)
            schedules: \(root.appendingPathComponent("schedules").path)
            endpoints:
              - { id: partner, kind: webhook, url: "https://partner.example.org/hook", areas: [city], topics: [all], format: \(format) }
            quiet_hours: { start: "21:00", end: "08:00" }
            misfire_grace: \(misfireGrace)
            """, file: file)
    }

    /// The shipped templates.
    static func library() throws -> TemplateLibrary {
        try CrierSystem.loadTemplates(for: try configuration())
    }

    /// An installation on a fresh in-memory outbox, with its clock at `start`.
    static func system(
        at start: Date, misfireGrace: String = "1h", format: String = "json"
    ) throws -> (CrierSystem, ManualClock) {
        let clock = ManualClock(start)
        let system = CrierSystem(
            configuration: try configuration(misfireGrace: misfireGrace, format: format),
            outbox: try SQLiteOutbox.inMemory(),
            clock: clock)
        return (system, clock)
    }

    /// A schedule from YAML text, named `id`.
    static func schedule(_ id: String, _ yaml: String) throws -> Schedule {
        try ScheduleLoader.parse(
            yaml, file: "schedules/\(id).yml", configuration: try configuration(), library: try library())
    }

    /// A scheduler over `schedules` on `system`.
    static func scheduler(_ system: CrierSystem, _ schedules: [Schedule]) throws -> Scheduler {
        system.makeScheduler(catalog: ScheduleCatalog(schedules: schedules), library: try library())
    }

    /// A UTC instant from `2026-03-29T01:00:00Z`.
    static func utc(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text) ?? Date(timeIntervalSince1970: 0)
    }

    /// Moves `clock` from its time to `end` in `step` seconds, ticking `scheduler` at each step.
    static func drive(_ scheduler: Scheduler, _ clock: ManualClock, to end: Date, step: TimeInterval) async
        -> [SchedulerTick]
    {
        var ticks: [SchedulerTick] = []
        while clock.now() <= end {
            ticks.append(await scheduler.tick())
            clock.advance(by: step)
        }
        return ticks
    }

    /// The UTC instants at which `schedule`'s messages were composed, with their slot keys, oldest first.
    static func firings(_ system: CrierSystem, schedule: String) throws -> [(key: String, at: String)] {
        let slots = try system.outbox.slots(outcome: .fired).filter { $0.scheduleID == schedule }
        return try slots.compactMap { slot in
            guard let id = slot.messageID, let message = try system.outbox.message(id: id) else { return nil }
            return (slot.slotKey, ISO8601DateFormatter().string(from: message.createdAt))
        }.sorted { $0.at < $1.at }
    }
}
