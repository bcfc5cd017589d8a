public import CrierCore
public import Foundation

/// What the scheduler needs from the store: when it saw each schedule, and which slots are done.
///
/// Recording a slot is the only existence check: `recordSlot` inserts or ignores, and says which.
/// A slot whose message is composed is recorded by the composition itself (in the same
/// transaction as the message); this role records the slots that send nothing (missed, skipped,
/// passed before enabled). SQLite implements it; tests use an in-memory ledger; both pass one
/// conformance suite.
public protocol ScheduleLedger: Sendable {
    /// Records that the scheduler sees `scheduleID`, `enabled` or not, at `at`, and returns what is
    /// now known of it. The first sighting is kept for ever; `enabledSince` starts when it is first
    /// seen enabled, or seen enabled again after being seen disabled, and is nil while disabled.
    func noteSighting(of scheduleID: String, enabled: Bool, at: Date) async throws -> ScheduleSighting

    /// Records `slotKey` of `scheduleID` with `outcome` and no message; false (nothing written) when
    /// that slot was already recorded, with any outcome.
    func recordSlot(_ slotKey: String, of scheduleID: String, outcome: SlotOutcome, at: Date) async throws -> Bool

    /// The greatest slot key recorded for `scheduleID` (see `SlotKey` for how keys order), where
    /// catching up after downtime starts; nil when none is.
    func lastSlotKey(of scheduleID: String) async throws -> String?
}
