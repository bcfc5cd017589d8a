internal import CrierCore
public import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// Imports subscribers in one transaction: new addresses are inserted with a fresh unsubscribe
    /// token, known ones (matched case-insensitively) updated, keeping their token and any unsubscribe.
    ///
    /// Inputs are written as given: the caller has validated and trimmed them (`SubscriberImport`).
    @discardableResult
    public func upsertSubscribers(_ inputs: some Sequence<SubscriberInput>, now: Date) throws
        -> (inserted: Int, updated: Int)
    {
        var pending: [SubscriberInput]? = Array(inputs)
        return try upsertSubscribers(
            batches: {
                defer { pending = nil }
                return pending
            }, now: now)
    }

    /// Imports subscribers in one transaction, pulling batches from `next` until it returns nil.
    /// If `next` throws, nothing is written and its error is rethrown as it is: the caller can
    /// write rows while it is still checking the rest, and abandon the import if one is bad.
    @discardableResult
    public func upsertSubscribers(batches next: () throws -> [SubscriberInput]?, now: Date) throws
        -> (inserted: Int, updated: Int)
    {
        var abandoned: (any Error)?
        do {
            return try write("import subscribers") { db in
                var writer = try SubscriberWriter(db, now: now)
                while true {
                    let batch: [SubscriberInput]?
                    do {
                        batch = try next()
                    } catch {
                        abandoned = error
                        throw error
                    }
                    guard let batch else { break }
                    for input in batch { try writer.upsert(input) }
                }
                return (writer.inserted, writer.updated)
            }
        } catch {
            throw abandoned ?? error
        }
    }

    /// Subscribers, optionally of one area, in the order they joined (unsubscribed ones included).
    public func subscribers(area: String?) throws -> [Subscriber] {
        try read("list subscribers") { db in
            let rows: [Row]
            if let area {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM subscribers WHERE area = ? ORDER BY id", arguments: [area])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM subscribers ORDER BY id")
            }
            return rows.map(subscriber)
        }
    }

    /// One subscriber by address (case-insensitive).
    public func subscriber(email: String) throws -> Subscriber? {
        try read("read a subscriber") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM subscribers WHERE email = ?", arguments: [email]).map(subscriber)
        }
    }

    /// Calls `body` for each subscribed person the audience reaches, reading with a cursor so memory
    /// stays constant. `body` must not call back into the outbox.
    public func forEachSubscriber(
        areas: Set<String>?, topic: String, testOnly: Bool, _ body: (Subscriber) throws -> Void
    ) throws {
        let audience = SubscriberAudience(areas: areas, topic: topic, testOnly: testOnly)
        try read("read subscribers for \(topic)") { db in
            try forEachSubscriber(in: audience, db) { try body($0) }
        }
    }

    /// How many subscribed people the audience reaches.
    public func countSubscribers(areas: Set<String>?, topic: String?, testOnly: Bool) throws -> Int {
        let query = Self.audienceQuery(
            SubscriberAudience(areas: areas, topic: topic, testOnly: testOnly), select: "COUNT(*)")
        return try read("count subscribers for \(topic ?? "any topic")") { db in
            try Int.fetchOne(db, sql: query.sql, arguments: query.arguments) ?? 0
        }
    }

    /// Unsubscribes the person holding `token` and withdraws what is still waiting to be sent to them;
    /// false if no one holds it. Unsubscribing twice is harmless.
    @discardableResult
    public func unsubscribe(token: String, now: Date) throws -> Bool {
        try write("unsubscribe") { db in
            guard let id = try Self.subscriberID(holding: token, db) else { return false }
            if let email = try String.fetchOne(db, sql: "SELECT email FROM subscribers WHERE id = ?", arguments: [id]) {
                try Self.suppress(db, email: email, reason: .unsubscribed, at: now)
            }
            try Self.markUnsubscribed(db, subscriberID: id, at: now)
            return true
        }
    }

    /// Marks subscriber `id` unsubscribed (keeping an earlier time) and withdraws what is still
    /// waiting to be sent to them.
    static func markUnsubscribed(_ db: Database, subscriberID id: Int64, at now: Date) throws {
        try db.execute(
            sql: """
                UPDATE subscribers SET unsubscribed_at = coalesce(unsubscribed_at, :now), updated_at = :now
                WHERE id = :id
                """,
            arguments: ["now": now.unixSeconds, "id": id])
        try db.execute(
            sql: """
                UPDATE deliveries SET state = 'withdrawn', lease_owner = NULL, lease_until = NULL, updated_at = ?
                WHERE subscriber_id = ? AND state IN ('pending', 'leased')
                """,
            arguments: [now.unixSeconds, id])
    }

    func forEachSubscriber(in audience: SubscriberAudience, _ db: Database, _ body: (Subscriber) throws -> Void) throws
    {
        let query = Self.audienceQuery(audience, select: "*")
        let rows = try Row.fetchCursor(db, sql: query.sql + " ORDER BY id", arguments: query.arguments)
        while let row = try rows.next() {
            try body(subscriber(row))
        }
    }

    static func audienceQuery(_ audience: SubscriberAudience, select: String) -> (
        sql: String, arguments: StatementArguments
    ) {
        var sql = """
            SELECT \(select) FROM subscribers
            WHERE unsubscribed_at IS NULL
            """
        var arguments: StatementArguments = []
        if let topic = audience.topic {
            sql += " AND (topics = 'all' OR instr(';' || topics || ';', ';' || ? || ';') > 0)"
            arguments += [topic]
        }
        if let areas = audience.areas {
            let sorted = areas.sorted()
            sql +=
                " AND area IN (\(sorted.isEmpty ? "NULL" : Array(repeating: "?", count: sorted.count).joined(separator: ", ")))"
            arguments += StatementArguments(sorted)
        }
        if audience.testOnly {
            sql += " AND is_test = 1"
        }
        return (sql, arguments)
    }

    /// The `topics` column: `all`, or the topics joined by `;`.
    static func storedTopics(_ topics: [String]) -> String {
        if topics.isEmpty || topics.contains(Subscriber.allTopics) { return Subscriber.allTopics }
        return topics.joined(separator: ";")
    }

    func subscriber(_ row: Row) -> Subscriber {
        let topics: String = row["topics"]
        let unsubscribed: Double? = row["unsubscribed_at"]
        return Subscriber(
            id: row["id"], email: row["email"], name: row["name"], area: row["area"],
            topics: topics.split(separator: ";").map(String.init), locale: row["locale"], isTest: row["is_test"],
            unsubscribeToken: row["unsubscribe_token"], unsubscribedAt: unsubscribed.map(Date.init(unixSeconds:)),
            createdAt: Date(unixSeconds: row["created_at"]), updatedAt: Date(unixSeconds: row["updated_at"]),
            consent: Self.consent(row))
    }
}

/// Inserts or updates subscribers inside a write transaction, through one raw prepared statement.
private struct SubscriberWriter {
    private let statement: RawStatement
    private let at: Double
    private var tokens = RandomTokenGenerator()
    private(set) var inserted = 0
    private(set) var updated = 0

    init(_ db: Database, now: Date) throws {
        self.at = now.unixSeconds
        self.statement = try RawStatement(
            db,
            sql: """
                INSERT INTO subscribers (email, name, area, topics, locale, is_test, unsubscribe_token,
                    unsubscribe_token_hash, created_at, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?9, ?8, ?8)
                ON CONFLICT (email) DO UPDATE SET
                    name = excluded.name, area = excluded.area, topics = excluded.topics,
                    locale = excluded.locale, is_test = excluded.is_test, updated_at = excluded.updated_at
                """)
    }

    mutating func upsert(_ input: SubscriberInput) throws {
        statement.reset()
        statement.bind(input.email, at: 1)
        statement.bind(input.name, at: 2)
        statement.bind(input.area, at: 3)
        statement.bind(SQLiteOutbox.storedTopics(input.topics), at: 4)
        statement.bind(input.locale, at: 5)
        statement.bind(input.isTest, at: 6)
        let token = tokens.unsubscribeToken()
        statement.bind(token, at: 7)
        statement.bind(at, at: 8)
        statement.bind(blob: Array(SQLiteOutbox.unsubscribeTokenHash(token)), at: 9)
        if try statement.runInserting() {
            inserted += 1
        } else {
            updated += 1
        }
    }
}
