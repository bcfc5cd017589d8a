import CrierCore
import CrierStore
import Foundation

extension AlertDesk {
    /// Releases an alert awaiting approval; refuses the operator who proposed it.
    public func approve(id: String, operatorName: String) throws -> AlertOutcome {
        let now = system.clock.now()
        let message = try existingAlert(id)
        guard message.state == .awaitingApproval else {
            let phase = try displayState(of: message, now: now)
            throw AlertDeskError.notAwaitingApproval(id, phase: "\(phase)")
        }
        if let expires = message.expiresAt, expires <= now {
            try apply(.expire, to: message, now: now)
            try audit("expire", id, by: operatorName, at: now, "not approved before it expired; nothing was sent")
            try refuseExpired(message, action: "approved", now: now)
        }
        let proposer = (try? Operator.normalise(message.proposedBy, source: "proposer")) ?? message.proposedBy
        let approver = (try? Operator.normalise(operatorName, source: "--operator")) ?? operatorName
        guard proposer != approver, message.proposedBy.caseInsensitiveCompare(operatorName) != .orderedSame else {
            throw AlertDeskError.selfApproval(id, operatorName: operatorName)
        }
        // An update is released only while the alert it corrects still stands; releasing it supersedes that alert.
        let corrected = try message.kind == .update ? message.references.flatMap { try outbox.message(id: $0) } : nil
        if let corrected,
            case .failure(let illegal) = MessageLifecycle.transition(from: corrected.state, on: .supersede)
        {
            throw AlertDeskError.correctedAlertGone(update: id, corrected: corrected.id, reason: illegal.description)
        }
        let applied = try apply(.approve, to: message, now: now)
        if let corrected { try apply(.supersede, to: corrected, now: now) }
        try audit("approve", id, by: operatorName, at: now, "proposed by \(message.proposedBy)")
        try audit("send", id, by: operatorName, at: now, "\(applied.released) deliveries released")
        return AlertOutcome(
            id: id, state: AlertPhase.sending.rawValue, headline: message.headline, deliveries: applied.released,
            warnings: republish())
    }

    /// Discards an alert awaiting approval: nothing of it is ever sent.
    public func reject(id: String, operatorName: String, reason: String) throws -> AlertOutcome {
        let now = system.clock.now()
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw AlertDeskError.missingReason(verb: "rejected") }
        let message = try existingAlert(id)
        guard message.state == .awaitingApproval else {
            let phase = try displayState(of: message, now: now)
            throw AlertDeskError.notAwaitingApproval(id, phase: "\(phase)")
        }
        let applied = try apply(.reject, to: message, now: now)
        let withdrawn = applied.withdrawal?.withdrawn ?? 0
        try audit("reject", id, by: operatorName, at: now, "\(reason) (\(withdrawn) deliveries discarded)")
        return AlertOutcome(id: id, state: AlertPhase.rejected.rawValue, headline: message.headline, deliveries: 0)
    }
}
