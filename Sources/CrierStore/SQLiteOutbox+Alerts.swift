public import CrierCore
public import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// A message's deliveries in any of `states`, oldest first (all of them when `states` is empty).
    public func deliveries(messageID: String, states: Set<DeliveryState> = []) throws -> [DeliveryRecord] {
        try read("list deliveries of \(messageID)") { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM deliveries WHERE message_id = ? ORDER BY id", arguments: [messageID])
            return try rows.map(deliveryRecord).filter { states.isEmpty || states.contains($0.state) }
        }
    }

    /// How many of a message's deliveries are in each state, per channel (absent when none).
    public func deliveryCountsByChannel(messageID: String) throws -> [Channel: [DeliveryState: Int]] {
        try read("count deliveries of \(messageID)") { db in
            var counts: [Channel: [DeliveryState: Int]] = [:]
            for row in try Row.fetchAll(
                db,
                sql:
                    "SELECT channel, state, COUNT(*) AS n FROM deliveries WHERE message_id = ? GROUP BY channel, state",
                arguments: [messageID])
            {
                let channel = try decode(Channel.self, row, "channel", table: "deliveries")
                let state = try decode(DeliveryState.self, row, "state", table: "deliveries")
                counts[channel, default: [:]][state] = row["n"]
            }
            return counts
        }
    }

    /// When a message's first and last deliveries were accepted, if any were.
    public func deliveredSpan(messageID: String) throws -> (first: Date, last: Date)? {
        try read("time deliveries of \(messageID)") { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT MIN(delivered_at) AS first, MAX(delivered_at) AS last FROM deliveries
                        WHERE message_id = ? AND state = 'delivered'
                        """,
                    arguments: [messageID]),
                let first: Double = row["first"], let last: Double = row["last"]
            else { return nil }
            return (Date(unixSeconds: first), Date(unixSeconds: last))
        }
    }

    /// Urgent messages (operator alerts, updates, cancellations), newest first.
    public func urgentMessages(limit: Int) throws -> [MessageRecord] {
        try read("list alerts") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM messages WHERE priority = ? ORDER BY created_at DESC, id DESC LIMIT ?",
                arguments: [Priority.urgent.rawValue, limit]
            ).map(messageRecord)
        }
    }

    /// Messages that update or cancel `messageID`, oldest first.
    public func messages(referencing messageID: String) throws -> [MessageRecord] {
        try read("list messages referencing \(messageID)") { db in
            try Row.fetchAll(
                db, sql: #"SELECT * FROM messages WHERE "references" = ? ORDER BY created_at, id"#,
                arguments: [messageID]
            ).map(messageRecord)
        }
    }

    /// The audit lines about `subject`, oldest first.
    public func audit(subject: String) throws -> [AuditEntry] {
        try read("read the audit log of \(subject)") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM audit_log WHERE subject = ? ORDER BY at, id", arguments: [subject]
            ).map(auditEntry)
        }
    }
}
