public import CrierCore
import CrierStore
public import Foundation

/// The operator's desk for single deliveries: list them, and queue dead letters again.
///
/// It exists so the command line never touches the store; every retry leaves an audit line.
public struct DeliveryDesk: Sendable {
    let system: CrierSystem
    /// The store, in the one role this desk uses.
    var records: any OperatorRecords { system.outbox }

    /// A desk over `system`'s deliveries.
    public init(system: CrierSystem) {
        self.system = system
    }

    /// Deliveries, newest first, only those in `state` when given, at most `limit`.
    public func list(state: DeliveryState?, limit: Int) throws -> [DeliveryListing] {
        try records.deliveries(state: state, limit: limit).map(DeliveryListing.init)
    }

    /// Queues every dead delivery again, audited as done by `actor`; returns how many.
    public func retryAllDead(actor: String) throws -> Int {
        let now = system.clock.now()
        let count = try records.retryAllDead(now: now)
        try records.appendAudit(
            AuditEntry(
                at: now, actor: actor, action: "retry-dead", subject: "deliveries", detail: "\(count) deliveries"))
        return count
    }

    /// Queues dead delivery `id` again, audited as done by `actor`; false (nothing written) when it
    /// is not a dead letter.
    public func retry(id: Int64, actor: String) throws -> Bool {
        let now = system.clock.now()
        guard try records.retryDelivery(id: id, now: now) else { return false }
        try records.appendAudit(AuditEntry(at: now, actor: actor, action: "retry", subject: "delivery \(id)"))
        return true
    }
}

/// One delivery as listings show it (a webhook URL redacted, since it could hold secrets).
public struct DeliveryListing: Sendable, Encodable {
    public let id: Int64
    public let message: String
    public let channel: String
    public let destination: String
    public let state: String
    public let attempts: Int
    public let nextAttemptAt: Date
    public let lastError: String?
    public let idempotencyKey: String

    init(_ record: DeliveryRecord) {
        id = record.id
        message = record.messageID
        channel = record.channel.rawValue
        destination = record.channel == .webhook ? Redaction.url(record.destination) : record.destination
        state = record.state.rawValue
        attempts = record.attempts
        nextAttemptAt = record.nextAttemptAt
        lastError = record.lastError
        idempotencyKey = record.idempotencyKey
    }

    /// The delivery on one tab-separated line.
    public var line: String {
        var text = "\(id)\t\(state)\t\(channel)\t\(destination)\tattempts=\(attempts)\t\(message)"
        if let lastError { text += "\t\(lastError)" }
        return text
    }
}
