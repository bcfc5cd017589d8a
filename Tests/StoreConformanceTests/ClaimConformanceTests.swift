import CrierCore
import CrierRuntime
import Foundation
import Testing

/// Claiming: order, limits, leases, and what a claim may take over.
@Suite struct ClaimConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func urgentFirstThenOldest(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.enqueue(Given.message("msg_old", at: Given.t0), [Given.webhook("a", "old")])
        try await store.enqueue(Given.message("msg_new", at: Given.t0 + 5), [Given.webhook("a", "new")])
        try await store.enqueue(
            Given.message("msg_urgent", priority: .urgent, at: Given.t0 + 10), [Given.webhook("a", "urgent")])
        let claimed = try await store.queue.claim(route: "a", limit: 10, now: Given.t0 + 20, lease: 60, owner: "w")
        #expect(claimed.map(\.messageID) == ["msg_urgent", "msg_old", "msg_new"])
        #expect(claimed.allSatisfy { $0.state == .leased && $0.claims == 1 && $0.attempts == 0 })
    }

    @Test(arguments: StoreKind.allCases)
    func claimsNoMoreThanTheLimitAndNothingTwice(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.enqueue(Given.message("msg_a"), (0..<5).map { Given.webhook("a", "\($0)") })
        #expect(try await store.queue.claim(route: "a", limit: 0, now: Given.t0, lease: 60, owner: "w1").isEmpty)
        let first = try await store.queue.claim(route: "a", limit: 2, now: Given.t0, lease: 60, owner: "w1")
        #expect(first.count == 2)
        let second = try await store.queue.claim(route: "a", limit: 10, now: Given.t0, lease: 60, owner: "w2")
        #expect(second.count == 3)
        #expect(Set(first.map(\.id)).isDisjoint(with: second.map(\.id)))
        #expect(try await store.queue.claim(route: "a", limit: 10, now: Given.t0 + 30, lease: 60, owner: "w3").isEmpty)
        #expect(try await store.queue.dueRoutes(now: Given.t0 + 30).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func onlyTheRouteAskedForAndNothingBeforeItIsDue(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.enqueue(Given.message("msg_a", at: Given.t0), [Given.webhook("a"), Given.webhook("b")])
        #expect(try await store.queue.claim(route: "a", limit: 5, now: Given.t0 - 1, lease: 60, owner: "w").isEmpty)
        let claimed = try await store.queue.claim(route: "a", limit: 5, now: Given.t0, lease: 60, owner: "w")
        #expect(claimed.map(\.route) == ["a"])
        #expect(try await store.queue.dueRoutes(now: Given.t0) == ["b": 1])
    }

    @Test(arguments: StoreKind.allCases)
    func anExpiredLeaseIsRescuedByAnotherWorker(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.enqueue(Given.message("msg_a"), [Given.webhook("a")])
        let lost = try #require(
            try await store.queue.claim(route: "a", limit: 1, now: Given.t0, lease: 30, owner: "dead").first)
        #expect(try await store.queue.claim(route: "a", limit: 1, now: Given.t0 + 30, lease: 30, owner: "w2").isEmpty)
        #expect(try await store.queue.dueRoutes(now: Given.t0 + 31) == ["a": 1])
        // The worker whose lease ran out does not take it over itself: it may still be sending.
        #expect(try await store.queue.claim(route: "a", limit: 1, now: Given.t0 + 31, lease: 30, owner: "dead").isEmpty)
        let rescued = try #require(
            try await store.queue.claim(route: "a", limit: 1, now: Given.t0 + 31, lease: 30, owner: "w2").first)
        #expect(rescued.id == lost.id && rescued.idempotencyKey == lost.idempotencyKey)
        #expect(rescued.claims == 2 && rescued.claimsWithoutOutcome == 1 && rescued.attempts == 0)
    }

    @Test(arguments: StoreKind.allCases)
    func aDeliveryThatKeepsKillingItsWorkersBecomesAPoisonDeadLetter(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.enqueue(Given.message("msg_a"), [Given.webhook("a")])
        let limit = RetryPolicy.maximumClaimsWithoutOutcome
        var id: Int64 = 0
        for crash in 0..<limit {
            let at = Given.t0 + Double(crash) * 100
            let claimed = try await store.queue.claim(route: "a", limit: 1, now: at, lease: 30, owner: "crash-\(crash)")
            #expect(claimed.count == 1)
            id = claimed.first?.id ?? id
        }
        let refused = try await store.queue.claim(
            route: "a", limit: 1, now: Given.t0 + Double(limit) * 100, lease: 30, owner: "w")
        #expect(refused.isEmpty)
        let dead = try await store.required(id)
        #expect(dead.state == .dead && dead.lastError == RetryPolicy.poisonReason(claims: limit))
        #expect(dead.claims == limit && dead.claimsWithoutOutcome == limit && dead.attempts == 0)
    }

    @Test(arguments: StoreKind.allCases)
    func renewedLeasesAreNotTakenOver(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.enqueue(Given.message("msg_a"), [Given.webhook("a")])
        _ = try #require(try await store.queue.claim(route: "a", limit: 1, now: Given.t0, lease: 3, owner: "w1").first)
        #expect(try await store.queue.renewLeases(owner: "w1", now: Given.t0 + 2, lease: 3) == 1)
        #expect(try await store.queue.renewLeases(owner: "w2", now: Given.t0 + 2, lease: 3) == 0)
        #expect(try await store.queue.claim(route: "a", limit: 1, now: Given.t0 + 4, lease: 3, owner: "w2").isEmpty)
        let taken = try await store.queue.claim(route: "a", limit: 1, now: Given.t0 + 6, lease: 3, owner: "w2")
        #expect(taken.count == 1)
        #expect(try await store.queue.renewLeases(owner: "w1", now: Given.t0 + 6, lease: 3) == 0)
    }

    @Test(arguments: StoreKind.allCases)
    func releasedLeasesAreDueAtOnceAndKeepTheirClaimNumber(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.enqueue(Given.message("msg_a"), [Given.webhook("a")])
        _ = try await store.queue.claim(route: "a", limit: 1, now: Given.t0, lease: 600, owner: "w1")
        try await store.queue.releaseLeases(owner: "someone-else", now: Given.t0 + 1)
        #expect(try await store.queue.claim(route: "a", limit: 1, now: Given.t0 + 1, lease: 600, owner: "w2").isEmpty)
        try await store.queue.releaseLeases(owner: "w1", now: Given.t0 + 1)
        #expect(try await store.queue.dueRoutes(now: Given.t0 + 1) == ["a": 1])
        let reclaimed = try #require(
            try await store.queue.claim(route: "a", limit: 1, now: Given.t0 + 1, lease: 600, owner: "w2").first)
        #expect(reclaimed.claims == 2 && reclaimed.attempts == 0 && reclaimed.nextAttemptAt == Given.t0 + 1)
    }

    @Test(arguments: StoreKind.allCases)
    func heldMessagesAreNotDue(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.enqueue(Given.message("msg_held", state: .awaitingApproval), [Given.webhook("a")])
        #expect(try await store.queue.dueRoutes(now: Given.t0 + 86_400 * 365).isEmpty)
        #expect(
            try await store.queue.claim(route: "a", limit: 1, now: Given.t0 + 86_400, lease: 60, owner: "w").isEmpty)
    }
}
