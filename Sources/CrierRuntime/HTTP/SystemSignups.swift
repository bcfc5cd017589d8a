import CrierCore
import CrierHTTP
import CrierStore
import CrierTemplates
import Foundation

/// The sign-up pages over one installation: the form's choices from crier.yml and the shipped
/// confirmation template's languages, requests and confirmations through `SignupDesk`.
struct SystemSignups: SignupService {
    let system: CrierSystem

    /// Each language's own name, for the form's language list.
    static let languageNames = ["en": "English", "pl": "Polski", "gu": "ગુજરાતી"]

    var desk: SignupDesk { SignupDesk(system: system) }

    func form(locale: String) -> SignupFormContent {
        let configuration = system.configuration
        let locales =
            (try? system.templates().noticeMetadata(for: SignupDesk.template)?.locales) ?? nil
        return SignupFormContent(
            areas: configuration.areas.map { SignupChoice(value: $0.id, label: $0.name) },
            topics: configuration.topics.map { topic in
                SignupChoice(
                    value: topic,
                    label: topic.prefix(1).uppercased() + topic.dropFirst().replacingOccurrences(of: "-", with: " "))
            },
            languages: (locales ?? ["en"]).map { SignupChoice(value: $0, label: Self.languageNames[$0] ?? $0) },
            consentStatement: ConsentWording.statement(locale: locale, sender: configuration.senderName),
            consentVersion: ConsentWording.version)
    }

    func request(_ submission: SignupSubmission) async throws -> SignupAnswer {
        do {
            try await desk.request(
                email: submission.email, area: submission.area, topics: submission.topics, locale: submission.locale,
                source: SignupDesk.webFormSource, wordingVersion: submission.consentVersion)
            return .accepted
        } catch let error as SignupError {
            return .invalid(error.problems.map { SignupFieldProblem(field: $0.field, message: $0.message) })
        } catch is SignupUnavailable {
            throw SignupUnavailableError()
        }
    }

    func pending(token: String) async throws -> SignupSummary? {
        guard let pending = try desk.pending(token: token) else { return nil }
        let name = system.configuration.area(pending.area)?.name ?? pending.area
        return SignupSummary(areaName: name, topics: pending.topics, locale: pending.locale)
    }

    func confirm(token: String) async throws -> Bool {
        try desk.confirm(token: token)
    }
}
