import Foundation

/// One set of what the scheduler fires from: the schedules, the composers bound to one template
/// library, the planner (quiet hours) and the misfire grace. A reload swaps the whole set.
struct SchedulerInputs: Sendable {
    let catalog: ScheduleCatalog
    let composer: any SlotComposer
    let bulletins: BulletinComposer
    let planner: SchedulePlanner
    let misfireGrace: TimeInterval
    let areaIDs: [String]
}
