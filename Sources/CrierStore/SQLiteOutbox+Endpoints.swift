public import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// The one statement of the disabled-endpoint rule for reads: true for a delivery whose
    /// endpoint (if it has one) is not disabled. Claims, due routes and dead-letter retries use it;
    /// writes use `killDeliveriesOfDisabledEndpoints`.
    static let endpointEnabled =
        "(endpoint_id IS NULL OR endpoint_id NOT IN (SELECT endpoint_id FROM disabled_endpoints))"

    /// Marks an endpoint disabled (it answered HTTP 410); its pending deliveries become dead.
    public func disableEndpoint(_ endpointID: String, reason: String, now: Date) throws {
        try write("disable endpoint \(endpointID)") { db in
            try disableEndpoint(endpointID, reason: reason, at: now, db)
        }
    }

    /// Lets a disabled endpoint receive deliveries again; false if it was not disabled.
    ///
    /// Its dead deliveries stay dead until an operator retries them.
    @discardableResult
    public func enableEndpoint(_ endpointID: String) throws -> Bool {
        try write("enable endpoint \(endpointID)") { db in
            try db.execute(sql: "DELETE FROM disabled_endpoints WHERE endpoint_id = ?", arguments: [endpointID])
            return db.changesCount > 0
        }
    }

    /// Endpoint ids currently disabled, with their reasons.
    public func disabledEndpoints() throws -> [String: String] {
        try read("list disabled endpoints") { db in
            var endpoints: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT endpoint_id, reason FROM disabled_endpoints") {
                endpoints[row["endpoint_id"]] = row["reason"]
            }
            return endpoints
        }
    }

    func disableEndpoint(_ endpointID: String, reason: String, at now: Date, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO disabled_endpoints (endpoint_id, reason, disabled_at) VALUES (?, ?, ?)
                ON CONFLICT (endpoint_id) DO NOTHING
                """,
            arguments: [endpointID, reason, now.unixSeconds])
        try killDeliveriesOfDisabledEndpoints(db, now: now)
    }

    /// Turns the pending deliveries of disabled endpoints into dead letters naming the reason: the
    /// one place a write applies the disabled-endpoint rule (after a disable, an enqueue, a
    /// recorded result or a release).
    ///
    /// Leased ones are in flight and are settled by their own result (a retry lands here again).
    func killDeliveriesOfDisabledEndpoints(_ db: Database, now: Date) throws {
        // Nearly always there is none: skip the scan of pending deliveries then.
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM disabled_endpoints)")) == true
        else { return }
        try db.execute(
            sql: """
                UPDATE deliveries
                SET state = 'dead',
                    last_error = 'endpoint disabled: '
                        || (SELECT reason FROM disabled_endpoints d WHERE d.endpoint_id = deliveries.endpoint_id),
                    updated_at = ?
                WHERE state = 'pending' AND NOT \(Self.endpointEnabled)
                """,
            arguments: [now.unixSeconds])
    }
}
