internal import GRDB

extension SQLiteOutbox {
    /// Bounces and complaints as they were reported (by a partner or a scanned delivery status
    /// notification), one row each, so the soft-bounce rule can count them over a window.
    static func createBounces(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE bounces (
                    id INTEGER PRIMARY KEY,
                    address_hash TEXT NOT NULL CHECK (address_hash LIKE 'sha256:%'),
                    email TEXT COLLATE NOCASE,
                    kind TEXT NOT NULL CHECK (kind IN ('hard', 'soft', 'complaint')),
                    reason TEXT NOT NULL DEFAULT '',
                    source TEXT NOT NULL,
                    received_at REAL NOT NULL
                );
                CREATE INDEX bounces_address ON bounces(address_hash, kind, received_at);
                """)
    }
}
