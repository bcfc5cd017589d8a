public import CrierCore
public import Foundation

/// What the Dispatcher needs of the outbox, and nothing more: find due work, lease it, keep the
/// leases alive, read the bodies, and write back what happened.
///
/// Every requirement is `async` so an implementation backed by a database runs its transactions
/// off Swift's cooperative pool. SQLite (`SQLiteOutbox`) implements it for production; an
/// in-memory one serves unit tests; one conformance suite holds them to the same behaviour.
public protocol DeliveryQueue: Sendable {
    /// Routes that have deliveries due at `now` (pending and due, or leased with an expired lease;
    /// never those of a disabled endpoint), with counts.
    func dueRoutes(now: Date) async throws -> [String: Int]

    /// Claims up to `limit` due deliveries of `route` (urgent first, then oldest), leasing them
    /// to `owner` until `now + lease` under the next claim number; never one whose lease `owner`
    /// itself holds. Answered attempts are counted when results are recorded, not here.
    func claim(route: String, limit: Int, now: Date, lease: TimeInterval, owner: String) async throws
        -> [DeliveryRecord]

    /// Extends every lease `owner` still holds to `now + lease` (its transfers are still in
    /// flight); returns how many.
    @discardableResult
    func renewLeases(owner: String, now: Date, lease: TimeInterval) async throws -> Int

    /// The rendition a delivery uses.
    func rendition(messageID: String, channel: Channel, locale: String) async throws -> Rendition?

    /// Records finished attempts and applies their actions, in one transaction. Only a delivery
    /// still leased by the result's owner under the result's claim number changes state.
    func record(_ results: [AttemptResult]) async throws

    /// Gives back the leases `owner` holds (graceful shutdown): they become due at once.
    func releaseLeases(owner: String, now: Date) async throws
}
