public import CrierCore
public import Foundation
internal import GRDB

/// What applying a lifecycle event did in the outbox.
public struct AppliedTransition: Sendable, Equatable {
    public var transition: MessageTransition
    /// Held deliveries made due (`releaseDeliveries`).
    public var released: Int
    /// What withdrawing found (`withdrawUnsentDeliveries`): who has it or may have it.
    public var withdrawal: AlertWithdrawal?
}

/// What withdrawing a message's unsent deliveries found: how many were taken back, and who may have it.
public struct AlertWithdrawal: Sendable, Equatable {
    /// Deliveries taken back before they were sent (pending, or held awaiting approval).
    public var withdrawn: Int
    /// Deliveries that were on the wire when withdrawn (leased): their recipient may have it.
    public var inFlight: [DeliveryRecord]
    /// Deliveries the endpoint or relay already accepted.
    public var delivered: [DeliveryRecord]
    /// Updates of the message whose unsent deliveries were withdrawn too.
    public var withdrawnUpdates: Int

    /// Creates a withdrawal report.
    public init(withdrawn: Int, inFlight: [DeliveryRecord], delivered: [DeliveryRecord], withdrawnUpdates: Int) {
        self.withdrawn = withdrawn
        self.inFlight = inFlight
        self.delivered = delivered
        self.withdrawnUpdates = withdrawnUpdates
    }
}

/// Why a lifecycle event could not be applied.
public enum LifecycleStoreError: Error, Sendable, Equatable {
    /// There is no message with that id.
    case unknownMessage(String)
    /// The lifecycle does not allow the event in the message's state.
    case illegal(IllegalMessageEvent)
}

extension SQLiteOutbox {
    /// Applies `event` to message `id` through `MessageLifecycle`, in one transaction: the state
    /// moves only from the state the rule was computed on (two operators acting at once cannot both
    /// win), and the store's own actions (releasing or withdrawing deliveries) commit with it.
    @discardableResult
    public func apply(_ event: MessageEvent, to id: String, now: Date) throws -> AppliedTransition {
        try write("\(event.rawValue) message \(id)") { db in
            guard let raw = try String.fetchOne(db, sql: "SELECT state FROM messages WHERE id = ?", arguments: [id])
            else { throw LifecycleStoreError.unknownMessage(id) }
            guard let state = MessageState(rawValue: raw) else {
                throw OutboxStoreError.invalidValue(path: path, table: "messages", column: "state", value: raw)
            }
            let transition: MessageTransition
            switch MessageLifecycle.transition(from: state, on: event) {
            case .success(let move): transition = move
            case .failure(let illegal): throw LifecycleStoreError.illegal(illegal)
            }
            try db.execute(
                sql: """
                    UPDATE messages
                    SET state = ?, released_at = CASE WHEN ? = 'queued' THEN COALESCE(released_at, ?) ELSE released_at END
                    WHERE id = ? AND state = ?
                    """,
                arguments: [transition.to.rawValue, transition.to.rawValue, now.unixSeconds, id, state.rawValue])
            var applied = AppliedTransition(transition: transition, released: 0, withdrawal: nil)
            for action in transition.actions {
                switch action {
                case .releaseDeliveries: applied.released = try releaseHeldDeliveries(db, messageID: id, now: now)
                case .withdrawUnsentDeliveries: applied.withdrawal = try withdrawUnsent(db, messageID: id, now: now)
                case .noticeRecipients, .publishCancel, .republish: break
                }
            }
            return applied
        }
    }

    /// Makes the held deliveries of a message (written while it awaited approval) due at `now`.
    private func releaseHeldDeliveries(_ db: Database, messageID: String, now: Date) throws -> Int {
        try db.execute(
            sql: """
                UPDATE deliveries SET next_attempt_at = :now, updated_at = :now
                WHERE message_id = :message AND state = 'pending' AND next_attempt_at >= :held
                """,
            arguments: ["now": now.unixSeconds, "message": messageID, "held": Self.heldUntil])
        return db.changesCount
    }

    /// Withdraws a message's unsent deliveries (and those of its updates) and lists who already
    /// has it or may have it, so a cancellation reaches exactly them.
    private func withdrawUnsent(_ db: Database, messageID: String, now: Date) throws -> AlertWithdrawal {
        let inFlight = try Row.fetchAll(
            db, sql: "SELECT * FROM deliveries WHERE message_id = ? AND state = 'leased' ORDER BY id",
            arguments: [messageID]
        ).map(deliveryRecord)
        try db.execute(
            sql: """
                UPDATE deliveries
                SET state = 'withdrawn', lease_owner = NULL, lease_until = NULL, updated_at = ?
                WHERE message_id = ? AND state IN ('pending', 'leased')
                """,
            arguments: [now.unixSeconds, messageID])
        let withdrawn = db.changesCount - inFlight.count
        try db.execute(
            sql: """
                UPDATE deliveries
                SET state = 'withdrawn', lease_owner = NULL, lease_until = NULL, updated_at = ?
                WHERE state IN ('pending', 'leased') AND message_id IN (
                    SELECT id FROM messages WHERE "references" = ? AND kind = 'update')
                """,
            arguments: [now.unixSeconds, messageID])
        let updates = db.changesCount
        let delivered = try Row.fetchAll(
            db, sql: "SELECT * FROM deliveries WHERE message_id = ? AND state = 'delivered' ORDER BY id",
            arguments: [messageID]
        ).map(deliveryRecord)
        return AlertWithdrawal(
            withdrawn: withdrawn, inFlight: inFlight, delivered: delivered, withdrawnUpdates: updates)
    }
}
