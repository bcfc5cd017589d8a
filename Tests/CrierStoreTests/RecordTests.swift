import CrierCore
import CrierStore
import Foundation
import Testing

/// One row of the record table: an outcome, the action chosen, and what the delivery becomes.
struct RecordCase: Sendable, CustomTestStringConvertible {
    let outcome: DeliveryOutcome
    let action: DeliveryStateMachine.Action
    let state: DeliveryState
    let lastError: String?
    let endpointDisabled: Bool

    var testDescription: String { "\(outcome.kind) -> \(state.rawValue)" }
}

@Suite struct RecordTests {
    static let retryAt = Fixture.t0 + 300

    static let cases: [RecordCase] = [
        RecordCase(
            outcome: .delivered(detail: "HTTP 204"), action: .markDelivered, state: .delivered, lastError: nil,
            endpointDisabled: false),
        RecordCase(
            outcome: .retry(reason: "HTTP 503", retryAfter: nil), action: .scheduleRetry(at: retryAt),
            state: .pending, lastError: "HTTP 503", endpointDisabled: false),
        RecordCase(
            outcome: .permanent(reason: "HTTP 404"), action: .deadLetter(reason: "HTTP 404"), state: .dead,
            lastError: "HTTP 404", endpointDisabled: false),
        RecordCase(
            outcome: .endpointGone(reason: "HTTP 410"), action: .deadLetterAndDisableEndpoint(reason: "HTTP 410"),
            state: .dead, lastError: "HTTP 410", endpointDisabled: true),
    ]

    @Test(arguments: cases)
    func actionMovesTheDelivery(_ row: RecordCase) async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try await outbox.enqueue(
            Fixture.message("msg_a"), renditions: [],
            deliveries: [Fixture.webhook("a", url: "https://a/1"), Fixture.webhook("a", url: "https://a/2")],
            now: Fixture.t0)
        let claimed = try await outbox.claim(route: "a", limit: 1, now: Fixture.t0, lease: 60, owner: "w")
        let delivery = try #require(claimed.first)
        try await outbox.record([Fixture.result(delivery, row.outcome, row.action, at: Fixture.t0 + 1)])

        let after = try #require(try outbox.delivery(id: delivery.id))
        #expect(after.state == row.state)
        #expect(after.lastError == row.lastError)
        #expect(after.idempotencyKey == delivery.idempotencyKey)
        if case .scheduleRetry(let at) = row.action { #expect(after.nextAttemptAt == at) }
        let attempts = try outbox.attempts(deliveryID: delivery.id)
        #expect(attempts.map(\.outcome) == [row.outcome.kind])
        #expect(attempts.map(\.detail) == [row.outcome.detail])

        #expect((try outbox.disabledEndpoints()["a"] != nil) == row.endpointDisabled)
        let other = try #require(try outbox.deliveries(state: nil, limit: 10).first { $0.id != delivery.id })
        if row.endpointDisabled {
            #expect(other.state == .dead)
            #expect(other.lastError == "endpoint disabled: HTTP 410")
        } else {
            #expect(other.state == .pending)
        }
    }

    @Test func withdrawnDeliveryIsNotResurrected() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try await outbox.enqueue(
            Fixture.message("msg_a"), renditions: [], deliveries: [Fixture.webhook("a")], now: Fixture.t0)
        let delivery = try #require(
            try await outbox.claim(route: "a", limit: 1, now: Fixture.t0, lease: 60, owner: "w").first)
        #expect(try outbox.apply(.cancel, to: "msg_a", now: Fixture.t0).withdrawal?.inFlight.count == 1)
        try await outbox.record([
            Fixture.result(
                delivery, .retry(reason: "timeout", retryAfter: nil), .scheduleRetry(at: Fixture.t0 + 5))
        ])
        let after = try #require(try outbox.delivery(id: delivery.id))
        #expect(after.state == .withdrawn)
        #expect(try outbox.attempts(deliveryID: delivery.id).count == 1)
        #expect(try await outbox.claim(route: "a", limit: 1, now: Fixture.t0 + 10, lease: 60, owner: "w").isEmpty)
    }

    @Test func aLateResultFromAnExpiredLeaseDoesNotOverruleTheNewHolder() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try await outbox.enqueue(
            Fixture.message("msg_a"), renditions: [], deliveries: [Fixture.webhook("a")], now: Fixture.t0)
        let first = try #require(
            try await outbox.claim(route: "a", limit: 1, now: Fixture.t0, lease: 60, owner: "w1").first)
        // w1 stalls past its lease; w2 claims the delivery again.
        let second = try #require(
            try await outbox.claim(route: "a", limit: 1, now: Fixture.t0 + 61, lease: 60, owner: "w2").first)
        #expect(first.claims == 1 && second.claims == 2)
        // w1's failure arrives late: recorded, but the delivery stays w2's.
        try await outbox.record([
            Fixture.result(
                first, .retry(reason: "timeout", retryAfter: nil), .scheduleRetry(at: Fixture.t0 + 300),
                at: Fixture.t0 + 62,
                owner: "w1")
        ])
        #expect(try outbox.delivery(id: first.id)?.state == .leased)
        try await outbox.record([
            Fixture.result(second, .delivered(detail: "HTTP 204"), .markDelivered, at: Fixture.t0 + 63, owner: "w2")
        ])
        let after = try #require(try outbox.delivery(id: first.id))
        #expect(after.state == .delivered && after.lastError == nil)
        #expect(try outbox.attempts(deliveryID: first.id).map(\.outcome) == ["retry", "delivered"])
    }

    @Test func aStalledWorkerCannotOverruleALeaseAfterAnOperatorRetry() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try await outbox.enqueue(
            Fixture.message("msg_a"), renditions: [], deliveries: [Fixture.webhook("a")], now: Fixture.t0)
        let stalled = try #require(
            try await outbox.claim(route: "a", limit: 1, now: Fixture.t0, lease: 60, owner: "w1").first)
        let reclaimed = try #require(
            try await outbox.claim(route: "a", limit: 1, now: Fixture.t0 + 61, lease: 60, owner: "w2").first)
        try await outbox.record([
            Fixture.result(reclaimed, .permanent(reason: "HTTP 400"), .deadLetter(reason: "HTTP 400"), owner: "w2")
        ])
        // The operator retries it: attempts start again from 0, so w3 makes attempt 1 as w1 did; the
        // claim number never goes back, so w1's result cannot pass for w3's.
        #expect(try outbox.retryDelivery(id: stalled.id, now: Fixture.t0 + 70))
        let current = try #require(
            try await outbox.claim(route: "a", limit: 1, now: Fixture.t0 + 70, lease: 60, owner: "w3").first)
        #expect(current.attempts == stalled.attempts)
        #expect(current.claims == 3 && stalled.claims == 1)
        try await outbox.record([
            Fixture.result(
                stalled, .permanent(reason: "HTTP 400"), .deadLetter(reason: "HTTP 400"), at: Fixture.t0 + 71,
                owner: "w1")
        ])
        #expect(try outbox.delivery(id: stalled.id)?.state == .leased)
    }

    @Test func disabledEndpointIsNeitherClaimedNorFed() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try await outbox.enqueue(
            Fixture.message("msg_a"), renditions: [], deliveries: [Fixture.webhook("gone"), Fixture.webhook("ok")],
            now: Fixture.t0)
        try outbox.disableEndpoint("gone", reason: "HTTP 410 Gone", now: Fixture.t0)
        #expect(try outbox.disabledEndpoints() == ["gone": "HTTP 410 Gone"])
        #expect(try await outbox.claim(route: "gone", limit: 5, now: Fixture.t0, lease: 60, owner: "w").isEmpty)
        #expect(try await outbox.dueRoutes(now: Fixture.t0) == ["ok": 1])
        // A later message for the endpoint is written dead at once.
        try await outbox.enqueue(
            Fixture.message("msg_b"), renditions: [], deliveries: [Fixture.webhook("gone")], now: Fixture.t0)
        #expect(try outbox.deliveryCounts(messageID: "msg_b") == [.dead: 1])
        // Retrying its dead letters waits for the endpoint to be enabled.
        #expect(try outbox.retryAllDead(now: Fixture.t0) == 0)
        #expect(try outbox.enableEndpoint("gone"))
        #expect(try outbox.retryAllDead(now: Fixture.t0 + 1) == 2)
        #expect(try await outbox.dueRoutes(now: Fixture.t0 + 1) == ["gone": 2, "ok": 1])
    }

    @Test func deadDeliveryCanBeRetried() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try await outbox.enqueue(
            Fixture.message("msg_a"), renditions: [], deliveries: [Fixture.webhook("a")], now: Fixture.t0)
        let delivery = try #require(
            try await outbox.claim(route: "a", limit: 1, now: Fixture.t0, lease: 60, owner: "w").first)
        #expect(try outbox.retryDelivery(id: delivery.id, now: Fixture.t0) == false)  // leased, not dead
        try await outbox.record([
            Fixture.result(delivery, .permanent(reason: "HTTP 400"), .deadLetter(reason: "HTTP 400"))
        ])
        #expect(try outbox.retryDelivery(id: delivery.id, now: Fixture.t0 + 100))
        let after = try #require(try outbox.delivery(id: delivery.id))
        #expect(after.state == .pending && after.attempts == 0 && after.nextAttemptAt == Fixture.t0 + 100)
        #expect(after.idempotencyKey == delivery.idempotencyKey)
        #expect(try outbox.audit(since: nil).map(\.action) == ["delivery.retry"])
        #expect(try outbox.retryDelivery(id: 9_999, now: Fixture.t0) == false)
    }

    @Test func summaryCountsEveryState() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        let audience = (0..<5).map { Fixture.email("p\($0)@example.org") }
        try await outbox.enqueue(Fixture.message("msg_a"), renditions: [], deliveries: audience, now: Fixture.t0)
        let claimed = try await outbox.claim(route: "email", limit: 3, now: Fixture.t0, lease: 60, owner: "w")
        try await outbox.record([
            Fixture.result(claimed[0], .delivered(detail: "250"), .markDelivered),
            Fixture.result(claimed[1], .permanent(reason: "550"), .deadLetter(reason: "550")),
        ])
        try outbox.disableEndpoint("x", reason: "HTTP 410", now: Fixture.t0)
        let summary = try outbox.summary(now: Fixture.t0 + 90)
        #expect(summary.byState == ["pending": 2, "leased": 1, "delivered": 1, "dead": 1, "withdrawn": 0])
        #expect(summary.oldestPendingAge == 90)
        #expect(summary.disabledEndpoints == ["x": "HTTP 410"])
        #expect(try outbox.apply(.cancel, to: "msg_a", now: Fixture.t0).withdrawal?.withdrawn == 2)
        #expect(try outbox.summary(now: Fixture.t0).oldestPendingAge == nil)
    }

    @Test func auditIsOrderedAndFilteredByTime() throws {
        let outbox = try SQLiteOutbox.inMemory()
        try outbox.appendAudit(AuditEntry(at: Fixture.t0 + 20, actor: "alice", action: "alert", subject: "msg_b"))
        try outbox.appendAudit(AuditEntry(at: Fixture.t0, actor: "bob", action: "alert", subject: "msg_a", detail: "x"))
        #expect(try outbox.audit(since: nil).map(\.subject) == ["msg_a", "msg_b"])
        #expect(try outbox.audit(since: Fixture.t0 + 10).map(\.actor) == ["alice"])
        #expect(try outbox.audit(since: nil).first?.detail == "x")
    }

    @Test func messageStateAndListing() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try await outbox.enqueue(
            Fixture.message("msg_a", at: Fixture.t0), renditions: [], deliveries: [], now: Fixture.t0)
        try await outbox.enqueue(
            Fixture.message("msg_b", at: Fixture.t0 + 1), renditions: [], deliveries: [], now: Fixture.t0)
        #expect(try outbox.apply(.supersede, to: "msg_a", now: Fixture.t0).transition.to == .superseded)
        #expect(throws: LifecycleStoreError.unknownMessage("msg_missing")) {
            try outbox.apply(.cancel, to: "msg_missing", now: Fixture.t0)
        }
        #expect(try outbox.messages(limit: 10).map(\.id) == ["msg_b", "msg_a"])
        #expect(try outbox.message(id: "msg_a")?.state == .superseded)
    }
}
