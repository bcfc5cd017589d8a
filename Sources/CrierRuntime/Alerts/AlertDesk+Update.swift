import CrierCore
import CrierStore
public import CrierTemplates
import Foundation

extension AlertDesk {
    /// Sends a correction of alert `id` to exactly its recipients: its template again, with the
    /// variables of its latest released version overridden by `variables`, referencing it and
    /// replying to what each recipient received. An `actual` update waits for approval like an
    /// alert; the original is superseded when the update is released.
    public func update(id: String, variables: [String: TemplateValue], operatorName: String) async throws
        -> AlertOutcome
    {
        let now = system.clock.now()
        let original = try existingAlert(id)
        guard original.kind == .alert else {
            throw AlertDeskError.notAnOriginal(
                id, kind: original.kind == .update ? "an update" : "a cancellation", original: original.references ?? ""
            )
        }
        if case .failure(let illegal) = MessageLifecycle.transition(from: original.state, on: .supersede) {
            throw AlertDeskError.cannotUpdate(id, reason: illegal.description)
        }
        try refuseExpired(original, action: "updated", now: now)
        guard !variables.isEmpty else { throw AlertDeskError.noVariables }

        let base = try latestVariables(of: original)
        let merged = base.merging(variables) { _, new in new }
        let changes = variables.keys.filter { base[$0] != variables[$0] }.sorted()

        let recipients = try outbox.deliveries(messageID: id, states: [.delivered, .pending, .leased])
        guard !recipients.isEmpty else {
            throw AlertDeskError.noRecipients(id)
        }
        let held = needsApproval(original.status)
        let request = CompositionRequest(
            template: original.template, areas: original.areas, channels: Set(recipients.map(\.channel)),
            variables: merged, status: original.status, kind: .update, priority: .urgent, references: id,
            proposedBy: operatorName, expiresAt: original.expiresAt,
            state: MessageLifecycle.proposed(needsApproval: held), changes: changes)
        let composed = try await compose(request, to: recipients, now: now)
        let names = variables.keys.sorted().joined(separator: ", ")
        try audit(
            "update", composed.id, by: operatorName, at: now,
            "correction of \(id) (\(names)): \(composed.deliveries) deliveries")
        try audit("update", id, by: operatorName, at: now, "corrected by \(composed.id)")
        var warnings: [String] = []
        if !held {
            try apply(.supersede, to: original, now: now)
            try audit("send", composed.id, by: operatorName, at: now, "\(composed.deliveries) deliveries released")
            warnings = republish()
        }
        return AlertOutcome(
            id: composed.id, state: (held ? AlertPhase.awaitingApproval : AlertPhase.sending).rawValue,
            headline: composed.headline, deliveries: composed.deliveries, warnings: warnings)
    }

    /// The variables of the alert's latest released version: its newest released update's, else its own.
    private func latestVariables(of original: MessageRecord) throws -> [String: TemplateValue] {
        let updates = try outbox.messages(referencing: original.id).filter {
            $0.kind == .update && $0.releasedAt != nil
        }
        let json = updates.last?.variablesJSON ?? original.variablesJSON
        var values: [String: TemplateValue] = [:]
        if let stored = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] {
            for (name, value) in stored { values[name] = TemplateValue.fromJSON(value) }
        }
        return values
    }
}
