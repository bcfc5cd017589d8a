public import CrierCore
import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// One message by id.
    public func message(id: String) throws -> MessageRecord? {
        try read("read message \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM messages WHERE id = ?", arguments: [id]).map(messageRecord)
        }
    }

    /// Messages, newest first, for `history`: alerts only, not notices (sign-up confirmations).
    public func messages(limit: Int) throws -> [MessageRecord] {
        try read("list messages") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM messages WHERE id NOT IN (SELECT message_id FROM notices)
                    ORDER BY created_at DESC, id DESC LIMIT ?
                    """, arguments: [limit]
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
}
