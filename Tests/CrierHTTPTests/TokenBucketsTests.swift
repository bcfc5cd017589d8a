import Testing

@testable import CrierHTTP

@Suite struct TokenBucketsTests {
    @Test("a burst, then one request per interval; each client has its own bucket")
    func burstThenRate() {
        let buckets = TokenBuckets(limit: RateLimit(perMinute: 60, burst: 2))
        let start = ContinuousClock.now
        #expect(buckets.take("a", now: start) == nil)
        #expect(buckets.take("a", now: start) == nil)
        let wait = buckets.take("a", now: start)
        #expect(wait.map { $0 > 0.99 && $0 <= 1 } == true)
        #expect(buckets.take("b", now: start) == nil)
        #expect(buckets.take("a", now: start + .seconds(1)) == nil)
        #expect(buckets.take("a", now: start + .seconds(1)) != nil)
    }

    @Test("prefixes: /subscribe covers its subpaths, not /subscribers")
    func prefixes() {
        #expect(RateLimitMiddleware.matches("/subscribe", prefix: "/subscribe"))
        #expect(RateLimitMiddleware.matches("/subscribe/confirm/x", prefix: "/subscribe"))
        #expect(!RateLimitMiddleware.matches("/subscribers", prefix: "/subscribe"))
        #expect(RateLimitMiddleware.matches("/unsubscribe/t", prefix: "/unsubscribe/"))
        #expect(!RateLimitMiddleware.matches("/unsubscribe", prefix: "/unsubscribe/"))
    }
}
