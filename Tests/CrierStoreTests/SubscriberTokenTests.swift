import CrierCore
import CrierStore
import Foundation
import Testing

@Suite struct ConstantTimeTests {
    @Test(arguments: [
        ("", "", true), ("a", "a", true), ("token-123", "token-123", true), ("token-123", "token-124", false),
        ("Token-123", "token-123", false), ("token", "token-123", false), ("token-123", "token", false),
        ("", "x", false), ("\u{0}", "", false), ("ab", "ba", false),
    ])
    func comparesEveryByte(given: String, expected: String, equal: Bool) {
        #expect(ConstantTime.equal(given, expected) == equal)
        #expect(ConstantTime.equal(Array(given.utf8), Array(expected.utf8)) == equal)
    }
}

@Suite struct SubscriberTokenTests {
    static let people = [
        SubscriberInput(email: "ann@example.org", name: "Ann", area: "central", topics: ["scams"]),
        SubscriberInput(email: "bob@example.org", name: "Bob", area: "west", topics: ["all"], locale: "pl"),
    ]

    @Test func hashIsTheTokensSHA256() {
        let hash = SQLiteOutbox.unsubscribeTokenHash("abc")
        #expect(hash.count == 32)
        #expect(
            hash.map { String(format: "%02x", $0) }.joined()
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func findsEachResidentByTheirTokenAndNoOneByAnotherToken() throws {
        let outbox = try SQLiteOutbox.inMemory()
        try outbox.upsertSubscribers(Self.people, now: Fixture.t0)
        for person in try outbox.subscribers(area: nil) {
            #expect(try outbox.subscriber(token: person.unsubscribeToken)?.email == person.email)
        }
        let ann = try #require(try outbox.subscriber(email: "ann@example.org"))
        let unknown = [
            String(ann.unsubscribeToken.dropLast()) + (ann.unsubscribeToken.last == "A" ? "B" : "A"),
            String(ann.unsubscribeToken.dropLast()), ann.unsubscribeToken + "x", ann.unsubscribeToken.lowercased(),
            "", "not a token/../é", String(repeating: "z", count: 500),
        ].filter { $0 != ann.unsubscribeToken }
        for token in unknown {
            #expect(try outbox.subscriber(token: token) == nil, "found someone by \(token)")
            #expect(try outbox.unsubscribe(token: token, now: Fixture.t0) == false)
        }
        #expect(try outbox.subscribers(area: nil).allSatisfy { $0.unsubscribedAt == nil })
    }

    @Test func unsubscribeFindsTheResidentByHash() throws {
        let outbox = try SQLiteOutbox.inMemory()
        try outbox.upsertSubscribers(Self.people, now: Fixture.t0)
        let bob = try #require(try outbox.subscriber(email: "bob@example.org"))
        #expect(try outbox.unsubscribe(token: bob.unsubscribeToken, now: Fixture.t0 + 5))
        #expect(try outbox.subscriber(token: bob.unsubscribeToken)?.unsubscribedAt == Fixture.t0 + 5)
        #expect(try outbox.subscriber(email: "ann@example.org")?.unsubscribedAt == nil)
    }

    @Test func preferencesChangeOnlyForASubscribedHolderAndAreAudited() throws {
        let outbox = try SQLiteOutbox.inMemory()
        try outbox.upsertSubscribers(Self.people, now: Fixture.t0)
        let ann = try #require(try outbox.subscriber(email: "ann@example.org"))
        let audit = AuditEntry(at: Fixture.t0 + 1, actor: "resident (web)", action: "preferences", subject: "x")
        #expect(
            try outbox.updatePreferences(
                token: ann.unsubscribeToken, area: "east", topics: ["scams", "asb"], locale: "gu", now: Fixture.t0 + 1,
                audit: audit))
        let changed = try #require(try outbox.subscriber(email: "ann@example.org"))
        #expect(changed.area == "east" && changed.topics == ["scams", "asb"] && changed.locale == "gu")
        #expect(changed.unsubscribeToken == ann.unsubscribeToken)
        #expect(try outbox.audit(since: nil).contains { $0.actor == "resident (web)" && $0.action == "preferences" })

        #expect(
            try !outbox.updatePreferences(
                token: "unknown", area: "west", topics: [], locale: "en", now: Fixture.t0 + 2))
        try outbox.unsubscribe(token: ann.unsubscribeToken, now: Fixture.t0 + 3)
        #expect(
            try !outbox.updatePreferences(
                token: ann.unsubscribeToken, area: "west", topics: [], locale: "en", now: Fixture.t0 + 4))
        #expect(try outbox.subscriber(email: "ann@example.org")?.area == "east")
    }

    /// A database from before `v10-subscriber-token-hash` gets every hash on upgrade.
    @Test func upgradeBackfillsTheHashes() throws {
        let folder = try TemporaryFolder()
        let path = folder.databasePath
        let tokens: [String]
        do {
            let outbox = try SQLiteOutbox(path: path)
            try outbox.upsertSubscribers(Self.people, now: Fixture.t0)
            tokens = try outbox.subscribers(area: nil).map(\.unsubscribeToken)
        }
        // Undo v10 as if the file had been written by the previous release.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = [
            "sqlite3", path,
            """
            DROP INDEX subscribers_unsubscribe_token_hash;
            ALTER TABLE subscribers DROP COLUMN unsubscribe_token_hash;
            DELETE FROM grdb_migrations WHERE identifier = 'v10-subscriber-token-hash';
            """,
        ]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)

        let upgraded = try SQLiteOutbox(path: path)
        #expect(try upgraded.appliedMigrations().last == "v10-subscriber-token-hash")
        for token in tokens {
            #expect(try upgraded.subscriber(token: token)?.unsubscribeToken == token)
        }
    }
}
