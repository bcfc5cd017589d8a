import Hummingbird

/// One POST to `/preferences/{token}`: `action=leave` unsubscribes; otherwise the area, topics and
/// language are checked against what is on offer and saved, or the form comes back with an error
/// beside each wrong field (400).
struct PreferencesSubmission {
    let token: String
    let form: FormFields
    let request: Request
    let choices: ResidentChoices
    let accounts: any ResidentAccounts

    func respond() async throws -> Response {
        guard let current = try await accounts.resident(token: token) else {
            let (language, wording) = PageLanguage.choose(for: request, offered: choices)
            return ResidentPages.linkInvalid(language: language, wording: wording).response(status: .notFound)
        }
        if form.value("action") == "leave" {
            _ = try await accounts.unsubscribe(token: token)
            let (language, wording) = PageLanguage.choose(for: request, offered: choices, resident: current.language)
            return ResidentPages.unsubscribed(language: language, wording: wording).response()
        }
        guard current.isSubscribed else {
            let (language, wording) = PageLanguage.choose(for: request, offered: choices, resident: current.language)
            return ResidentPages.notSubscribed(language: language, wording: wording).response()
        }
        let shown = PreferencesPage.Shown(
            area: form.value("area") ?? "", topics: form.values("topics"), language: form.value("language") ?? "")
        let (language, wording) = PageLanguage.choose(for: request, offered: choices, resident: current.language)
        let errors = Self.problems(in: shown, choices: choices, wording: wording)
        guard errors.isEmpty else {
            let page = PreferencesPage(
                language: language, wording: wording, choices: choices, shown: shown, errors: errors)
            return page.html().response(status: .badRequest)
        }
        let settings = ResidentSettings(
            area: shown.area, topics: shown.topics.contains("all") ? [] : shown.topics, language: shown.language)
        guard try await accounts.changePreferences(token: token, to: settings) else {
            return ResidentPages.notSubscribed(language: language, wording: wording).response()
        }
        // The page answers in the newly chosen language unless one was asked for in the address.
        let (newLanguage, newWording) = PageLanguage.choose(
            for: request, offered: choices, resident: settings.language)
        let page = PreferencesPage(
            language: newLanguage, wording: newWording, choices: choices, shown: .init(settings), saved: true)
        return page.html().response()
    }

    /// What is wrong with each field, as HTML (the resident's value escaped), keyed by field.
    static func problems(
        in shown: PreferencesPage.Shown, choices: ResidentChoices, wording: ResidentWording
    ) -> [PreferencesPage.Field: String] {
        var errors: [PreferencesPage.Field: String] = [:]
        if shown.area.isEmpty {
            errors[.area] = HTMLPage.text(wording.missingArea)
        } else if !choices.areas.contains(where: { $0.id == shown.area }) {
            errors[.area] = ResidentWording.fill(wording.unknownArea, shown.area)
        }
        if shown.topics.isEmpty {
            errors[.topics] = HTMLPage.text(wording.noTopic)
        } else if let unknown = shown.topics.first(where: { $0 != "all" && !choices.topics.contains($0) }) {
            errors[.topics] = ResidentWording.fill(wording.unknownTopic, unknown)
        }
        if !choices.languages.contains(shown.language) {
            errors[.language] = ResidentWording.fill(wording.unknownLanguage, shown.language)
        }
        return errors
    }
}
