import CrierCore
import CrierStore
import Foundation

extension AlertDesk {
    /// Releases an alert awaiting approval; refuses the operator who proposed it.
    public func approve(id: String, operatorName: String) throws -> AlertOutcome {
        let now = system.clock.now()
        let message = try existingAlert(id)
        guard message.state == MessageState.awaitingApproval else {
            let state = try displayState(of: message, now: now)
            throw InputError("alert \(id) is not awaiting approval (it is \(state))")
        }
        try refuseExpired(message, action: "approved", now: now)
        guard message.proposedBy.caseInsensitiveCompare(operatorName) != .orderedSame else {
            throw InputError(
                "\(operatorName) proposed alert \(id) and cannot also approve it: a second operator must "
                    + "run `crier approve \(id)` (two-person rule)")
        }
        guard try outbox.transitionMessageState(id: id, from: [MessageState.awaitingApproval], to: MessageState.sending)
        else {
            throw InputError("alert \(id) was decided by someone else meanwhile (see `crier alerts show \(id)`)")
        }
        let released = try outbox.releaseHeldDeliveries(messageID: id, now: now)
        try audit("approve", id, by: operatorName, at: now, "proposed by \(message.proposedBy)")
        try audit("send", id, by: operatorName, at: now, "\(released) deliveries released")
        return AlertOutcome(id: id, state: AlertState.sending, headline: message.headline, deliveries: released)
    }

    /// Discards an alert awaiting approval: nothing of it is ever sent.
    public func reject(id: String, operatorName: String, reason: String) throws -> AlertOutcome {
        let now = system.clock.now()
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw InputError("--reason: say why the alert is rejected") }
        let message = try existingAlert(id)
        guard message.state == MessageState.awaitingApproval,
            try outbox.transitionMessageState(id: id, from: [MessageState.awaitingApproval], to: MessageState.rejected)
        else {
            let state = try displayState(of: message, now: now)
            throw InputError("alert \(id) is not awaiting approval (it is \(state))")
        }
        let withdrawn = try outbox.withdrawPending(messageID: id, now: now)
        try audit("reject", id, by: operatorName, at: now, "\(reason) (\(withdrawn) deliveries discarded)")
        return AlertOutcome(id: id, state: AlertState.rejected, headline: message.headline, deliveries: 0)
    }
}
