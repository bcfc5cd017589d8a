import CrierCore
import CrierStore
import Foundation

/// What the residents' pages need of the store: a resident found by the token in their links,
/// unsubscribed, their choices changed, and the audit lines about it.
protocol ResidentRoster: Sendable {
    /// The subscriber holding `token` (found by its hash, compared in constant time), or nil.
    func subscriber(token: String) throws -> Subscriber?
    /// Unsubscribes the holder of `token` and withdraws what is still to be sent to them; false if unknown.
    func unsubscribe(token: String, now: Date) throws -> Bool
    /// Changes the subscribed holder's area, topics and language with `audit` in the same
    /// transaction; false if no subscribed person holds `token`.
    func updatePreferences(
        token: String, area: String, topics: [String], locale: String, now: Date, audit: AuditEntry?
    ) throws -> Bool
    /// Appends a line to the audit log.
    func appendAudit(_ entry: AuditEntry) throws
}

extension SQLiteOutbox: ResidentRoster {}
