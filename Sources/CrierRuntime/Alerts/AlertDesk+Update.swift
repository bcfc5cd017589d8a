import CrierCore
import CrierStore
public import CrierTemplates
import Foundation

extension AlertDesk {
    /// Sends a correction of alert `id` to exactly its recipients: its template again, with its
    /// variables overridden by `variables`, referencing it. An `actual` update waits for approval like an alert.
    public func update(id: String, variables: [String: TemplateValue], operatorName: String) throws -> AlertOutcome {
        let now = system.clock.now()
        let original = try existingAlert(id)
        guard original.kind == .alert else {
            throw InputError(
                "\(id) is \(original.kind == .update ? "an update" : "a cancellation"); update the original alert \(original.references ?? "")"
            )
        }
        switch original.state {
        case MessageState.cancelled: throw InputError("alert \(id) is cancelled; propose a new alert instead")
        case MessageState.rejected: throw InputError("alert \(id) was rejected; propose a new alert instead")
        case MessageState.awaitingApproval:
            throw InputError("alert \(id) is still awaiting approval; reject it and propose a corrected one")
        default: break
        }
        try refuseExpired(original, action: "updated", now: now)
        guard !variables.isEmpty else { throw InputError("--var: give at least one variable to correct") }

        var merged: [String: TemplateValue] = [:]
        if let stored = try? JSONSerialization.jsonObject(with: Data(original.variablesJSON.utf8)) as? [String: Any] {
            for (name, value) in stored { merged[name] = TemplateValue.fromJSON(value) }
        }
        merged.merge(variables) { _, new in new }

        let recipients = try outbox.deliveries(messageID: id, states: [.delivered, .pending, .leased])
        guard !recipients.isEmpty else {
            throw InputError("alert \(id) has no recipients to correct (every delivery was withdrawn or dead)")
        }
        let held = needsApproval(original.status)
        let request = CompositionRequest(
            template: original.template, areas: original.areas, channels: Set(recipients.map(\.channel)),
            variables: merged, status: original.status, kind: .update, priority: .urgent, references: id,
            proposedBy: operatorName, expiresAt: original.expiresAt,
            state: held ? MessageState.awaitingApproval : MessageState.queued)
        let composed = try compose(request, to: recipients, now: now)
        let names = variables.keys.sorted().joined(separator: ", ")
        try audit(
            "update", composed.id, by: operatorName, at: now,
            "correction of \(id) (\(names)): \(composed.deliveries) deliveries")
        try audit("update", id, by: operatorName, at: now, "corrected by \(composed.id)")
        if !held {
            try audit("send", composed.id, by: operatorName, at: now, "\(composed.deliveries) deliveries released")
        }
        return AlertOutcome(
            id: composed.id, state: held ? AlertState.awaitingApproval : AlertState.sending,
            headline: composed.headline,
            deliveries: composed.deliveries)
    }
}
