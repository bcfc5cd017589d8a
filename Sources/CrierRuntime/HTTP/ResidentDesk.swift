import CrierCore
import CrierHTTP
import CrierStore
import CrierTemplates
import Foundation

/// The residents' pages over one installation: the choices crier.yml and the templates offer, and
/// each change a resident makes through their links, written to the store and audited as done by
/// "resident (web)".
struct ResidentDesk: ResidentAccounts {
    let system: CrierSystem

    /// Who the audit log says made a change through the web pages.
    static let actor = "resident (web)"

    var roster: any ResidentRoster { system.outbox }

    func choices() async -> ResidentChoices {
        let configuration = system.configuration
        var languages: Set<String> = ["en"]
        if let library = try? system.templates() {
            for template in library.templates { languages.formUnion(template.locales) }
        }
        return ResidentChoices(
            areas: configuration.areas.map { ResidentChoices.Area(id: $0.id, name: $0.name) },
            topics: configuration.topics, languages: ["en"] + languages.subtracting(["en"]).sorted())
    }

    func resident(token: String) async throws -> ResidentSettings? {
        guard let person = try roster.subscriber(token: token) else { return nil }
        return ResidentSettings(
            area: person.area, topics: person.topics.contains(Subscriber.allTopics) ? [] : person.topics,
            language: person.locale, isSubscribed: person.unsubscribedAt == nil)
    }

    func unsubscribe(token: String) async throws -> Bool {
        let person = try roster.subscriber(token: token)
        let now = system.clock.now()
        guard try roster.unsubscribe(token: token, now: now), let person else { return false }
        if person.unsubscribedAt == nil {
            try roster.appendAudit(
                AuditEntry(
                    at: now, actor: Self.actor, action: "subscriber-unsubscribe", subject: person.email,
                    detail: "through the unsubscribe link"))
        }
        return true
    }

    func changePreferences(token: String, to settings: ResidentSettings) async throws -> Bool {
        let now = system.clock.now()
        let topics = settings.topics.isEmpty ? [Subscriber.allTopics] : settings.topics
        guard let person = try roster.subscriber(token: token) else { return false }
        let audit = AuditEntry(
            at: now, actor: Self.actor, action: "subscriber-preferences", subject: person.email,
            detail: "area \(settings.area), topics \(topics.joined(separator: ";")), language \(settings.language)")
        return try roster.updatePreferences(
            token: token, area: settings.area, topics: topics, locale: settings.language, now: now, audit: audit)
    }
}
