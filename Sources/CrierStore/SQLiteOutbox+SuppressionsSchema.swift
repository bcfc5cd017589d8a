internal import GRDB

extension SQLiteOutbox {
    /// The suppression list: one row per address that must not be re-subscribed without the
    /// person's own confirmation, keyed by the address's hash. Only forgotten people lose the
    /// address itself (`email` NULL); the others keep it so operators can see whom they hold back.
    ///
    /// Residents who had already unsubscribed, and people forgotten before (their audit line holds
    /// the hash), are carried over.
    static func createSuppressions(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE suppressions (
                    address_hash TEXT PRIMARY KEY NOT NULL CHECK (address_hash LIKE 'sha256:%'),
                    email TEXT COLLATE NOCASE,
                    reason TEXT NOT NULL CHECK (reason IN
                        ('unsubscribed', 'forgotten', 'hard-bounce', 'complaint', 'soft-bounces')),
                    detail TEXT NOT NULL DEFAULT '',
                    suppressed_at REAL NOT NULL,
                    CHECK ((reason = 'forgotten') = (email IS NULL))
                ) WITHOUT ROWID;
                INSERT OR IGNORE INTO suppressions (address_hash, email, reason, detail, suppressed_at)
                    SELECT subject, NULL, 'forgotten', '', MIN(at) FROM audit_log
                    WHERE action = 'subscriber.forget' AND subject LIKE 'sha256:%'
                    GROUP BY subject;
                """)
        let rows = try Row.fetchAll(
            db, sql: "SELECT email, unsubscribed_at FROM subscribers WHERE unsubscribed_at IS NOT NULL")
        for row in rows {
            let email: String = row["email"]
            let at: Double = row["unsubscribed_at"]
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO suppressions (address_hash, email, reason, suppressed_at)
                    VALUES (?, ?, 'unsubscribed', ?)
                    """,
                arguments: [addressHash(email), email, at])
        }
    }
}
