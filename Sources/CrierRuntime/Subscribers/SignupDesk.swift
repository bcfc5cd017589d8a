import CrierCore
import CrierDelivery
import CrierStore
import CrierTemplates
public import Foundation

/// Double opt-in: a sign-up (from the web form, or a partner that does not confirm people itself)
/// becomes a pending request and a confirmation email through the outbox; the subscription is
/// active only once the person follows the link and confirms.
///
/// Every accepted request gets the same answer whether the address is new, subscribed or
/// suppressed, so the form cannot tell anyone who is on the list. A confirmed sign-up is the
/// person's own new consent: it lifts any suppression of the address.
///
/// | rule | value |
/// |---|---|
/// | a confirmation link works for | 7 days, then it is refused and purged |
/// | unexpired requests per address | at most 3; further requests are answered alike but send nothing |
public struct SignupDesk: Sendable {
    /// How long a confirmation link works.
    public static let confirmationLifetime: TimeInterval = 7 * 24 * 3600
    /// Unexpired requests one address may have; more send nothing (the answer is the same).
    static let maxPendingPerAddress = 3
    /// The template of the confirmation email (a notice, not an alert).
    static let template = "subscribe-confirm"
    /// The web form's source, as recorded with the consent.
    public static let webFormSource = "web form"

    let system: CrierSystem

    /// The store, in the one role this desk uses.
    var ledger: any SignupLedger { system.outbox }

    /// A desk over `system`'s subscribers.
    public init(system: CrierSystem) {
        self.system = system
    }

    /// Records a sign-up for `email` and queues its confirmation email (delivered by `crier run`).
    ///
    /// `topics` empty or containing `all` means every topic; `source` says where the request came
    /// from (`web form`, `partner neighbourhood-link`) and `wordingVersion` which consent statement
    /// the person was shown. Throws `SignupError` (bad input, naming each field) or
    /// `SignupUnavailable` when crier.yml has no `http.public_url` for the link.
    public func request(
        email: String, area: String, topics: [String], locale: String, source: String,
        wordingVersion: String = ConsentWording.version
    ) async throws {
        let request = try validated(
            email: email, area: area, topics: topics, locale: locale, source: source, wordingVersion: wordingVersion)
        guard let base = system.configuration.http.publicURL, system.configuration.email != nil else {
            throw SignupUnavailable()
        }
        let now = system.clock.now()
        _ = try ledger.purgeExpiredSignups(now: now)
        let token = RandomToken.make(length: RandomTokenGenerator.unsubscribeTokenLength)
        let expiresAt = now.addingTimeInterval(Self.confirmationLifetime)
        let notice = try confirmationEmail(
            for: request, link: Self.confirmLink(base: base, token: token), expiresAt: expiresAt, now: now)
        _ = try await ledger.recordSignup(
            request, tokenHash: SQLiteOutbox.signupTokenHash(token), expiresAt: expiresAt, notice: notice,
            maxPending: Self.maxPendingPerAddress, now: now)
    }

    /// The request a confirmation link stands for, while it has not expired (for the page that
    /// asks the person to confirm); nil when the token is unknown, used or expired.
    public func pending(token: String) throws -> PendingSignup? {
        let now = system.clock.now()
        _ = try ledger.purgeExpiredSignups(now: now)
        return try ledger.pendingSignup(tokenHash: SQLiteOutbox.signupTokenHash(token), now: now).map {
            PendingSignup(area: $0.area, topics: $0.topics, locale: $0.locale)
        }
    }

    /// Confirms the sign-up behind `token`: the subscription becomes active with the consent
    /// recorded. False when the token is unknown, already used or expired (expired ones are purged).
    public func confirm(token: String) throws -> Bool {
        let now = system.clock.now()
        _ = try ledger.purgeExpiredSignups(now: now)
        return try ledger.confirmSignup(tokenHash: SQLiteOutbox.signupTokenHash(token), now: now) != nil
    }

    /// Deletes requests that expired unconfirmed; returns how many.
    public func purgeExpired() throws -> Int {
        try ledger.purgeExpiredSignups(now: system.clock.now())
    }

    /// `{public_url}/subscribe/confirm/{token}`.
    static func confirmLink(base: URL, token: String) -> String {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text + "/subscribe/confirm/" + token
    }

    /// Checks the request's fields against crier.yml's areas and topics, naming every bad one.
    func validated(
        email rawEmail: String, area: String, topics: [String], locale: String, source: String, wordingVersion: String
    ) throws(SignupError) -> SignupRequest {
        let configuration = system.configuration
        var problems: [SignupError.Problem] = []
        let email = rawEmail.trimmingCharacters(in: .whitespaces)
        if email.unicodeScalars.count > 254 {
            problems.append(.init(field: "email", message: "longer than 254 characters"))
        } else {
            do {
                try EmailAddress.validate(address: email, field: "email")
            } catch {
                problems.append(.init(field: "email", message: "not a valid email address: \(error.reason)"))
            }
        }
        if configuration.area(area) == nil {
            let known = configuration.areas.map(\.id).joined(separator: ", ")
            problems.append(
                .init(field: "area", message: "unknown area \"\(InputText.terminalSafe(area))\" (known: \(known))"))
        }
        var chosen = topics.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if chosen.isEmpty || chosen.contains(Subscriber.allTopics) { chosen = [Subscriber.allTopics] }
        for topic in chosen where topic != Subscriber.allTopics && !configuration.topics.contains(topic) {
            problems.append(.init(field: "topics", message: "unknown topic \"\(InputText.terminalSafe(topic))\""))
        }
        let language = locale.isEmpty ? "en" : locale
        if !SubscriberImport.isLanguageTag(language) {
            problems.append(
                .init(
                    field: "locale",
                    message: "\"\(InputText.terminalSafe(language))\" is not a language tag such as en, pl or gu"))
        }
        for (field, value) in [("source", source), ("wording_version", wordingVersion)] {
            if value.isEmpty || value.count > 200 || InputText.problem(in: value) != nil {
                problems.append(.init(field: field, message: "must be 1 to 200 printable characters"))
            }
        }
        guard problems.isEmpty else { throw SignupError(problems: problems) }
        return SignupRequest(
            email: email, area: area, topics: chosen, locale: language, source: source, wordingVersion: wordingVersion)
    }

    /// Renders the confirmation email for `request` in its language (falling back as templates do)
    /// and wraps it as a notice with its one delivery, to the address that asked.
    private func confirmationEmail(for request: SignupRequest, link: String, expiresAt: Date, now: Date) throws
        -> NoticeMessage
    {
        let configuration = system.configuration
        let library = try system.templates()
        let id = Composer.newMessageID()
        let lastDay = RenderContext(sent: expiresAt, timeZone: configuration.timeZone)
        let context = RenderContext(
            senderName: configuration.senderName, sent: now, timeZone: configuration.timeZone, alertID: id)
        let locale = try library.resolvedLocale(template: Self.template, requested: request.locale)
        let parts = try library.render(
            template: Self.template, locale: request.locale,
            variables: [
                "confirm_url": .text(link),
                "area_name": .text(configuration.area(request.area)?.name ?? request.area),
                "expires_date": .text(lastDay.sentDate(locale: locale)),
            ],
            context: context)
        let rendition = Rendition(
            messageID: id, channel: .email, locale: parts.locale, subject: parts.subject, textBody: parts.text,
            htmlBody: parts.html)
        let delivery = NewDelivery(
            channel: .email, destination: request.email, route: DeliveryRoute.email, locale: parts.locale)
        return NoticeMessage(
            id: id, template: Self.template, headline: parts.subject, rendition: rendition, delivery: delivery)
    }
}

/// A sign-up waiting for its confirmation, as the confirm page shows it (no address: the page
/// must not reveal it to whoever holds the link).
public struct PendingSignup: Sendable, Equatable {
    public let area: String
    public let topics: [String]
    public let locale: String
}
