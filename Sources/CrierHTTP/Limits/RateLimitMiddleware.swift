import Hummingbird

/// Per-client rate limits by path prefix, so the resident routes (`/unsubscribe/`, `/preferences/`)
/// and sign-up (`/subscribe`) are covered whichever module adds them: over the limit, `429 Too
/// Many Requests` with `Retry-After` in whole seconds, and nothing else happens.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = CrierRequestContext

    private let rules: [(prefixes: [String], buckets: TokenBuckets)]
    private let trustedProxies: Set<String>

    init(limits: HTTPLimits) {
        var rules: [(prefixes: [String], buckets: TokenBuckets)] = []
        if let limit = limits.tokenRoutes, limit.perMinute > 0 {
            rules.append((["/unsubscribe/", "/preferences/"], TokenBuckets(limit: limit)))
        }
        if let limit = limits.signUp, limit.perMinute > 0 {
            rules.append((["/subscribe"], TokenBuckets(limit: limit)))
        }
        self.rules = rules
        self.trustedProxies = Set(limits.trustedProxies)
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        guard let rule = rules.first(where: { rule in rule.prefixes.contains { Self.matches(path, prefix: $0) } })
        else { return try await next(request, context) }
        let client = ClientAddress.of(request, peer: context.remoteAddress, trustedProxies: trustedProxies)
        guard let wait = rule.buckets.take(client) else { return try await next(request, context) }
        var headers = HTTPFields()
        headers[.retryAfter] = String(Int(wait.rounded(.up)))
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(
            status: .tooManyRequests, headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: "too many requests; try again later\n")))
    }

    /// `/subscribe` matches `/subscribe`, `/subscribe/...` and `/subscribe?...`, not `/subscribers`.
    static func matches(_ path: String, prefix: String) -> Bool {
        if prefix.hasSuffix("/") { return path.hasPrefix(prefix) }
        return path == prefix || path.hasPrefix(prefix + "/")
    }
}
