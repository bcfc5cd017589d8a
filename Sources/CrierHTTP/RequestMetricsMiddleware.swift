import Hummingbird
import Metrics

/// Counts every request as `crier_http_requests_total{route, status}` and times it in
/// `crier_http_request_duration_seconds{route}`, labelling by the matched route pattern (never the
/// raw path, so a token in a URL neither leaks into metrics nor multiplies series).
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = CrierRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(context: context, status: response.status.code, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(context: context, status: status, since: start)
            throw error
        }
    }

    private func record(context: Context, status: Int, since start: ContinuousClock.Instant) {
        let route = context.endpointPath ?? "unmatched"
        Counter(label: "crier_http_requests_total", dimensions: [("route", route), ("status", String(status))])
            .increment()
        let elapsed = ContinuousClock.now - start
        Timer(
            label: "crier_http_request_duration_seconds", dimensions: [("route", route)], preferredDisplayUnit: .seconds
        )
        .recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}
