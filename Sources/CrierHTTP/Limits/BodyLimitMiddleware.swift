import Hummingbird

/// Refuses request bodies over the limit with `413 Content Too Large` before a route reads them:
/// at once when `Content-Length` says so, else while reading (the body is read once, here, and
/// handed on whole: bodies are small forms and JSON).
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = CrierRequestContext

    let maxBytes: Int

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBytes {
            throw HTTPError(.contentTooLarge)
        }
        guard request.method == .post || request.method == .put || request.method == .patch else {
            return try await next(request, context)
        }
        var request = request
        _ = try await request.collectBody(upTo: maxBytes)
        return try await next(request, context)
    }
}
