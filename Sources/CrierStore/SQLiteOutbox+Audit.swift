public import CrierCore
public import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// Appends a line to the audit log.
    public func appendAudit(_ entry: AuditEntry) throws {
        try write("append to the audit log") { db in try insertAudit(entry, db) }
    }

    /// The audit log since `since` (all of it when nil), oldest first.
    public func audit(since: Date?) throws -> [AuditEntry] {
        try read("read the audit log") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM audit_log WHERE at >= ? ORDER BY at, id",
                arguments: [since?.unixSeconds ?? -Double.greatestFiniteMagnitude]
            ).map(auditEntry)
        }
    }

    func insertAudit(_ entry: AuditEntry, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO audit_log (at, actor, action, subject, detail, os_user) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                entry.at.unixSeconds, entry.actor, entry.action, entry.subject, entry.detail,
                entry.osUser ?? Self.processUser,
            ])
    }

    /// This process's operating-system account, read once.
    static let processUser = ProcessUser.current()
}
