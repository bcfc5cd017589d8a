import CrierCore
import CrierRuntime
import Foundation
import Testing

/// Composition writes: what is written, once per destination, and the renditions deliveries read.
@Suite struct EnqueueConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func aDestinationIsWrittenOncePerChannel(kind: StoreKind) async throws {
        let store = try kind.make()
        let written = try await store.enqueue(
            Given.message("msg_a"),
            [
                Given.email("ann@example.org"), Given.email("ann@example.org"), Given.webhook("a"), Given.webhook("a"),
                NewDelivery(channel: .webhook, destination: "ann@example.org", route: "odd"),
            ])
        #expect(written == 3)
        #expect(try await store.queue.dueRoutes(now: Given.t0) == ["email": 1, "a": 1, "odd": 1])
    }

    @Test(arguments: StoreKind.allCases)
    func deliveriesCarryWhatDiffersPerRecipient(kind: StoreKind) async throws {
        let store = try kind.make()
        let delivery = NewDelivery(
            channel: .email, destination: "bob@example.org", route: "email", subscriberID: 7, recipientName: "Bob",
            unsubscribeToken: "tok", locale: "pl", inReplyTo: "msg_0123")
        try await store.enqueue(Given.message("msg_a", priority: .urgent), [delivery])
        let record = try #require(
            try await store.queue.claim(route: "email", limit: 1, now: Given.t0, lease: 60, owner: "w").first)
        #expect(record.messageID == "msg_a" && record.destination == "bob@example.org" && record.subscriberID == 7)
        #expect(record.recipientName == "Bob" && record.unsubscribeToken == "tok" && record.locale == "pl")
        #expect(record.inReplyTo == "msg_0123" && record.priority == .urgent && record.createdAt == Given.t0)
        #expect(record.idempotencyKey.hasPrefix("msg_") && record.idempotencyKey.count == 28)
    }

    @Test(arguments: StoreKind.allCases)
    func eachDeliveryHasItsOwnIdempotencyKey(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.enqueue(Given.message("msg_a"), (0..<20).map { Given.webhook("a", "\($0)") })
        let claimed = try await store.queue.claim(route: "a", limit: 20, now: Given.t0, lease: 60, owner: "w")
        #expect(Set(claimed.map(\.idempotencyKey)).count == 20)
    }

    @Test(arguments: StoreKind.allCases)
    func aMessageIsWrittenOnce(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.enqueue(Given.message("msg_a"), [Given.webhook("a")])
        await #expect(throws: (any Error).self) {
            try await store.enqueue(Given.message("msg_a"), [Given.webhook("b")])
        }
        #expect(try await store.queue.dueRoutes(now: Given.t0) == ["a": 1])
    }

    @Test(arguments: StoreKind.allCases)
    func renditionsAreFoundByMessageChannelAndLocale(kind: StoreKind) async throws {
        let store = try kind.make()
        let english = Rendition(
            messageID: "msg_a", channel: .email, locale: "en", subject: "Courier fraud", textBody: "Hang up.",
            htmlBody: "<p>Hang up.</p>")
        let polish = Rendition(
            messageID: "msg_a", channel: .email, locale: "pl", subject: "Oszustwo", textBody: "Rozłącz się.")
        let webhook = Rendition(
            messageID: "msg_a", channel: .webhook, locale: "en", payload: Data(#"{"a":1}"#.utf8),
            payloadContentType: "application/json")
        try await store.writes.enqueue(
            Given.message("msg_a"), renditions: [english, polish, webhook], deliveries: [Given.email("a@example.org")],
            now: Given.t0)
        #expect(try await store.queue.rendition(messageID: "msg_a", channel: .email, locale: "en") == english)
        #expect(try await store.queue.rendition(messageID: "msg_a", channel: .email, locale: "pl") == polish)
        #expect(try await store.queue.rendition(messageID: "msg_a", channel: .webhook, locale: "en") == webhook)
        #expect(try await store.queue.rendition(messageID: "msg_a", channel: .webhook, locale: "pl") == nil)
        #expect(try await store.queue.rendition(messageID: "msg_b", channel: .email, locale: "en") == nil)
    }
}
