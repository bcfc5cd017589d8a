import CrierCore
import CrierStore
import Foundation
import Testing

@Suite struct SubscriberTests {
    static let people = [
        SubscriberInput(email: "ann@example.org", name: "Ann", area: "central", topics: ["scams", "cyber-crime"]),
        SubscriberInput(email: "bob@example.org", name: "Bob", area: "west", topics: ["all"]),
        SubscriberInput(email: "cat@example.org", name: "Cat", area: "central", topics: ["hate-crime"], isTest: true),
        SubscriberInput(email: "dan@example.org", name: "Dan", area: "east", topics: [], locale: "pl"),
    ]

    @Test func importInsertsThenUpdatesByAddressKeepingTheToken() throws {
        let outbox = try SQLiteOutbox.inMemory()
        let first = try outbox.upsertSubscribers(Self.people, now: Fixture.t0)
        #expect(first.inserted == 4 && first.updated == 0)
        let ann = try #require(try outbox.subscriber(email: "ANN@example.org"))
        #expect(ann.unsubscribeToken.count >= 32)
        #expect(ann.topics == ["scams", "cyber-crime"])
        #expect(try outbox.subscriber(email: "dan@example.org")?.topics == ["all"])

        let again = try outbox.upsertSubscribers(
            [
                SubscriberInput(email: "Ann@Example.org", name: "Ann Smith", area: "south", topics: ["scams"]),
                SubscriberInput(email: "eve@example.org", area: "west"),
                SubscriberInput(email: "eve@example.org", area: "east"),
            ], now: Fixture.t0 + 60)
        #expect(again.inserted == 1 && again.updated == 2)
        let updated = try #require(try outbox.subscriber(email: "ann@example.org"))
        #expect(updated.name == "Ann Smith" && updated.area == "south")
        #expect(updated.unsubscribeToken == ann.unsubscribeToken)
        #expect(try outbox.subscriber(email: "eve@example.org")?.area == "east")
        #expect(try outbox.subscribers(area: nil).count == 5)
        #expect(try outbox.subscribers(area: "west").map(\.name) == ["Bob"])
        #expect(Set(try outbox.subscribers(area: nil).map(\.unsubscribeToken)).count == 5)
    }

    @Test func insertsAreCountedWhateverTheConnectionInsertedLast() throws {
        let outbox = try SQLiteOutbox.inMemory()
        try outbox.upsertSubscribers(Array(Self.people.prefix(3)), now: Fixture.t0)
        // The connection's last insert is now audit line 4, the id the next subscriber gets.
        for index in 1...4 {
            try outbox.appendAudit(AuditEntry(at: Fixture.t0, actor: "test", action: "note", subject: "\(index)"))
        }
        let result = try outbox.upsertSubscribers([Self.people[3], Self.people[0]], now: Fixture.t0 + 1)
        #expect(result.inserted == 1 && result.updated == 1)
        #expect(try outbox.subscriber(email: Self.people[3].email)?.id == 4)
    }

    @Test(
        arguments: [
            (Set(["central"]), "scams", false, ["ann@example.org"]),
            (nil, "scams", false, ["ann@example.org", "bob@example.org", "dan@example.org"]),
            (Set(["central", "west"]), "hate-crime", false, ["bob@example.org", "cat@example.org"]),
            (nil, "hate-crime", true, ["cat@example.org"]),
            (Set<String>(), "scams", false, []),
        ] as [(Set<String>?, String, Bool, [String])])
    func audienceSelection(areas: Set<String>?, topic: String, testOnly: Bool, expected: [String]) throws {
        let outbox = try SQLiteOutbox.inMemory()
        try outbox.upsertSubscribers(Self.people, now: Fixture.t0)
        var seen: [String] = []
        try outbox.forEachSubscriber(areas: areas, topic: topic, testOnly: testOnly) { seen.append($0.email) }
        #expect(seen == expected)
        #expect(try outbox.countSubscribers(areas: areas, topic: topic, testOnly: testOnly) == expected.count)
    }

    @Test func unsubscribedPeopleAreLeftOutAndTheirWaitingMailWithdrawn() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try outbox.upsertSubscribers(Self.people, now: Fixture.t0)
        let bob = try #require(try outbox.subscriber(email: "bob@example.org"))
        let written = try await outbox.enqueue(
            Fixture.message("msg_a"), renditions: [], fixedDeliveries: [Fixture.webhook("nlink")],
            subscribers: Fixture.residents(SubscriberAudience(areas: nil, topic: "scams")), now: Fixture.t0)
        #expect(written == 4)
        #expect(try outbox.unsubscribe(token: bob.unsubscribeToken, now: Fixture.t0 + 1))
        #expect(try outbox.unsubscribe(token: "no-such-token", now: Fixture.t0 + 1) == false)
        #expect(try outbox.deliveryCounts(messageID: "msg_a") == [.pending: 3, .withdrawn: 1])
        #expect(try outbox.countSubscribers(areas: nil, topic: "scams", testOnly: false) == 2)
        // Re-importing does not resubscribe.
        try outbox.upsertSubscribers([SubscriberInput(email: "bob@example.org", area: "west")], now: Fixture.t0 + 2)
        #expect(try outbox.subscriber(email: "bob@example.org")?.unsubscribedAt == Fixture.t0 + 1)
    }

    @Test func forgetKeepsOnlyAHashOfTheAddress() async throws {
        let folder = try TemporaryFolder()
        let outbox = try SQLiteOutbox(path: folder.databasePath)
        try outbox.upsertSubscribers(Self.people, now: Fixture.t0)
        let ann = try #require(try outbox.subscriber(email: "ann@example.org"))
        let annOnly = Fixture.residents(SubscriberAudience(areas: ["central"], topic: "scams"))
        try await outbox.enqueue(
            Fixture.message("msg_a"), renditions: [], fixedDeliveries: [], subscribers: annOnly, now: Fixture.t0)
        let sent = try #require(
            try await outbox.claim(route: "email", limit: 1, now: Fixture.t0, lease: 60, owner: "w").first)
        try await outbox.record([Fixture.result(sent, .delivered(detail: "250 ok <ann@example.org>"), .markDelivered)])
        try await outbox.enqueue(
            Fixture.message("msg_b"), renditions: [], fixedDeliveries: [], subscribers: annOnly, now: Fixture.t0)

        let export = try #require(try outbox.exportSubscriber(email: "ann@example.org"))
        #expect(export.subscriber?.email == "ann@example.org")
        #expect(export.deliveries.count == 2)
        #expect(export.deliveries.first?.attempts.count == 1)
        let json = try JSONEncoder().encode(export)
        #expect(String(decoding: json, as: UTF8.self).contains("ann@example.org"))

        #expect(try outbox.forgetSubscriber(email: "Ann@example.org", now: Fixture.t0 + 5))
        #expect(try outbox.subscriber(email: "ann@example.org") == nil)
        let hash = SQLiteOutbox.addressHash("ann@example.org")
        #expect(hash.hasPrefix("sha256:") && hash.count == 7 + 64)
        let rows = try outbox.deliveries(state: nil, limit: 10)
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.destination == hash && $0.recipientName == nil && $0.unsubscribeToken == nil })
        #expect(Set(rows.map(\.state)) == [.delivered, .withdrawn])
        #expect(try outbox.attempts(deliveryID: sent.id).map(\.detail) == ["250 ok <\(hash)>"])
        #expect(try outbox.exportSubscriber(email: "ann@example.org") == nil)
        #expect(try outbox.forgetSubscriber(email: "ann@example.org", now: Fixture.t0 + 6) == false)

        #expect(try outbox.integrityCheck() == "ok")

        // Neither the file's free space nor the write-ahead log keeps the address once the log is emptied.
        try outbox.truncateWriteAheadLog()
        for file in [folder.databasePath, folder.databasePath + "-wal"] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
            #expect(bytes.range(of: Data("ann@example.org".utf8)) == nil, "\(file)")
            #expect(bytes.range(of: Data(ann.unsubscribeToken.utf8)) == nil, "\(file)")
        }
        #expect(try outbox.subscriber(email: "bob@example.org") != nil)
    }

    @Test func eachResidentGetsOneDeliveryWithTheirOwnDetailsInARenderedLocale() async throws {
        // Rendered in English and Polish: pl-PL falls back to pl, gu (no Gujarati here) to en.
        let outbox = try SQLiteOutbox.inMemory()
        try outbox.upsertSubscribers(
            Self.people + [
                SubscriberInput(email: "eli@example.org", area: "east", topics: ["scams"], locale: "pl-PL"),
                SubscriberInput(email: "fay@example.org", name: "Fay", area: "west", topics: ["scams"], locale: "gu"),
            ], now: Fixture.t0)
        let audience = SubscriberAudience(areas: nil, topic: "scams")
        let residents = SubscriberDeliveries(audience: audience, route: "email", renditionLocales: ["en", "pl"])
        // A fixed delivery to a resident's own address is not doubled.
        let written = try await outbox.enqueue(
            Fixture.message("msg_r"), renditions: [], fixedDeliveries: [Fixture.email("bob@example.org")],
            subscribers: residents, now: Fixture.t0)
        #expect(written == 5)

        let rows = try outbox.deliveries(state: .pending, limit: 10)
        #expect(rows.count == 5)
        #expect(Set(rows.map(\.idempotencyKey)).count == 5)
        let byAddress = Dictionary(uniqueKeysWithValues: rows.map { ($0.destination, $0) })
        for person in try outbox.subscribers(area: nil)
        where person.follows("scams") && person.email != "bob@example.org" {
            let row = try #require(byAddress[person.email])
            #expect(row.subscriberID == person.id && row.unsubscribeToken == person.unsubscribeToken)
            #expect(row.recipientName == (person.name.isEmpty ? nil : person.name))
            #expect(row.route == "email" && row.channel == .email && row.endpointID == nil)
            #expect(row.nextAttemptAt == Fixture.t0)
        }
        #expect(byAddress["dan@example.org"]?.locale == "pl")
        #expect(byAddress["eli@example.org"]?.locale == "pl")
        #expect(byAddress["fay@example.org"]?.locale == "en")
        #expect(byAddress["ann@example.org"]?.locale == "en")
    }

    @Test func residentsOfAMessageAwaitingApprovalAreWrittenHeld() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try outbox.upsertSubscribers(Self.people, now: Fixture.t0)
        let message = Fixture.message("msg_held", state: .awaitingApproval)
        let written = try await outbox.enqueue(
            message, renditions: [], fixedDeliveries: [],
            subscribers: Fixture.residents(SubscriberAudience(areas: ["west", "east"], topic: "scams")), now: Fixture.t0
        )
        #expect(written == 2)
        #expect(
            try await outbox.claim(route: "email", limit: 10, now: Fixture.t0 + 3600, lease: 60, owner: "w").isEmpty)
    }

    @Test func anEmptyAudienceWritesNoResidentDeliveries() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try outbox.upsertSubscribers(Self.people, now: Fixture.t0)
        let written = try await outbox.enqueue(
            Fixture.message("msg_none"), renditions: [], fixedDeliveries: [Fixture.webhook("nlink")],
            subscribers: Fixture.residents(SubscriberAudience(areas: ["south"], topic: "scams")), now: Fixture.t0)
        #expect(written == 1)
    }

    @Test func addressHashIsTheSHA256OfTheLowercasedAddress() {
        // printf %s ann@example.org | sha256sum
        #expect(
            SQLiteOutbox.addressHash(" Ann@Example.org")
                == "sha256:438c4c7afe600cdf1e455c369bec76dc970fc8ca463447c7b387a347f3c79331")
    }
}
