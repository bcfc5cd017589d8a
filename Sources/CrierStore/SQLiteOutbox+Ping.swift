internal import GRDB

extension SQLiteOutbox {
    /// Reads one row from the database: throws when it does not answer (for `/readyz`).
    public func ping() throws {
        _ = try read("check the database answers") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations")
        }
    }
}
