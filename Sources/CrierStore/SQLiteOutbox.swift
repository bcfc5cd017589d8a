public import Foundation
internal import GRDB

/// The durable outbox in one SQLite file: every message, delivery, attempt and audit line.
///
/// One value owns the database connection and its migrations and exposes domain methods that each
/// run as one transaction, after GRDB's demo `AppDatabase`. Several processes (a running daemon and
/// a `status` command) may open the same file: WAL mode and a busy timeout make them take turns.
public final class SQLiteOutbox: Sendable {
    /// The connection: a pool for a file, a queue for an in-memory database.
    let dbWriter: any DatabaseWriter
    /// Where the data lives, for error messages (`:memory:` when in memory).
    public let path: String

    /// How long a write waits for another process's transaction before failing, in seconds.
    public static let busyTimeout: TimeInterval = 10

    /// Opens (creating it if needed, owner-only) the outbox file at `path` and applies pending migrations.
    public convenience init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        try Self.prepareFile(at: url)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: url.path, configuration: Self.makeConfiguration())
        } catch {
            throw OutboxStoreError.openFailed(path: url.path, reason: Self.describe(error))
        }
        try self.init(writer: pool, path: url.path)
        try Self.restrictSidecarFiles(of: url)
    }

    /// Opens a private in-memory outbox, for tests and dry runs.
    public static func inMemory() throws -> SQLiteOutbox {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: makeConfiguration())
        } catch {
            throw OutboxStoreError.openFailed(path: ":memory:", reason: describe(error))
        }
        return try SQLiteOutbox(writer: queue, path: ":memory:")
    }

    init(writer: any DatabaseWriter, path: String) throws {
        self.dbWriter = writer
        self.path = path
        do {
            try Self.migrator.migrate(writer)
        } catch {
            throw OutboxStoreError.migrationFailed(path: path, reason: Self.describe(error))
        }
    }

    /// The names of the migrations applied to this database, oldest first.
    public func appliedMigrations() throws -> [String] {
        try read("list migrations") { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
    }

    /// Connection settings: durable commits, enforced foreign keys, patience with other processes.
    static func makeConfiguration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // A 32 MiB page cache (SQLite's default is 2 MiB) keeps the indexes of a 100,000-row
            // import or composition in memory instead of writing and re-reading their pages.
            try db.execute(sql: "PRAGMA cache_size = -32768")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // Deleted and overwritten content is zeroed, so a forgotten address does not linger in
            // free space within the file (see `truncateWriteAheadLog` for the log).
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        return config
    }

    // MARK: - Transactions with errors that name the file and the operation

    /// Runs `body` in one write transaction, turning SQLite errors into `OutboxStoreError`.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try dbWriter.write(body)
        } catch {
            throw storeError(error, operation: operation)
        }
    }

    /// Runs `body` in one read transaction, turning SQLite errors into `OutboxStoreError`.
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try dbWriter.read(body)
        } catch {
            throw storeError(error, operation: operation)
        }
    }

    /// Runs `body` in one write transaction on GRDB's own queue while the calling task is
    /// suspended, so a long write never holds a thread of Swift's cooperative pool.
    func write<T: Sendable>(_ operation: String, _ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await dbWriter.write(body)
        } catch {
            throw storeError(error, operation: operation)
        }
    }

    /// Runs `body` in one read transaction without holding a thread of the cooperative pool.
    func read<T: Sendable>(_ operation: String, _ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await dbWriter.read(body)
        } catch {
            throw storeError(error, operation: operation)
        }
    }

    /// The error a failed transaction reports: the store's own errors as they are, anything else
    /// as a database failure naming the file and the operation.
    private func storeError(_ error: any Error, operation: String) -> any Error {
        if error is OutboxStoreError || error is LifecycleStoreError { return error }
        return OutboxStoreError.databaseFailed(path: path, operation: operation, reason: Self.describe(error))
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "\(error.resultCode)"
        }
        return String(describing: error)
    }
}
