import CrierCore
import CrierStore
import Foundation

/// What the partner API needs of the store for residents: one read, one audited write, unsubscribing.
protocol PartnerRoster: Sendable {
    /// One resident by address (case-insensitive).
    func subscriber(email: String) throws -> Subscriber?
    /// Creates or updates one resident with its audit line, in one transaction.
    func putSubscriber(
        _ input: SubscriberInput, keepingNameWhenNil name: String?, consent: SubscriberConsent,
        audit: (Bool) -> AuditEntry
    ) throws -> SubscriberPut
    /// Honours an unsubscribe token; false if unknown.
    func unsubscribe(token: String, now: Date) throws -> Bool
    /// Appends a line to the audit log.
    func appendAudit(_ entry: AuditEntry) throws
}

extension SQLiteOutbox: PartnerRoster {}
