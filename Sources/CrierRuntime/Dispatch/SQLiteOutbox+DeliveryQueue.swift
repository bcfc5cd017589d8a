import CrierStore

/// The SQLite outbox serves the Dispatcher; its methods run their transactions through GRDB's
/// async API.
extension SQLiteOutbox: DeliveryQueue {}
