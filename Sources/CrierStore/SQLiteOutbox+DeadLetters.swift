import CrierCore
public import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// Puts one dead delivery back to pending, due at `now` with its attempts reset, and audits it.
    ///
    /// False if there is no such dead delivery, or its endpoint is disabled (enable it first).
    public func retryDelivery(id: Int64, now: Date) throws -> Bool {
        try write("retry delivery \(id)") { db in
            try db.execute(
                sql: """
                    UPDATE deliveries
                    SET state = 'pending', attempts = 0, claims_without_outcome = 0, next_attempt_at = :now,
                        last_error = NULL, updated_at = :now
                    WHERE id = :id AND state = 'dead' AND \(Self.endpointEnabled)
                    """,
                arguments: ["id": id, "now": now.unixSeconds])
            guard db.changesCount > 0 else { return false }
            try insertAudit(
                AuditEntry(at: now, actor: "operator", action: "delivery.retry", subject: String(id)), db)
            return true
        }
    }

    /// Puts every dead delivery (except those of disabled endpoints) back to pending; returns how many.
    public func retryAllDead(now: Date) throws -> Int {
        try write("retry all dead deliveries") { db in
            try db.execute(
                sql: """
                    UPDATE deliveries
                    SET state = 'pending', attempts = 0, claims_without_outcome = 0, next_attempt_at = :now,
                        last_error = NULL, updated_at = :now
                    WHERE state = 'dead' AND \(Self.endpointEnabled)
                    """,
                arguments: ["now": now.unixSeconds])
            let count = db.changesCount
            if count > 0 {
                try insertAudit(
                    AuditEntry(
                        at: now, actor: "operator", action: "delivery.retry-all", subject: "dead",
                        detail: "\(count) deliveries"), db)
            }
            return count
        }
    }
}
