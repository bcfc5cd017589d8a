import CrierCore
import CrierStore
import Foundation

/// What the alert desk needs of the store: an alert's messages, renditions and deliveries, its
/// lifecycle transitions, and its audit trail; composing itself goes through `CompositionStore`.
///
/// Operator commands are short transactions, so these are synchronous; the delivery path's roles
/// (`DeliveryQueue`, `CompositionStore`, `ScheduleLedger`) are the async ones.
protocol AlertRecords: CompositionStore {
    /// The message with `id`, if any.
    func message(id: String) throws -> MessageRecord?
    /// Messages (updates, cancellations) that reference `messageID`, oldest first.
    func messages(referencing messageID: String) throws -> [MessageRecord]
    /// The newest urgent messages (operators' alerts), newest first.
    func urgentMessages(limit: Int) throws -> [MessageRecord]
    /// Every rendition of a message.
    func renditions(messageID: String) throws -> [Rendition]
    /// A message's deliveries, only those in `states` unless it is empty.
    func deliveries(messageID: String, states: Set<DeliveryState>) throws -> [DeliveryRecord]
    /// A message's deliveries counted by channel and state.
    func deliveryCountsByChannel(messageID: String) throws -> [Channel: [DeliveryState: Int]]
    /// When a message's first and last deliveries were delivered, if any were.
    func deliveredSpan(messageID: String) throws -> (first: Date, last: Date)?
    /// Applies a lifecycle event to a message in one transaction (see `MessageLifecycle`).
    func apply(_ event: MessageEvent, to id: String, now: Date) throws -> AppliedTransition
    /// Appends a line to the audit log.
    func appendAudit(_ entry: AuditEntry) throws
    /// The audit lines about `subject`, oldest first.
    func audit(subject: String) throws -> [AuditEntry]
}

extension SQLiteOutbox: AlertRecords {}
