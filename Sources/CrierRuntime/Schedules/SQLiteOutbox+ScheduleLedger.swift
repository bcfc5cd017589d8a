import CrierStore

/// The outbox keeps the scheduler's sightings and slot records, in the tables whose unique keys
/// make each slot fire once.
extension SQLiteOutbox: ScheduleLedger {}
