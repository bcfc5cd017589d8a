import CrierCore
import CrierStore
import CrierTemplates
import Foundation

extension AlertDesk {
    /// The built-in template for cancellation notices.
    public static let cancellationTemplate = "alert-cancelled"

    /// Cancels an alert at once: withdraws every delivery not yet sent, then sends everyone who did
    /// receive it (or may have: it was on the wire) an urgent cancellation notice quoting its headline and `reason`.
    public func cancel(id: String, operatorName: String, reason: String) throws -> CancellationOutcome {
        let now = system.clock.now()
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw InputError("--reason: say why the alert is cancelled") }
        let message = try existingAlert(id)
        guard message.kind != .cancel else {
            throw InputError("\(id) is itself a cancellation notice; it cannot be cancelled")
        }
        guard message.state != MessageState.cancelled else {
            throw InputError("alert \(id) is already cancelled (see `crier alerts show \(id)`)")
        }
        guard message.state != MessageState.rejected else {
            throw InputError("alert \(id) was rejected; nothing of it was sent, so there is nothing to cancel")
        }
        try refuseExpired(message, action: "cancelled", now: now)
        // Validate the notice before anything changes, so a bad reason leaves the alert untouched.
        let notice = noticeRequest(for: message, reason: reason, by: operatorName, channels: [])
        _ = try composer.makePlan(notice, messageID: "preview")

        let live = [MessageState.queued, MessageState.awaitingApproval, MessageState.sending, MessageState.sent]
        guard try outbox.transitionMessageState(id: id, from: live, to: MessageState.cancelled) else {
            throw InputError("alert \(id) is already cancelled (see `crier alerts show \(id)`)")
        }
        let withdrawal = try outbox.withdrawForCancellation(messageID: id, now: now)
        let recipients = withdrawal.delivered + withdrawal.inFlight
        var outcome: AlertOutcome?
        if !recipients.isEmpty {
            let request = noticeRequest(
                for: message, reason: reason, by: operatorName, channels: Set(recipients.map(\.channel)))
            let composed = try compose(request, to: recipients, now: now)
            try audit(
                "send", composed.id, by: operatorName, at: now,
                "cancellation of \(id): \(composed.deliveries) deliveries")
            outcome = AlertOutcome(
                id: composed.id, state: AlertState.sending, headline: composed.headline, deliveries: composed.deliveries
            )
        }
        var detail = "\(reason) (\(withdrawal.withdrawn) deliveries withdrawn"
        if withdrawal.withdrawnUpdates > 0 { detail += ", \(withdrawal.withdrawnUpdates) of its updates" }
        detail += outcome.map { "; notice \($0.id) to \($0.deliveries))" } ?? "; nobody had received it)"
        try audit("cancel", id, by: operatorName, at: now, detail)
        return CancellationOutcome(id: id, withdrawn: withdrawal.withdrawn, notice: outcome)
    }

    private func noticeRequest(
        for message: MessageRecord, reason: String, by operatorName: String, channels: Set<Channel>
    ) -> CompositionRequest {
        let prefix = RenderContext(status: message.status, sent: message.createdAt).statusPrefix
        let headline =
            message.headline.hasPrefix(prefix) ? String(message.headline.dropFirst(prefix.count)) : message.headline
        let sent = (try? outbox.deliveredSpan(messageID: message.id)?.first) ?? message.createdAt
        return CompositionRequest(
            template: Self.cancellationTemplate, areas: message.areas, channels: channels,
            variables: [
                "original_headline": .text(headline), "reason": .text(reason),
                "original_sent": .text(Self.spokenTime(sent, in: system.configuration.timeZone)),
            ],
            status: message.status, kind: .cancel, priority: .urgent, references: message.id, proposedBy: operatorName)
    }

    /// `Thursday 26 November 2026 at 16:40`, as a resident reads it.
    static func spokenTime(_ date: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = zone
        formatter.dateFormat = "EEEE d MMMM yyyy 'at' HH:mm"
        return formatter.string(from: date)
    }
}
