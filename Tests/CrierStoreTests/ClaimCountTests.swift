import CrierCore
import CrierStore
import Foundation
import Testing

/// Claims are counted apart from answered attempts; leases are renewed, fenced, and never taken
/// over by their own owner.
@Suite struct ClaimCountTests {
    /// An outbox holding one webhook delivery on route `a`.
    static func outboxWithOne() async throws -> (SQLiteOutbox, Int64) {
        let outbox = try SQLiteOutbox.inMemory()
        try await outbox.enqueue(
            Fixture.message("msg_a"), renditions: [], deliveries: [Fixture.webhook("a")], now: Fixture.t0)
        let id = try #require(try outbox.deliveries(state: nil, limit: 1).first?.id)
        return (outbox, id)
    }

    @Test func crashedClaimsSpendNoAnsweredAttempt() async throws {
        let (outbox, id) = try await Self.outboxWithOne()
        // Three processes claim it and die (their leases run out); the fourth gets an answer.
        for crash in 0..<3 {
            let at = Fixture.t0 + Double(crash) * 100
            #expect(
                try await outbox.claim(route: "a", limit: 1, now: at, lease: 30, owner: "crashed-\(crash)").count == 1)
        }
        let held = try #require(
            try await outbox.claim(route: "a", limit: 1, now: Fixture.t0 + 300, lease: 30, owner: "w").first)
        #expect(held.claims == 4)
        #expect(held.attempts == 0)
        #expect(held.claimsWithoutOutcome == 3)
        try await outbox.record([
            Fixture.result(
                held, .retry(reason: "HTTP 503", retryAfter: nil), .scheduleRetry(at: Fixture.t0 + 305),
                at: Fixture.t0 + 301)
        ])
        let after = try #require(try outbox.delivery(id: id))
        #expect(after.state == .pending)
        #expect(after.attempts == 1, "only the answered attempt counts")
        #expect(after.claimsWithoutOutcome == 0, "an outcome starts the count of lost claims again")
        #expect(try outbox.attempts(deliveryID: id).map(\.attempt) == [1])
    }

    @Test func twentyClaimsWithoutAnOutcomeMakeAPoisonDeadLetter() async throws {
        let (outbox, id) = try await Self.outboxWithOne()
        let limit = RetryPolicy.maximumClaimsWithoutOutcome
        for claim in 0..<limit {
            let at = Fixture.t0 + Double(claim) * 100
            #expect(
                try await outbox.claim(route: "a", limit: 1, now: at, lease: 30, owner: "crash-\(claim)").count == 1)
        }
        let refused = try await outbox.claim(
            route: "a", limit: 1, now: Fixture.t0 + Double(limit) * 100, lease: 30, owner: "w")
        #expect(refused.isEmpty, "a poison delivery is not sent again")
        let dead = try #require(try outbox.delivery(id: id))
        #expect(dead.state == .dead)
        #expect(dead.lastError == "poison: claimed 20 times without an outcome")
        #expect(dead.claims == limit)
        #expect(dead.attempts == 0)
        // An operator may still queue it again, with a fresh budget.
        #expect(try outbox.retryDelivery(id: id, now: Fixture.t0 + 10_000))
        let retried = try #require(try outbox.delivery(id: id))
        #expect(retried.state == .pending && retried.claimsWithoutOutcome == 0 && retried.claims == limit)
    }

    @Test func answersInBetweenKeepADeliveryFromPoison() async throws {
        let (outbox, id) = try await Self.outboxWithOne()
        var at = Fixture.t0
        for round in 0..<30 {
            at += 100
            let held = try #require(
                try await outbox.claim(route: "a", limit: 1, now: at, lease: 30, owner: "w\(round)").first)
            if round % 10 == 9 {
                try await outbox.record([
                    Fixture.result(
                        held, .retry(reason: "HTTP 503", retryAfter: nil), .scheduleRetry(at: at + 1), at: at + 1,
                        owner: "w\(round)")
                ])
            }
        }
        let after = try #require(try outbox.delivery(id: id))
        #expect(after.state == .pending)
        #expect(after.attempts == 3)
    }

    @Test func anOwnerNeverTakesOverItsOwnRunOutLease() async throws {
        let (outbox, id) = try await Self.outboxWithOne()
        let held = try #require(
            try await outbox.claim(route: "a", limit: 1, now: Fixture.t0, lease: 3, owner: "w1").first)
        // The lease ran out while w1 still sends: w1 does not claim it again, someone else may.
        #expect(try await outbox.dueRoutes(now: Fixture.t0 + 4) == ["a": 1])
        #expect(try await outbox.claim(route: "a", limit: 1, now: Fixture.t0 + 4, lease: 3, owner: "w1").isEmpty)
        // w1's answer, late but never overtaken, is recorded.
        try await outbox.record([
            Fixture.result(held, .delivered(detail: "HTTP 200"), .markDelivered, at: Fixture.t0 + 7, owner: "w1")
        ])
        let after = try #require(try outbox.delivery(id: id))
        #expect(after.state == .delivered)
        #expect(after.attempts == 1)
    }

    @Test func renewedLeasesAreNotTakenOver() async throws {
        let (outbox, id) = try await Self.outboxWithOne()
        let held = try #require(
            try await outbox.claim(route: "a", limit: 1, now: Fixture.t0, lease: 3, owner: "w1").first)
        #expect(try await outbox.renewLeases(owner: "w1", now: Fixture.t0 + 2, lease: 3) == 1)
        #expect(try await outbox.claim(route: "a", limit: 1, now: Fixture.t0 + 4, lease: 3, owner: "w2").isEmpty)
        #expect(try await outbox.renewLeases(owner: "w1", now: Fixture.t0 + 4, lease: 3) == 1)
        #expect(try await outbox.claim(route: "a", limit: 1, now: Fixture.t0 + 6.5, lease: 3, owner: "w2").isEmpty)
        // Once w1 stops renewing, w2 takes it over; w1's renewal then touches nothing, nor does its result.
        let taken = try #require(
            try await outbox.claim(route: "a", limit: 1, now: Fixture.t0 + 8, lease: 3, owner: "w2").first)
        #expect(taken.claims == held.claims + 1)
        #expect(try await outbox.renewLeases(owner: "w1", now: Fixture.t0 + 8, lease: 3) == 0)
        try await outbox.record([
            Fixture.result(held, .delivered(detail: "HTTP 200"), .markDelivered, at: Fixture.t0 + 9, owner: "w1")
        ])
        #expect(try outbox.delivery(id: id)?.state == .leased)
    }
}
