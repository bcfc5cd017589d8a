import Hummingbird

/// Per-client rate limits by path prefix, so the resident routes (`/unsubscribe/`, `/preferences/`)
/// and sign-up (`/subscribe`) are covered whichever module adds them: over the limit, `429 Too
/// Many Requests` with `Retry-After` in whole seconds, and nothing else happens.
///
/// Every request to a token route counts (a GET of `/preferences/{token}` tells a valid token from
/// another); on sign-up only POSTs count, since they are what sends email and changes state, so a
/// resident reading the form or a mail scanner fetching a confirmation link uses up nothing.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = CrierRequestContext

    private let rules: [(prefixes: [String], postsOnly: Bool, buckets: TokenBuckets)]
    private let trustedProxies: Set<String>

    init(limits: HTTPLimits) {
        var rules: [(prefixes: [String], postsOnly: Bool, buckets: TokenBuckets)] = []
        if let limit = limits.tokenRoutes, limit.perMinute > 0 {
            rules.append((["/unsubscribe/", "/preferences/"], false, TokenBuckets(limit: limit)))
        }
        if let limit = limits.signUp, limit.perMinute > 0 {
            rules.append((["/subscribe"], true, TokenBuckets(limit: limit)))
        }
        self.rules = rules
        self.trustedProxies = Set(limits.trustedProxies)
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        guard let rule = rules.first(where: { rule in rule.prefixes.contains { Self.matches(path, prefix: $0) } }),
            !rule.postsOnly || request.method == .post
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
