import CrierCore
import Foundation
import Logging

/// The dispatcher's bookkeeping for one run: what is in flight, pacing, outcomes not yet written.
struct RunState {
    let settings: DispatchSettings
    var inFlight = 0
    var inFlightByRoute: [String: Int] = [:]
    var buckets: [String: TokenBucket] = [:]
    var pending: [AttemptResult] = []
    var lastFlush: Date
    var report = DispatchReport()
    var renditions = RenditionCache()
    /// The last failure cause logged per route, so a retried failure is logged when its cause changes.
    var lastCause: [String: String] = [:]
    /// Routes that had work due at the last scan.
    var dueRoutes: Set<String> = []
    /// Deliveries finished per route since it was last claimed for.
    var freed: [String: Int] = [:]
    /// When the leases of what is in flight are next pushed forward.
    var nextRenewal: Date

    init(settings: DispatchSettings, now: Date) {
        self.settings = settings
        self.lastFlush = now
        self.nextRenewal = now.addingTimeInterval(settings.leaseRenewalInterval)
    }

    /// How many deliveries `route` may start now.
    mutating func allowance(route: String, now: Date) -> Int {
        let limit = settings.limit(for: route)
        var allowed = limit.concurrency - inFlightByRoute[route, default: 0]
        if let rate = limit.ratePerSecond {
            var bucket = buckets[route] ?? TokenBucket(ratePerSecond: rate, now: now)
            allowed = min(allowed, bucket.available(now: now))
            buckets[route] = bucket
        }
        return max(0, allowed)
    }

    /// True when enough of `route`'s deliveries have finished to be worth a claim (claims are
    /// write transactions, so they are batched rather than made per completion).
    func shouldRefill(route: String) -> Bool {
        guard dueRoutes.contains(route) else { return false }
        return freed[route, default: 0] >= max(1, settings.limit(for: route).concurrency / 2)
    }

    /// Seconds until a rate-limited route may start again, if any is waiting on its rate.
    mutating func secondsUntilRateAllows(now: Date) -> Double? {
        var soonest: Double?
        for route in buckets.keys {
            guard var bucket = buckets[route] else { continue }
            let wait = bucket.secondsUntilNextToken(now: now)
            buckets[route] = bucket
            if wait > 0 { soonest = min(soonest ?? wait, wait) }
        }
        return soonest
    }

    mutating func started(_ count: Int, route: String, now: Date) {
        inFlight += count
        inFlightByRoute[route, default: 0] += count
        if buckets[route] != nil { buckets[route]?.take(count, now: now) }
    }

    mutating func finished(_ result: AttemptResult, route: String, logger: Logger) {
        inFlight -= 1
        inFlightByRoute[route, default: 1] -= 1
        freed[route, default: 0] += 1
        pending.append(result)
        report.attempts += 1
        switch result.action {
        case .markDelivered:
            report.delivered += 1
            if lastCause.removeValue(forKey: route) != nil {
                logger.info("route recovered", metadata: ["route": "\(route)"])
            }
        case .scheduleRetry(let at):
            report.retried += 1
            noteFailure(route: route, cause: result.outcome.detail, logger: logger) {
                logger.warning(
                    "delivery failed, will retry",
                    metadata: [
                        "route": "\(route)", "cause": "\($0)", "retry_at": "\(at)", "delivery": "\(result.deliveryID)",
                    ])
            }
        case .deadLetter(let reason), .deadLetterAndDisableEndpoint(let reason):
            report.dead += 1
            logger.error(
                "delivery failed for good",
                metadata: ["route": "\(route)", "cause": "\(reason)", "delivery": "\(result.deliveryID)"])
        }
    }

    private mutating func noteFailure(route: String, cause: String, logger: Logger, log: (String) -> Void) {
        guard lastCause[route] != cause else { return }
        lastCause[route] = cause
        log(cause)
    }
}

/// Keeps recently used renditions so 10,000 deliveries of one message read its body once.
struct RenditionCache {
    private var entries: [String: Rendition] = [:]

    mutating func rendition(for record: DeliveryRecord, store: any DeliveryQueue) async throws -> Rendition? {
        let key = "\(record.messageID)|\(record.channel.rawValue)|\(record.locale)"
        if let cached = entries[key] { return cached }
        guard
            let found = try await store.rendition(
                messageID: record.messageID, channel: record.channel, locale: record.locale)
        else { return nil }
        if entries.count >= 128 { entries.removeAll(keepingCapacity: true) }
        entries[key] = found
        return found
    }
}
