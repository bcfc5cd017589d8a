import CrierCore
public import CrierTemplates
public import Logging

extension CrierSystem {
    /// The scheduler for `catalog`: composing with `library` into this installation's outbox, which
    /// is also its slot ledger, on this system's clock, with crier.yml's quiet hours and misfire grace.
    public func makeScheduler(
        catalog: ScheduleCatalog, library: TemplateLibrary, logger: Logger = Logger(label: "crier.scheduler")
    ) -> Scheduler {
        Scheduler(
            catalog: catalog, composer: Composer(system: self, library: library),
            bulletins: BulletinComposer(outbox: outbox, library: library, timeZone: configuration.timeZone),
            ledger: outbox, clock: clock, planner: SchedulePlanner(configuration: configuration),
            misfireGrace: configuration.misfireGrace, areaIDs: configuration.areas.map(\.id), logger: logger)
    }
}
