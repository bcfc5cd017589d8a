public import Foundation
internal import GRDB

/// Where one message stands once some of its deliveries have finished: what the alert timing
/// histograms (time to first and to last delivery) are observed from.
public struct MessageDeliveryProgress: Sendable, Equatable {
    /// The message's id.
    public var messageID: String
    /// When it was composed.
    public var createdAt: Date
    /// Its first delivery, if any was delivered.
    public var firstDeliveredAt: Date?
    /// Its latest delivery so far.
    public var lastDeliveredAt: Date?
    /// How many of its deliveries are delivered.
    public var delivered: Int
    /// How many are still to be sent or in flight.
    public var open: Int
    /// How many of the deliveries asked about are delivered: when it equals `delivered`, the
    /// message's first delivery was among them.
    public var deliveredAmongAsked: Int

    /// Progress from its parts.
    public init(
        messageID: String, createdAt: Date, firstDeliveredAt: Date?, lastDeliveredAt: Date?, delivered: Int, open: Int,
        deliveredAmongAsked: Int
    ) {
        self.messageID = messageID
        self.createdAt = createdAt
        self.firstDeliveredAt = firstDeliveredAt
        self.lastDeliveredAt = lastDeliveredAt
        self.delivered = delivered
        self.open = open
        self.deliveredAmongAsked = deliveredAmongAsked
    }
}

extension SQLiteOutbox {
    /// The progress of every message that one of `deliveryIDs` belongs to, in one query.
    public func deliveryProgress(ofMessagesOf deliveryIDs: [Int64]) async throws -> [MessageDeliveryProgress] {
        guard !deliveryIDs.isEmpty else { return [] }
        return try await read("read the delivery progress of \(deliveryIDs.count) deliveries' messages") { db in
            let marks = Array(repeating: "?", count: deliveryIDs.count).joined(separator: ",")
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT m.id, m.created_at, min(d.delivered_at) AS first, max(d.delivered_at) AS last,
                           sum(d.state = 'delivered') AS delivered, sum(d.state IN ('pending', 'leased')) AS open,
                           sum(d.state = 'delivered' AND d.id IN (\(marks))) AS asked
                    FROM messages m JOIN deliveries d ON d.message_id = m.id
                    WHERE m.id IN (SELECT message_id FROM deliveries WHERE id IN (\(marks)))
                    GROUP BY m.id
                    """, arguments: StatementArguments(deliveryIDs + deliveryIDs)
            ).map { row in
                MessageDeliveryProgress(
                    messageID: row["id"], createdAt: Date(unixSeconds: row["created_at"]),
                    firstDeliveredAt: (row["first"] as Double?).map(Date.init(unixSeconds:)),
                    lastDeliveredAt: (row["last"] as Double?).map(Date.init(unixSeconds:)),
                    delivered: row["delivered"], open: row["open"],
                    deliveredAmongAsked: row["asked"])
            }
        }
    }
}
