public import CrierCore
public import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// The rendition a delivery uses.
    public func rendition(messageID: String, channel: Channel, locale: String) async throws -> Rendition? {
        try await read("read rendition \(messageID)/\(channel.rawValue)/\(locale)") { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM renditions WHERE message_id = ? AND channel = ? AND locale = ?",
                arguments: [messageID, channel.rawValue, locale]
            ).map(rendition)
        }
    }

    /// Every rendition of a message, for previews, CAP and the archive.
    public func renditions(messageID: String) throws -> [Rendition] {
        try read("read renditions of \(messageID)") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM renditions WHERE message_id = ? ORDER BY channel, locale",
                arguments: [messageID]
            ).map(rendition)
        }
    }

    /// One delivery by id, for `deliveries list` and tests.
    public func delivery(id: Int64) throws -> DeliveryRecord? {
        try read("read delivery \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM deliveries WHERE id = ?", arguments: [id]).map(deliveryRecord)
        }
    }

    /// Deliveries, newest first, optionally only those in `state`.
    public func deliveries(state: DeliveryState?, limit: Int) throws -> [DeliveryRecord] {
        try read("list deliveries") { db in
            let rows: [Row]
            if let state {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM deliveries WHERE state = ? ORDER BY id DESC LIMIT ?",
                    arguments: [state.rawValue, limit])
            } else {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM deliveries ORDER BY id DESC LIMIT ?", arguments: [limit])
            }
            return try rows.map(deliveryRecord)
        }
    }

    /// The attempts made for one delivery, first first: what each endpoint answered, and when.
    public func attempts(deliveryID: Int64) throws -> [AttemptLogEntry] {
        try read("list attempts of delivery \(deliveryID)") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM attempts WHERE delivery_id = ? ORDER BY attempt, id", arguments: [deliveryID]
            ).map(attemptLogEntry)
        }
    }

    func attemptLogEntry(_ row: Row) -> AttemptLogEntry {
        AttemptLogEntry(
            deliveryID: row["delivery_id"], attempt: row["attempt"],
            startedAt: Date(unixSeconds: row["started_at"]), finishedAt: Date(unixSeconds: row["finished_at"]),
            outcome: row["outcome"], detail: row["detail"])
    }

    /// Counts for `crier status`: every state (zero included), the oldest waiting delivery's age,
    /// and the disabled endpoints.
    public func summary(now: Date) throws -> OutboxSummary {
        try read("summarise the outbox") { db in
            var byState = Dictionary(uniqueKeysWithValues: DeliveryState.allCases.map { ($0.rawValue, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state") {
                byState[row["state"]] = row["n"]
            }
            let oldest = try Double.fetchOne(
                db,
                sql: """
                    SELECT MIN(created_at) FROM deliveries
                    WHERE state IN ('pending', 'leased') AND next_attempt_at < ?
                    """,
                arguments: [Self.heldUntil])
            var disabled: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT endpoint_id, reason FROM disabled_endpoints") {
                disabled[row["endpoint_id"]] = row["reason"]
            }
            return OutboxSummary(
                byState: byState, oldestPendingAge: oldest.map { max(0, now.unixSeconds - $0) },
                disabledEndpoints: disabled)
        }
    }

    /// Runs SQLite's `PRAGMA integrity_check`: `ok`, or the problems found.
    public func integrityCheck() throws -> String {
        try read("check integrity") { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
        }
    }
}

/// One attempt as the attempts table records it: the history behind a delivery's state.
public struct AttemptLogEntry: Sendable, Equatable, Codable {
    public var deliveryID: Int64
    public var attempt: Int
    public var startedAt: Date
    public var finishedAt: Date
    /// `delivered`, `retry`, `permanent` or `gone` (`DeliveryOutcome.kind`).
    public var outcome: String
    public var detail: String
}
