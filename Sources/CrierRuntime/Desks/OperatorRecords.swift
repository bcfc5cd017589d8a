import CrierCore
import CrierStore
import Foundation

/// What the deliveries, audit and status desks need of the store: listing and retrying
/// deliveries, the audit log, and the counts `crier status` shows.
protocol OperatorRecords: Sendable {
    /// Deliveries, newest first, only those in `state` when given.
    func deliveries(state: DeliveryState?, limit: Int) throws -> [DeliveryRecord]
    /// Puts one dead delivery back to pending; false if there is no such dead delivery.
    func retryDelivery(id: Int64, now: Date) throws -> Bool
    /// Puts every dead delivery back to pending; returns how many.
    func retryAllDead(now: Date) throws -> Int
    /// Appends a line to the audit log.
    func appendAudit(_ entry: AuditEntry) throws
    /// The audit log since `since` (all of it when nil), oldest first.
    func audit(since: Date?) throws -> [AuditEntry]
    /// Counts for `crier status`.
    func summary(now: Date) throws -> OutboxSummary
}

extension SQLiteOutbox: OperatorRecords {}
