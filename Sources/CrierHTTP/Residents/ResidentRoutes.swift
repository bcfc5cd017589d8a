import Hummingbird
import Logging

/// The residents' pages, reached from the links in every resident email: `/unsubscribe/{token}`
/// (RFC 8058 one-click, and a confirm page that changes nothing) and `/preferences/{token}`.
///
/// The token is the only credential: no session, no cookie. An unknown token on the unsubscribe
/// routes gets exactly the page and status a known one gets, so nobody can learn from outside
/// which tokens exist; pages never include the token, and their language comes from the request
/// (`?lang=`, then `Accept-Language`), never from the resident behind the token.
enum ResidentRoutes {
    static func add(to router: Router<CrierRequestContext>, accounts: any ResidentAccounts) {
        router.get("unsubscribe/:token") { request, _ in
            let (language, wording) = PageLanguage.choose(for: request, offered: await accounts.choices())
            return ResidentPages.unsubscribeConfirm(language: language, wording: wording).response()
        }
        router.post("unsubscribe/:token") { request, context in
            let token = try context.parameters.require("token")
            let (language, wording) = PageLanguage.choose(for: request, offered: await accounts.choices())
            let form: FormFields
            do {
                form = try await FormFields.read(request, limit: context.maxUploadSize)
            } catch {
                return ResidentPages.badRequest(language: language, wording: wording).response(status: .badRequest)
            }
            guard form.value("List-Unsubscribe") == "One-Click" else {
                return ResidentPages.badRequest(language: language, wording: wording).response(status: .badRequest)
            }
            do {
                _ = try await accounts.unsubscribe(token: token)
            } catch {
                return failure(error, context: context, language: language, wording: wording)
            }
            return ResidentPages.unsubscribed(language: language, wording: wording).response()
        }
        router.get("preferences/:token") { request, context in
            let token = try context.parameters.require("token")
            let choices = await accounts.choices()
            do {
                guard let settings = try await accounts.resident(token: token) else {
                    let (language, wording) = PageLanguage.choose(for: request, offered: choices)
                    return ResidentPages.linkInvalid(language: language, wording: wording).response(status: .notFound)
                }
                let (language, wording) = PageLanguage.choose(
                    for: request, offered: choices, resident: settings.language)
                guard settings.isSubscribed else {
                    return ResidentPages.notSubscribed(language: language, wording: wording).response()
                }
                let page = PreferencesPage(
                    language: language, wording: wording, choices: choices, shown: .init(settings))
                return page.html().response()
            } catch {
                let (language, wording) = PageLanguage.choose(for: request, offered: choices)
                return failure(error, context: context, language: language, wording: wording)
            }
        }
        router.post("preferences/:token") { request, context in
            let token = try context.parameters.require("token")
            let choices = await accounts.choices()
            let form: FormFields
            do {
                form = try await FormFields.read(request, limit: context.maxUploadSize)
            } catch {
                let (language, wording) = PageLanguage.choose(for: request, offered: choices)
                return ResidentPages.badRequest(language: language, wording: wording).response(status: .badRequest)
            }
            do {
                return try await PreferencesSubmission(
                    token: token, form: form, request: request, choices: choices, accounts: accounts
                ).respond()
            } catch {
                let (language, wording) = PageLanguage.choose(for: request, offered: choices)
                return failure(error, context: context, language: language, wording: wording)
            }
        }
    }

    /// A 500 page that says nothing of the cause; the cause goes to the log.
    private static func failure(
        _ error: any Error, context: CrierRequestContext, language: String, wording: ResidentWording
    ) -> Response {
        context.logger.error("a resident's page failed", metadata: ["error": "\(error)"])
        return ResidentPages.failure(language: language, wording: wording).response(status: .internalServerError)
    }
}
