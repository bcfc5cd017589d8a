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

    /// A desk over `system`, composing with the system's templates.
    public convenience init(system: CrierSystem) throws {
        self.init(system: system, library: try system.templates())
    }

    /// The store, in the one role this desk uses.
    var outbox: any AlertRecords { system.outbox }

    /// The message with `id`, refusing unknown ids and messages that are not operator alerts.
    func existingAlert(_ id: String) throws -> MessageRecord {
        guard let message = try outbox.message(id: id), message.priority == .urgent else {
            throw AlertDeskError.unknownAlert(id)
        }
        return message
    }

    /// Applies a lifecycle event to `message`, in the store's one transaction; an event the
    /// lifecycle refuses becomes an operator's error naming the alert and why.
    @discardableResult
    func apply(_ event: MessageEvent, to message: MessageRecord, now: Date) throws -> AppliedTransition {
        do {
            return try outbox.apply(event, to: message.id, now: now)
        } catch LifecycleStoreError.illegal(let illegal) {
            let verb =
                switch event {
                case .propose: "proposed"
                case .approve: "approved"
                case .reject: "rejected"
                case .supersede: "updated"
                case .cancel: "cancelled"
                case .expire: "expired"
                }
            throw AlertDeskError.illegalTransition(message.id, verb: verb, reason: illegal.description)
        } catch LifecycleStoreError.unknownMessage(let id) {
            throw AlertDeskError.unknownAlert(id)
        }
    }

    /// Writes the public files again when crier.yml sets `publish.dir`, so what the public sees
    /// follows what an operator did at once; a failure is returned as a warning, never thrown,
    /// because the operator's action is already committed.
    func republish() -> [String] {
        guard let folder = system.configuration.publishDirectory else { return [] }
        do {
            _ = try system.publish(to: folder, library: composer.library)
            return []
        } catch {
            return ["the action is committed, but publishing to \(folder.path) failed: \(error)"]
        }
    }

    /// Refuses an alert whose expiry has passed.
    func refuseExpired(_ message: MessageRecord, action: String, now: Date) throws {
        if let expires = message.expiresAt, expires <= now {
            throw AlertDeskError.expired(
                message.id, at: Self.timestamp(expires, in: system.configuration.timeZone), action: action)
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

    /// Rendition locales that are not languages: a CAP endpoint's document, a partner mailbox's email.
    static let channelLocales: Set<String> = [CAPRendition.locale, PartnerRendition.locale]

    /// A follow-up for the same recipient as `record`: in the rendition `template` offers them
    /// (their language, or the same CAP or partner form), replying to what they received.
    func sameRecipient(_ record: DeliveryRecord, template: String) -> NewDelivery {
        let locale =
            Self.channelLocales.contains(record.locale)
            ? record.locale
            : (try? composer.library.resolvedLocale(template: template, requested: record.locale)) ?? "en"
        return NewDelivery(
            channel: record.channel, destination: record.destination, route: record.route,
            endpointID: record.endpointID,
            subscriberID: record.subscriberID, recipientName: record.recipientName,
            unsubscribeToken: record.unsubscribeToken, locale: locale, inReplyTo: record.idempotencyKey)
    }

    /// Composes `request` for exactly `recipients` (an update or a cancellation; none for a Cancel
    /// that only the public record needs) and writes it in one transaction.
    func compose(_ request: CompositionRequest, to recipients: [DeliveryRecord], now: Date) async throws
        -> ComposedMessage
    {
        let extra = Set(recipients.map(\.locale)).intersection(Self.channelLocales)
        let plan = try composer.makePlan(request, messageID: Composer.newMessageID(), extraLocales: extra)
        var seen = Set<String>()
        let deliveries = recipients.filter { seen.insert("\($0.channel.rawValue) \($0.destination)").inserted }
            .map { sameRecipient($0, template: request.template) }
        let written = try await outbox.enqueue(
            plan.message, renditions: plan.renditions, deliveries: deliveries, now: now)
        return ComposedMessage(id: plan.message.id, headline: plan.headline, deliveries: written)
    }
}
