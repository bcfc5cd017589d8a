/// When to try a failed delivery again, and when to give up.
///
/// | attempt that failed | default wait before the next |
/// |---|---|
/// | 1 | 5 s |
/// | 2 | 5 min |
/// | 3 | 30 min |
/// | 4 | 2 h |
/// | 5 | 5 h |
/// | 6 | 10 h |
/// | 7 | none: dead letter |
///
/// Each wait is spread by ±`jitter` (a fraction, default 0.2) so a recovering endpoint is not hit
/// by every retry at once, and is never shorter than the endpoint's `Retry-After`.
///
/// Only answered attempts count (an answer, a refusal, a timeout: any outcome). A claim whose
/// process died before an outcome (a crash) is counted apart; after
/// `maximumClaimsWithoutOutcome` such claims in a row the delivery is a poison dead letter.
///
/// | counted | budget |
/// |---|---|
/// | answered attempts | `delays.count + 1`, then dead ("gave up after N attempts") |
/// | claims without an outcome, since the last outcome | 20, then dead ("poison: claimed 20 times without an outcome") |
public struct RetryPolicy: Sendable, Equatable {
    /// Waits after the first, second, ... failed attempt, in seconds.
    public var delays: [Double]
    /// Fraction of each delay to spread randomly either side.
    public var jitter: Double
    /// The longest `Retry-After` honoured, in seconds (an endpoint cannot park a delivery forever).
    public var maximumRetryAfter: Double

    public init(delays: [Double] = RetryPolicy.standardDelays, jitter: Double = 0.2, maximumRetryAfter: Double = 86_400)
    {
        self.delays = delays
        self.jitter = jitter
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// DESIGN.md's schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h.
    public static let standardDelays: [Double] = [5, 300, 1_800, 7_200, 18_000, 36_000]

    /// Claims in a row that may end without an outcome before the delivery is a poison dead letter.
    public static let maximumClaimsWithoutOutcome = 20

    /// The dead-letter reason of a delivery claimed `claims` times in a row without an outcome.
    public static func poisonReason(claims: Int) -> String {
        "poison: claimed \(claims) times without an outcome"
    }

    /// Seconds to wait after failed attempt number `attempt` (from 1), or nil when it was the last.
    ///
    /// - Parameter unit: a number in 0..<1 that picks the jitter (injected so tests are exact).
    public func delay(afterAttempt attempt: Int, retryAfter: Double?, unit: Double) -> Double? {
        guard attempt >= 1, attempt <= delays.count else { return nil }
        let base = delays[attempt - 1]
        let spread = base * jitter * (unit * 2 - 1)
        let jittered = max(0, base + spread)
        guard let retryAfter else { return jittered }
        return max(jittered, min(max(retryAfter, 0), maximumRetryAfter))
    }
}
