import CrierCore
import CrierStore
import Foundation
import Testing

@Suite struct EnqueueTests {
    @Test func writesMessageRenditionsAndDeliveriesSkippingDuplicates() async throws {
        let folder = try TemporaryFolder()
        let outbox = try SQLiteOutbox(path: folder.databasePath)
        let message = Fixture.message("msg_one")
        let rendition = Rendition(
            messageID: "msg_one", channel: .email, locale: "en", subject: "Scam", textBody: "text", htmlBody: "<p>")
        let written = try await outbox.enqueue(
            message, renditions: [rendition],
            deliveries: [
                Fixture.email("a@example.org"), Fixture.email("b@example.org"), Fixture.email("a@example.org"),
                Fixture.webhook("nlink"),
            ], now: Fixture.t0)
        #expect(written == 3)
        #expect(try outbox.message(id: "msg_one") == message)
        #expect(try await outbox.rendition(messageID: "msg_one", channel: .email, locale: "en") == rendition)
        let deliveries = try outbox.deliveries(state: .pending, limit: 10)
        #expect(deliveries.count == 3)
        #expect(Set(deliveries.map(\.idempotencyKey)).count == 3)
        for key in deliveries.map(\.idempotencyKey) {
            #expect(key.hasPrefix("msg_") && key.count == 28)
            #expect(key.dropFirst(4).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        }
        #expect(try outbox.deliveryCounts(messageID: "msg_one") == [.pending: 3])
    }

    @Test func duplicateMessageIdIsRefusedAndNothingIsWritten() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try await outbox.enqueue(
            Fixture.message("msg_dup"), renditions: [], deliveries: [Fixture.webhook("a")], now: Fixture.t0)
        await #expect(throws: OutboxStoreError.self) {
            try await outbox.enqueue(
                Fixture.message("msg_dup"), renditions: [], deliveries: [Fixture.webhook("b")], now: Fixture.t0)
        }
        #expect(try outbox.deliveries(state: nil, limit: 10).count == 1)
    }

    @Test func streamsALargeAudienceLazily() async throws {
        let folder = try TemporaryFolder()
        let outbox = try SQLiteOutbox(path: folder.databasePath)
        let audience = NumberedResidents(count: 20_000)
        let written = try await outbox.enqueue(
            Fixture.message("msg_big"), renditions: [], deliveries: audience, now: Fixture.t0)
        #expect(written == 20_000)
        #expect(try outbox.summary(now: Fixture.t0).byState["pending"] == 20_000)
    }

    @Test func heldDeliveriesWaitForRelease() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try await outbox.enqueue(
            Fixture.message("msg_held", state: .awaitingApproval), renditions: [],
            deliveries: [Fixture.webhook("a")], now: Fixture.t0)
        #expect(try await outbox.claim(route: "a", limit: 5, now: Fixture.t0 + 3600, lease: 60, owner: "w").isEmpty)
        #expect(try outbox.apply(.approve, to: "msg_held", now: Fixture.t0 + 10).released == 1)
        #expect(try await outbox.claim(route: "a", limit: 5, now: Fixture.t0 + 10, lease: 60, owner: "w").count == 1)
    }
}

/// Email deliveries to `resident0@example.org`, `resident1@…`, made one at a time as they are written.
struct NumberedResidents: Sequence, Sendable {
    let count: Int

    func makeIterator() -> some IteratorProtocol<NewDelivery> {
        (0..<count).lazy.map { Fixture.email("resident\($0)@example.org") }.makeIterator()
    }
}
