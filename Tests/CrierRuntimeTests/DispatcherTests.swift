import CrierCore
import CrierStore
import CrierStoreDoubles
import Foundation
import Synchronization
import Testing

@testable import CrierRuntime

/// A transport that answers from a script per destination and records every call.
final class ScriptedTransport: Transport {
    struct Call: Sendable {
        let delivery: OutboundDelivery
        let startedAt: ContinuousClock.Instant
    }

    private let script: @Sendable (OutboundDelivery) async -> DeliveryOutcome
    private let log = Mutex<[Call]>([])

    init(_ script: @escaping @Sendable (OutboundDelivery) async -> DeliveryOutcome) { self.script = script }

    func deliver(_ delivery: OutboundDelivery) async -> DeliveryOutcome {
        log.withLock { $0.append(Call(delivery: delivery, startedAt: ContinuousClock.now)) }
        return await script(delivery)
    }

    var calls: [Call] { log.withLock { $0 } }
}

/// The Dispatcher's own behaviour (pacing, order, retries, shutdown) against the in-memory outbox;
/// DispatcherFaultTests and CompositionDeliveryTests drive it against SQLite.
@Suite("dispatcher")
struct DispatcherTests {
    static func message(_ id: String, priority: Priority = .normal, at date: Date = Date()) -> MessageRecord {
        MessageRecord(
            id: id, template: "urgent-warning", topic: "scams", areas: ["east"], priority: priority,
            headline: "Courier fraud", proposedBy: "test", createdAt: date)
    }

    static func webhooks(_ count: Int, route: String = "partner") -> [NewDelivery] {
        (0..<count).map {
            NewDelivery(
                channel: .webhook, destination: "https://\(route).example.org/\($0)", route: route, endpointID: route)
        }
    }

    static func settings(delays: [Double] = [0.05, 0.05], concurrency: Int = 4) -> DispatchSettings {
        var settings = DispatchSettings()
        settings.retry = RetryPolicy(delays: delays, jitter: 0)
        settings.defaultRoute = .init(concurrency: concurrency)
        settings.pollInterval = 0.02
        settings.idlePollInterval = 0.02
        return settings
    }

    func enqueue(_ outbox: some CompositionStore, _ message: MessageRecord, _ deliveries: [NewDelivery]) async throws {
        let renditions = [
            Rendition(
                messageID: message.id, channel: .webhook, locale: "en", payload: Data("{\"id\":\"\(message.id)\"}".utf8)
            )
        ]
        try await outbox.enqueue(message, renditions: renditions, deliveries: deliveries, now: message.createdAt)
    }

    @Test("everything due is delivered once, with the rendition's bytes")
    func deliversEverything() async throws {
        let outbox = InMemoryOutbox()
        try await enqueue(outbox, Self.message("msg_a"), Self.webhooks(50))
        let transport = ScriptedTransport { _ in .delivered(detail: "HTTP 204") }
        let dispatcher = Dispatcher(store: outbox, transports: [.webhook: transport], settings: Self.settings())
        let report = try await dispatcher.run(untilIdle: true)
        #expect(report.delivered == 50)
        #expect(Set(transport.calls.map(\.delivery.destination)).count == 50)
        #expect(transport.calls.allSatisfy { $0.delivery.payload == Data("{\"id\":\"msg_a\"}".utf8) })
        #expect(await outbox.count(.delivered) == 50)
    }

    @Test("urgent messages go before older scheduled ones")
    func urgentFirst() async throws {
        let outbox = InMemoryOutbox()
        let earlier = Date().addingTimeInterval(-60)
        try await enqueue(outbox, Self.message("msg_old", at: earlier), Self.webhooks(5, route: "partner"))
        try await enqueue(
            outbox, Self.message("msg_urgent", priority: .urgent),
            [
                NewDelivery(
                    channel: .webhook, destination: "https://partner.example.org/urgent", route: "partner",
                    endpointID: "partner")
            ])
        let transport = ScriptedTransport { _ in .delivered(detail: "HTTP 200") }
        let dispatcher = Dispatcher(
            store: outbox, transports: [.webhook: transport], settings: Self.settings(concurrency: 1))
        _ = try await dispatcher.run(untilIdle: true)
        #expect(transport.calls.first?.delivery.messageID == "msg_urgent")
    }

    @Test("a retried delivery keeps its idempotency key and is delivered on a later attempt")
    func retryKeepsKey() async throws {
        let outbox = InMemoryOutbox()
        try await enqueue(outbox, Self.message("msg_r"), Self.webhooks(1))
        let answers = Mutex([
            DeliveryOutcome.retry(reason: "HTTP 500", retryAfter: nil), .retry(reason: "HTTP 500", retryAfter: nil),
            .delivered(detail: "HTTP 200"),
        ])
        let transport = ScriptedTransport { _ in answers.withLock { $0.removeFirst() } }
        let dispatcher = Dispatcher(store: outbox, transports: [.webhook: transport], settings: Self.settings())
        let report = try await dispatcher.run(untilIdle: true, idleGrace: 2)
        #expect(report.attempts == 3)
        #expect(report.delivered == 1)
        #expect(Set(transport.calls.map(\.delivery.idempotencyKey)).count == 1)
        #expect(transport.calls.map(\.delivery.attempt) == [1, 2, 3])
        let delivery = try #require(await outbox.deliveries().first { $0.state == .delivered })
        #expect(await outbox.attempts().count { $0.deliveryID == delivery.id } == 3)
    }

    @Test("out of retries is a dead letter with the last cause")
    func deadAfterRetries() async throws {
        let outbox = InMemoryOutbox()
        try await enqueue(outbox, Self.message("msg_d"), Self.webhooks(1))
        let transport = ScriptedTransport { _ in .retry(reason: "HTTP 503", retryAfter: nil) }
        let dispatcher = Dispatcher(
            store: outbox, transports: [.webhook: transport], settings: Self.settings(delays: [0.02]))
        let report = try await dispatcher.run(untilIdle: true, idleGrace: 2)
        #expect(report.attempts == 2)
        let dead = await outbox.deliveries().filter { $0.state == .dead }
        #expect(dead.count == 1)
        #expect(dead.first?.lastError?.contains("HTTP 503") == true)
    }

    @Test("HTTP 410 disables the endpoint and its other deliveries die with it")
    func goneDisablesEndpoint() async throws {
        let outbox = InMemoryOutbox()
        try await enqueue(outbox, Self.message("msg_g"), Self.webhooks(3, route: "gone"))
        let transport = ScriptedTransport { _ in .endpointGone(reason: "HTTP 410") }
        let dispatcher = Dispatcher(
            store: outbox, transports: [.webhook: transport], settings: Self.settings(concurrency: 1))
        _ = try await dispatcher.run(untilIdle: true)
        #expect(await outbox.disabledEndpoints()["gone"] != nil)
        #expect(await outbox.count(.dead) == 3)
        #expect(transport.calls.count == 1)
    }

    @Test("a slow endpoint does not hold up the others")
    func slowEndpointIsolated() async throws {
        let outbox = InMemoryOutbox()
        try await enqueue(
            outbox, Self.message("msg_s"), Self.webhooks(4, route: "slow") + Self.webhooks(40, route: "fast"))
        // The slow endpoint answers only once every fast delivery is done (or after 120 s): if the
        // dispatcher let it hold up the others, it would time out.
        let fastDelivered = Mutex(0)
        let slowTimedOut = Mutex(false)
        let transport = ScriptedTransport { delivery in
            if delivery.endpointID == "fast" {
                fastDelivered.withLock { $0 += 1 }
                return .delivered(detail: "HTTP 200")
            }
            let deadline = ContinuousClock.now + .seconds(120)
            while fastDelivered.withLock({ $0 }) < 40 {
                if ContinuousClock.now > deadline {
                    slowTimedOut.withLock { $0 = true }
                    break
                }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return .delivered(detail: "HTTP 200")
        }
        var settings = Self.settings(concurrency: 1)
        settings.routes["fast"] = .init(concurrency: 4)
        let dispatcher = Dispatcher(store: outbox, transports: [.webhook: transport], settings: settings)
        let report = try await dispatcher.run(untilIdle: true)
        #expect(report.delivered == 44)
        #expect(slowTimedOut.withLock { $0 } == false)
    }

    @Test("the email relay's rate is honoured")
    func rateLimit() async throws {
        let outbox = InMemoryOutbox()
        let message = Self.message("msg_e")
        let renditions = [
            Rendition(
                messageID: "msg_e", channel: .email, locale: "en", subject: "s",
                textBody: "Hello \(Personalisation.recipientNameMarker)")
        ]
        let deliveries = (0..<30).map {
            NewDelivery(
                channel: .email, destination: "r\($0)@example.org", route: "email", recipientName: "R\($0)",
                unsubscribeToken: "t\($0)")
        }
        try await outbox.enqueue(message, renditions: renditions, deliveries: deliveries, now: Date())
        let transport = ScriptedTransport { _ in .delivered(detail: "250 OK") }
        var settings = Self.settings()
        settings.routes["email"] = .init(concurrency: 10, ratePerSecond: 20)
        settings.unsubscribeURLPattern = "https://example.org/u/{token}"
        let dispatcher = Dispatcher(store: outbox, transports: [.email: transport], settings: settings)
        let start = ContinuousClock.now
        _ = try await dispatcher.run(untilIdle: true)
        // 20 may start at once (one second's burst), the other 10 need half a second more.
        #expect(ContinuousClock.now - start >= .milliseconds(400))
        let first = try #require(transport.calls.first?.delivery)
        #expect(first.textBody == "Hello \(first.recipientName ?? "")")
        #expect(first.unsubscribeURL?.hasPrefix("https://example.org/u/t") == true)
    }
}
