import CrierCore
import CrierStore
import CrierTestSupport
import Foundation
import Testing

/// `crier run` on schedules it has never seen: nothing from before it saw them fires or is recorded
/// missed; a one-off whose time had passed is logged and shown by `crier status`.
@Suite("schedule first sighting, end to end")
struct ScheduleFirstSightingEndToEndTests {
    @Test("a new daily schedule whose time passed ten minutes ago waits for tomorrow; a passed one-off is reported")
    func newSchedulesStartNow() async throws {
        try #require(CrierBinary.isBuilt, "build crier first: swift build --build-tests")
        let site = try InstallationFolder(
            prefix: "crier-first-sighting",
            """
            timezone: Europe/London
            quiet_hours: { start: "00:00", end: "00:00" }
            misfire_grace: 1h
            """)
        defer { site.remove() }
        let schedules = site.schedules
        let london = TimeZone(identifier: "Europe/London") ?? .gmt
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = london
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        let tenMinutesAgo = Date().addingTimeInterval(-600)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = london
        let parts = calendar.dateComponents([.hour, .minute], from: tenMinutesAgo)
        try """
        template: night-time-safety
        areas: [city]
        cron: "\(parts.minute ?? 0) \(parts.hour ?? 0) * * *"
        vars: { occasion: "a night out" }
        """.write(to: schedules.appendingPathComponent("daily.yml"), atomically: true, encoding: .utf8)
        try """
        template: night-time-safety
        areas: [city]
        at: \(formatter.string(from: tenMinutesAgo))
        vars: { occasion: "a night out" }
        """.write(to: schedules.appendingPathComponent("once.yml"), atomically: true, encoding: .utf8)

        let crier = site.crier
        let run = try await crier.run(["run", "--until-idle"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("one-off schedule not sent"), "\(run.stderr)")
        let again = try await crier.run(["run", "--until-idle"])
        #expect(!again.stderr.contains("one-off schedule not sent"), "\(again.stderr)")

        let outbox = try SQLiteOutbox(path: site.databasePath)
        #expect(try outbox.messages(limit: 10).isEmpty)
        #expect(try outbox.slots(outcome: .missed).isEmpty)
        #expect(try outbox.slots(outcome: .passedBeforeEnabled).map(\.scheduleID) == ["once"])
        #expect(Set(try outbox.scheduleSightings().keys) == ["daily", "once"])

        let status = try await crier.run(["status"])
        #expect(status.stdout.contains("one-offs not sent"), "\(status.stdout)")
        #expect(status.stdout.contains("  once"), "\(status.stdout)")
    }
}
