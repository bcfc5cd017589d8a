public import CrierCore
import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// Records finished attempts and applies the actions the state machine chose, in one transaction.
    ///
    /// Every attempt is recorded; only deliveries still leased by the same worker under the same
    /// claim change state, and only they count an answered attempt (`attempts + 1`, and the count of
    /// claims without an outcome starts again). A delivery withdrawn or reset meanwhile is not
    /// resurrected, and a late result from a worker whose lease was taken over (the delivery since
    /// claimed again by another worker) does not overrule the one that holds it now. A worker whose
    /// lease ran out but was not taken over still holds the delivery: its result is recorded.
    public func record(_ results: [AttemptResult]) async throws {
        guard !results.isEmpty else { return }
        try await write("record \(results.count) attempt results") { db in
            let insertAttempt = try db.cachedStatement(
                sql: """
                    INSERT INTO attempts (delivery_id, attempt, started_at, finished_at, outcome, detail)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """)
            var latest = Date.distantPast
            for result in results {
                try insertAttempt.execute(arguments: [
                    result.deliveryID, result.attempt, result.startedAt.unixSeconds, result.finishedAt.unixSeconds,
                    result.outcome.kind, result.outcome.detail,
                ])
                try apply(result, db)
                latest = max(latest, result.finishedAt)
            }
            try killDeliveriesOfDisabledEndpoints(db, now: latest)
        }
    }

    private func apply(_ result: AttemptResult, _ db: Database) throws {
        let now = result.finishedAt.unixSeconds
        let released = """
            attempts = attempts + 1, claims_without_outcome = 0, lease_owner = NULL, lease_until = NULL,
            updated_at = :now
            """
        let stillLeased = "WHERE id = :id AND state = 'leased' AND lease_owner = :owner AND claims = :claim"
        // Cached statements: this runs once per delivery, thousands of times a second.
        switch result.action {
        case .markDelivered:
            try db.cachedStatement(
                sql: """
                    UPDATE deliveries SET state = 'delivered', delivered_at = :now, last_error = NULL, \(released)
                    \(stillLeased)
                    """
            ).execute(arguments: [
                "id": result.deliveryID, "claim": result.claim, "owner": result.leaseOwner, "now": now,
            ])
        case .scheduleRetry(let at):
            try db.cachedStatement(
                sql: """
                    UPDATE deliveries SET state = 'pending', next_attempt_at = :at, last_error = :error, \(released)
                    \(stillLeased)
                    """
            ).execute(arguments: [
                "id": result.deliveryID, "claim": result.claim, "owner": result.leaseOwner, "now": now,
                "at": at.unixSeconds,
                "error": result.outcome.detail,
            ])
        case .deadLetter(let reason):
            try db.cachedStatement(
                sql: "UPDATE deliveries SET state = 'dead', last_error = :error, \(released) \(stillLeased)"
            )
            .execute(arguments: [
                "id": result.deliveryID, "claim": result.claim, "owner": result.leaseOwner, "now": now,
                "error": reason,
            ])
        case .deadLetterAndDisableEndpoint(let reason):
            try db.cachedStatement(
                sql: "UPDATE deliveries SET state = 'dead', last_error = :error, \(released) \(stillLeased)"
            )
            .execute(arguments: [
                "id": result.deliveryID, "claim": result.claim, "owner": result.leaseOwner, "now": now,
                "error": reason,
            ])
            // The endpoint said it is gone: that holds whatever became of this delivery.
            let endpoint = try String.fetchOne(
                db, sql: "SELECT endpoint_id FROM deliveries WHERE id = ?", arguments: [result.deliveryID])
            if let endpoint {
                try disableEndpoint(endpoint, reason: reason, at: result.finishedAt, db)
            }
        }
    }
}
