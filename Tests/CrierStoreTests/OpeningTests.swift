import CrierCore
import CrierStore
import Foundation
import Testing

@Suite struct OpeningTests {
    @Test func freshFileGetsEveryMigrationInOrder() throws {
        let folder = try TemporaryFolder()
        let outbox = try SQLiteOutbox(path: folder.databasePath)
        #expect(
            try outbox.appliedMigrations() == [
                "v1-outbox", "v2-subscribers", "v3-schedule-slots", "v4-drop-subscribers-area-index",
                "v5-message-lifecycle",
                "v6-schedule-sightings", "v7-message-cap-classification", "v8-fault-claim-counts",
                "v9-input-audit-os-user", "v10-subscriber-token-hash",
                "v11-suppressions",
                "v12-signups",
                "v13-bounces", "v15-bulletin-items",
            ])
        #expect(try outbox.integrityCheck() == "ok")
        // Reopening applies nothing twice.
        let again = try SQLiteOutbox(path: folder.databasePath)
        #expect(try again.appliedMigrations().count == 14)
    }

    @Test func fileAndCompanionsAreOwnerOnly() throws {
        let folder = try TemporaryFolder()
        let outbox = try SQLiteOutbox(path: folder.databasePath)
        try outbox.appendAudit(AuditEntry(at: Fixture.t0, actor: "test", action: "open", subject: "db"))
        for suffix in ["", "-wal", "-shm"] {
            let path = folder.databasePath + suffix
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let mode = try #require(attributes[.posixPermissions] as? NSNumber).intValue
            #expect(mode == 0o600, "\(suffix.isEmpty ? "database" : suffix) mode is \(String(mode, radix: 8))")
        }
    }

    @Test func unwritableLocationNamesThePath() throws {
        let folder = try TemporaryFolder()
        let blocker = folder.url.appendingPathComponent("file")
        try Data().write(to: blocker)
        let path = blocker.appendingPathComponent("crier.sqlite").path
        #expect {
            try SQLiteOutbox(path: path)
        } throws: { error in
            String(describing: error).contains(path)
        }
    }

    @Test func inMemoryOutboxWorks() throws {
        let outbox = try SQLiteOutbox.inMemory()
        #expect(try outbox.summary(now: Fixture.t0).byState["pending"] == 0)
    }
}
