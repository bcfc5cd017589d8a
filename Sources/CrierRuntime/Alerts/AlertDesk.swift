import CrierCore
import CrierStore
public import CrierTemplates
import Foundation

/// The operator's desk for urgent alerts: propose, approve, reject, cancel, update and report.
///
/// Every action is checked before anything is written (a bad request queues nothing) and leaves a
/// line in the audit log saying who did it and when. The two-person rule compares operator names:
/// it binds only as far as those identities do.
public final class AlertDesk: Sendable {
    public let system: CrierSystem
    public let composer: Composer

    /// A desk over `system`, composing with `library`.
    public init(system: CrierSystem, library: TemplateLibrary) {
        self.system = system
        self.composer = Composer(system: system, library: library)
    }

    /// A desk over `system`, loading the templates its configuration points at.
    public convenience init(system: CrierSystem) throws {
        self.init(system: system, library: try Composer.loadLibrary(for: system.configuration))
    }

    var outbox: SQLiteOutbox { system.outbox }

    /// The message with `id`, refusing unknown ids and messages that are not operator alerts.
    func existingAlert(_ id: String) throws -> MessageRecord {
        guard let message = try outbox.message(id: id), message.priority == .urgent else {
            throw InputError("no alert \"\(id)\" (see `crier alerts list`)")
        }
        return message
    }

    /// Refuses an alert whose expiry has passed.
    func refuseExpired(_ message: MessageRecord, action: String, now: Date) throws {
        if let expires = message.expiresAt, expires <= now {
            throw InputError(
                "alert \(message.id) expired at \(Self.timestamp(expires, in: system.configuration.timeZone)); "
                    + "it cannot be \(action) (propose a new alert instead)")
        }
    }

    /// Whether an `actual` message must wait for a second operator.
    func needsApproval(_ status: AlertStatus) -> Bool {
        status == .actual && system.configuration.actualAlertsNeedApproval
    }

    /// Writes one audit line.
    func audit(_ action: String, _ subject: String, by actor: String, at: Date, _ detail: String = "") throws {
        try outbox.appendAudit(AuditEntry(at: at, actor: actor, action: action, subject: subject, detail: detail))
    }

    /// `2026-11-26 16:40:00 +00:00` in `zone`, for messages and timelines.
    static func timestamp(_ date: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss xxx"
        return formatter.string(from: date)
    }

    /// A new delivery for the same recipient as `record`, in the locale `template` offers them.
    func sameRecipient(_ record: DeliveryRecord, template: String) -> NewDelivery {
        let locale = (try? composer.library.resolvedLocale(template: template, requested: record.locale)) ?? "en"
        return NewDelivery(
            channel: record.channel, destination: record.destination, route: record.route,
            endpointID: record.endpointID,
            subscriberID: record.subscriberID, recipientName: record.recipientName,
            unsubscribeToken: record.unsubscribeToken, locale: locale)
    }

    /// Composes `request` for exactly `recipients` (an update or a cancellation) and writes it in one transaction.
    func compose(_ request: CompositionRequest, to recipients: [DeliveryRecord], now: Date) throws -> ComposedMessage {
        let plan = try composer.makePlan(request, messageID: Composer.newMessageID())
        var seen = Set<String>()
        let deliveries = recipients.filter { seen.insert("\($0.channel.rawValue) \($0.destination)").inserted }
            .map { sameRecipient($0, template: request.template) }
        let written = try outbox.enqueue(plan.message, renditions: plan.renditions, deliveries: deliveries, now: now)
        return ComposedMessage(id: plan.message.id, headline: plan.headline, deliveries: written)
    }
}
