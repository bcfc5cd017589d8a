import Hummingbird

/// Refuses request bodies over the limit with `413 Content Too Large` before a route reads them:
/// at once when `Content-Length` says so, else while reading (the body is read once, here, and
/// handed on whole: bodies are small forms and JSON). A body that takes longer than `timeout`
/// seconds to arrive (a client trickling it byte by byte) gets `408 Request Timeout`.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = CrierRequestContext

    let maxBytes: Int
    let timeout: Double

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBytes {
            throw HTTPError(.contentTooLarge)
        }
        guard request.method == .post || request.method == .put || request.method == .patch else {
            return try await next(request, context)
        }
        let maxBytes = self.maxBytes
        let timeout = self.timeout
        let collected = try await withThrowingTaskGroup(of: Request?.self) { group in
            group.addTask {
                var request = request
                _ = try await request.collectBody(upTo: maxBytes)
                return request
            }
            group.addTask {
                try await Task.sleep(for: .seconds(timeout))
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        guard let collected else { throw HTTPError(.requestTimeout) }
        return try await next(collected, context)
    }
}
