public import CrierCore
public import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// The condition for a delivery that is due: pending and its time has come, or leased by a
    /// process whose lease ran out (it was killed); never one for a disabled endpoint.
    private static let dueCondition = """
        ((state = 'pending' AND next_attempt_at <= :now) OR (state = 'leased' AND lease_until < :now))
        AND \(endpointEnabled)
        """

    /// Routes with due deliveries, and how many each has.
    public func dueRoutes(now: Date) async throws -> [String: Int] {
        try await read("list due routes") { db in
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
    /// first, then the longest waiting, then the oldest row.
    ///
    /// Each claim takes the next claim number (`claims`); answered attempts are counted only when a
    /// result is recorded. Taking over a lease that ran out counts one claim without an outcome (its
    /// process died or stalled); a delivery that reaches `RetryPolicy.maximumClaimsWithoutOutcome`
    /// of those in a row becomes a poison dead letter instead of being sent again. A lease `owner`
    /// itself let run out is never taken over by `owner`: it may still be sending it. The
    /// idempotency key is never changed, so a reclaimed delivery is recognisable downstream.
    public func claim(route: String, limit: Int, now: Date, lease: TimeInterval, owner: String) async throws
        -> [DeliveryRecord]
    {
        guard limit > 0 else { return [] }
        return try await write("claim deliveries of route \(route)") { db in
            try killPoisoned(db, route: route, now: now, owner: owner)
            // Each branch walks the (state, route, priority, next_attempt_at) index in claim order.
            // A cached statement: claims run many times a second while a big send drains.
            // SET expressions read the row as it was: `state = 'leased'` means a lease ran out.
            let statement = try db.cachedStatement(
                sql: """
                    UPDATE deliveries
                    SET state = 'leased', lease_owner = :owner, lease_until = :until, claims = claims + 1,
                        claims_without_outcome = claims_without_outcome + (state = 'leased'), updated_at = :now
                    WHERE id IN (
                        SELECT id FROM (
                            SELECT id, priority, next_attempt_at FROM (
                                SELECT id, priority, next_attempt_at FROM deliveries
                                WHERE state = 'pending' AND route = :route AND next_attempt_at <= :now
                                  AND \(Self.endpointEnabled)
                                ORDER BY priority, next_attempt_at, id LIMIT :limit)
                            UNION ALL
                            SELECT id, priority, next_attempt_at FROM (
                                SELECT id, priority, next_attempt_at FROM deliveries
                                WHERE state = 'leased' AND route = :route AND lease_until < :now
                                  AND lease_owner IS NOT :owner
                                  AND \(Self.endpointEnabled)
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

    /// Makes dead letters of `route`'s run-out leases that would be the last claim without an outcome
    /// allowed: a delivery whose every claim kills its process must not take the next one down too.
    private func killPoisoned(_ db: Database, route: String, now: Date, owner: String) throws {
        let poisoned = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, claims_without_outcome FROM deliveries
                    WHERE state = 'leased' AND route = :route AND lease_until < :now AND lease_owner IS NOT :owner
                      AND claims_without_outcome + 1 >= :limit
                    """),
            arguments: [
                "route": route, "now": now.unixSeconds, "owner": owner,
                "limit": RetryPolicy.maximumClaimsWithoutOutcome,
            ])
        for row in poisoned {
            let lost: Int = row["claims_without_outcome"] + 1
            try db.cachedStatement(
                sql: """
                    UPDATE deliveries
                    SET state = 'dead', lease_owner = NULL, lease_until = NULL, claims_without_outcome = :lost,
                        last_error = :reason, updated_at = :now
                    WHERE id = :id
                    """
            ).execute(arguments: [
                "id": row["id"] as Int64, "lost": lost, "reason": RetryPolicy.poisonReason(claims: lost),
                "now": now.unixSeconds,
            ])
        }
    }

    /// Pushes back the end of every lease `owner` still holds to `now + lease`, while their
    /// transfers are in flight; returns how many it renewed. A lease someone else has taken over
    /// since is not touched.
    @discardableResult
    public func renewLeases(owner: String, now: Date, lease: TimeInterval) async throws -> Int {
        try await write("renew leases of \(owner)") { db in
            try db.cachedStatement(
                sql: """
                    UPDATE deliveries SET lease_until = :until
                    WHERE state = 'leased' AND lease_owner = :owner
                    """
            ).execute(arguments: ["owner": owner, "until": now.addingTimeInterval(lease).unixSeconds])
            return db.changesCount
        }
    }

    /// Gives back every lease `owner` holds: the deliveries are pending and due at `now`. No answered
    /// attempt is counted (none was recorded); the claim number stays, so fencing holds.
    public func releaseLeases(owner: String, now: Date) async throws {
        try await write("release leases of \(owner)") { db in
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
