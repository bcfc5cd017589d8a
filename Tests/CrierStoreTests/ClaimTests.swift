import CrierCore
import CrierStore
import Foundation
import Testing

@Suite struct ClaimTests {
    @Test func urgentFirstThenOldestAndOnlyTheRoute() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try await outbox.enqueue(
            Fixture.message("msg_old"), renditions: [],
            deliveries: [Fixture.webhook("a", url: "https://a/1"), Fixture.webhook("b")], now: Fixture.t0)
        try await outbox.enqueue(
            Fixture.message("msg_newer"), renditions: [], deliveries: [Fixture.webhook("a", url: "https://a/2")],
            now: Fixture.t0 + 10)
        try await outbox.enqueue(
            Fixture.message("msg_urgent", priority: .urgent), renditions: [],
            deliveries: [Fixture.webhook("a", url: "https://a/3")], now: Fixture.t0 + 20)
        #expect(try await outbox.dueRoutes(now: Fixture.t0 + 5) == ["a": 1, "b": 1])
        #expect(try await outbox.dueRoutes(now: Fixture.t0 + 30) == ["a": 3, "b": 1])

        let claimed = try await outbox.claim(route: "a", limit: 10, now: Fixture.t0 + 30, lease: 60, owner: "w1")
        #expect(claimed.map(\.messageID) == ["msg_urgent", "msg_old", "msg_newer"])
        #expect(claimed.allSatisfy { $0.state == .leased && $0.claims == 1 && $0.attempts == 0 && $0.route == "a" })
        // Nothing left for the route; the other route is untouched.
        #expect(try await outbox.claim(route: "a", limit: 10, now: Fixture.t0 + 30, lease: 60, owner: "w2").isEmpty)
        #expect(try await outbox.dueRoutes(now: Fixture.t0 + 30) == ["b": 1])
    }

    @Test func limitAndNotYetDue() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        let audience = (0..<5).map { Fixture.email("p\($0)@example.org") }
        try await outbox.enqueue(Fixture.message("msg_a"), renditions: [], deliveries: audience, now: Fixture.t0)
        #expect(try await outbox.claim(route: "email", limit: 5, now: Fixture.t0 - 1, lease: 60, owner: "w").isEmpty)
        let first = try await outbox.claim(route: "email", limit: 2, now: Fixture.t0, lease: 60, owner: "w")
        #expect(first.map(\.destination) == ["p0@example.org", "p1@example.org"])
    }

    @Test func expiredLeaseIsReclaimedWithTheSameKey() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try await outbox.enqueue(
            Fixture.message("msg_a"), renditions: [], deliveries: [Fixture.webhook("a")], now: Fixture.t0)
        let first = try #require(
            try await outbox.claim(route: "a", limit: 1, now: Fixture.t0, lease: 30, owner: "dead-process").first)
        // Still leased at the lease's end: not reclaimable yet.
        #expect(try await outbox.claim(route: "a", limit: 1, now: Fixture.t0 + 30, lease: 30, owner: "w2").isEmpty)
        let again = try #require(
            try await outbox.claim(route: "a", limit: 1, now: Fixture.t0 + 31, lease: 30, owner: "w2").first)
        #expect(again.id == first.id)
        #expect(again.idempotencyKey == first.idempotencyKey)
        #expect(again.claims == 2)
        #expect(again.attempts == 0, "a claim that ended without an outcome spends no attempt")
        #expect(again.claimsWithoutOutcome == 1)
    }

    @Test func releasedLeasesAreDueAtOnce() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try await outbox.enqueue(
            Fixture.message("msg_a"), renditions: [], deliveries: [Fixture.webhook("a")], now: Fixture.t0)
        _ = try await outbox.claim(route: "a", limit: 1, now: Fixture.t0, lease: 600, owner: "w1")
        try await outbox.releaseLeases(owner: "someone-else", now: Fixture.t0 + 1)
        #expect(try await outbox.claim(route: "a", limit: 1, now: Fixture.t0 + 1, lease: 600, owner: "w2").isEmpty)
        try await outbox.releaseLeases(owner: "w1", now: Fixture.t0 + 1)
        let reclaimed = try await outbox.claim(route: "a", limit: 1, now: Fixture.t0 + 1, lease: 600, owner: "w2")
        #expect(reclaimed.count == 1)
    }

    @Test func twoOutboxesOnOneFileNeverClaimTheSameDelivery() async throws {
        let folder = try TemporaryFolder()
        let path = folder.databasePath
        let writer = try SQLiteOutbox(path: path)
        let audience = (0..<2_000).map { Fixture.email("r\($0)@example.org") }
        try await writer.enqueue(Fixture.message("msg_race"), renditions: [], deliveries: audience, now: Fixture.t0)
        let first = try SQLiteOutbox(path: path)
        let second = try SQLiteOutbox(path: path)

        @Sendable func drain(_ outbox: SQLiteOutbox, owner: String) async throws -> [Int64] {
            var ids: [Int64] = []
            while true {
                let batch = try await outbox.claim(route: "email", limit: 25, now: Fixture.t0, lease: 600, owner: owner)
                if batch.isEmpty { return ids }
                ids += batch.map(\.id)
            }
        }
        async let a = Task.detached { try await drain(first, owner: "a") }.value
        async let b = Task.detached { try await drain(second, owner: "b") }.value
        let (idsA, idsB) = try await (a, b)
        #expect(idsA.count + idsB.count == 2_000)
        #expect(Set(idsA).isDisjoint(with: Set(idsB)))
        #expect(Set(idsA + idsB).count == 2_000)
    }
}
