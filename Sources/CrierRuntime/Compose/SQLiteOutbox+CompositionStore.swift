import CrierStore

/// The SQLite outbox takes compositions: explicit deliveries, and audiences the database itself
/// expands into one delivery per resident.
extension SQLiteOutbox: CompositionStore {}

extension SQLiteOutbox: AudienceCompositionStore {}
