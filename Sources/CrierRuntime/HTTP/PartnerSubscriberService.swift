import CrierCore
import CrierDelivery
import CrierHTTP
import CrierStore
import CrierTemplates
import Foundation

/// `PUT`/`DELETE /api/v1/subscribers/{email}` over one installation.
///
/// Every field is checked as the residents import checks it (address, area, topics) and the
/// language must be one the templates are written in. A partner with `confirms_subscribers`
/// vouches for the resident's consent and creates them active, with consent source `partner <id>`;
/// it cannot re-activate a suppressed address (409). Any other partner's request becomes a
/// pending sign-up (`SignupDesk`): the person gets a confirmation email and nothing changes until
/// they follow it; the answer (202) is the same whether the address is new, known or suppressed.
/// DELETE unsubscribes (the address stays suppressed) and never erases: forgetting a person stays
/// an operator's decision. Every change is audited with actor `partner <id>`.
struct PartnerSubscriberService: PartnerSubscriberDesk {
    let system: CrierSystem

    var roster: any PartnerRoster { system.outbox }

    func put(_ request: PartnerSubscriberRequest, by partner: PartnerCredential) async throws
        -> PartnerSubscriberOutcome
    {
        let input = try check(request)
        let actor = Self.actor(partner)
        guard partner.confirmsSubscribers else { return try await requestConfirmation(input, actor: actor) }
        let now = system.clock.now()
        let consent = SubscriberConsent(at: now, source: actor, wordingVersion: Self.partnerConsentWording)
        let result = try roster.putSubscriber(input, keepingNameWhenNil: request.name, consent: consent) { created in
            AuditEntry(
                at: now, actor: actor, action: created ? "subscriber-create" : "subscriber-update",
                subject: "a subscriber",
                detail: created
                    ? "active; consent source \(actor); area \(input.area)" : "area \(input.area), topics and language")
        }
        switch result {
        case .created(let person): return PartnerSubscriberOutcome(.created, subscriber: Self.view(person))
        case .updated(let person), .unchanged(let person):
            return PartnerSubscriberOutcome(.updated, subscriber: Self.view(person))
        case .suppressed(let reason):
            throw APIError.conflict(
                "this address is suppressed (\(reason.rawValue)); only the person confirming a new sign-up can "
                    + "subscribe it again", field: "email")
        }
    }

    /// What a trusted partner's residents are recorded as having agreed to: the partner's own
    /// consent statement, which Crier has not seen.
    static let partnerConsentWording = "the partner's own double opt-in"

    /// A pending sign-up for a partner not trusted to confirm people: a confirmation email goes to
    /// the address, and nothing changes until the person follows it.
    private func requestConfirmation(_ input: SubscriberInput, actor: String) async throws
        -> PartnerSubscriberOutcome
    {
        do {
            try await SignupDesk(system: system).request(
                email: input.email, area: input.area, topics: input.topics, locale: input.locale, source: actor)
        } catch let error as SignupError {
            let problem = error.problems.first
            let field = problem?.field == "locale" ? "language" : problem?.field ?? "body"
            throw APIError.badField(field, problem?.message ?? "refused")
        } catch is SignupUnavailable {
            throw APIError.unavailable(
                "this partner's residents must confirm by email, and this installation cannot send confirmation "
                    + "links (crier.yml needs http.public_url and an email relay)")
        }
        try roster.appendAudit(
            AuditEntry(
                at: system.clock.now(), actor: actor, action: "subscriber-signup-request", subject: "a subscriber",
                detail: "confirmation email queued; area \(input.area)"))
        return PartnerSubscriberOutcome(
            .pending,
            subscriber: PartnerSubscriberView(
                email: input.email, area: input.area, topics: input.topics, language: input.locale, name: input.name,
                status: "pending"))
    }

    func remove(email: String, by partner: PartnerCredential) async throws -> Bool {
        guard let person = try roster.subscriber(email: email) else { return false }
        let now = system.clock.now()
        let wasActive = person.unsubscribedAt == nil
        guard try roster.unsubscribe(token: person.unsubscribeToken, now: now) else { return false }
        if wasActive {
            try roster.appendAudit(
                AuditEntry(
                    at: now, actor: Self.actor(partner), action: "subscriber-unsubscribe", subject: "a subscriber"))
        }
        return true
    }

    /// The input to store for `request`; throws `APIError` naming the first bad field.
    func check(_ request: PartnerSubscriberRequest) throws -> SubscriberInput {
        let configuration = system.configuration
        let email = request.email.trimmingCharacters(in: .whitespaces)
        do {
            try EmailAddress.validate(address: email, field: "email")
        } catch {
            throw APIError.badField("email", "not a valid email address: \(error.reason)")
        }
        guard configuration.area(request.area) != nil, request.area != Area.cityID else {
            throw APIError.badField(
                "area", "unknown area (known: \(configuration.areas.map(\.id).joined(separator: ", ")))")
        }
        guard !request.topics.isEmpty else { throw APIError.badField("topics", "empty (use [\"all\"] or topics)") }
        let known = Set(configuration.topics)
        if let unknown = request.topics.first(where: { $0 != Subscriber.allTopics && !known.contains($0) }) {
            throw APIError.badField("topics", "unknown topic \"\(InputText.terminalSafe(unknown))\"")
        }
        let languages = try Self.languages(of: system)
        let language = request.language.trimmingCharacters(in: .whitespaces)
        let primary = language.split(separator: "-").first.map { $0.lowercased() } ?? ""
        guard SubscriberImport.isLanguageTag(language), languages.contains(primary) else {
            throw APIError.badField(
                "language",
                "unknown language (the templates are written in \(languages.sorted().joined(separator: ", ")))")
        }
        if let name = request.name {
            guard name.count <= SubscriberImport.maxLength["name"] ?? 200 else {
                throw APIError.badField("name", "longer than \(SubscriberImport.maxLength["name"] ?? 200) characters")
            }
            if let problem = InputText.problem(in: name) {
                throw APIError.badField("name", "\(problem); a name goes into the email's To header")
            }
        }
        return SubscriberInput(
            email: email, name: request.name ?? "", area: request.area, topics: request.topics, locale: language)
    }

    /// The primary language subtags the installation's templates are written in.
    static func languages(of system: CrierSystem) throws -> Set<String> {
        let library = try system.templates()
        return Set(
            library.templates.flatMap(\.locales).compactMap { $0.split(separator: "-").first.map { $0.lowercased() } })
    }

    /// `partner <id>`: who the audit log says acted.
    static func actor(_ partner: PartnerCredential) -> String { "partner \(partner.id)" }

    static func view(_ person: Subscriber) -> PartnerSubscriberView {
        PartnerSubscriberView(
            email: person.email, area: person.area, topics: person.topics, language: person.locale, name: person.name,
            status: person.unsubscribedAt == nil ? "active" : "unsubscribed")
    }
}
