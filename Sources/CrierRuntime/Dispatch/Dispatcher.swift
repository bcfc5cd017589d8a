public import CrierCore
import Foundation
public import Logging
import ServiceLifecycle

/// Drains the outbox: claims due deliveries route by route, hands them to the transports, and
/// records every outcome.
///
/// Urgent work goes first, then the oldest. Each route (a webhook endpoint, or the email relay)
/// has its own concurrency limit and optional rate, so one slow or failing endpoint only ever
/// uses its own share. Outcomes are written in batches; a crash loses at most the outcomes of the
/// last batch, and those deliveries are retried under the same idempotency key once their lease
/// expires.
public final class Dispatcher: Sendable {
    private let store: any DeliveryQueue
    private let transports: [Channel: any Transport]
    private let settings: DispatchSettings
    private let clock: any Clock
    private let logger: Logger
    /// This process's name on the leases it takes.
    public let owner: String
    /// Called after outcomes are written, with how many of them were deliveries (e.g. to republish feeds).
    private let afterRecording: (@Sendable (_ delivered: Int) -> Void)?
    /// Observes alert timings from each recorded batch (`crier_alert_*_delivery_seconds`).
    let timings: DeliveryTimings?

    public convenience init(
        store: any DeliveryQueue, transports: [Channel: any Transport], settings: DispatchSettings,
        clock: any Clock = SystemClock(), logger: Logger = Logger(label: "crier.dispatch"),
        afterRecording: (@Sendable (_ delivered: Int) -> Void)? = nil
    ) {
        self.init(
            store: store, transports: transports, settings: settings, clock: clock, logger: logger,
            afterRecording: afterRecording, timings: nil)
    }

    init(
        store: any DeliveryQueue, transports: [Channel: any Transport], settings: DispatchSettings,
        clock: any Clock, logger: Logger, afterRecording: (@Sendable (_ delivered: Int) -> Void)?,
        timings: DeliveryTimings?
    ) {
        self.timings = timings
        self.afterRecording = afterRecording
        self.store = store
        self.transports = transports
        self.settings = settings
        self.clock = clock
        self.logger = logger
        let host = ProcessInfo.processInfo.hostName
        self.owner = "\(host):\(ProcessInfo.processInfo.processIdentifier):\(UInt32.random(in: 0...UInt32.max))"
    }

    /// True once the service group running this dispatcher shuts down gracefully: `run` then stops
    /// claiming, finishes what is in flight, records it, gives back its leases and returns.
    private var isStopping: Bool { Task.isShuttingDownGracefully }

    private enum Event: Sendable {
        case finished(AttemptResult, route: String)
        case tick
    }

    /// Delivers until its service group shuts down gracefully; with `untilIdle`, returns once
    /// nothing is in flight and nothing is due within `idleGrace` seconds (so short retries can be
    /// waited for).
    public func run(untilIdle: Bool = false, idleGrace: Double = 0) async throws -> DispatchReport {
        var state = RunState(settings: settings, now: clock.now())
        do {
            try await deliver(untilIdle: untilIdle, idleGrace: idleGrace, state: &state)
        } catch {
            await releaseLeases()
            throw error
        }
        await releaseLeases()
        return state.report
    }

    /// Gives back this process's leases however the run ended, even when its task was cancelled
    /// (the release runs in a task of its own, which a cancellation does not reach).
    private func releaseLeases() async {
        let store = self.store
        let owner = self.owner
        let clock = self.clock
        await Task { try? await store.releaseLeases(owner: owner, now: clock.now()) }.value
    }

    /// The run's loop: claim, start, collect outcomes, write them in batches.
    private func deliver(untilIdle: Bool, idleGrace: Double, state: inout RunState) async throws {
        try await withThrowingTaskGroup(of: Event.self) { group in
            var tickerRunning = false
            var scan = true
            var freedRoute: String?
            while true {
                let now = clock.now()
                var started = 0
                if !isStopping {
                    if scan {
                        state.dueRoutes = Set(try await store.dueRoutes(now: now).keys)
                        started = try await claimAndStart(
                            routes: state.dueRoutes.sorted(), into: &group, state: &state, now: now)
                    } else if let route = freedRoute, state.shouldRefill(route: route) {
                        started = try await claimAndStart(routes: [route], into: &group, state: &state, now: now)
                    }
                }
                scan = false
                freedRoute = nil
                await renewLeasesIfDue(&state)
                if state.inFlight > 0 && !tickerRunning {
                    tickerRunning = true
                    let interval = settings.pollInterval
                    group.addTask {
                        try? await Task.sleep(for: .seconds(interval))
                        return .tick
                    }
                }
                if state.inFlight == 0 {
                    try await flush(&state, force: true)
                    scan = true
                    if isStopping { break }
                    if started == 0 {
                        if untilIdle {
                            let horizon = clock.now().addingTimeInterval(idleGrace)
                            let waiting = try await store.dueRoutes(now: horizon)
                            if waiting.isEmpty { break }
                        }
                        let pause = min(settings.idlePollInterval, state.secondsUntilRateAllows(now: now) ?? .infinity)
                        try await Task.sleep(for: .seconds(max(0.01, pause)))
                        continue
                    }
                }
                guard let event = try await group.next() else { continue }
                switch event {
                case .tick:
                    tickerRunning = false
                    scan = true
                case .finished(let result, let route):
                    state.finished(result, route: route, logger: logger)
                    freedRoute = route
                }
                try await flush(&state, force: false)
            }
            try await flush(&state, force: true)
            group.cancelAll()
        }
    }

    /// Claims what each route may start now and starts it; returns how many started.
    ///
    /// The store orders each route's work urgent first, then oldest; every route gets its own
    /// share each round, so a busy or slow route cannot starve the others.
    private func claimAndStart(
        routes: [String], into group: inout ThrowingTaskGroup<Event, any Error>, state: inout RunState, now: Date
    ) async throws -> Int {
        var capacity = settings.maxInFlight - state.inFlight
        guard capacity > 0 else { return 0 }
        var started = 0
        for route in routes where capacity > 0 {
            let allowed = min(capacity, state.allowance(route: route, now: now))
            state.freed[route] = 0
            guard allowed > 0 else { continue }
            let claimed = try await store.claim(
                route: route, limit: allowed, now: now, lease: settings.lease, owner: owner)
            guard !claimed.isEmpty else {
                state.dueRoutes.remove(route)
                continue
            }
            state.started(claimed.count, route: route, now: now)
            capacity -= claimed.count
            started += claimed.count
            for record in claimed {
                let outbound = try await prepare(record, state: &state)
                let transport = transports[record.channel]
                let policy = settings.retry
                let clock = self.clock
                let owner = self.owner
                group.addTask {
                    let startedAt = clock.now()
                    let outcome: DeliveryOutcome
                    if let outbound {
                        if let transport {
                            outcome = await transport.deliver(outbound)
                        } else {
                            outcome = .permanent(reason: "no \(record.channel.rawValue) transport is configured")
                        }
                    } else {
                        outcome = .permanent(reason: "the message body is missing from the outbox")
                    }
                    let finishedAt = clock.now()
                    // Answered attempts only: claims that ended without an outcome spend no retry.
                    let attempt = record.attempts + 1
                    var machine = DeliveryStateMachine(attempts: attempt, policy: policy)
                    let action = machine.attemptFinished(outcome, now: finishedAt, unit: Double.random(in: 0..<1))
                    DispatchMetrics.attempt(action, channel: record.channel)
                    let result = AttemptResult(
                        deliveryID: record.id, attempt: attempt, claim: record.claims, leaseOwner: owner,
                        startedAt: startedAt, finishedAt: finishedAt, outcome: outcome, action: action)
                    return .finished(result, route: record.route)
                }
            }
        }
        return started
    }

    /// While transfers are in flight, pushes their leases forward every third of a lease, so a
    /// transfer longer than the lease is never taken over (and sent again) while it still runs.
    /// A failed renewal is logged and tried again at the next turn; the run goes on.
    private func renewLeasesIfDue(_ state: inout RunState) async {
        let now = clock.now()
        guard state.inFlight > 0 || !state.pending.isEmpty else {
            state.nextRenewal = now.addingTimeInterval(settings.leaseRenewalInterval)
            return
        }
        guard now >= state.nextRenewal else { return }
        do {
            try await store.renewLeases(owner: owner, now: now, lease: settings.lease)
            state.nextRenewal = now.addingTimeInterval(settings.leaseRenewalInterval)
        } catch {
            logger.warning("could not renew leases; will try again", metadata: ["error": "\(error)"])
        }
    }

    /// Builds what the transport sends, filling in the recipient's own details.
    private func prepare(_ record: DeliveryRecord, state: inout RunState) async throws -> OutboundDelivery? {
        guard let rendition = try await state.renditions.rendition(for: record, store: store) else { return nil }
        let unsubscribe = record.unsubscribeToken.flatMap { token in
            settings.unsubscribeURLPattern?.replacingOccurrences(of: "{token}", with: token)
        }
        return OutboundDelivery(
            deliveryID: record.id, messageID: record.messageID, idempotencyKey: record.idempotencyKey,
            channel: record.channel, destination: record.destination, endpointID: record.endpointID,
            recipientName: record.recipientName, unsubscribeURL: unsubscribe, attempt: record.attempts + 1,
            composedAt: record.createdAt,
            subject: Personalisation.fillText(
                rendition.subject, unsubscribeURL: unsubscribe, recipientName: record.recipientName),
            textBody: Personalisation.fillText(
                rendition.textBody, unsubscribeURL: unsubscribe, recipientName: record.recipientName),
            htmlBody: Personalisation.fillHTML(
                rendition.htmlBody, unsubscribeURL: unsubscribe, recipientName: record.recipientName),
            payload: rendition.payload, payloadContentType: rendition.payloadContentType, inReplyTo: record.inReplyTo)
    }

    private func flush(_ state: inout RunState, force: Bool) async throws {
        guard !state.pending.isEmpty else { return }
        let now = clock.now()
        guard
            force || state.pending.count >= settings.flushCount
                || now.timeIntervalSince(state.lastFlush) >= settings.flushInterval
        else { return }
        try await store.record(state.pending)
        timings?.recorded(state.pending)
        let delivered = state.pending.count { $0.action == .markDelivered }
        state.pending.removeAll(keepingCapacity: true)
        afterRecording?(delivered)
        state.lastFlush = now
    }
}
