import Foundation
import Synchronization

/// One token bucket per client address for one `RateLimit`, bounded in memory: when the table
/// grows past `maxClients`, buckets that have refilled completely (clients gone quiet) are dropped.
final class TokenBuckets: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let limit: RateLimit
    private let maxClients: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    init(limit: RateLimit, maxClients: Int = 50_000) {
        self.limit = limit
        self.maxClients = maxClients
    }

    /// Takes one token for `client`: nil when allowed, else the seconds until one will be there.
    func take(_ client: String, now: ContinuousClock.Instant = .now) -> Double? {
        let rate = Double(limit.perMinute) / 60
        let capacity = Double(max(1, limit.burst))
        return buckets.withLock { table in
            var bucket = table[client] ?? Bucket(tokens: capacity, updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(capacity, bucket.tokens + seconds * rate)
            bucket.updated = now
            defer {
                table[client] = bucket
                if table.count > maxClients { Self.prune(&table, now: now, rate: rate, capacity: capacity) }
            }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return (1 - bucket.tokens) / rate
        }
    }

    private static func prune(
        _ table: inout [String: Bucket], now: ContinuousClock.Instant, rate: Double, capacity: Double
    ) {
        table = table.filter { _, bucket in
            let elapsed = now - bucket.updated
            return bucket.tokens + Double(elapsed.components.seconds) * rate < capacity
        }
    }
}
