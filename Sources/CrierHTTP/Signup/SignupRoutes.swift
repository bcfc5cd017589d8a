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
            return SignupPage.response(
                title: wording.formTitle, body: SignupPage.form(service.form(locale: wording.locale), wording: wording),
                wording: wording)
        }
        router.post("subscribe") { request, context in
            guard let service = dependencies.signups else { throw HTTPError(.notFound) }
            let fields = try await FormFields.read(request, context: context)
            let submission = SignupSubmission(
                email: fields.first("email") ?? "", area: fields.first("area") ?? "", topics: fields.all("topics"),
                locale: fields.first("locale") ?? "en", consented: fields.first("consent") != nil,
                consentVersion: fields.first("consent_version") ?? "")
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
                    return SignupPage.response(
                        title: wording.sentTitle, body: SignupPage.message(wording.sentBody, wording: wording),
                        wording: wording)
                case .invalid(let problems):
                    return SignupPage.response(
                        title: wording.formTitle,
                        body: SignupPage.form(content, wording: wording, given: submission, problems: problems),
                        wording: wording, status: .badRequest)
                }
            } catch is SignupUnavailableError {
                return SignupPage.response(
                    title: wording.unavailableTitle,
                    body: SignupPage.message(wording.unavailableBody, wording: wording),
                    wording: wording, status: .serviceUnavailable)
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
                wording = SignupWording.forLocale(summary.locale)
                return SignupPage.response(
                    title: wording.confirmTitle, body: SignupPage.confirm(summary, token: token, wording: wording),
                    wording: wording)
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
                wording = SignupWording.forLocale(summary.locale)
                guard try await service.confirm(token: token) else { return expired(wording) }
                return SignupPage.response(
                    title: wording.confirmedTitle, body: SignupPage.message(wording.confirmedBody, wording: wording),
                    wording: wording)
            } catch {
                context.logger.error("confirming a sign-up failed", metadata: ["error": "\(error)"])
                return failed(wording)
            }
        }
    }

    /// The page's language: `?lang=`, else the first of `Accept-Language` the pages speak, else English.
    static func pageLocale(_ request: Request) -> String {
        if let lang = request.uri.queryParameters.get("lang"), !lang.isEmpty { return lang }
        let accepted = request.headers[.acceptLanguage] ?? ""
        for item in accepted.split(separator: ",") {
            let tag = item.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            let language = tag.lowercased().split(separator: "-").first.map(String.init) ?? ""
            if SignupWording.codes.contains(language) { return language }
        }
        return "en"
    }

    private static func expired(_ wording: SignupWording) -> Response {
        SignupPage.response(
            title: wording.expiredTitle,
            body: SignupPage.message(wording.expiredBody, wording: wording, linkToForm: true),
            wording: wording, status: .notFound)
    }

    private static func failed(_ wording: SignupWording) -> Response {
        SignupPage.response(
            title: wording.failedTitle, body: SignupPage.message(wording.failedBody, wording: wording),
            wording: wording, status: .internalServerError)
    }
}
