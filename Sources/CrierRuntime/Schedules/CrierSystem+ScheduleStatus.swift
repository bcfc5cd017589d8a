import CrierCore
import CrierStore
import CrierYAML
import Foundation

extension CrierSystem {
    /// Adds the schedules' next firings, the missed slots and any invalid schedule files to `status`.
    ///
    /// Templates or schedules that cannot be read are reported, not thrown: `status` must still answer.
    func addScheduleStatus(to status: inout SystemStatus, now: Date) throws {
        let missed = try outbox.slots(outcome: .missed)
        status.missedSlotCount = missed.count
        status.missedSlots = missed.sorted { $0.firedAt < $1.firedAt }.suffix(SystemStatus.missedShown).map {
            SystemStatus.MissedSlot(schedule: $0.scheduleID, slot: $0.slotKey, recordedAt: $0.firedAt)
        }
        status.notSentOneOffs = try outbox.slots(outcome: .passedBeforeEnabled).map {
            SystemStatus.MissedSlot(schedule: $0.scheduleID, slot: $0.slotKey, recordedAt: $0.firedAt)
        }
        let catalog: ScheduleCatalog
        do {
            catalog = try scheduleCatalog()
        } catch {
            status.scheduleProblems = ["templates: \(error)"]
            return
        }
        status.scheduleProblems = catalog.problems.map(\.description)
        let planner = SchedulePlanner(configuration: configuration)
        status.nextFirings = catalog.active.compactMap { planner.nextFiring(of: $0, after: now) }
            .sorted { $0.fireAt != $1.fireAt ? $0.fireAt < $1.fireAt : $0.scheduleID < $1.scheduleID }
            .map { firing in
                SystemStatus.NextFiring(
                    schedule: firing.scheduleID, localTime: firing.localTime, utcTime: firing.utcTime,
                    heldFrom: firing.isHeld ? firing.slot.localTime : nil)
            }
    }
}
