public import CrierCore
public import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// The condition for a delivery that is due: pending and its time has come, or leased by a
    /// process whose lease ran out (it was killed); never one for a disabled endpoint.
    private static let dueCondition = """
        ((state = 'pending' AND next_attempt_at <= :now) OR (state = 'leased' AND lease_until < :now))
        AND (endpoint_id IS NULL OR endpoint_id NOT IN (SELECT endpoint_id FROM disabled_endpoints))
        """

    /// Routes with due deliveries, and how many each has.
    public func dueRoutes(now: Date) throws -> [String: Int] {
        try read("list due routes") { db in
            var routes: [String: Int] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT route, COUNT(*) AS n FROM deliveries WHERE \(Self.dueCondition) GROUP BY route",
                arguments: ["now": now.unixSeconds])
            while let row = try rows.next() {
                routes[row["route"]] = row["n"]
            }
            return routes
        }
    }

    /// Leases up to `limit` due deliveries of `route` to `owner` in one write transaction: urgent
    /// first, then the longest waiting, then the oldest row. Each claim counts one attempt; the
    /// idempotency key is never changed, so a reclaimed delivery is recognisable downstream.
    public func claim(route: String, limit: Int, now: Date, lease: TimeInterval, owner: String) throws
        -> [DeliveryRecord]
    {
        guard limit > 0 else { return [] }
        return try write("claim deliveries of route \(route)") { db in
            // Each branch walks the (state, route, priority, next_attempt_at) index in claim order.
            // A cached statement: claims run many times a second while a big send drains.
            let statement = try db.cachedStatement(
                sql: """
                    UPDATE deliveries
                    SET state = 'leased', lease_owner = :owner, lease_until = :until,
                        attempts = attempts + 1, updated_at = :now
                    WHERE id IN (
                        SELECT id FROM (
                            SELECT id, priority, next_attempt_at FROM (
                                SELECT id, priority, next_attempt_at FROM deliveries
                                WHERE state = 'pending' AND route = :route AND next_attempt_at <= :now
                                  AND (endpoint_id IS NULL
                                       OR endpoint_id NOT IN (SELECT endpoint_id FROM disabled_endpoints))
                                ORDER BY priority, next_attempt_at, id LIMIT :limit)
                            UNION ALL
                            SELECT id, priority, next_attempt_at FROM (
                                SELECT id, priority, next_attempt_at FROM deliveries
                                WHERE state = 'leased' AND route = :route AND lease_until < :now
                                  AND (endpoint_id IS NULL
                                       OR endpoint_id NOT IN (SELECT endpoint_id FROM disabled_endpoints))
                                ORDER BY priority, next_attempt_at, id LIMIT :limit)
                            ORDER BY priority, next_attempt_at, id LIMIT :limit))
                    RETURNING *
                    """)
            let rows = try Row.fetchAll(
                statement,
                arguments: [
                    "owner": owner, "until": now.addingTimeInterval(lease).unixSeconds, "now": now.unixSeconds,
                    "route": route, "limit": limit,
                ])
            // RETURNING gives rows in no promised order: restore the claim order.
            return try rows.map(deliveryRecord).sorted {
                ($0.priority.rawValue, $0.nextAttemptAt, $0.id) < ($1.priority.rawValue, $1.nextAttemptAt, $1.id)
            }
        }
    }

    /// Gives back every lease `owner` holds: the deliveries are pending and due at `now`. The attempt
    /// each claim counted stays counted (it may have reached the endpoint).
    public func releaseLeases(owner: String, now: Date) throws {
        try write("release leases of \(owner)") { db in
            try db.execute(
                sql: """
                    UPDATE deliveries
                    SET state = 'pending', lease_owner = NULL, lease_until = NULL, next_attempt_at = :now,
                        updated_at = :now
                    WHERE state = 'leased' AND lease_owner = :owner
                    """,
                arguments: ["owner": owner, "now": now.unixSeconds])
            try killDeliveriesOfDisabledEndpoints(db, now: now)
        }
    }
}
