import Foundation
import Hummingbird
import Logging

/// `GET/POST /subscribe` and `GET/POST /subscribe/confirm/{token}`: sign-up with double opt-in.
///
/// The answer to a valid sign-up is the same page and status for every address, subscribed,
/// suppressed or new. Following the emailed link shows a button; only its POST confirms, so a
/// mail scanner that fetches the link changes nothing.
enum SignupRoutes {
    static func add(to router: Router<CrierRequestContext>, dependencies: HTTPDependencies) {
        router.get("subscribe") { request, _ in
            guard let service = dependencies.signups else { throw HTTPError(.notFound) }
            let wording = SignupWording.forLocale(pageLocale(request))
            let form = SignupPage.form(service.form(locale: wording.locale), wording: wording)
            return SignupPage.page(title: wording.formTitle, main: form, wording: wording).response()
        }
        router.post("subscribe") { request, context in
            guard let service = dependencies.signups else { throw HTTPError(.notFound) }
            let fields: FormFields
            do {
                fields = try await FormFields.read(request, limit: context.maxUploadSize)
            } catch {
                let wording = SignupWording.forLocale(pageLocale(request))
                let form = SignupPage.form(service.form(locale: wording.locale), wording: wording)
                return SignupPage.page(title: wording.formTitle, main: form, wording: wording)
                    .response(status: .badRequest)
            }
            let submission = SignupSubmission(
                email: fields.value("email") ?? "", area: fields.value("area") ?? "", topics: fields.values("topics"),
                locale: fields.value("locale") ?? "en", consented: fields.value("consent") != nil,
                consentVersion: fields.value("consent_version") ?? "")
            let wording = SignupWording.forLocale(submission.locale)
            let content = service.form(locale: wording.locale)
            var problems: [SignupFieldProblem] = []
            if !submission.consented {
                problems.append(SignupFieldProblem(field: "consent", message: wording.consentMissing))
            } else if submission.consentVersion != content.consentVersion {
                problems.append(SignupFieldProblem(field: "consent", message: wording.consentStale))
            }
            do {
                let answer = problems.isEmpty ? try await service.request(submission) : .invalid(problems)
                switch answer {
                case .accepted:
                    return SignupPage.page(
                        title: wording.sentTitle,
                        main: SignupPage.message(wording.sentBody, wording: wording, notice: true),
                        wording: wording
                    ).response()
                case .invalid(let problems):
                    let form = SignupPage.form(content, wording: wording, given: submission, problems: problems)
                    return SignupPage.page(title: wording.formTitle, main: form, wording: wording)
                        .response(status: .badRequest)
                }
            } catch is SignupUnavailableError {
                return SignupPage.page(
                    title: wording.unavailableTitle,
                    main: SignupPage.message(wording.unavailableBody, wording: wording),
                    wording: wording
                ).response(status: .serviceUnavailable)
            } catch {
                context.logger.error("sign-up failed", metadata: ["error": "\(error)"])
                return failed(wording)
            }
        }
        router.get("subscribe/confirm/:token") { request, context in
            guard let service = dependencies.signups else { throw HTTPError(.notFound) }
            let token = context.parameters.get("token") ?? ""
            var wording = SignupWording.forLocale(pageLocale(request))
            do {
                guard let summary = try await service.pending(token: token) else { return expired(wording) }
                wording = SignupWording.forLocale(request.uri.queryParameters.get("lang") ?? summary.locale)
                return SignupPage.page(
                    title: wording.confirmTitle, main: SignupPage.confirm(summary, wording: wording), wording: wording
                ).response()
            } catch {
                context.logger.error("reading a sign-up failed", metadata: ["error": "\(error)"])
                return failed(wording)
            }
        }
        router.post("subscribe/confirm/:token") { request, context in
            guard let service = dependencies.signups else { throw HTTPError(.notFound) }
            let token = context.parameters.get("token") ?? ""
            var wording = SignupWording.forLocale(pageLocale(request))
            do {
                guard let summary = try await service.pending(token: token) else { return expired(wording) }
                wording = SignupWording.forLocale(request.uri.queryParameters.get("lang") ?? summary.locale)
                guard try await service.confirm(token: token) else { return expired(wording) }
                return SignupPage.page(
                    title: wording.confirmedTitle,
                    main: SignupPage.message(wording.confirmedBody, wording: wording, notice: true), wording: wording
                ).response()
            } catch {
                context.logger.error("confirming a sign-up failed", metadata: ["error": "\(error)"])
                return failed(wording)
            }
        }
    }

    /// The page's language: `?lang=`, else the first of `Accept-Language` the pages speak, else English.
    static func pageLocale(_ request: Request) -> String {
        if let lang = request.uri.queryParameters.get("lang"), !lang.isEmpty { return lang }
        for tag in PageLanguage.acceptedLanguages(request.headers[.acceptLanguage] ?? "") {
            let language = tag.lowercased().split(separator: "-").first.map(String.init) ?? ""
            if SignupWording.codes.contains(language) { return language }
        }
        return "en"
    }

    private static func expired(_ wording: SignupWording) -> Response {
        SignupPage.page(
            title: wording.expiredTitle,
            main: SignupPage.message(wording.expiredBody, wording: wording, linkToForm: true),
            wording: wording
        ).response(status: .notFound)
    }

    private static func failed(_ wording: SignupWording) -> Response {
        SignupPage.page(
            title: wording.failedTitle, main: SignupPage.message(wording.failedBody, wording: wording), wording: wording
        ).response(status: .internalServerError)
    }
}
