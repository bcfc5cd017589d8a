import CrierCore
import CrierStore
import CrierTemplates
import Foundation

extension AlertDesk {
    /// The built-in template for cancellation notices.
    public static let cancellationTemplate = "alert-cancelled"

    /// Cancels an alert at once: withdraws every delivery not yet sent, sends everyone who did
    /// receive it (or may have: it was on the wire) an urgent cancellation notice in their own
    /// language quoting its headline and `reason`, and, for an alert that was ever public, records
    /// a CAP Cancel (even when nobody had received it) so pages, feeds and CAP readers drop it.
    public func cancel(id: String, operatorName: String, reason: String) async throws -> CancellationOutcome {
        let now = system.clock.now()
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw AlertDeskError.missingReason(verb: "cancelled") }
        let message = try existingAlert(id)
        guard message.kind != .cancel else {
            throw AlertDeskError.cancellingANotice(id)
        }
        try refuseExpired(message, action: "cancelled", now: now)
        // Validate the notice before anything changes, so a bad reason leaves the alert untouched.
        let notice = try noticeRequest(for: message, reason: reason, by: operatorName, channels: [])
        _ = try composer.makePlan(notice, messageID: "preview")

        let applied = try apply(.cancel, to: message, now: now)
        let withdrawal =
            applied.withdrawal ?? AlertWithdrawal(withdrawn: 0, inFlight: [], delivered: [], withdrawnUpdates: 0)
        let actions = applied.transition.actions
        let recipients = actions.contains(.noticeRecipients) ? withdrawal.delivered + withdrawal.inFlight : []
        var outcome: AlertOutcome?
        if !recipients.isEmpty || actions.contains(.publishCancel) {
            var request = notice
            request.channels = recipients.isEmpty ? [] : Set(recipients.map(\.channel))
            let composed = try await compose(request, to: recipients, now: now)
            try audit(
                "send", composed.id, by: operatorName, at: now,
                "cancellation of \(id): \(composed.deliveries) deliveries")
            outcome = AlertOutcome(
                id: composed.id, state: AlertPhase.sending.rawValue, headline: composed.headline,
                deliveries: composed.deliveries)
        }
        var detail = "\(reason) (\(withdrawal.withdrawn) deliveries withdrawn"
        if withdrawal.withdrawnUpdates > 0 { detail += ", \(withdrawal.withdrawnUpdates) of its updates" }
        if let outcome {
            detail +=
                outcome.deliveries > 0
                ? "; notice \(outcome.id) to \(outcome.deliveries))"
                : "; nobody had received it; Cancel \(outcome.id) published)"
        } else {
            detail += "; it was never released)"
        }
        try audit("cancel", id, by: operatorName, at: now, detail)
        let warnings = actions.contains(.republish) ? republish() : []
        return CancellationOutcome(id: id, withdrawn: withdrawal.withdrawn, notice: outcome, warnings: warnings)
    }

    /// The notice for `message`: the original's headline and sending time in each language the
    /// notice template has, so a resident who received it in Polish reads the cancellation in Polish.
    private func noticeRequest(
        for message: MessageRecord, reason: String, by operatorName: String, channels: Set<Channel>
    ) throws -> CompositionRequest {
        let sent = (try? outbox.deliveredSpan(messageID: message.id)?.first) ?? message.createdAt
        let zone = system.configuration.timeZone
        let headlines = try originalHeadlines(of: message)
        var localized: [String: [String: TemplateValue]] = [:]
        for locale in composer.library.metadata(for: Self.cancellationTemplate)?.locales ?? [] {
            localized[locale] = [
                "original_headline": .text(headlines[locale] ?? headlines["en"] ?? message.headline),
                "original_sent": .text(Self.spokenTime(sent, in: zone, locale: locale)),
            ]
        }
        var request = CompositionRequest(
            template: Self.cancellationTemplate, areas: message.areas, channels: channels,
            variables: [
                "original_headline": .text(headlines["en"] ?? message.headline), "reason": .text(reason),
                "original_sent": .text(Self.spokenTime(sent, in: zone, locale: "en")),
            ],
            status: message.status, kind: .cancel, priority: .urgent, references: message.id, proposedBy: operatorName)
        request.localizedVariables = localized
        return request
    }

    /// The original's subject in each locale it was rendered in, without the status mark.
    private func originalHeadlines(of message: MessageRecord) throws -> [String: String] {
        let prefix = RenderContext(status: message.status, sent: message.createdAt).statusPrefix
        var headlines: [String: String] = [:]
        for rendition in try outbox.renditions(messageID: message.id) where rendition.channel == .email {
            let subject = rendition.subject
            headlines[rendition.locale] = subject.hasPrefix(prefix) ? String(subject.dropFirst(prefix.count)) : subject
        }
        if headlines["en"] == nil {
            headlines["en"] =
                message.headline.hasPrefix(prefix) ? String(message.headline.dropFirst(prefix.count)) : message.headline
        }
        return headlines
    }

    /// `Thursday 26 November 2026 at 16:40`, as a resident reads it in `locale`.
    static func spokenTime(_ date: Date, in zone: TimeZone, locale: String = "en") -> String {
        let formatter = DateFormatter()
        formatter.timeZone = zone
        formatter.calendar = Calendar(identifier: .gregorian)
        if locale == "en" || locale.hasPrefix("en-") {
            formatter.locale = Locale(identifier: "en_GB")
            formatter.dateFormat = "EEEE d MMMM yyyy 'at' HH:mm"
        } else {
            formatter.locale = Locale(identifier: locale.replacingOccurrences(of: "-", with: "_"))
            formatter.setLocalizedDateFormatFromTemplate("EEEEdMMMMyyyyHHmm")
        }
        return formatter.string(from: date)
    }
}
