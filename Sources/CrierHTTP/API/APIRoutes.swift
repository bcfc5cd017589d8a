import Foundation
import Hummingbird

/// The partner API under `/api`: residents, bulletin items and current alerts for partners holding a
/// bearer token with the route's scope, and the OpenAPI document describing it (public).
///
/// Every route answers JSON, errors as `{"error": "..."}` (`APIErrorMiddleware`, which
/// `CrierRouter` puts around every route). Without
/// backends (an HTTP service built for the operational routes alone) the partner routes answer 503.
enum APIRoutes {
    static func add(to router: Router<CrierRequestContext>, dependencies: HTTPDependencies) {
        let api = router.group("api")
        api.get("openapi.json") { _, _ in OpenAPIDocument.response() }
        let partners = dependencies.partners
        let backends = dependencies.api

        api.put("v1/subscribers/{email}") { request, context in
            let partner = try partners.require(.subscribersWrite, of: request)
            let email = try pathEmail(context)
            let body = try await APIJSON.object(
                of: request, context: context, allowed: ["area", "topics", "language", "name"])
            let subscriberRequest = PartnerSubscriberRequest(
                email: email, area: try APIJSON.string(body, "area", required: true) ?? "",
                topics: try APIJSON.strings(body, "topics"),
                language: try APIJSON.string(body, "language", required: true) ?? "",
                name: try APIJSON.string(body, "name", required: false))
            let outcome = try await available(backends).subscribers.put(subscriberRequest, by: partner)
            let status: HTTPResponse.Status =
                switch outcome.kind {
                case .created: .created
                case .updated: .ok
                case .pending: .accepted
                }
            return APIJSON.response(outcome.subscriber, status: status)
        }

        api.delete("v1/subscribers/{email}") { request, context in
            let partner = try partners.require(.subscribersWrite, of: request)
            let email = try pathEmail(context)
            guard try await available(backends).subscribers.remove(email: email, by: partner) else {
                throw APIError(.notFound, "no subscriber has this address")
            }
            return Response(status: .noContent)
        }

        api.post("v1/areas/{area}/bulletin-items") { request, context in
            let partner = try partners.require(.bulletinsWrite, of: request)
            let area = context.parameters.get("area") ?? ""
            let body = try await APIJSON.object(
                of: request, context: context, allowed: ["title", "body", "link", "expires"])
            let submission = BulletinItemSubmission(
                area: area, title: try APIJSON.string(body, "title", required: true) ?? "",
                body: try APIJSON.string(body, "body", required: true) ?? "",
                link: try APIJSON.string(body, "link", required: false),
                expires: try APIJSON.string(body, "expires", required: false))
            let receipt = try await available(backends).bulletins.add(submission, by: partner)
            return APIJSON.response(receipt, status: .created)
        }

        api.get("v1/alerts") { request, _ in
            _ = try partners.require(.alertsRead, of: request)
            let query = request.uri.queryParameters
            let area = query.get("area").flatMap { $0.isEmpty ? nil : $0 }
            let status = query.get("status").flatMap { $0.isEmpty ? nil : $0 } ?? "actual"
            let alerts = try await available(backends).alerts.current(area: area, status: status)
            return APIJSON.response(["alerts": alerts], status: .ok)
        }
    }

    /// The `{email}` path parameter, percent-decoded.
    private static func pathEmail(_ context: CrierRequestContext) throws -> String {
        guard let raw = context.parameters.get("email"), let email = raw.removingPercentEncoding, !email.isEmpty
        else { throw APIError.badField("email", "the path must end with an email address") }
        return email
    }

    private static func available(_ backends: PartnerAPIBackends?) throws -> PartnerAPIBackends {
        guard let backends else { throw APIError(.serviceUnavailable, "the partner API is not available here") }
        return backends
    }
}
