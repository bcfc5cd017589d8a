import Foundation

/// Paces a route to a number of messages per second, allowing a burst of one second's worth.
struct TokenBucket {
    let ratePerSecond: Double
    private var tokens: Double
    private var last: Date

    init(ratePerSecond: Double, now: Date) {
        self.ratePerSecond = ratePerSecond
        self.tokens = max(1, ratePerSecond)
        self.last = now
    }

    /// How many messages may start now (whole tokens), without taking them.
    mutating func available(now: Date) -> Int {
        refill(now: now)
        return Int(tokens.rounded(.down))
    }

    /// Takes `count` tokens.
    mutating func take(_ count: Int, now: Date) {
        refill(now: now)
        tokens -= Double(count)
    }

    /// Seconds until the next whole token.
    mutating func secondsUntilNextToken(now: Date) -> Double {
        refill(now: now)
        return tokens >= 1 ? 0 : (1 - tokens) / ratePerSecond
    }

    private mutating func refill(now: Date) {
        let elapsed = max(0, now.timeIntervalSince(last))
        tokens = min(max(1, ratePerSecond), tokens + elapsed * ratePerSecond)
        last = now
    }
}
