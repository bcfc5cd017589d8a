import CrierCore
import CrierStore
import CrierTemplates
import CrierTestSupport
import Foundation
import Logging
import Synchronization
import Testing

@testable import CrierRuntime

/// A city-wide composition runs while the Dispatcher delivers to another endpoint: the database
/// work of both waits off Swift's cooperative pool, so neither starves the other's threads.
@Suite("composition beside delivery")
struct CompositionConcurrencyTests {
    static let residents = 100_000
    static let steadyDeliveries = 300

    @Test("a 100,000-resident composition leaves the cooperative pool free and deliveries completing")
    func compositionDoesNotStallDelivery() async throws {
        let webhook = try await WebhookTestServer()
        let installation = try TestInstallation(
            endpoints: """
                  - { id: steady, kind: webhook, url: "\(webhook.url("/ok/steady"))", areas: [west], topics: [all] }
                """)
        let system = installation.system
        try Self.importResidents(into: system.outbox)
        try await Self.enqueueSteadyWork(into: system.outbox, server: webhook)

        let heartbeat = Heartbeat()
        let beating = Task { await heartbeat.run() }
        let completions = CompletionLog()
        let transports = try system.makeTransports(logger: Logger(label: "test"))
        var settings = system.dispatchSettings
        settings.routes["steady"] = .init(concurrency: 4)
        let dispatcher = Dispatcher(
            store: system.outbox,
            transports: [.webhook: TimedTransport(inner: try #require(transports[.webhook]), log: completions)],
            settings: settings)
        // Held residents' copies are never due, so the run ends once the steady work is delivered.
        let delivering = Task { try await dispatcher.run(untilIdle: true) }

        // Let deliveries get going, then compose for the whole city (held, so the dispatcher leaves
        // the residents' copies alone and keeps to its other endpoint).
        try await completions.wait(forAtLeast: 20)
        let start = ContinuousClock.now
        let composed = try await installation.composer.compose(
            CompositionRequest(
                template: "courier-fraud", areas: ["east"], channels: [.email],
                variables: ["pretend_to_be": "police officers"], proposedBy: "test", state: .awaitingApproval))
        let end = ContinuousClock.now
        #expect(composed.deliveries == Self.residents)

        let report = try await delivering.value
        beating.cancel()
        _ = await beating.value

        let composition = end - start
        let longestGap = heartbeat.longestGap
        #expect(report.delivered == Self.steadyDeliveries && report.dead == 0)
        // A composition this size takes seconds; a pool thread blocked for it would stop the heartbeat
        // (it ticks every 10 ms) for about as long. Half of it leaves room for a loaded machine.
        #expect(composition > .milliseconds(300), "too quick to tell: \(composition)")
        #expect(longestGap < composition / 2, "heartbeat stalled \(longestGap) during a \(composition) composition")
        let during = completions.times.filter { $0 > start && $0 < end }.count
        #expect(during > 0, "no delivery completed during the \(composition) composition")
    }

    /// 100,000 residents of East NPA, written in batches through the store's import.
    static func importResidents(into outbox: SQLiteOutbox) throws {
        var next = 0
        try outbox.upsertSubscribers(
            batches: {
                guard next < residents else { return nil }
                let batch = (next..<min(next + 10_000, residents)).map { index in
                    SubscriberInput(email: "resident\(index)@example.org", area: "east", topics: ["all"])
                }
                next += batch.count
                return batch
            }, now: Date())
    }

    /// Deliveries to the `steady` endpoint, each answered after 50 ms, so they keep arriving for
    /// a few seconds.
    static func enqueueSteadyWork(into outbox: SQLiteOutbox, server: WebhookTestServer) async throws {
        let message = MessageRecord(
            id: "msg_steady", template: "courier-fraud", topic: "scams", areas: ["west"], priority: .normal,
            headline: "Steady work", proposedBy: "test", createdAt: Date())
        let deliveries = (0..<steadyDeliveries).map { index in
            NewDelivery(
                channel: .webhook, destination: server.url("/sleep/0.05/steady-\(index)"), route: "steady",
                endpointID: "steady")
        }
        try await outbox.enqueue(
            message, renditions: [Rendition(messageID: message.id, channel: .webhook, locale: "en")],
            deliveries: deliveries, now: message.createdAt)
    }
}

/// Sleeps 10 ms at a time on the cooperative pool and remembers the longest wait between wake-ups.
final class Heartbeat: Sendable {
    private let gap = Mutex<Duration>(.zero)

    func run() async {
        var last = ContinuousClock.now
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(10))
            let now = ContinuousClock.now
            gap.withLock { $0 = max($0, now - last) }
            last = now
        }
    }

    var longestGap: Duration { gap.withLock { $0 } }
}

/// When each delivery's outcome reached the dispatcher's side (a task on the cooperative pool).
final class CompletionLog: Sendable {
    private let log = Mutex<[ContinuousClock.Instant]>([])

    func add() { log.withLock { $0.append(ContinuousClock.now) } }

    var times: [ContinuousClock.Instant] { log.withLock { $0 } }

    /// Waits until `count` outcomes are in, or fails after two minutes.
    func wait(forAtLeast count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while log.withLock({ $0.count }) < count {
            guard ContinuousClock.now < deadline else {
                Issue.record("only \(times.count) of \(count) deliveries completed")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// The real webhook transport, noting when each outcome comes back.
struct TimedTransport: Transport {
    let inner: any Transport
    let log: CompletionLog

    func deliver(_ delivery: OutboundDelivery) async -> DeliveryOutcome {
        let outcome = await inner.deliver(delivery)
        log.add()
        return outcome
    }
}
