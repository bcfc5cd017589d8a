public import CrierCore
public import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// One message by id.
    public func message(id: String) throws -> MessageRecord? {
        try read("read message \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM messages WHERE id = ?", arguments: [id]).map(messageRecord)
        }
    }

    /// Messages, newest first, for `history`.
    public func messages(limit: Int) throws -> [MessageRecord] {
        try read("list messages") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM messages ORDER BY created_at DESC, id DESC LIMIT ?", arguments: [limit]
            )
            .map(messageRecord)
        }
    }

    /// How many of a message's deliveries are in each state (states with none are absent).
    public func deliveryCounts(messageID: String) throws -> [DeliveryState: Int] {
        try read("count deliveries of \(messageID)") { db in
            var counts: [DeliveryState: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT state, COUNT(*) AS n FROM deliveries WHERE message_id = ? GROUP BY state",
                arguments: [messageID])
            {
                counts[try decode(DeliveryState.self, row, "state", table: "deliveries")] = row["n"]
            }
            return counts
        }
    }

    /// Takes back a message's deliveries not yet sent (pending or leased become withdrawn); returns how many.
    ///
    /// A leased one may be on the wire: its result is still recorded as an attempt, but it stays withdrawn.
    @discardableResult
    public func withdrawPending(messageID: String, now: Date) throws -> Int {
        try write("withdraw deliveries of \(messageID)") { db in
            try db.execute(
                sql: """
                    UPDATE deliveries
                    SET state = 'withdrawn', lease_owner = NULL, lease_until = NULL, updated_at = ?
                    WHERE message_id = ? AND state IN ('pending', 'leased')
                    """,
                arguments: [now.unixSeconds, messageID])
            return db.changesCount
        }
    }

    /// Sets a message's lifecycle state (`queued`, `awaiting_approval`, `sending`, `sent`,
    /// `cancelled`, `rejected`); false if there is no such message.
    @discardableResult
    public func updateMessageState(id: String, state: String) throws -> Bool {
        try write("set the state of message \(id)") { db in
            try db.execute(sql: "UPDATE messages SET state = ? WHERE id = ?", arguments: [state, id])
            return db.changesCount > 0
        }
    }
}
