internal import GRDB

extension SQLiteOutbox {
    /// Sign-up requests waiting for the person to follow their confirmation link (the link's token
    /// is kept only as a hash), the consent a confirmed subscriber gave, and `notices`: the messages
    /// that are not alerts (confirmation emails), which history, feeds and pages leave out.
    static func createSignups(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE signups (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    email TEXT NOT NULL COLLATE NOCASE,
                    area TEXT NOT NULL,
                    topics TEXT NOT NULL,
                    locale TEXT NOT NULL,
                    source TEXT NOT NULL,
                    wording_version TEXT NOT NULL,
                    message_id TEXT,
                    requested_at REAL NOT NULL,
                    expires_at REAL NOT NULL CHECK (expires_at > requested_at)
                ) WITHOUT ROWID;
                CREATE INDEX signups_email ON signups(email);
                CREATE INDEX signups_expiry ON signups(expires_at);
                CREATE TABLE notices (
                    message_id TEXT PRIMARY KEY NOT NULL REFERENCES messages(id),
                    kind TEXT NOT NULL CHECK (kind IN ('subscribe-confirm'))
                ) WITHOUT ROWID;
                ALTER TABLE subscribers ADD COLUMN consent_at REAL;
                ALTER TABLE subscribers ADD COLUMN consent_source TEXT;
                ALTER TABLE subscribers ADD COLUMN consent_wording TEXT;
                """)
    }
}
