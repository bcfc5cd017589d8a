import Hummingbird
import Logging

/// Turns every error an `/api` route throws into `{"error": "..."}` with the right status: an
/// `APIError` as it is, Hummingbird's own errors (401 and 403 from `PartnerDirectory`, 404, 405,
/// 413) with their status and headers, anything else into a bare 500 that is logged here and
/// tells the client nothing of the cause.
///
/// It wraps the whole router, so every `/api` route answers alike whichever route group added
/// it; other paths (pages, `/metrics`) keep their own error answers.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = CrierRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let message = error.body ?? error.status.reasonPhrase.lowercased()
            return try APIError(error.status, message, headers: error.headers).response(from: request, context: context)
        } catch let error as any HTTPResponseError where error.status.code < 500 {
            return try APIError(error.status, error.status.reasonPhrase.lowercased())
                .response(from: request, context: context)
        } catch {
            context.logger.error(
                "API request failed",
                metadata: ["route": "\(context.endpointPath ?? "unmatched")", "error": "\(error)"])
            return try APIError(.internalServerError, "internal error").response(from: request, context: context)
        }
    }
}
