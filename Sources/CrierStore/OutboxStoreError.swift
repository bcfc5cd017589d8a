/// Why the outbox could not do what was asked, naming the file and the operation.
public struct OutboxStoreError: Error, CustomStringConvertible, Equatable {
    private enum Kind: Equatable {
        case openFailed(path: String, reason: String)
        case migrationFailed(path: String, reason: String)
        case databaseFailed(path: String, operation: String, reason: String)
        case invalidValue(path: String, table: String, column: String, value: String)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    static func openFailed(path: String, reason: String) -> Self { Self(.openFailed(path: path, reason: reason)) }

    static func migrationFailed(path: String, reason: String) -> Self {
        Self(.migrationFailed(path: path, reason: reason))
    }

    static func databaseFailed(path: String, operation: String, reason: String) -> Self {
        Self(.databaseFailed(path: path, operation: operation, reason: reason))
    }

    static func invalidValue(path: String, table: String, column: String, value: String) -> Self {
        Self(.invalidValue(path: path, table: table, column: column, value: value))
    }

    /// A message an operator can act on.
    public var description: String {
        switch kind {
        case .openFailed(let path, let reason):
            "cannot open the outbox \(path): \(reason) (check the `database` path in crier.yml and its permissions)"
        case .migrationFailed(let path, let reason):
            "cannot bring the outbox \(path) up to date: \(reason) (was it written by a newer crier?)"
        case .databaseFailed(let path, let operation, let reason):
            "outbox \(path): \(operation) failed: \(reason)"
        case .invalidValue(let path, let table, let column, let value):
            "outbox \(path): table \(table), column \(column) holds an unknown value '\(value)'"
        }
    }
}
