import CrierCore
import CrierRuntime
import Foundation
import Testing

/// Recording results: the state each action leaves, attempts counted, and fencing by claim.
@Suite struct RecordConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func resultsSetStatesAndCountAnsweredAttempts(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.enqueue(Given.message("msg_a"), (0..<3).map { Given.webhook("a", "\($0)") })
        let claimed = try await store.queue.claim(route: "a", limit: 3, now: Given.t0, lease: 60, owner: "w")
        try #require(claimed.count == 3)
        let retryAt = Given.t0 + 300
        try await store.queue.record([
            Given.result(claimed[0], .delivered(detail: "HTTP 200"), .markDelivered, at: Given.t0 + 1),
            Given.result(
                claimed[1], .retry(reason: "HTTP 503", retryAfter: nil), .scheduleRetry(at: retryAt), at: Given.t0 + 1),
            Given.result(claimed[2], .permanent(reason: "HTTP 400"), .deadLetter(reason: "HTTP 400"), at: Given.t0 + 1),
        ])
        let delivered = try await store.required(claimed[0].id)
        #expect(delivered.state == .delivered && delivered.attempts == 1 && delivered.lastError == nil)
        let retried = try await store.required(claimed[1].id)
        #expect(retried.state == .pending && retried.attempts == 1 && retried.nextAttemptAt == retryAt)
        #expect(retried.lastError == "HTTP 503" && retried.claimsWithoutOutcome == 0)
        let dead = try await store.required(claimed[2].id)
        #expect(dead.state == .dead && dead.attempts == 1 && dead.lastError == "HTTP 400")
    }

    @Test(arguments: StoreKind.allCases)
    func aRetryIsDueAtItsRetryTime(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.enqueue(Given.message("msg_a"), [Given.webhook("a")])
        let claimed = try #require(
            try await store.queue.claim(route: "a", limit: 1, now: Given.t0, lease: 60, owner: "w").first)
        try await store.queue.record([
            Given.result(
                claimed, .retry(reason: "timeout", retryAfter: nil), .scheduleRetry(at: Given.t0 + 300),
                at: Given.t0 + 1)
        ])
        #expect(try await store.queue.dueRoutes(now: Given.t0 + 299).isEmpty)
        #expect(try await store.queue.claim(route: "a", limit: 1, now: Given.t0 + 299, lease: 60, owner: "w").isEmpty)
        #expect(try await store.queue.dueRoutes(now: Given.t0 + 300) == ["a": 1])
        let again = try #require(
            try await store.queue.claim(route: "a", limit: 1, now: Given.t0 + 300, lease: 60, owner: "w").first)
        #expect(again.attempts == 1 && again.claims == 2)
    }

    @Test(arguments: StoreKind.allCases)
    func aStaleClaimsResultIsIgnored(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.enqueue(Given.message("msg_a"), [Given.webhook("a")])
        let stale = try #require(
            try await store.queue.claim(route: "a", limit: 1, now: Given.t0, lease: 60, owner: "w1").first)
        let current = try #require(
            try await store.queue.claim(route: "a", limit: 1, now: Given.t0 + 61, lease: 60, owner: "w2").first)
        // The first worker answers late: the delivery is someone else's now.
        try await store.queue.record([
            Given.result(stale, .delivered(detail: "HTTP 200"), .markDelivered, at: Given.t0 + 62, owner: "w1")
        ])
        let untouched = try await store.required(stale.id)
        #expect(untouched.state == .leased && untouched.attempts == 0 && untouched.claims == 2)
        try await store.queue.record([
            Given.result(
                current, .retry(reason: "HTTP 502", retryAfter: nil), .scheduleRetry(at: Given.t0 + 400),
                at: Given.t0 + 63, owner: "w2")
        ])
        let settled = try await store.required(stale.id)
        #expect(settled.state == .pending && settled.attempts == 1 && settled.lastError == "HTTP 502")
    }

    @Test(arguments: StoreKind.allCases)
    func aResultUnderTheSameOwnerButAnOlderClaimIsIgnored(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.enqueue(Given.message("msg_a"), [Given.webhook("a")])
        let first = try #require(
            try await store.queue.claim(route: "a", limit: 1, now: Given.t0, lease: 60, owner: "w").first)
        try await store.queue.releaseLeases(owner: "w", now: Given.t0 + 1)
        _ = try #require(
            try await store.queue.claim(route: "a", limit: 1, now: Given.t0 + 1, lease: 60, owner: "w").first)
        try await store.queue.record([Given.result(first, .delivered(detail: "HTTP 200"), .markDelivered)])
        #expect(try await store.required(first.id).state == .leased)
    }

    @Test(arguments: StoreKind.allCases)
    func anEndpointThatIsGoneIsDisabledAndItsWorkDies(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.enqueue(
            Given.message("msg_a"), [Given.webhook("gone", "1"), Given.webhook("gone", "2"), Given.webhook("ok")])
        let claimed = try #require(
            try await store.queue.claim(route: "gone", limit: 1, now: Given.t0, lease: 60, owner: "w").first)
        try await store.queue.record([
            Given.result(
                claimed, .endpointGone(reason: "HTTP 410"), .deadLetterAndDisableEndpoint(reason: "HTTP 410"),
                at: Given.t0 + 1)
        ])
        #expect(try await store.queue.dueRoutes(now: Given.t0 + 2) == ["ok": 1])
        #expect(try await store.queue.claim(route: "gone", limit: 5, now: Given.t0 + 2, lease: 60, owner: "w").isEmpty)
        let sibling = try await store.required(claimed.id + 1)
        #expect(sibling.state == .dead && sibling.lastError == "endpoint disabled: HTTP 410")
        // What is composed for it later is written dead, so it never waits for ever.
        #expect(try await store.enqueue(Given.message("msg_b", at: Given.t0 + 5), [Given.webhook("gone")]) == 1)
        #expect(try await store.queue.dueRoutes(now: Given.t0 + 6) == ["ok": 1])
    }

    @Test(arguments: StoreKind.allCases)
    func disabledEndpointsAreNeverClaimedAndTheirReleasedLeasesDie(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.enqueue(Given.message("msg_a"), [Given.webhook("a", "1"), Given.webhook("a", "2")])
        let held = try #require(
            try await store.queue.claim(route: "a", limit: 1, now: Given.t0, lease: 60, owner: "w").first)
        try await store.disable("a", "operator", Given.t0 + 1)
        #expect(try await store.queue.dueRoutes(now: Given.t0 + 100).isEmpty)
        // In flight while it was disabled: settled by its own result, or dead once given back.
        #expect(try await store.required(held.id).state == .leased)
        try await store.queue.releaseLeases(owner: "w", now: Given.t0 + 2)
        let released = try await store.required(held.id)
        #expect(released.state == .dead && released.lastError == "endpoint disabled: operator")
    }
}
