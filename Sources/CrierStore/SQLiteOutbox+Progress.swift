public import CrierCore
import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// Per channel, how message `messageID`'s deliveries stand: read-only, for following an alert.
    public func deliveryProgress(messageID: String) throws -> [DeliveryChannelProgress] {
        try read("follow deliveries of \(messageID)") { db in
            var progress: [Channel: DeliveryChannelProgress] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT channel, state, attempts > 0 AS tried, COUNT(*) AS n,
                           MIN(CASE WHEN state = 'pending' AND attempts > 0 THEN next_attempt_at END) AS next_retry
                    FROM deliveries WHERE message_id = ? GROUP BY channel, state, attempts > 0
                    """,
                arguments: [messageID])
            {
                let channel = try decode(Channel.self, row, "channel", table: "deliveries")
                let state = try decode(DeliveryState.self, row, "state", table: "deliveries")
                let count: Int = row["n"]
                let tried: Bool = row["tried"]
                var entry = progress[channel] ?? DeliveryChannelProgress(channel: channel)
                switch state {
                case .delivered: entry.delivered += count
                case .dead: entry.dead += count
                case .withdrawn: entry.withdrawn += count
                case .leased: entry.sending += count
                case .pending:
                    if tried { entry.retrying += count } else { entry.sending += count }
                }
                if let seconds: Double = row["next_retry"] {
                    let next = Date(unixSeconds: seconds)
                    entry.nextRetryAt = min(entry.nextRetryAt ?? next, next)
                }
                progress[channel] = entry
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT channel, last_error FROM deliveries
                    WHERE message_id = ? AND last_error IS NOT NULL AND state IN ('pending', 'leased', 'dead')
                    ORDER BY updated_at DESC, id DESC
                    """,
                arguments: [messageID])
            {
                let channel = try decode(Channel.self, row, "channel", table: "deliveries")
                if progress[channel]?.lastError == nil { progress[channel]?.lastError = row["last_error"] }
            }
            return progress.values.sorted { $0.channel.rawValue < $1.channel.rawValue }
        }
    }

    /// The channels and fixed endpoints message `messageID`'s deliveries go to, delivered or not.
    public func deliveryReach(messageID: String) throws -> (channels: Set<Channel>, endpointIDs: Set<String>) {
        try read("list the recipients of \(messageID)") { db in
            var channels = Set<Channel>()
            var endpoints = Set<String>()
            for row in try Row.fetchAll(
                db, sql: "SELECT DISTINCT channel, endpoint_id FROM deliveries WHERE message_id = ?",
                arguments: [messageID])
            {
                channels.insert(try decode(Channel.self, row, "channel", table: "deliveries"))
                if let endpoint: String = row["endpoint_id"] { endpoints.insert(endpoint) }
            }
            return (channels, endpoints)
        }
    }
}
