import CrierCore
import CrierStore
import Foundation
import Synchronization
import Testing

@testable import CrierRuntime

/// The dispatcher under fault: transfers longer than the lease, and deliveries whose earlier claims crashed.
@Suite("dispatcher under fault")
struct DispatcherFaultTests {
    @Test("a transfer longer than the lease is sent once and its answer recorded")
    func transferLongerThanTheLease() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try await DispatcherTests().enqueue(outbox, DispatcherTests.message("msg_slow"), DispatcherTests.webhooks(2))
        let transport = ScriptedTransport { _ in
            try? await Task.sleep(for: .milliseconds(1_200))
            return .delivered(detail: "HTTP 200")
        }
        var settings = DispatcherTests.settings()
        settings.lease = 0.3
        let dispatcher = Dispatcher(store: outbox, transports: [.webhook: transport], settings: settings)
        let report = try await dispatcher.run(untilIdle: true)
        #expect(transport.calls.count == 2, "each delivery sent once, not once per lease")
        #expect(report.delivered == 2)
        for delivery in try outbox.deliveries(state: nil, limit: 10) {
            #expect(delivery.state == .delivered)
            #expect(delivery.attempts == 1 && delivery.claims == 1)
        }
    }

    @Test("claims that crashed spend no retry: the first answered failure waits the first delay")
    func crashedClaimsSpendNoRetry() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        let past = Date().addingTimeInterval(-1_000)
        try await DispatcherTests().enqueue(
            outbox, DispatcherTests.message("msg_crash", at: past), DispatcherTests.webhooks(1))
        // Three earlier processes claimed it and died: their leases ran out long ago.
        for crash in 0..<3 {
            let at = past.addingTimeInterval(Double(crash) * 100)
            #expect(
                try await outbox.claim(route: "partner", limit: 1, now: at, lease: 10, owner: "dead-\(crash)").count
                    == 1)
        }
        let answers = Mutex([
            DeliveryOutcome.retry(reason: "HTTP 503", retryAfter: nil), .delivered(detail: "HTTP 200"),
        ])
        let transport = ScriptedTransport { _ in answers.withLock { $0.removeFirst() } }
        // Two answered attempts allowed: before the fix the three crashes had spent them all.
        let dispatcher = Dispatcher(
            store: outbox, transports: [.webhook: transport], settings: DispatcherTests.settings(delays: [0.05]))
        let report = try await dispatcher.run(untilIdle: true, idleGrace: 2)
        #expect(report.delivered == 1)
        #expect(transport.calls.map(\.delivery.attempt) == [1, 2])
        let delivery = try #require(try outbox.deliveries(state: nil, limit: 1).first)
        #expect(delivery.state == .delivered, "\(delivery.lastError ?? "")")
        #expect(delivery.attempts == 2 && delivery.claims == 5)
    }
}
