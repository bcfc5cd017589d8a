import CrierCore
public import CrierTemplates
public import Logging

extension CrierSystem {
    /// The scheduler for `catalog`: composing with `library` into this installation's outbox, which
    /// is also its slot ledger, on this system's clock, with crier.yml's quiet hours and misfire grace.
    public func makeScheduler(
        catalog: ScheduleCatalog, library: TemplateLibrary, logger: Logger = Logger(label: "crier.scheduler")
    ) -> Scheduler {
        let inputs = schedulerInputs(catalog: catalog, library: library, configuration: configuration)
        return Scheduler(
            catalog: catalog, composer: inputs.composer, bulletins: inputs.bulletins, ledger: outbox, clock: clock,
            planner: inputs.planner, misfireGrace: inputs.misfireGrace, areaIDs: inputs.areaIDs, logger: logger)
    }

    /// What a scheduler fires from: `catalog` composed with `library`, planned with the quiet
    /// hours and misfire grace of `configuration` (the running one, or a reloaded one).
    func schedulerInputs(
        catalog: ScheduleCatalog, library: TemplateLibrary, configuration: CrierConfiguration
    ) -> SchedulerInputs {
        SchedulerInputs(
            catalog: catalog, composer: Composer(system: self, library: library),
            bulletins: BulletinComposer(outbox: outbox, library: library, timeZone: configuration.timeZone),
            planner: SchedulePlanner(configuration: configuration), misfireGrace: configuration.misfireGrace,
            areaIDs: configuration.areas.map(\.id))
    }
}
