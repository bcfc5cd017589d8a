import Hummingbird
import Logging

/// Keeps internal errors inside: an error that is not a deliberate HTTP answer is logged with its
/// detail and the client gets `500` with a plain, generic body, never the error's text.
struct ErrorShieldMiddleware: RouterMiddleware {
    typealias Context = CrierRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            context.logger.error(
                "request failed",
                metadata: [
                    "method": "\(request.method)", "route": "\(context.endpointPath ?? "unmatched")",
                    "error": "\(String(reflecting: error))",
                ])
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(
                status: .internalServerError, headers: headers,
                body: .init(byteBuffer: ByteBuffer(string: "internal error; it has been logged\n")))
        }
    }
}
