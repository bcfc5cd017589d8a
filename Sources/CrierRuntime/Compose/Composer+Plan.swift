import CrierCore
import CrierStore
import CrierTemplates
import Foundation

/// Everything a composition resolved, before it is written.
struct CompositionPlan {
    let metadata: TemplateMetadata
    /// The topic residents and endpoints must follow; nil reaches them whatever they follow.
    let requiredTopic: String?
    let areaIDs: [String]
    /// nil means every area.
    let subscriberAreas: Set<String>?
    let channels: Set<Channel>
    let locales: [String]
    let headline: String
    let message: MessageRecord
    let renditions: [Rendition]
    let endpoints: [Endpoint]
    let fixedDeliveries: [NewDelivery]
    /// The residents it reaches (nil when it goes to endpoints only).
    let audience: SubscriberAudience?
}

extension Composer {
    /// Resolves and renders `request`. `extraLocales` asks for renditions the configured endpoints
    /// would not need by themselves (an update or cancellation going to the recipients of an
    /// earlier message): `CAPRendition.locale`, `PartnerRendition.locale`.
    func makePlan(_ request: CompositionRequest, messageID: String, extraLocales: Set<String> = []) throws
        -> CompositionPlan
    {
        let configuration = system.configuration
        guard let metadata = library.metadata(for: request.template) else {
            let known = library.templates.map(\.id).sorted().joined(separator: ", ")
            throw CompositionError.unknownTemplate(request.template, known: known)
        }
        guard !request.areas.isEmpty else { throw CompositionError.noArea }
        if case .topic(let topic) = request.audience, !configuration.topics.contains(topic) {
            throw CompositionError.unknownTopic(topic, known: configuration.topics.joined(separator: ", "))
        }
        for area in request.areas where area != Area.cityID && configuration.area(area) == nil {
            let known = ([Area.cityID] + configuration.areas.map(\.id)).joined(separator: ", ")
            throw CompositionError.unknownArea(area, known: known)
        }
        let everywhere = request.areas.contains(Area.cityID)
        let areaIDs =
            everywhere
            ? configuration.areas.map(\.id) : Array(NSOrderedSet(array: request.areas)).compactMap { $0 as? String }
        let channels = request.channels.isEmpty ? Set(Channel.allCases) : request.channels

        let now = system.clock.now()
        let context = RenderContext(
            areas: areaIDs.compactMap { id in
                configuration.area(id).map { RenderContext.Area(id: $0.id, name: $0.name) }
            },
            senderName: configuration.senderName, status: request.status, kind: request.kind, sent: now,
            timeZone: configuration.timeZone, unsubscribeURL: Personalisation.unsubscribeURLMarker,
            recipientName: Personalisation.recipientNameMarker, alertID: messageID,
            references: request.references ?? "", changes: request.changes, cap: request.cap)
        let requiredTopic = request.audience.requiredTopic(templateTopic: metadata.topic)

        var renditions: [Rendition] = []
        var sharedParts: [RenderedParts] = []
        var headline = ""
        for locale in metadata.locales {
            let parts: RenderedParts
            do {
                parts = try library.render(
                    template: metadata.id, locale: locale, variables: request.variables(for: locale), context: context)
            } catch let error as TemplateError {
                throw CompositionError.rendering(error)
            }
            try Self.refuseUnsafeSubject(
                parts.subject, variables: request.variables(for: locale), template: metadata.id, locale: locale)
            if locale == "en" || headline.isEmpty { headline = parts.subject }
            if channels.contains(.email) {
                renditions.append(
                    Rendition(
                        messageID: messageID, channel: .email, locale: locale, subject: parts.subject,
                        textBody: parts.text,
                        htmlBody: parts.html))
            }
            if channels.contains(.webhook) {
                // Webhook bodies go to partner systems, not residents: no personal unsubscribe link or name.
                var shared = context
                shared.unsubscribeURL = ""
                shared.recipientName = ""
                let webhook: RenderedParts
                do {
                    webhook = try library.render(
                        template: metadata.id, locale: locale, variables: request.variables(for: locale),
                        context: shared)
                } catch let error as TemplateError {
                    throw CompositionError.rendering(error)
                }
                sharedParts.append(webhook)
                renditions.append(
                    Rendition(
                        messageID: messageID, channel: .webhook, locale: locale, subject: webhook.subject,
                        payload: webhook.webhook, payloadContentType: "application/json"))
            }
        }

        let targetAreas: Set<String> = everywhere ? [Area.cityID] : Set(areaIDs)
        let disabled = try system.outbox.disabledEndpoints()
        let endpoints = configuration.endpoints.filter { endpoint in
            channels.contains(endpoint.kind) && endpoint.receives(topic: requiredTopic, targetAreas: targetAreas)
                && disabled[endpoint.id] == nil && (request.status != .test || endpoint.isTestRecipient)
        }
        let partnerMail = endpoints.contains { $0.kind == .email } || extraLocales.contains(PartnerRendition.locale)
        if partnerMail {
            renditions.append(
                try partnerRendition(
                    request, metadata: metadata, context: context, messageID: messageID, rendered: sharedParts.first))
        }
        let fixed = endpoints.map { endpoint in
            NewDelivery(
                channel: endpoint.kind, destination: endpoint.destination,
                route: endpoint.kind == .email ? DeliveryRoute.email : endpoint.id, endpointID: endpoint.id,
                recipientName: endpoint.kind == .email ? endpoint.name : nil,
                locale: endpoint.kind == .email
                    ? PartnerRendition.locale : endpoint.format == .cap ? CAPRendition.locale : "en")
        }

        let subscriberAreas: Set<String>? = everywhere ? nil : Set(areaIDs)
        let audience =
            channels.contains(.email)
            ? SubscriberAudience(areas: subscriberAreas, topic: requiredTopic, testOnly: request.status == .test)
            : nil

        let variables = request.variables.mapValues(\.jsonValue)
        let variablesJSON =
            (try? JSONSerialization.data(withJSONObject: variables, options: [.sortedKeys])).flatMap {
                String(data: $0, encoding: .utf8)
            } ?? "{}"
        let message = MessageRecord(
            id: messageID, kind: request.kind, status: request.status, template: metadata.id, topic: metadata.topic,
            areas: everywhere ? [Area.cityID] : areaIDs, priority: request.priority, state: request.state,
            headline: headline, references: request.references, proposedBy: request.proposedBy, createdAt: now,
            expiresAt: request.expiresAt, variablesJSON: variablesJSON, cap: request.cap)
        if extraLocales.contains(CAPRendition.locale)
            || endpoints.contains(where: { $0.kind == .webhook && $0.format == .cap })
        {
            let instruction: String? =
                if case .text(let text) = request.variables["instruction"] { text } else { nil }
            let xml = try capDocument(
                for: message, parts: sharedParts, metadata: metadata, areaIDs: areaIDs, instruction: instruction)
            renditions.append(
                Rendition(
                    messageID: messageID, channel: .webhook, locale: CAPRendition.locale, subject: headline,
                    payload: xml,
                    payloadContentType: CAPRendition.contentType))
        }
        return CompositionPlan(
            metadata: metadata, requiredTopic: requiredTopic, areaIDs: areaIDs, subscriberAreas: subscriberAreas,
            channels: channels,
            locales: metadata.locales, headline: headline, message: message, renditions: renditions,
            endpoints: endpoints,
            fixedDeliveries: fixed, audience: audience)
    }

    /// The residents `plan` reaches; each one's locale tag resolves among the template's locales
    /// in the store, by the templates' own rule (`LocaleChain`).
    func subscriberDeliveries(_ plan: CompositionPlan) -> SubscriberDeliveries? {
        plan.audience.map {
            SubscriberDeliveries(audience: $0, route: DeliveryRoute.email, renditionLocales: plan.metadata.locales)
        }
    }

    /// Refuses a subject holding a character `InputText` refuses, naming the variable that brought it.
    private static func refuseUnsafeSubject(
        _ subject: String, variables: [String: TemplateValue], template: String, locale: String
    ) throws {
        guard let problem = InputText.problem(in: subject) else { return }
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) {
            guard case .text(let text) = value, let own = InputText.problem(in: text),
                subject.unicodeScalars.contains(own.scalar)
            else { continue }
            throw CompositionError.unsafeVariable(name: name, problem: "\(own)", template: template, locale: locale)
        }
        throw CompositionError.unsafeSubject(template: template, locale: locale, problem: "\(problem)")
    }

    /// The email rendition for partner mailboxes (email endpoints): the template's first locale,
    /// addressed to nobody in particular and without a resident's unsubscribe link, since a
    /// partnership mailbox is configured, not subscribed. `rendered` is that locale's rendering for
    /// partners when the webhook renditions already made it: the same context, so it is not rendered again.
    private func partnerRendition(
        _ request: CompositionRequest, metadata: TemplateMetadata, context: RenderContext, messageID: String,
        rendered: RenderedParts?
    ) throws -> Rendition {
        var partner = context
        partner.unsubscribeURL = ""
        partner.recipientName = ""
        let locale = metadata.locales.first ?? "en"
        let parts: RenderedParts
        do {
            parts =
                try rendered
                ?? library.render(
                    template: metadata.id, locale: locale, variables: request.variables(for: locale), context: partner)
        } catch let error as TemplateError {
            throw CompositionError.rendering(error)
        }
        return Rendition(
            messageID: messageID, channel: .email, locale: PartnerRendition.locale, subject: parts.subject,
            textBody: parts.text, htmlBody: parts.html)
    }
}
