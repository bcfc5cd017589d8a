public import Foundation

/// The seam between the runtime and the durable outbox.
///
/// Everything that is sent is first written here; nothing is marked delivered before the endpoint
/// said so. The SQLite implementation lives in CrierStore; tests may use an in-memory one.
public protocol OutboxStore: Sendable {
    /// Writes a message, its renditions and all its deliveries in one transaction.
    ///
    /// `deliveries` is consumed lazily so composing for a large audience does not hold it in memory.
    /// Deliveries with the same (channel, destination) are written once. Returns how many were written.
    @discardableResult
    func enqueue(_ message: MessageRecord, renditions: [Rendition], deliveries: some Sequence<NewDelivery>, now: Date)
        throws -> Int

    /// Routes that have deliveries due at `now` (pending and due, or leased with an expired lease), with counts.
    func dueRoutes(now: Date) throws -> [String: Int]

    /// Claims up to `limit` due deliveries of `route` (urgent first, then oldest), leasing them
    /// to `owner` until `now + lease` under the next claim number; never one whose lease `owner`
    /// itself holds. Answered attempts are counted when results are recorded, not here.
    func claim(route: String, limit: Int, now: Date, lease: TimeInterval, owner: String) throws -> [DeliveryRecord]

    /// Extends every lease `owner` still holds to `now + lease` (its transfers are still in flight);
    /// returns how many.
    @discardableResult
    func renewLeases(owner: String, now: Date, lease: TimeInterval) throws -> Int

    /// The rendition a delivery uses.
    func rendition(messageID: String, channel: Channel, locale: String) throws -> Rendition?

    /// Records finished attempts and applies their actions, in one transaction.
    func record(_ results: [AttemptResult]) throws

    /// Gives back the leases `owner` holds (graceful shutdown): they become due at once.
    func releaseLeases(owner: String, now: Date) throws

    /// Marks an endpoint disabled (HTTP 410); its pending deliveries become dead.
    func disableEndpoint(_ endpointID: String, reason: String, now: Date) throws

    /// Endpoint ids currently disabled, with their reasons.
    func disabledEndpoints() throws -> [String: String]

    /// Puts one dead delivery back to pending; false if there is no such dead delivery.
    func retryDelivery(id: Int64, now: Date) throws -> Bool

    /// Puts every dead delivery back to pending; returns how many.
    func retryAllDead(now: Date) throws -> Int

    /// Deliveries, newest first, optionally only those in `state`.
    func deliveries(state: DeliveryState?, limit: Int) throws -> [DeliveryRecord]

    /// Counts for `crier status`.
    func summary(now: Date) throws -> OutboxSummary

    /// Appends a line to the audit log.
    func appendAudit(_ entry: AuditEntry) throws

    /// The audit log since `since` (all of it when nil), oldest first.
    func audit(since: Date?) throws -> [AuditEntry]
}
