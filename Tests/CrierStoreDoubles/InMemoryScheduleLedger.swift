public import CrierCore
public import CrierRuntime
public import Foundation
import Synchronization

/// The scheduler's ledger in memory: sightings and slot records with the same rules as the
/// outbox's tables (a slot is recorded once; the first sighting is kept), for unit tests.
public final class InMemoryScheduleLedger: ScheduleLedger {
    private struct State {
        var sightings: [String: ScheduleSighting] = [:]
        /// Recorded slots by schedule id, then key.
        var slots: [String: [String: SlotOutcome]] = [:]
    }

    private let state = Mutex(State())

    /// An empty ledger.
    public init() {}

    public func noteSighting(of scheduleID: String, enabled: Bool, at: Date) async throws -> ScheduleSighting {
        state.withLock { state in
            var sighting =
                state.sightings[scheduleID]
                ?? ScheduleSighting(scheduleID: scheduleID, firstSeenAt: at, enabledSince: enabled ? at : nil)
            if enabled, sighting.enabledSince == nil {
                sighting.enabledSince = max(at, sighting.firstSeenAt)
            } else if !enabled {
                sighting.enabledSince = nil
            }
            state.sightings[scheduleID] = sighting
            return sighting
        }
    }

    public func recordSlot(_ slotKey: String, of scheduleID: String, outcome: SlotOutcome, at: Date) async throws
        -> Bool
    {
        state.withLock { state in
            guard state.slots[scheduleID]?[slotKey] == nil else { return false }
            state.slots[scheduleID, default: [:]][slotKey] = outcome
            return true
        }
    }

    public func lastSlotKey(of scheduleID: String) async throws -> String? {
        state.withLock { $0.slots[scheduleID]?.keys.max() }
    }

    /// The outcome recorded for one slot, if any: for tests' assertions.
    public func outcome(of slotKey: String, scheduleID: String) -> SlotOutcome? {
        state.withLock { $0.slots[scheduleID]?[slotKey] }
    }
}
