public import Hummingbird

/// An API refusal with the status it deserves and a message a partner's developer can act on,
/// sent as `{"error": "...", "field": "..."}`; it never carries internal details.
public struct APIError: HTTPResponseError, Sendable, Equatable {
    /// The response status.
    public let status: HTTPResponse.Status
    /// What is wrong, in words.
    public let message: String
    /// The request field at fault, when one is.
    public let field: String?
    /// Extra response headers (`WWW-Authenticate` on a 401).
    public let headers: HTTPFields

    /// A refusal with `status`, naming `field` when one is at fault.
    public init(_ status: HTTPResponse.Status, _ message: String, field: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.field = field
        self.headers = headers
    }

    /// 400: `field` of the request is wrong.
    public static func badField(_ field: String, _ reason: String) -> APIError {
        APIError(.badRequest, "\(field): \(reason)", field: field)
    }

    /// 403: the partner may not do this.
    public static func forbidden(_ reason: String) -> APIError {
        APIError(.forbidden, reason)
    }

    /// 409: the request conflicts with the resource's state.
    public static func conflict(_ reason: String, field: String? = nil) -> APIError {
        APIError(.conflict, reason, field: field)
    }

    /// 503: the installation cannot do this now (a setting is missing).
    public static func unavailable(_ reason: String) -> APIError {
        APIError(.serviceUnavailable, reason)
    }

    /// The JSON response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body: [String: String] = ["error": message]
        if let field { body["field"] = field }
        var response = APIJSON.response(body, status: status)
        for header in headers { response.headers.append(header) }
        return response
    }
}
