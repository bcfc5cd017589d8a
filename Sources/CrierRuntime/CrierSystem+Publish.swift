import CrierTemplates
public import Foundation
import Logging
import Synchronization

extension CrierSystem {
    /// Writes the CAP files, feeds and area pages for what the outbox holds now.
    @discardableResult
    public func publish(to folder: URL) throws -> PublishReport {
        try publish(to: folder, library: try templates())
    }

    func publish(to folder: URL, library: TemplateLibrary) throws -> PublishReport {
        let settings = PublishSettings(configuration: configuration)
        let now = clock.now()
        let alerts = try PublishableAlert.load(from: outbox, templates: library, settings: settings, now: now)
        return try Publisher(settings: settings).publish(to: folder, alerts: alerts, now: now)
    }
}

extension CrierSystem {
    /// Seconds between republishing runs while deliveries keep arriving.
    static let republishInterval: Double = 2

    /// A callback for the dispatcher that republishes `publish.dir` after deliveries, or nil when
    /// nothing is published. A failure to publish is logged; it never stops delivery.
    func makeRepublisher(logger: Logger) throws -> (@Sendable (Int) -> Void)? {
        guard let folder = configuration.publishDirectory else { return nil }
        let library = try templates()
        let last = Mutex(Date.distantPast)
        let pending = Mutex(false)
        return { [self] delivered in
            let now = clock.now()
            let due = pending.withLock { waiting in
                waiting = waiting || delivered > 0
                let final = delivered == Dispatcher.finalRecording
                guard waiting, final || last.withLock({ now.timeIntervalSince($0) >= Self.republishInterval }) else {
                    return false
                }
                waiting = false
                return true
            }
            guard due else { return }
            last.withLock { $0 = now }
            do {
                let report = try publish(to: folder, library: library)
                if !report.written.isEmpty {
                    logger.info(
                        "republished", metadata: ["folder": "\(folder.path)", "files": "\(report.written.count)"])
                }
            } catch {
                logger.error("publishing failed", metadata: ["folder": "\(folder.path)", "error": "\(error)"])
            }
        }
    }
}
