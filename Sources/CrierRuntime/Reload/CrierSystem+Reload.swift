import CrierCore
import CrierTemplates
import Foundation
public import Logging
import Synchronization

/// Reloading an installation's inputs on SIGHUP, as Alertmanager does: crier.yml, the templates
/// and the schedules are read again and checked as `crier run` checks them at start; a set that
/// would not start is refused, its errors logged, and the running set stays active.
///
/// What a reload applies:
///
/// | input | on reload |
/// |---|---|
/// | `templates/` | the new library composes from the next scheduler pass on |
/// | `schedules/` | the new catalog fires from the next pass (new schedules: future slots only; each slot still fires once) |
/// | crier.yml `quiet_hours`, `misfire_grace` | applied with the schedules |
/// | any other crier.yml key (database, email, endpoints, areas, topics, http, publish, ...) | unchanged: the reload is refused, naming the keys, until crier is restarted |
///
/// Refusing rather than half-applying keeps one rule: the active set is always one whole set
/// that passed the start-up checks. `/readyz` stays 200 after a refused reload (the running set is
/// valid and serving); `crier_config_last_reload_successful` says 0 until a reload succeeds.
extension CrierSystem {
    /// Reads the inputs again and, if they are valid, makes them this system's (for `/readyz` and
    /// anything else that asks) and `scheduler`'s from its next pass; logs the outcome.
    @discardableResult
    public func reload(scheduler: Scheduler?, logger: Logger) -> ReloadOutcome {
        let outcome = reloadedInputs(scheduler: scheduler)
        let now = clock.now()
        switch outcome {
        case .reloaded(let templates, let schedules, let active):
            loaded.withLock { $0.lastReload = ReloadRecord(succeeded: true, at: now, activeSince: now) }
            logger.info(
                "reloaded",
                metadata: ["templates": "\(templates)", "schedules": "\(schedules)", "active": "\(active)"])
        case .refused(let reasons):
            loaded.withLock {
                $0.lastReload = ReloadRecord(
                    succeeded: false, at: now, activeSince: $0.lastReload?.activeSince ?? startedAt)
            }
            for reason in reasons {
                logger.error("reload refused", metadata: ["error": "\(reason)"])
            }
            logger.error(
                "reload refused; the running configuration, templates and schedules stay active",
                metadata: ["errors": "\(reasons.count)"])
        }
        return outcome
    }

    /// The last reload, if there was one.
    public var lastReload: ReloadRecord? { loaded.withLock { $0.lastReload } }

    private func reloadedInputs(scheduler: Scheduler?) -> ReloadOutcome {
        let fresh: CrierConfiguration
        do {
            fresh = try ConfigurationLoader.load(from: configuration.file)
        } catch {
            return .refused(reasons: ["\(error)"])
        }
        let restartOnly = Self.restartOnlyChanges(from: configuration, to: fresh)
        guard restartOnly.isEmpty else {
            return .refused(reasons: [
                "\(configuration.file.lastPathComponent): \(restartOnly.joined(separator: ", ")) changed: "
                    + "restart crier to apply (a reload applies templates, schedules, quiet_hours and misfire_grace)"
            ])
        }
        let library: TemplateLibrary
        do {
            library = try Self.loadTemplates(for: fresh)
        } catch {
            return .refused(reasons: ["\(error)"])
        }
        let catalog = ScheduleLoader.load(directory: fresh.schedulesDirectory, configuration: fresh, library: library)
        guard catalog.problems.isEmpty else { return .refused(reasons: catalog.problems.map { "\($0)" }) }
        loaded.withLock { inputs in
            inputs.templates = .success(library)
            inputs.schedules = catalog
        }
        scheduler?.replaceInputs(schedulerInputs(catalog: catalog, library: library, configuration: fresh))
        return .reloaded(
            templates: library.templates.count, schedules: catalog.schedules.count, active: catalog.active.count)
    }

    /// The crier.yml keys whose change a reload cannot apply.
    static func restartOnlyChanges(from old: CrierConfiguration, to new: CrierConfiguration) -> [String] {
        var keys: [String] = []
        func compare<Value: Equatable>(_ key: String, _ path: KeyPath<CrierConfiguration, Value>) {
            if old[keyPath: path] != new[keyPath: path], !keys.contains(key) { keys.append(key) }
        }
        compare("timezone", \.timeZone)
        compare("database", \.database)
        compare("templates", \.templatesDirectory)
        compare("schedules", \.schedulesDirectory)
        compare("sender", \.senderName)
        compare("sender", \.senderEmail)
        compare("sender", \.capSender)
        compare("areas", \.areas)
        compare("topics", \.topics)
        compare("email", \.email)
        compare("endpoints", \.endpoints)
        compare("retry", \.retry)
        compare("network", \.allowPrivateNetworks)
        compare("network", \.allowedNetworks)
        compare("endpoints", \.endpointAllowedNetworks)
        compare("approvals", \.actualAlertsNeedApproval)
        compare("publish", \.publishDirectory)
        compare("publish", \.publishExercises)
        compare("publish", \.publishFileMode)
        compare("publish", \.publishDirectoryMode)
        compare("dispatch", \.dispatch)
        compare("http", \.http)
        compare("partners", \.partners)
        return keys
    }
}
