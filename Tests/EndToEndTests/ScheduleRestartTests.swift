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

    /// An installation whose schedules all have one slot due ten minutes ago (inside the grace), and
    /// which crier first saw an hour ago (a one-off that had passed before crier saw it would not fire).
    static func makeInstallation() throws -> InstallationFolder {
        let site = try InstallationFolder(
            prefix: "crier-restart",
            """
            timezone: Europe/London
            quiet_hours: { start: "00:00", end: "00:00" }
            misfire_grace: 1h
            """)
        let schedules = site.schedules
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
        try FileManager.default.createDirectory(
            at: site.directory.appendingPathComponent("var"), withIntermediateDirectories: true)
        let outbox = try SQLiteOutbox(path: site.databasePath)
        for index in 0..<slotCount {
            _ = try outbox.sightSchedule("campaign-\(index)", enabled: true, at: Date().addingTimeInterval(-3_600))
        }
        return site
    }

    /// Starts `crier run` on `site`, logging only errors.
    static func start(_ site: InstallationFolder, untilIdle: Bool) throws -> RunningCrier {
        try site.crier.start(["run", "--log-level", "error"] + (untilIdle ? ["--until-idle"] : []))
    }

    @Test("SIGKILL at random moments, then restart: exactly one message per slot")
    func killAndRestart() async throws {
        try #require(CrierBinary.isBuilt, "build crier first: swift build --build-tests")
        let site = try Self.makeInstallation()
        defer { site.remove() }

        for round in 0..<8 {
            let child = try Self.start(site, untilIdle: round % 2 == 0)
            try await Task.sleep(for: .milliseconds(Int.random(in: 20...400)))
            if child.isRunning { kill(child.processIdentifier, SIGKILL) }
            #expect(await child.exited(within: 60))
        }
        let last = try await Self.start(site, untilIdle: true).result()
        #expect(last.status == 0, "\(last.stderr)")

        let outbox = try SQLiteOutbox(path: site.databasePath)
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
