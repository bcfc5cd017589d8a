import CrierCore
import CrierStore
public import CrierTemplates
import Foundation

/// Turns a template, variables and target areas into a message and all its deliveries, written to
/// the outbox in one transaction.
///
/// The message is rendered once per locale and channel, before anything is written: a rendering
/// error in any locale fails the whole composition. Each delivery row holds only what differs per
/// recipient (address, name, unsubscribe token), so every retry sends identical bytes. Residents
/// are streamed from the subscribers table into the outbox, so memory does not grow with the
/// audience. Each person or endpoint gets one copy, however many target areas match them.
public final class Composer: Sendable {
    public let system: CrierSystem
    public let library: TemplateLibrary

    public init(system: CrierSystem, library: TemplateLibrary) {
        self.system = system
        self.library = library
    }

    /// What composing `request` would do, without writing anything.
    public func preview(_ request: CompositionRequest) throws -> CompositionPreview {
        let plan = try makePlan(request, messageID: "preview")
        let subscribers =
            plan.channels.contains(.email)
            ? try system.outbox.countSubscribers(
                areas: plan.subscriberAreas, topic: plan.requiredTopic, testOnly: request.status == .test)
            : 0
        return CompositionPreview(
            template: request.template, topic: plan.metadata.topic, areas: plan.areaIDs,
            areaNames: plan.areaIDs.compactMap { system.configuration.area($0)?.name }, status: request.status.rawValue,
            audience: request.audience.words(templateTopic: plan.metadata.topic), subject: plan.headline,
            subscribers: subscribers, endpoints: plan.endpoints.map(\.id), locales: plan.locales
        )
    }

    /// Composes `request` and writes it with all its deliveries in one transaction.
    @discardableResult
    public func compose(_ request: CompositionRequest) async throws -> ComposedMessage {
        let plan = try makePlan(request, messageID: Self.newMessageID())
        let store = system.outbox
        let subscribers = subscriberDeliveries(plan)
        let now = system.clock.now()
        let written = try await store.enqueue(
            plan.message, renditions: plan.renditions, fixedDeliveries: plan.fixedDeliveries,
            subscribers: subscribers, now: now)
        return ComposedMessage(id: plan.message.id, headline: plan.headline, deliveries: written)
    }

    /// Composes `request` as the firing of a schedule slot: the slot record and the message commit
    /// together, so the slot fires exactly once. Returns nil, writing nothing, if it already fired.
    public func compose(_ request: CompositionRequest, scheduleID: String, slotKey: String) async throws
        -> ComposedMessage?
    {
        let plan = try makePlan(request, messageID: Self.newMessageID())
        let subscribers = subscriberDeliveries(plan)
        let now = system.clock.now()
        guard
            let written = try await system.outbox.recordSlot(
                scheduleID: scheduleID, slotKey: slotKey, outcome: .fired, at: now, message: plan.message,
                renditions: plan.renditions, fixedDeliveries: plan.fixedDeliveries, subscribers: subscribers,
                carrying: request.bulletinItems)
        else { return nil }
        return ComposedMessage(id: plan.message.id, headline: plan.headline, deliveries: written)
    }

    /// Renders `request` in one locale exactly as composing would, without writing anything (`crier preview`).
    public func render(_ request: CompositionRequest, locale: String) throws -> RenderedParts {
        let plan = try makePlan(request, messageID: "msg_preview")
        let configuration = system.configuration
        let context = RenderContext(
            areas: plan.areaIDs.compactMap { id in
                configuration.area(id).map { RenderContext.Area(id: $0.id, name: $0.name) }
            },
            senderName: configuration.senderName, status: request.status, kind: request.kind, sent: system.clock.now(),
            timeZone: configuration.timeZone,
            unsubscribeURL: request.channels == [.webhook] ? "" : configuration.email?.unsubscribeURLPattern ?? "",
            recipientName: "", alertID: plan.message.id, cap: request.cap)
        do {
            let resolved = try library.resolvedLocale(template: request.template, requested: locale)
            return try library.render(
                template: request.template, locale: resolved, variables: request.variables, context: context)
        } catch let error as TemplateError {
            throw CompositionError.rendering(error)
        }
    }

    /// The CAP 1.2 document composing `request` would produce, without writing anything.
    public func previewCAP(_ request: CompositionRequest) throws -> String {
        var request = request
        request.channels = [.webhook]
        let plan = try makePlan(request, messageID: "msg_preview", extraLocales: [CAPRendition.locale])
        let cap = plan.renditions.first { $0.locale == CAPRendition.locale }
        return String(decoding: cap?.payload ?? Data(), as: UTF8.self)
    }

    /// A new, unguessable message id.
    public static func newMessageID() -> String { RandomToken.make(prefix: "msg_", length: 20) }
}
