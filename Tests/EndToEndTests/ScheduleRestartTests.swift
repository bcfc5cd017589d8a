import CrierCore
import CrierStore
import CrierTestSupport
import Foundation
import Testing

/// A real `crier run` killed with SIGKILL at random moments while it fires many due slots, then
/// restarted: every slot ends up with exactly one message, none lost, none doubled.
@Suite("schedule restarts")
struct ScheduleRestartTests {
    static let slotCount = 60

    /// The built command line (`swift build --build-tests` builds it).
    static var binary: URL { TestPaths.repositoryRoot.appendingPathComponent(".build/debug/crier") }

    /// An installation whose schedules all have one slot due ten minutes ago (inside the grace), and
    /// which crier first saw an hour ago (a one-off that had passed before crier saw it would not fire).
    static func makeInstallation() throws -> URL {
        let folder = try TestPaths.makeTemporaryDirectory(prefix: "crier-restart")
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
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        let due = formatter.string(from: Date().addingTimeInterval(-600))
        for index in 0..<slotCount {
            try """
            template: night-time-safety
            areas: [city]
            at: \(due)
            vars: { occasion: "rehearsal night \(index)" }
            """.write(to: schedules.appendingPathComponent("campaign-\(index).yml"), atomically: true, encoding: .utf8)
        }
        let variables = folder.appendingPathComponent("var")
        try FileManager.default.createDirectory(at: variables, withIntermediateDirectories: true)
        let outbox = try SQLiteOutbox(path: variables.appendingPathComponent("crier.sqlite").path)
        for index in 0..<slotCount {
            _ = try outbox.sightSchedule("campaign-\(index)", enabled: true, at: Date().addingTimeInterval(-3_600))
        }
        return config
    }

    /// Starts `crier run` on `config`.
    static func start(_ config: URL, untilIdle: Bool) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments =
            ["run", "--config", config.path, "--log-level", "error"] + (untilIdle ? ["--until-idle"] : [])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("SIGKILL at random moments, then restart: exactly one message per slot")
    func killAndRestart() async throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.binary.path),
            "build crier first: swift build --build-tests")
        let config = try Self.makeInstallation()
        defer { try? FileManager.default.removeItem(at: config.deletingLastPathComponent()) }

        for round in 0..<8 {
            let child = try Self.start(config, untilIdle: round % 2 == 0)
            try await Task.sleep(for: .milliseconds(Int.random(in: 20...400)))
            if child.isRunning { kill(child.processIdentifier, SIGKILL) }
            child.waitUntilExit()
        }
        let last = try Self.start(config, untilIdle: true)
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)

        let outbox = try SQLiteOutbox(
            path: config.deletingLastPathComponent().appendingPathComponent("var/crier.sqlite").path)
        let slots = try outbox.slots(outcome: nil)
        #expect(slots.count == Self.slotCount)
        #expect(slots.allSatisfy { $0.outcome == .fired && $0.messageID != nil })
        #expect(Set(slots.map(\.scheduleID)).count == Self.slotCount)
        let messages = try outbox.messages(limit: 10 * Self.slotCount)
        #expect(messages.count == Self.slotCount)
        #expect(Set(messages.map(\.id)) == Set(slots.compactMap(\.messageID)))
        #expect(Set(messages.map(\.proposedBy)).count == Self.slotCount)
    }
}
