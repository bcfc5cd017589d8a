public import CrierCore

/// Limits and timings the dispatcher works within.
///
/// | setting | default | why |
/// |---|---|---|
/// | `maxInFlight` | 256 | deliveries being sent at once over all routes |
/// | `lease` | 120 s | how long a claim lasts before another process may take the delivery over; renewed every third of it while the transfer is in flight |
/// | `pollInterval` | 0.1 s | how often new work is looked for while busy |
/// | `idlePollInterval` | 0.5 s | how often the outbox is looked at while idle |
/// | `flushEvery` | 256 results or 50 ms | outcomes written per transaction |
public struct DispatchSettings: Sendable {
    /// How many deliveries of one route may be in flight, and how fast they may start.
    public struct RouteLimit: Sendable, Equatable {
        public var concurrency: Int
        /// Messages per second; nil means unlimited.
        public var ratePerSecond: Double?

        public init(concurrency: Int, ratePerSecond: Double? = nil) {
            self.concurrency = concurrency
            self.ratePerSecond = ratePerSecond
        }
    }

    public var maxInFlight: Int = 256
    public var lease: Double = 120
    public var pollInterval: Double = 0.1
    public var idlePollInterval: Double = 0.5
    public var flushCount: Int = 256
    public var flushInterval: Double = 0.05
    public var retry: RetryPolicy = RetryPolicy()
    /// Limits per route (endpoint id, or `email` for the relay).
    public var routes: [String: RouteLimit] = [:]
    /// The limit for a route not named in `routes`.
    public var defaultRoute = RouteLimit(concurrency: 8)
    /// Pattern with `{token}` for residents' unsubscribe links.
    public var unsubscribeURLPattern: String?

    public init() {}

    func limit(for route: String) -> RouteLimit { routes[route] ?? defaultRoute }

    /// Seconds between lease renewals while transfers are in flight: a third of the lease.
    var leaseRenewalInterval: Double { max(0.05, lease / 3) }
}

/// What a dispatcher run did, for logs, `--until-idle` and tests.
public struct DispatchReport: Sendable, Equatable {
    public var attempts = 0
    public var delivered = 0
    public var retried = 0
    public var dead = 0

    public init() {}
}
