public import Foundation
internal import GRDB

/// The outbox's state as `/metrics` reports it, read at scrape time so every process serving
/// `/metrics` says the same thing whichever process did the work.
public struct OperationalFigures: Sendable, Equatable {
    /// How many deliveries are in one state on one channel.
    public struct StateCount: Sendable, Equatable {
        /// `pending`, `leased`, `delivered`, `dead` or `withdrawn`.
        public var state: String
        /// `email` or `webhook`.
        public var channel: String
        /// How many.
        public var count: Int
    }

    /// How one endpoint is failing.
    public struct EndpointFailures: Sendable, Equatable {
        /// The endpoint's id in crier.yml.
        public var endpointID: String
        /// Its dead letters.
        public var dead: Int
        /// Its pending deliveries whose last attempt failed (waiting to be retried).
        public var retrying: Int
    }

    /// Deliveries waiting to be sent or in flight (`pending` or `leased`).
    public var pending = 0
    /// When the oldest of them was composed, if there is one.
    public var oldestPendingCreatedAt: Date?
    /// Every (state, channel) that has deliveries.
    public var deliveries: [StateCount] = []
    /// Endpoints disabled (they answered HTTP 410), by id.
    public var disabledEndpoints: [String] = []
    /// Endpoints with dead or retrying deliveries.
    public var endpointFailures: [EndpointFailures] = []

    /// No figures yet.
    public init() {}
}

extension SQLiteOutbox {
    /// The outbox's figures for `/metrics`: one small query each, in one read transaction.
    public func operationalFigures() async throws -> OperationalFigures {
        try await read("read the figures for /metrics") { db in
            var figures = OperationalFigures()
            if let row = try Row.fetchOne(
                db.cachedStatement(
                    sql:
                        "SELECT count(*) AS n, min(created_at) AS oldest FROM deliveries WHERE state IN ('pending', 'leased')"
                ))
            {
                figures.pending = row["n"]
                figures.oldestPendingCreatedAt = (row["oldest"] as Double?).map(Date.init(unixSeconds:))
            }
            // Grouped by route, not channel: the claim index (state, route, ...) covers it, so the
            // count reads the index alone however long the history is. Every email goes through the
            // one `email` route; every other route is a webhook endpoint.
            var counts: [String: [String: Int]] = [:]
            for row in try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT state, route = 'email' AS email, count(*) AS n FROM deliveries GROUP BY state, route")
            ) {
                let channel = (row["email"] as Bool) ? "email" : "webhook"
                counts[row["state"], default: [:]][channel, default: 0] += row["n"] as Int
            }
            figures.deliveries = counts.sorted { $0.key < $1.key }.flatMap { state, channels in
                channels.sorted { $0.key < $1.key }.map {
                    OperationalFigures.StateCount(state: state, channel: $0.key, count: $0.value)
                }
            }
            figures.disabledEndpoints = try String.fetchAll(
                db.cachedStatement(sql: "SELECT endpoint_id FROM disabled_endpoints ORDER BY endpoint_id"))
            figures.endpointFailures = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT endpoint_id, sum(state = 'dead') AS dead,
                               sum(state = 'pending' AND last_error IS NOT NULL) AS retrying
                        FROM deliveries WHERE endpoint_id IS NOT NULL AND state IN ('dead', 'pending')
                        GROUP BY endpoint_id ORDER BY endpoint_id
                        """)
            ).map {
                OperationalFigures.EndpointFailures(
                    endpointID: $0["endpoint_id"], dead: $0["dead"], retrying: $0["retrying"])
            }
            return figures
        }
    }
}
