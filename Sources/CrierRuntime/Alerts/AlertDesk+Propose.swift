import CrierCore
import CrierStore
import CrierTemplates
import Foundation

extension AlertDesk {
    /// What proposing `request` would do, without writing anything; fails on any bad input.
    public func plan(_ request: AlertRequest) throws -> AlertPlan {
        let preview = try composer.preview(compositionRequest(request, now: system.clock.now()))
        let word = request.status == .actual ? String(preview.areas.count) : request.status.rawValue.uppercased()
        return AlertPlan(preview: preview, needsApproval: needsApproval(request.status), confirmationWord: word)
    }

    /// Composes the alert urgently: held until approved when it needs a second operator, due at once otherwise.
    public func propose(_ request: AlertRequest) async throws -> AlertOutcome {
        let now = system.clock.now()
        if let seconds = request.expiresIn, seconds <= 0 {
            throw AlertDeskError.nonPositiveExpiry
        }
        let composition = compositionRequest(request, now: now)
        let composed = try await composer.compose(composition)
        let held = composition.state == .awaitingApproval
        let topic = composer.library.metadata(for: request.template)?.topic ?? ""
        let detail =
            "\(request.status.rawValue) \(request.template) to \(request.areas.joined(separator: ", ")) "
            + "(\(request.audience.words(templateTopic: topic))): \(composed.deliveries) deliveries; \(composed.headline)"
        try audit("propose", composed.id, by: request.operatorName, at: now, detail)
        if !held {
            try audit(
                "send", composed.id, by: request.operatorName, at: now, "\(composed.deliveries) deliveries released")
        }
        return AlertOutcome(
            id: composed.id, state: (held ? AlertPhase.awaitingApproval : AlertPhase.sending).rawValue,
            headline: composed.headline, deliveries: composed.deliveries, warnings: held ? [] : republish())
    }

    func compositionRequest(_ request: AlertRequest, now: Date) -> CompositionRequest {
        CompositionRequest(
            template: request.template, areas: request.areas, channels: request.channels, variables: request.variables,
            status: request.status, kind: .alert, priority: .urgent, proposedBy: request.operatorName,
            expiresAt: request.expiresIn.map { now.addingTimeInterval($0) },
            state: MessageLifecycle.proposed(needsApproval: needsApproval(request.status)), audience: request.audience)
    }
}
