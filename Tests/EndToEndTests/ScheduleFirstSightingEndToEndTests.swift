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
    func newSchedulesStartNow() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: CrierProcess.binary.path),
            "build crier first: swift build --build-tests")
        let folder = try TestPaths.makeTemporaryDirectory(prefix: "crier-first-sighting")
        defer { try? FileManager.default.removeItem(at: folder) }
        let schedules = folder.appendingPathComponent("schedules")
        try FileManager.default.createDirectory(at: schedules, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("crier.yml")
        try """
        timezone: Europe/London
        database: var/crier.sqlite
        templates: \(TestPaths.repositoryRoot.appendingPathComponent("templates").path)
        schedules: schedules
        quiet_hours: { start: "00:00", end: "00:00" }
        misfire_grace: 1h
        """.write(to: config, atomically: true, encoding: .utf8)
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

        let crier = CrierProcess(config: config)
        let run = try crier.run(["run", "--until-idle"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("one-off schedule not sent"), "\(run.stderr)")
        let again = try crier.run(["run", "--until-idle"])
        #expect(!again.stderr.contains("one-off schedule not sent"), "\(again.stderr)")

        let outbox = try SQLiteOutbox(path: folder.appendingPathComponent("var/crier.sqlite").path)
        #expect(try outbox.messages(limit: 10).isEmpty)
        #expect(try outbox.slots(outcome: .missed).isEmpty)
        #expect(try outbox.slots(outcome: .passedBeforeEnabled).map(\.scheduleID) == ["once"])
        #expect(Set(try outbox.scheduleSightings().keys) == ["daily", "once"])

        let status = try crier.run(["status"])
        #expect(status.stdout.contains("one-offs not sent"), "\(status.stdout)")
        #expect(status.stdout.contains("  once"), "\(status.stdout)")
    }
}
