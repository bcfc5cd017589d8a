/// The limits that keep one slow or greedy client from holding the HTTP service.
///
/// | crier.yml `http:` key | what | default |
/// |---|---|---|
/// | `idle_timeout` | a connection with no complete request head for this long is closed: an idle keep-alive connection, or a client trickling header bytes (slow loris) | 10s |
/// | `max_body_bytes` | larger request bodies get `413` | 65536 |
/// | `body_timeout` | a request body not complete this long after its head gets `408` (a trickled body) | 10s |
/// | `rate_limits.tokens` | per client address, `/unsubscribe/*` and `/preferences/*` (`429` with `Retry-After`) | 30/min, burst 10 |
/// | `rate_limits.signup` | per client address, `/subscribe` | 6/min, burst 3 |
/// | `trusted_proxies` | peer addresses whose `X-Forwarded-For` names the client (the TLS reverse proxy) | none |
public struct HTTPLimits: Sendable, Equatable {
    /// Seconds without a complete request head before a connection is closed.
    public var idleTimeout: Double = 10
    /// Largest request body, in bytes.
    public var maxBodyBytes: Int = 64 * 1024
    /// Seconds a request body may take to arrive.
    public var bodyTimeout: Double = 10
    /// The limit on token routes; nil when off.
    public var tokenRoutes: RateLimit? = .tokenRoutes
    /// The limit on sign-up; nil when off.
    public var signUp: RateLimit? = .signUp
    /// Peers (IP addresses as written) trusted to name the client in `X-Forwarded-For`.
    public var trustedProxies: [String] = []

    /// The defaults above.
    public init() {}
}
