/// How many requests one client address may make to a group of routes: `perMinute` on average,
/// up to `burst` at once (a token bucket).
///
/// | crier.yml `http.rate_limits` | routes | default |
/// |---|---|---|
/// | `tokens: { per_minute, burst }` | `/unsubscribe/*`, `/preferences/*` | 30 a minute, burst 10 |
/// | `signup: { per_minute, burst }` | `/subscribe`, `/subscribe/*` | 6 a minute, burst 3 |
///
/// `per_minute: 0` turns a limit off (a benchmark, or a proxy that limits already).
public struct RateLimit: Sendable, Equatable {
    /// Requests a minute, on average.
    public var perMinute: Int
    /// Requests allowed at once after a quiet spell.
    public var burst: Int

    /// A limit of `perMinute` with bursts of `burst`.
    public init(perMinute: Int, burst: Int) {
        self.perMinute = perMinute
        self.burst = burst
    }

    /// `/unsubscribe/*` and `/preferences/*`: a resident clicks a few times; an enumerator many.
    public static let tokenRoutes = RateLimit(perMinute: 30, burst: 10)
    /// `/subscribe`: each accepted request sends an email, so it is kept low.
    public static let signUp = RateLimit(perMinute: 6, burst: 3)
}
