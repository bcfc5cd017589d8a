public import CrierCore
public import CrierRuntime
public import Foundation

/// The outbox in memory: the Dispatcher's delivery queue and the composer's writes for explicit
/// deliveries, with the SQLite outbox's semantics and none of its files.
///
/// It exists so unit tests whose subject is not the database (the Dispatcher's pacing, its
/// shutdown) run fast and alone, and so the conformance suite can hold two implementations to one
/// behaviour: urgent first then oldest, leases fenced by owner and claim number, answered attempts
/// counted when results are recorded, due routes, released leases due at once, disabled endpoints
/// never claimed. Audience compositions (SQLite's `INSERT … SELECT` from subscribers) are not
/// offered: there are no subscribers here.
public actor InMemoryOutbox: DeliveryQueue, CompositionStore {
    /// What the store holds; one value, changed only inside the actor.
    private var messages: Set<String> = []
    private var renditions: [RenditionKey: Rendition] = [:]
    private var rows: [Int64: StoredDelivery] = [:]
    private var destinations: Set<DestinationKey> = []
    private var disabled: [String: String] = [:]
    private var attemptLog: [AttemptResult] = []
    private var nextID: Int64 = 1

    public init() {}

    // MARK: - Composition writes

    @discardableResult
    public func enqueue(
        _ message: MessageRecord, renditions: [Rendition], deliveries: some Sequence<NewDelivery> & Sendable,
        now: Date
    ) throws -> Int {
        guard messages.insert(message.id).inserted else { throw InMemoryOutboxError.duplicateMessage(message.id) }
        for rendition in renditions {
            self.renditions[RenditionKey(rendition.messageID, rendition.channel, rendition.locale)] = rendition
        }
        let due = message.state == .awaitingApproval ? Self.heldUntil : now
        var written = 0
        for delivery in deliveries {
            let key = DestinationKey(message.id, delivery.channel, delivery.destination)
            guard destinations.insert(key).inserted else { continue }
            let id = nextID
            nextID += 1
            rows[id] = StoredDelivery(
                record: DeliveryRecord(
                    id: id, messageID: message.id, channel: delivery.channel, destination: delivery.destination,
                    route: delivery.route, endpointID: delivery.endpointID, subscriberID: delivery.subscriberID,
                    recipientName: delivery.recipientName, unsubscribeToken: delivery.unsubscribeToken,
                    locale: delivery.locale, state: .pending, attempts: 0, nextAttemptAt: due, lastError: nil,
                    idempotencyKey: Self.newIdempotencyKey(), priority: message.priority, createdAt: now,
                    updatedAt: now, inReplyTo: delivery.inReplyTo))
            written += 1
        }
        killDeliveriesOfDisabledEndpoints(now: now)
        return written
    }

    // MARK: - Delivery queue

    public func dueRoutes(now: Date) -> [String: Int] {
        var routes: [String: Int] = [:]
        for row in rows.values where row.isDue(at: now) && isEnabled(row) {
            routes[row.record.route, default: 0] += 1
        }
        return routes
    }

    public func claim(route: String, limit: Int, now: Date, lease: TimeInterval, owner: String) -> [DeliveryRecord] {
        guard limit > 0 else { return [] }
        killPoisoned(route: route, now: now, owner: owner)
        let candidates = rows.values.filter { row in
            guard row.record.route == route, isEnabled(row) else { return false }
            switch row.record.state {
            case .pending: return row.record.nextAttemptAt <= now
            case .leased: return row.leaseUntil.map { $0 < now } == true && row.leaseOwner != owner
            default: return false
            }
        }
        let chosen = candidates.sorted(by: Self.claimOrder).prefix(limit)
        var claimed: [DeliveryRecord] = []
        for row in chosen {
            guard var stored = rows[row.record.id] else { continue }
            if stored.record.state == .leased { stored.record.claimsWithoutOutcome += 1 }
            stored.record.state = .leased
            stored.leaseOwner = owner
            stored.leaseUntil = now.addingTimeInterval(lease)
            stored.record.claims += 1
            stored.record.updatedAt = now
            rows[row.record.id] = stored
            claimed.append(stored.record)
        }
        return claimed
    }

    @discardableResult
    public func renewLeases(owner: String, now: Date, lease: TimeInterval) -> Int {
        var renewed = 0
        for (id, row) in rows where row.record.state == .leased && row.leaseOwner == owner {
            rows[id]?.leaseUntil = now.addingTimeInterval(lease)
            renewed += 1
        }
        return renewed
    }

    public func rendition(messageID: String, channel: Channel, locale: String) -> Rendition? {
        renditions[RenditionKey(messageID, channel, locale)]
    }

    public func record(_ results: [AttemptResult]) {
        guard !results.isEmpty else { return }
        var latest = Date.distantPast
        for result in results {
            attemptLog.append(result)
            apply(result)
            latest = max(latest, result.finishedAt)
        }
        killDeliveriesOfDisabledEndpoints(now: latest)
    }

    public func releaseLeases(owner: String, now: Date) {
        for (id, row) in rows where row.record.state == .leased && row.leaseOwner == owner {
            var record = row.record
            record.state = .pending
            record.nextAttemptAt = now
            record.updatedAt = now
            rows[id] = StoredDelivery(record: record)
        }
        killDeliveriesOfDisabledEndpoints(now: now)
    }

    // MARK: - For tests

    /// One delivery as the store holds it.
    public func delivery(id: Int64) -> DeliveryRecord? { rows[id]?.record }

    /// Every delivery, in id order.
    public func deliveries() -> [DeliveryRecord] { rows.keys.sorted().compactMap { rows[$0]?.record } }

    /// How many deliveries are in `state`.
    public func count(_ state: DeliveryState) -> Int { rows.values.count { $0.record.state == state } }

    /// Endpoint ids currently disabled, with their reasons.
    public func disabledEndpoints() -> [String: String] { disabled }

    /// Every attempt recorded, in order.
    public func attempts() -> [AttemptResult] { attemptLog }

    /// Marks an endpoint disabled (it answered HTTP 410); its pending deliveries become dead.
    public func disableEndpoint(_ endpointID: String, reason: String, now: Date) {
        if disabled[endpointID] == nil { disabled[endpointID] = reason }
        killDeliveriesOfDisabledEndpoints(now: now)
    }

    // MARK: - The rules

    /// 9999-12-31T23:59:59Z: when a delivery of a message awaiting approval is due (never, until released).
    static let heldUntil = Date(timeIntervalSince1970: 253_402_300_799)

    private static func claimOrder(_ a: StoredDelivery, _ b: StoredDelivery) -> Bool {
        (a.record.priority.rawValue, a.record.nextAttemptAt, a.record.id)
            < (b.record.priority.rawValue, b.record.nextAttemptAt, b.record.id)
    }

    private static func newIdempotencyKey() -> String {
        let high = UInt64.random(in: 0...UInt64.max)
        let low = UInt32.random(in: 0...UInt32.max)
        return "msg_" + String(format: "%016llx%08x", high, low)
    }

    private func isEnabled(_ row: StoredDelivery) -> Bool {
        row.record.endpointID.map { disabled[$0] == nil } ?? true
    }

    /// The rule of `SQLiteOutbox.killPoisoned`: a run-out lease someone else held that would be the
    /// last claim without an outcome allowed becomes a dead letter instead.
    private func killPoisoned(route: String, now: Date, owner: String) {
        for (id, row) in rows
        where row.record.route == route && row.record.state == .leased && row.leaseUntil.map({ $0 < now }) == true
            && row.leaseOwner != owner
            && row.record.claimsWithoutOutcome + 1 >= RetryPolicy.maximumClaimsWithoutOutcome
        {
            var record = row.record
            let lost = record.claimsWithoutOutcome + 1
            record.state = .dead
            record.claimsWithoutOutcome = lost
            record.lastError = RetryPolicy.poisonReason(claims: lost)
            record.updatedAt = now
            rows[id] = StoredDelivery(record: record)
        }
    }

    /// Applies one result to a delivery still leased by its owner under its claim; a 410 disables
    /// the endpoint whatever became of the delivery.
    private func apply(_ result: AttemptResult) {
        guard let row = rows[result.deliveryID] else { return }
        if row.record.state == .leased, row.leaseOwner == result.leaseOwner, row.record.claims == result.claim {
            var record = row.record
            record.attempts += 1
            record.claimsWithoutOutcome = 0
            record.updatedAt = result.finishedAt
            switch result.action {
            case .markDelivered:
                record.state = .delivered
                record.lastError = nil
            case .scheduleRetry(let at):
                record.state = .pending
                record.nextAttemptAt = at
                record.lastError = result.outcome.detail
            case .deadLetter(let reason), .deadLetterAndDisableEndpoint(let reason):
                record.state = .dead
                record.lastError = reason
            }
            rows[result.deliveryID] = StoredDelivery(record: record)
        }
        if case .deadLetterAndDisableEndpoint(let reason) = result.action, let endpoint = row.record.endpointID {
            disableEndpoint(endpoint, reason: reason, now: result.finishedAt)
        }
    }

    /// Pending deliveries of disabled endpoints become dead letters naming the reason; leased ones
    /// are settled by their own result.
    private func killDeliveriesOfDisabledEndpoints(now: Date) {
        guard !disabled.isEmpty else { return }
        for (id, row) in rows where row.record.state == .pending {
            guard let endpoint = row.record.endpointID, let reason = disabled[endpoint] else { continue }
            rows[id]?.record.state = .dead
            rows[id]?.record.lastError = "endpoint disabled: \(reason)"
            rows[id]?.record.updatedAt = now
        }
    }
}

/// A delivery row with the lease columns the record does not show.
private struct StoredDelivery {
    var record: DeliveryRecord
    var leaseOwner: String?
    var leaseUntil: Date?

    func isDue(at now: Date) -> Bool {
        switch record.state {
        case .pending: record.nextAttemptAt <= now
        case .leased: leaseUntil.map { $0 < now } ?? false
        default: false
        }
    }
}

private struct RenditionKey: Hashable {
    let messageID: String
    let channel: Channel
    let locale: String

    init(_ messageID: String, _ channel: Channel, _ locale: String) {
        self.messageID = messageID
        self.channel = channel
        self.locale = locale
    }
}

private struct DestinationKey: Hashable {
    let messageID: String
    let channel: Channel
    let destination: String

    init(_ messageID: String, _ channel: Channel, _ destination: String) {
        self.messageID = messageID
        self.channel = channel
        self.destination = destination
    }
}

/// Why the in-memory outbox refused a write.
public enum InMemoryOutboxError: Error, Equatable, CustomStringConvertible {
    /// A message with this id was written before.
    case duplicateMessage(String)

    public var description: String {
        switch self {
        case .duplicateMessage(let id): "in-memory outbox: message \(id) exists already"
        }
    }
}
