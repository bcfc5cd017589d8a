import Hummingbird

/// Headers that keep browsers from doing more with Crier's responses than showing them: every
/// response is `nosniff`; HTML also gets a content security policy (no scripts, no framing, forms
/// posting only back to Crier) and `Referrer-Policy: no-referrer`, because resident pages carry
/// their token in the URL.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = CrierRequestContext

    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
            response.headers[.init("X-Frame-Options")!] = "DENY"
            response.headers[.init("Referrer-Policy")!] = "no-referrer"
        }
        return response
    }
}
