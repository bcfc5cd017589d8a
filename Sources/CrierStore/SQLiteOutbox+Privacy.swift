public import CrierCore
public import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// Which deliveries went (or were to go) to a person: by subscriber id, or by address for email.
    private static let personsDeliveries = """
        (subscriber_id = :id OR (channel = 'email' AND destination = :email COLLATE NOCASE))
        """

    /// Erases a person: deletes their subscriber row, withdraws what was still to be sent to them,
    /// and leaves in every delivery only a SHA-256 hash of the address (name and token removed).
    /// False if the outbox held nothing about the address. `audit`, when given, is appended in the
    /// same transaction, so the erasure and the operator's line about it commit together.
    @discardableResult
    public func forgetSubscriber(email: String, now: Date, audit: AuditEntry? = nil) throws -> Bool {
        try write("forget a subscriber") { db in
            let row = try Row.fetchOne(db, sql: "SELECT id, email FROM subscribers WHERE email = ?", arguments: [email])
            let id: Int64? = row?["id"]
            let storedEmail: String = row?["email"] ?? email
            let hash = Self.addressHash(storedEmail)
            let arguments: StatementArguments = [
                "id": id, "email": storedEmail, "hash": hash, "given": email, "now": now.unixSeconds,
            ]
            let scrub = "replace(replace(%@, :email, :hash), :given, :hash)"
            try db.execute(
                sql: """
                    UPDATE attempts SET detail = \(String(format: scrub, "detail"))
                    WHERE delivery_id IN (SELECT id FROM deliveries WHERE \(Self.personsDeliveries))
                    """,
                arguments: arguments)
            // OR REPLACE: two rows of one message differing only in the address's case collapse to one.
            try db.execute(
                sql: """
                    UPDATE OR REPLACE deliveries
                    SET state = CASE WHEN state IN ('pending', 'leased') THEN 'withdrawn' ELSE state END,
                        destination = :hash, recipient_name = NULL, unsubscribe_token = NULL, subscriber_id = NULL,
                        lease_owner = NULL, lease_until = NULL,
                        last_error = \(String(format: scrub, "last_error")), updated_at = :now
                    WHERE \(Self.personsDeliveries)
                    """,
                arguments: arguments)
            let deliveriesScrubbed = db.changesCount
            try db.execute(
                sql: """
                    UPDATE audit_log SET subject = \(String(format: scrub, "subject")),
                        detail = \(String(format: scrub, "detail"))
                    """,
                arguments: arguments)
            var deleted = false
            if let id {
                try db.execute(sql: "DELETE FROM subscribers WHERE id = ?", arguments: [id])
                deleted = true
            }
            let signupsErased = try Self.eraseSignupsAndBounces(db, email: storedEmail, given: email)
            guard deleted || deliveriesScrubbed > 0 || signupsErased else { return false }
            try Self.suppress(db, email: storedEmail, reason: .forgotten, at: now)
            try insertAudit(
                AuditEntry(
                    at: now, actor: "operator", action: "subscriber.forget", subject: hash,
                    detail: "\(deliveriesScrubbed) deliveries kept with the address hashed"), db)
            if let audit { try insertAudit(audit, db) }
            return true
        }
    }

    /// Copies the write-ahead log into the database file and empties it, so that page versions
    /// written before a `forgetSubscriber` (which still hold the address) leave the disk. It waits
    /// for other processes' reads like any write, and fails if they keep the log busy.
    public func truncateWriteAheadLog() throws {
        guard dbWriter is DatabasePool else { return }  // in memory: no log
        do {
            // TRUNCATE fails with SQLITE_BUSY unless every page was copied and the log emptied.
            try dbWriter.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        } catch {
            throw OutboxStoreError.databaseFailed(
                path: path, operation: "empty the write-ahead log", reason: Self.describe(error))
        }
    }

    /// Everything the outbox holds about a person (subject access): their subscriber row, and
    /// every delivery to them with its attempts. Nil if it holds nothing.
    public func exportSubscriber(email: String) throws -> SubscriberExport? {
        try read("export a subscriber") { db in
            let person = try Row.fetchOne(db, sql: "SELECT * FROM subscribers WHERE email = ?", arguments: [email])
                .map(subscriber)
            let arguments: StatementArguments = ["id": person?.id, "email": person?.email ?? email]
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM deliveries WHERE \(Self.personsDeliveries) ORDER BY id", arguments: arguments)
            var deliveries: [DeliveryRecordExport] = []
            for row in rows {
                let record = try deliveryRecord(row)
                let attempts = try Row.fetchAll(
                    db, sql: "SELECT * FROM attempts WHERE delivery_id = ? ORDER BY attempt, id", arguments: [record.id]
                ).map(attemptLogEntry)
                deliveries.append(
                    DeliveryRecordExport(
                        id: record.id, messageID: record.messageID, channel: record.channel.rawValue,
                        destination: record.destination, state: record.state.rawValue, createdAt: record.createdAt,
                        updatedAt: record.updatedAt, attempts: attempts))
            }
            if person == nil && deliveries.isEmpty { return nil }
            return SubscriberExport(subscriber: person, deliveries: deliveries)
        }
    }
}
