import CrierCore
import CrierStore
import Foundation

extension AlertDesk {
    /// Urgent messages (alerts, updates, cancellation notices), newest first, with their state and counts.
    public func list(limit: Int = 50) throws -> [AlertSummary] {
        let now = system.clock.now()
        return try outbox.urgentMessages(limit: limit).map { try summary(of: $0, now: now) }
    }

    /// One alert in detail: state, counts per channel, related messages and the audit timeline.
    public func show(id: String) throws -> AlertReport {
        let now = system.clock.now()
        let message = try existingAlert(id)
        let related = try outbox.messages(referencing: id)
        var timeline = try outbox.audit(subject: id)
        for other in related { timeline += try outbox.audit(subject: other.id) }
        timeline.sort { ($0.at, $0.id ?? 0) < ($1.at, $1.id ?? 0) }
        var seen = Set<Int64>()
        timeline = timeline.filter { entry in entry.id.map { seen.insert($0).inserted } ?? true }
        return AlertReport(
            alert: try summary(of: message, now: now), template: message.template, content: try content(of: message),
            related: try related.map { try summary(of: $0, now: now) }, timeline: timeline)
    }

    /// Where delivery of alert `id` stands now.
    public func progress(id: String) throws -> AlertProgress {
        let message = try existingAlert(id)
        let channels = try channelCounts(of: id)
        return AlertProgress(
            state: try displayState(of: message, now: system.clock.now(), counts: channels), channels: channels)
    }

    /// What `message` says as sent: the default-language email with placeholders for personal details.
    func content(of message: MessageRecord) throws -> AlertContent {
        let renditions = try outbox.renditions(messageID: message.id)
        let languages = renditions.filter { !Self.channelLocales.contains($0.locale) }
        let email =
            languages.first { $0.channel == .email && $0.locale == "en" } ?? languages.first { $0.channel == .email }
            ?? renditions.first { $0.channel == .email }
        let text = Personalisation.fillText(
            email?.textBody ?? "", unsubscribeURL: "[the resident's unsubscribe link]",
            recipientName: "[the resident's name]")
        var variables: [String: String] = [:]
        if let stored = try? JSONSerialization.jsonObject(with: Data(message.variablesJSON.utf8)) as? [String: Any] {
            for (name, value) in stored {
                let json = try? JSONSerialization.data(
                    withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
                variables[name] = value as? String ?? json.map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
            }
        }
        return AlertContent(
            subject: email?.subject ?? message.headline, textBody: text,
            locales: Array(Set(languages.map(\.locale))).sorted(), variables: variables)
    }

    func summary(of message: MessageRecord, now: Date) throws -> AlertSummary {
        let channels = try channelCounts(of: message.id)
        return AlertSummary(
            id: message.id, kind: message.kind.rawValue, status: message.status.rawValue,
            state: try displayState(of: message, now: now, counts: channels), headline: message.headline,
            areas: message.areas, proposedBy: message.proposedBy, createdAt: message.createdAt,
            expiresAt: message.expiresAt, references: message.references, channels: channels)
    }

    func channelCounts(of id: String) throws -> [ChannelCounts] {
        try outbox.deliveryCountsByChannel(messageID: id)
            .map { ChannelCounts(channel: $0.key, states: $0.value) }
            .sorted { $0.channel < $1.channel }
    }

    /// The phase operators see: the lifecycle state, with `sending`/`sent` read from the deliveries.
    func displayState(of message: MessageRecord, now: Date, counts: [ChannelCounts]? = nil) throws -> String {
        let channels = try counts ?? channelCounts(of: message.id)
        return AlertPhase(
            state: message.state, expiresAt: message.expiresAt,
            pendingDeliveries: channels.reduce(0) { $0 + $1.pending }, now: now
        ).rawValue
    }
}
